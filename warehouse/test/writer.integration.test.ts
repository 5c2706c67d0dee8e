// The writer against a real Redis (REDIS_TEST_URL, else the configured REDIS_URL) and a
// temporary chDB directory; every test uses its own random stream, group and dead-letter names.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { loadConfig } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { createPhoneProtector } from '../../common/pii.js';
import { ChdbWarehouse } from '../src/edges/chdb.js';
import { WH_ERR } from '../src/errors.js';
import { migrate } from '../src/migrate.js';
import { countDeviceEvents, countDeviceStatus, getCallRecords } from '../src/queries/call-records.js';
import type { Warehouse } from '../src/warehouse.js';
import { FeedWriter, type FeedWriterHooks, type FeedWriterOptions } from '../src/writer/feed-writer.js';
import { feedFields, randomName, testPiiKeys } from './fixtures.js';
import { buildScenario, type Scenario } from './scenario.js';
import { dropTestDatabase, testDatabaseName } from './test-db.js';

const REDIS_URL = process.env.REDIS_TEST_URL ?? loadConfig().redisUrl;
const log = createLogger('writer-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const protect = createPhoneProtector(testPiiKeys(), 'CN');
const dir = mkdtempSync(join(tmpdir(), 'cunke-writer-test-'));
const wh = new ChdbWarehouse({ path: dir, database: testDatabaseName() });
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
const streams: string[] = [];
const started: Started[] = [];

before(async () => {
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(`writer integration tests need a Redis at ${REDIS_URL} (set REDIS_TEST_URL): ${(err as Error).message}`);
  }
  await migrate(wh);
});

after(async () => {
  // A failed test must not leave a writer running (it would keep the process alive).
  await Promise.all(started.map((w) => w.close()));
  if (streams.length > 0) await redis.del(...streams);
  redis.disconnect();
  await dropTestDatabase(wh);
  await wh.close();
  rmSync(dir, { recursive: true, force: true });
});

type Names = Pick<FeedWriterOptions, 'stream' | 'group' | 'deadLetterStream'>;

function newFeed(): Names {
  const names = { stream: randomName('test:feed:'), group: randomName('wh'), deadLetterStream: randomName('test:dlq:') };
  streams.push(names.stream, names.deadLetterStream);
  return names;
}

async function publish(stream: string, entries: Buffer[][]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const p = redis.pipeline();
    for (const fields of entries.slice(i, i + 500)) p.xadd(stream, '*', ...fields);
    await p.exec();
  }
}

interface Started {
  writer: FeedWriter;
  running: Promise<void>;
  close: () => Promise<void>;
}

function startWriter(names: Names, consumer: string, opts: Partial<FeedWriterOptions> = {}, hooks?: FeedWriterHooks, warehouse: Warehouse = wh): Started {
  const conn = redis.duplicate();
  const blocking = redis.duplicate();
  const writer = new FeedWriter(
    { redis: conn, blockingRedis: blocking, warehouse, protectPhone: protect, log, ...(hooks ? { hooks } : {}) },
    {
      ...names, consumer, deadLetterMaxLen: 1000, batchMaxRows: 64, flushIntervalMs: 30,
      readBlockMs: 100, retryBaseMs: 10, retryMaxMs: 50, lagIntervalMs: 100, ...opts,
    },
  );
  const running = writer.run();
  running.catch(() => undefined); // tests that expect a rejection assert it on `running`
  const w: Started = {
    writer,
    running,
    close: async () => {
      await writer.stop();
      conn.disconnect();
      blocking.disconnect();
    },
  };
  started.push(w);
  return w;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const drained = (stream: string) => waitFor(`${stream} to drain`, async () => (await redis.xlen(stream)) === 0);

async function pendingCount(names: Names): Promise<number> {
  try {
    const summary = (await redis.xpending(names.stream, names.group)) as [number, ...unknown[]];
    return Number(summary[0]);
  } catch (err) {
    if (String(err).includes('NOGROUP')) return 0; // the writer has not created its group yet
    throw err;
  }
}

async function assertWarehouseMatches(tenantId: string, s: Scenario): Promise<void> {
  assert.equal(await countDeviceEvents(wh, tenantId), s.distinctEvents, 'distinct ods_device_event rows');
  const [uniq] = await wh.query<{ n: string }>(
    `SELECT uniqExact(event_id) AS n FROM ${wh.tables.odsDeviceEvent} WHERE tenant_id = {t:String}`, { t: tenantId });
  assert.equal(Number(uniq!.n), s.distinctEvents);
  assert.equal(await countDeviceStatus(wh, tenantId), s.distinctStatuses, 'distinct ods_device_status rows');
  const records = await getCallRecords(wh, tenantId, {}, { limit: 100_000 });
  assert.equal(records.length, s.calls.size, 'one record per call');
  for (const r of records) {
    const { status, duration_s, talk_ms, ring_ms, start_time, end_time, answered_at, hangup_cause, ended_cause, task_id, phone_masked, recording_id } = r;
    assert.deepEqual(
      { status, duration_s: Number(duration_s), talk_ms, ring_ms, start_time, end_time, answered_at, hangup_cause, ended_cause, task_id, phone_masked, recording_id },
      s.calls.get(r.call_id),
      `record of ${r.call_id}`,
    );
  }
}

test('writes every entry exactly once: duplicates and shuffled steps fold; bad entries are dead-lettered', async () => {
  const tenant = randomName('t');
  const s = buildScenario({ tenantId: tenant, calls: 60, seed: 11 });
  const names = newFeed();
  const garbage = feedFields('e', Buffer.from('definitely not a protobuf message'), Date.now());
  const malformed = [Buffer.from('k'), Buffer.from('e'), Buffer.from('t'), Buffer.from('1')];
  await publish(names.stream, [...s.entries.slice(0, 100), garbage, malformed, ...s.entries.slice(100)]);

  const w = startWriter(names, 'writer-1');
  await drained(names.stream);
  await w.close();
  await w.running;

  await assertWarehouseMatches(tenant, s);
  assert.equal(await pendingCount(names), 0);
  const dead = await redis.xrange(names.deadLetterStream, '-', '+');
  const reasons = dead.map(([, fields]) => fields[fields.indexOf('code') + 1]).sort();
  assert.deepEqual(reasons, [WH_ERR.MALFORMED_ENTRY, WH_ERR.DECODE].sort());
  for (const [, fields] of dead) assert.ok(fields.includes('feed_id') && fields.includes('detail'));

  const batches = (await w.writer.metrics.batches.get()).values[0]!.value;
  assert.ok(batches > 1, `several batches (got ${batches})`);
  const rows = await w.writer.metrics.rowsWritten.get();
  const odsRows = rows.values.find((v) => v.labels.table === 'ods_device_event')!.value;
  assert.equal(odsRows, s.entries.filter((f) => f[1]!.toString() === 'e').length, 'every event entry inserted, replays included');

  // No raw phone number anywhere in what was stored.
  const stored = JSON.stringify([
    await wh.query(`SELECT * FROM ${wh.tables.odsDeviceEvent} WHERE tenant_id = {t:String}`, { t: tenant }),
    await getCallRecords(wh, tenant, {}, { limit: 100_000 }),
  ]);
  for (const phone of s.phones) assert.ok(!stored.includes(phone) && !stored.includes(phone.slice(3)), 'raw phone stored');
});

/** Gateway-style batch entries (common/feed.ts): t and g once, then one k/b pair per message. */
function batchEntries(entries: Buffer[][], size: number): Buffer[][] {
  const out: Buffer[][] = [];
  for (let i = 0; i < entries.length; i += size) {
    const first = entries[i]!;
    const fields = [Buffer.from('t'), first[first.findIndex((f, j) => j % 2 === 0 && f.toString() === 't') + 1]!, Buffer.from('g'), Buffer.from('gw-batch')];
    for (const e of entries.slice(i, i + size)) fields.push(Buffer.from('k'), e[1]!, Buffer.from('b'), e[3]!);
    out.push(fields);
  }
  return out;
}

test('batch entries: every message of every entry lands once; a bad message is dead-lettered alone, its neighbours written', async () => {
  const tenant = randomName('t');
  const s = buildScenario({ tenantId: tenant, calls: 40, seed: 5 });
  const names = newFeed();
  const garbage = feedFields('e', Buffer.from('definitely not a protobuf message'), Date.now());
  const singles = [...s.entries.slice(0, 70), garbage, ...s.entries.slice(70)];
  const batched = batchEntries(singles, 37);
  await publish(names.stream, batched);

  const w = startWriter(names, 'writer-batches', { readCount: 100 });
  await drained(names.stream);
  await w.close();
  await w.running;

  await assertWarehouseMatches(tenant, s);
  const dead = await redis.xrangeBuffer(names.deadLetterStream, '-', '+');
  assert.equal(dead.length, 1, 'only the bad message');
  const fields = dead[0]![1].map((f) => f.toString());
  assert.equal(fields[fields.indexOf('code') + 1], WH_ERR.DECODE);
  assert.equal(fields[fields.indexOf('b') + 1], 'definitely not a protobuf message');
  assert.equal(fields.filter((f) => f === 'k').length, 1, 'the dead letter holds the one message, not its batch');
  assert.match(fields[fields.indexOf('feed_id') + 1]!, /^\d+-\d+$/);
  assert.equal(await pendingCount(names), 0);
});

test('a writer killed between insert and ack loses nothing and doubles nothing (taken over by another consumer)', async () => {
  const tenant = randomName('t');
  const s = buildScenario({ tenantId: tenant, calls: 40, seed: 23 });
  const names = newFeed();
  await publish(names.stream, s.entries);

  const crash: FeedWriterHooks = { afterInsert: () => { throw new Error('simulated crash after insert'); } };
  const a = startWriter(names, 'writer-a', { batchMaxRows: 100_000 }, crash);
  await assert.rejects(a.running, /simulated crash/);
  await a.close();
  assert.equal(await pendingCount(names), s.entries.length, 'nothing acknowledged');
  assert.equal(await redis.xlen(names.stream), s.entries.length);
  assert.equal(await countDeviceEvents(wh, tenant), s.distinctEvents, 'the batch was inserted before the crash');

  const b = startWriter(names, 'writer-b', { claimMinIdleMs: 100 });
  await drained(names.stream);
  await b.close();
  await b.running;
  assert.ok((await b.writer.metrics.reclaimed.get()).values[0]!.value >= s.entries.length);
  await assertWarehouseMatches(tenant, s);
  assert.equal(await pendingCount(names), 0);
});

test('a restarted writer resumes its own pending entries at once', async () => {
  const tenant = randomName('t');
  const s = buildScenario({ tenantId: tenant, calls: 20, seed: 5 });
  const names = newFeed();
  await publish(names.stream, s.entries);

  const crash: FeedWriterHooks = { afterInsert: () => { throw new Error('simulated crash after insert'); } };
  const first = startWriter(names, 'writer-same', { batchMaxRows: 100_000 }, crash);
  await assert.rejects(first.running, /simulated crash/);
  await first.close();

  // Two pending entries vanish from the stream (as if trimmed): they must be counted as lost and
  // cleared from the pending list, not block the consumer.
  const [e1, e2] = await redis.xrange(names.stream, '-', '+', 'COUNT', 2);
  await redis.xdel(names.stream, e1![0], e2![0]);

  // A claim threshold far beyond the test's duration: only the own-pending path can recover.
  const again = startWriter(names, 'writer-same', { claimMinIdleMs: 3_600_000 });
  await drained(names.stream);
  await again.close();
  await again.running;
  await assertWarehouseMatches(tenant, s); // everything was inserted before the crash
  assert.equal((await again.writer.metrics.lost.get()).values[0]!.value, 2);
  assert.equal(await pendingCount(names), 0);
});

test('insert failures are retried with backoff and nothing is acknowledged until they succeed', async () => {
  const tenant = randomName('t');
  const s = buildScenario({ tenantId: tenant, calls: 10, seed: 9 });
  const names = newFeed();
  await publish(names.stream, s.entries);

  let failuresLeft = 3;
  const lengthsSeenWhileFailing: number[] = [];
  const flaky: Warehouse = {
    backend: wh.backend, database: wh.database, tables: wh.tables,
    command: (sql) => wh.command(sql),
    query: (sql, params) => wh.query(sql, params),
    close: async () => undefined,
    insert: (table, rows) => wh.insert(table, rows),
    insertEncoded: async (table, body, columns) => {
      if (failuresLeft > 0) {
        failuresLeft--;
        lengthsSeenWhileFailing.push(await redis.xlen(names.stream));
        throw new Error('Code: 241. DB::Exception: Memory limit exceeded (simulated)');
      }
      return wh.insertEncoded(table, body, columns);
    },
  };
  const w = startWriter(names, 'writer-flaky', { batchMaxRows: 100_000 }, undefined, flaky);
  await drained(names.stream);
  await w.close();
  await w.running;
  assert.deepEqual(lengthsSeenWhileFailing, [s.entries.length, s.entries.length, s.entries.length]);
  const failures = (await w.writer.metrics.insertFailures.get()).values.reduce((n, v) => n + v.value, 0);
  assert.equal(failures, 3);
  await assertWarehouseMatches(tenant, s);
});

test('stop() flushes what was read, then returns', async () => {
  const tenant = randomName('t');
  const s = buildScenario({ tenantId: tenant, calls: 10, seed: 3 });
  const names = newFeed();
  // A flush interval longer than the test: only stop() can make this batch flush.
  const w = startWriter(names, 'writer-stop', { flushIntervalMs: 600_000, batchMaxRows: 100_000 });
  await publish(names.stream, s.entries);
  await waitFor('entries to be read', async () => (await pendingCount(names)) === s.entries.length);
  await w.close();
  await w.running;
  assert.equal(await redis.xlen(names.stream), 0);
  await assertWarehouseMatches(tenant, s);
});
