// Embedded backend: ClickHouse running inside this process (npm `chdb`). A data directory
// belongs to ONE process (a second one fails with "Cannot lock file"), so in the embedded
// setup exactly one process opens it. Every call goes through the async API, which runs on a
// libuv thread; inserts are raw JSON(Compact)EachRow Buffers parsed by the engine, not JS objects.
import { Session } from 'chdb';
import { SHARED_SETTINGS, tableNames, type QueryParams, type TableNames, type Warehouse } from '../warehouse.js';
import { encodeJsonEachRow, parseJsonEachRow } from './json-each-row.js';

export interface ChdbWarehouseOptions {
  /** Data directory (config.chdbPath). */
  path: string;
  /** Database holding the Cunke tables (config.clickhouseDatabase). */
  database: string;
}

export class ChdbWarehouse implements Warehouse {
  readonly backend = 'chdb' as const;
  readonly database: string;
  readonly tables: TableNames;
  private readonly session: Session;

  constructor(options: ChdbWarehouseOptions) {
    this.database = options.database;
    this.tables = tableNames(options.database);
    // Settings that shape results are connection arguments: a SET would not outlive the call.
    const connectionArgs = Object.entries(SHARED_SETTINGS).map(([k, v]) => `--${k}=${v}`);
    this.session = new Session(options.path, { connectionArgs });
  }

  async command(sql: string): Promise<void> {
    await this.session.queryAsync(sql, { format: 'TSV' });
  }

  async query<T = Record<string, unknown>>(sql: string, params: QueryParams = {}): Promise<T[]> {
    const result = await this.session.queryBindAsync(sql, params, { format: 'JSONEachRow' });
    return parseJsonEachRow<T>(result.text());
  }

  async insert(table: string, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    await this.insertEncoded(table, await encodeJsonEachRow(rows));
  }

  async insertEncoded(table: string, body: Buffer, columns?: readonly string[]): Promise<void> {
    if (body.length === 0) return;
    // Raw passthrough: the Buffer goes to the engine zero-copy and is parsed there.
    if (columns) await this.session.insert({ table, values: body, format: 'JSONCompactEachRow', columns });
    else await this.session.insert({ table, values: body, format: 'JSONEachRow' });
  }

  async close(): Promise<void> {
    this.session.close();
  }
}
