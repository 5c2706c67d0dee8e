// An API instance for tests, in this process, on the test stack's Redis and its own temporary
// chDB (with the feed writers running, as in the embedded setup), plus helpers to create
// tenants and keys through the real identity store and to call the API over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Role } from '../../common/access/permissions.js';
import type { Config } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { startApi, type ApiHandle } from '../../api/src/server.js';
import { ChdbWarehouse } from '../../warehouse/src/edges/chdb.js';
import { migrate } from '../../warehouse/src/migrate.js';
import { testConfig } from './services.js';

export interface TestApi extends ApiHandle {
  config: Config;
  /** Every log line the API wrote, for redaction checks. */
  logLines: string[];
  /** A user with `role` in `tenantId` (tenant created when new) and an API key for them. */
  keyFor(tenantId: string, role: Role, scopes?: string[]): Promise<string>;
  call(method: string, path: string, opts?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: ApiBody; headers: Headers }>;
  close(): Promise<void>;
}

export interface ApiBody {
  code: number;
  message: string;
  errorCode?: string;
  errors?: { field: string; rule: string; message: string }[];
  // any: tests index into response data freely; each test asserts the fields it relies on.
  data: any;
}

export async function startTestApi(overrides: Partial<Config> = {}, opts: { warehouse?: ChdbWarehouse; runWriters?: boolean } = {}): Promise<TestApi> {
  const config = testConfig({ apiPort: 0, liveHubPort: 0, writerFlushIntervalMs: 100, ...overrides });
  const logLines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } });
  const log = createLogger('api-test', 'info', sink);
  const chdbDir = opts.warehouse ? null : mkdtempSync(join(tmpdir(), 'cunke-api-'));
  const warehouse = opts.warehouse ?? new ChdbWarehouse({ path: chdbDir!, database: 'cunke' });
  if (!opts.warehouse) await migrate(warehouse);
  const api = await startApi(config, log, { warehouse, runWriters: opts.runWriters ?? true, collectDefaultMetrics: false });

  const call: TestApi['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.key) headers.authorization = `Bearer ${o.key}`;
    if (o.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${api.url}${path}`, {
      method, headers,
      body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    });
    const text = await res.text();
    let body: ApiBody;
    try {
      body = JSON.parse(text) as ApiBody;
    } catch {
      body = { code: res.status, message: text, data: null };
    }
    return { status: res.status, body, headers: res.headers };
  };

  return {
    ...api,
    config,
    logLines,
    call,
    async keyFor(tenantId, role, scopes) {
      const identity = api.deps.identity;
      if (!(await identity.getTenant(tenantId))) await identity.createTenant(tenantId, `Tenant ${tenantId}`);
      const user = await identity.createUser(tenantId, { name: `${role} of ${tenantId}`, role });
      return (await identity.createApiKey(tenantId, { userId: user.userId, name: `${role} key`, scopes, createdBy: 'test' })).key;
    },
    async close() {
      await api.stop();
      if (!opts.warehouse) {
        await warehouse.close();
        rmSync(chdbDir!, { recursive: true, force: true });
      }
    },
  };
}
