// The warehouse contract on a ClickHouse server (>= 23). Runs only when CLICKHOUSE_TEST_URL
// names one (e.g. http://default:password@127.0.0.1:8123): none can be installed on the
// development machine (Debian's clickhouse-server is 18.16, too old for {name:Type} parameters).
import { ClickHouseWarehouse } from '../src/edges/clickhouse.js';
import { warehouseContract } from './warehouse.contract.js';

const url = process.env.CLICKHOUSE_TEST_URL;

function serverOptions(raw: string): { url: string; username: string; password: string } {
  const u = new URL(raw);
  const username = decodeURIComponent(u.username) || 'default';
  const password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { url: u.toString().replace(/\/$/, ''), username, password };
}

warehouseContract({
  name: 'clickhouse server',
  open: (database) => new ClickHouseWarehouse({ ...serverOptions(url!), database }),
  skip: url
    ? false
    : 'CLICKHOUSE_TEST_URL is not set: no ClickHouse >= 23 server is available here (Debian ships 18.16); set it to run this suite',
});
