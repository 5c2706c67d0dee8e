// Picks the backend from configuration. Called by composition roots only (STYLE.md #1).
import type { Config } from '../../../common/config.js';
import type { Warehouse } from '../warehouse.js';
import { ChdbWarehouse } from './chdb.js';
import { ClickHouseWarehouse } from './clickhouse.js';

export type WarehouseConfig = Pick<
  Config,
  'warehouseBackend' | 'chdbPath' | 'clickhouseUrl' | 'clickhouseUser' | 'clickhousePassword' | 'clickhouseDatabase'
>;

export function openWarehouse(config: WarehouseConfig): Warehouse {
  switch (config.warehouseBackend) {
    case 'chdb':
      return new ChdbWarehouse({ path: config.chdbPath, database: config.clickhouseDatabase });
    case 'clickhouse':
      return new ClickHouseWarehouse({
        url: config.clickhouseUrl,
        username: config.clickhouseUser,
        password: config.clickhousePassword,
        database: config.clickhouseDatabase,
      });
    default:
      throw new TypeError(`unknown WAREHOUSE_BACKEND ${String(config.warehouseBackend)}`);
  }
}
