// Server backend: a ClickHouse server (>= 23) over HTTP through @clickhouse/client. Same SQL as
// the embedded backend; `{name:Type}` placeholders are bound by the server from query_params.
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { SHARED_SETTINGS, tableNames, type QueryParams, type TableNames, type Warehouse } from '../warehouse.js';

export interface ClickHouseWarehouseOptions {
  url: string;
  username: string;
  password: string;
  database: string;
  /** Per-request timeout; inserts of 20k-row batches finish well within the default. */
  requestTimeoutMs?: number;
  /**
   * A pre-built transport instead of HTTP (the client's `connection` injection point). Tests
   * pass chdb/connection here to run this backend's code in-process when no server exists.
   */
  connection?: NonNullable<Parameters<typeof createClient>[0]>['connection'];
}

export class ClickHouseWarehouse implements Warehouse {
  readonly backend = 'clickhouse' as const;
  readonly database: string;
  readonly tables: TableNames;
  private readonly client: ClickHouseClient;

  constructor(options: ClickHouseWarehouseOptions) {
    this.database = options.database;
    this.tables = tableNames(options.database);
    this.client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      // No `database`: it may not exist before the first migration, and every statement
      // names its tables fully qualified anyway.
      request_timeout: options.requestTimeoutMs ?? 60_000,
      clickhouse_settings: { ...SHARED_SETTINGS },
      ...(options.connection ? { connection: options.connection } : {}),
    });
  }

  async command(sql: string): Promise<void> {
    await this.client.command({ query: sql });
  }

  async query<T = Record<string, unknown>>(sql: string, params: QueryParams = {}): Promise<T[]> {
    const result = await this.client.query({ query: sql, query_params: { ...params }, format: 'JSONEachRow' });
    return result.json<T>();
  }

  async insert(table: string, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table, values: rows as object[], format: 'JSONEachRow' });
  }

  async insertEncoded(table: string, body: Buffer, columns?: readonly string[]): Promise<void> {
    if (body.length === 0) return;
    // client.insert() wants objects for JSON formats; a pre-serialised body goes through exec()
    // as the request body of an INSERT … FORMAT statement (table and column names are ours,
    // from the table map and rows.ts, never from input).
    const target = columns ? `${table} (${columns.join(', ')}) FORMAT JSONCompactEachRow` : `${table} FORMAT JSONEachRow`;
    const result = await this.client.exec({ query: `INSERT INTO ${target}`, values: Readable.from([body]) });
    result.stream.destroy();
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
