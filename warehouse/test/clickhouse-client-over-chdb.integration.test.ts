// The warehouse contract on the server backend's code (ClickHouseWarehouse: @clickhouse/client
// query, query_params, JSONEachRow results, inserts) with chdb/connection as its transport, so
// that code runs on every machine. What this cannot cover is the HTTP layer itself (how the
// client encodes query parameters on the wire): clickhouse.integration.test.ts does, against a
// real server, when CLICKHOUSE_TEST_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { createChdbConnection } from 'chdb/connection';
import { ClickHouseWarehouse, type ClickHouseWarehouseOptions } from '../src/edges/clickhouse.js';
import { warehouseContract } from './warehouse.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'cunke-chclient-contract-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// chdb declares the Connection type from @clickhouse/client-common while the client bundles its
// own copy of the same declarations; they differ only nominally, hence the cast.
const connection = (): ClickHouseWarehouseOptions['connection'] =>
  createChdbConnection({ path: dir }) as unknown as ClickHouseWarehouseOptions['connection'];

warehouseContract({
  name: 'clickhouse client over chdb/connection',
  open: (database) =>
    new ClickHouseWarehouse({ url: 'http://unused.invalid', username: 'default', password: '', database, connection: connection() }),
  skip: false,
});
