// bench:api — call-record list requests/s and latency percentiles at 1M records in the
// warehouse, through the real API process (auth, validation, two-phase page query, count,
// decryption-free masked presentation, audit). The raw ceiling is measured in the same run: the
// same warehouse queries issued in-process without HTTP, at the same concurrency.
//   BENCH_RECORDS (default 1000000), BENCH_SECONDS per scenario (10), BENCH_CONCURRENCY (8)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../common/config.js';
import { piiKeysFromHex } from '../../common/pii.js';
import { IdentityStore } from '../../api/src/identity/identity-store.js';
import { PRESENTED_COLUMNS } from '../../api/src/modules/call-records/present.js';
import { ChdbWarehouse } from '../../warehouse/src/edges/chdb.js';
import { migrate } from '../../warehouse/src/migrate.js';
import { countCallRecords, getCallRecords } from '../../warehouse/src/queries/call-records.js';
import { insertCallRecords } from './call-record-fixture.js';
import { connectRedis, namespace, testConfig } from '../support/services.js';
import { freePort } from '../support/spine.js';
import { waitFor } from '../support/wait.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const config = testConfig({ logLevel: 'warn' });
const tenant = namespace('bapi');
const chdbPath = join(config.dataDir, 'bench-api-chdb');
const T0 = Date.UTC(2026, 9, 1);

interface Result { requests: number; errors: number; rps: number; p50: number; p99: number }

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Closed loop: CONCURRENCY workers each issue the next request when the previous finished. */
async function load(next: (i: number) => Promise<boolean>): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) {
      const t = performance.now();
      const ok = await next(i++).catch(() => false);
      latencies.push(performance.now() - t);
      if (!ok) errors++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
  rmSync(chdbPath, { recursive: true, force: true });
  mkdirSync(chdbPath, { recursive: true });
  let wh = new ChdbWarehouse({ path: chdbPath, database: 'cunke' });
  await migrate(wh);
  const t = performance.now();
  await insertCallRecords(wh, pii, { tenantId: tenant, calls: RECORDS, startMs: T0, spanMs: 30 * 86_400_000, tasks: 50, devices: 200, phones: 20_000 },
    (done) => process.stderr.write(`\rinserted ${done}/${RECORDS}`));
  process.stderr.write(`\rinserted ${RECORDS} call records in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  // Background merges collapse a day's parts within minutes; measure that steady state.
  const merge = performance.now();
  await wh.command(`OPTIMIZE TABLE ${wh.tables.dwdCallRecord} FINAL`);
  process.stderr.write(`merged in ${((performance.now() - merge) / 1000).toFixed(1)} s\n`);
  const [{ recordId } = { recordId: '' }] = await wh.query<{ recordId: string }>(`SELECT toString(record_id) AS recordId FROM ${wh.tables.dwdCallRecordView} WHERE tenant_id = {t:String} LIMIT 1`, { t: tenant });
  const parts = await wh.query<{ n: string }>(`SELECT count() AS n FROM system.parts WHERE database = 'cunke' AND table = 'dwd_call_record' AND active`);

  // Raw ceiling: the API's own warehouse calls for the default page, no HTTP, same concurrency.
  const raw = await load(async () => {
    const [rows] = await Promise.all([getCallRecords(wh, tenant, {}, { limit: 10, offset: 0 }, PRESENTED_COLUMNS), countCallRecords(wh, tenant, {})]);
    return rows.length === 10;
  });
  await wh.close();

  const redis = await connectRedis(config);
  const identity = new IdentityStore(redis, pii, 'bench');
  await identity.createTenant(tenant, 'bench');
  const user = await identity.createUser(tenant, { name: 'bench', role: 'analyst' });
  const { key } = await identity.createApiKey(tenant, { userId: user.userId, name: 'bench', createdBy: 'bench' });

  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, API_PORT: String(port), CHDB_PATH: chdbPath, API_RUN_WRITER: 'false', LOG_LEVEL: 'warn', API_RATE_LIMIT_PER_MINUTE: '100000000', LIVE_HUB_PORT: '0' },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor('api up', async () => (await fetch(`${base}/health`).catch(() => null))?.ok, { timeoutMs: 60_000 });
    const headers = { authorization: `Bearer ${key}` };
    const get = (path: string) => async () => {
      const res = await fetch(`${base}${path}`, { headers });
      await res.arrayBuffer();
      return res.status === 200;
    };
    const LIST = '/api/v1/lead-generation/call-records';
    const scenarios: [string, () => Promise<boolean>][] = [
      ['list, page 1 of 10 (default sort)', get(`${LIST}?size=10`)],
      ['list, page 2000 of 50', get(`${LIST}?size=50&page=2000`)],
      ['list, task + status filter', get(`${LIST}?taskId=task-7&status=ANSWERED&size=20`)],
      ['list, phone number filter', get(`${LIST}?phoneNumber=13800000042`)],
      ['list, one day, by duration', get(`${LIST}?startTime=2026-10-15T00:00:00Z&endTime=2026-10-15T23:59:59Z&sort=duration&order=desc`)],
      ['detail by recordId', get(`${LIST}/${recordId}`)],
    ];
    const results: [string, Result][] = [['raw warehouse calls (page 1 + count, no HTTP)', raw]];
    for (const [name, fn] of scenarios) {
      for (let w = 0; w < 3; w++) await fn(); // warm caches and JIT before measuring
      results.push([name, await load(fn)]);
    }
    console.log(`\nbench:api — ${RECORDS.toLocaleString()} call records (${parts[0]?.n} active parts), ${CONCURRENCY} concurrent clients, ${SECONDS} s per scenario\n`);
    console.log('| scenario | req/s | p50 ms | p99 ms | errors |');
    console.log('|---|---|---|---|---|');
    for (const [name, r] of results) console.log(`| ${name} | ${r.rps.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`);
    const page1 = results[1]![1];
    console.log(`\nratio API page 1 ÷ raw warehouse calls: ${(page1.rps / raw.rps).toFixed(2)}`);
    console.log(JSON.stringify({ bench: 'api', records: RECORDS, concurrency: CONCURRENCY, results: Object.fromEntries(results.map(([n, r]) => [n, r])), ratio: page1.rps / raw.rps }));
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    redis.disconnect();
    rmSync(chdbPath, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
