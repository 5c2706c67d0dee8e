import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { connectRedis, dropKeys, namespace } from '../../../../test/support/services.js';
import { applyOps, type IngestPlan, type MergeOpName } from '../../domain/merge-ops.js';
import { feedMessages } from '../../../../test/support/feed.js';
import { recordBatch, defineRecordBatch } from './record-batch.js';

let redis: Redis;
const ns = namespace('lua');
const stream = `${ns}:feed`;

before(async () => {
  redis = await connectRedis();
  defineRecordBatch(redis);
});
after(async () => {
  await dropKeys(redis, `${ns}*`);
  redis.disconnect();
});

const opArb = fc.record({
  target: fc.nat(2),
  op: fc.constantFrom<MergeOpName>('min', 'max', 'setnx', 'clock', 'lww', 'sadd', 'incr'),
  field: fc.constantFrom('a', 'b', 'c'),
  value: fc.integer({ min: 0, max: 50 }).map(String),
});

function planArb(run: string) {
  return fc.record({ id: fc.nat(15), ops: fc.array(opArb, { maxLength: 8 }) }).map(({ id, ops }): IngestPlan => ({
    kind: 'e',
    dedupeKey: `${run}:dd:${id % 2}`,
    dedupeField: String(id),
    // Set ops and hash ops never share a key, as in real plans.
    targets: [
      { key: `${run}:h0`, ttlS: 60, ops: ops.filter((o) => o.op !== 'sadd' && o.target % 2 === 0).flatMap((o) => [o.op, o.field, o.value]) },
      { key: `${run}:h1`, ttlS: 0, ops: ops.filter((o) => o.op !== 'sadd' && o.target % 2 === 1).flatMap((o) => [o.op, o.field, o.value]) },
      { key: `${run}:s2`, ttlS: 0, ops: ops.filter((o) => o.op === 'sadd').flatMap((o) => [o.op, o.field, o.value]) },
    ],
    bytes: Buffer.from(`event-${id}`),
  }));
}

async function readState(run: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const key of [`${run}:h0`, `${run}:h1`]) {
    const h = await redis.hgetall(key);
    if (Object.keys(h).length > 0) out[key] = Object.fromEntries(Object.entries(h).sort());
  }
  const members = await redis.smembers(`${run}:s2`);
  if (members.length > 0) out[`${run}:s2`] = members.sort();
  return out;
}

test('the Lua script merges exactly like the reference semantics, including duplicates within and across batches', async () => {
  let runNo = 0;
  await fc.assert(fc.asyncProperty(fc.array(fc.array(planArb('x'), { maxLength: 6 }), { minLength: 1, maxLength: 4 }), async (batches) => {
    const run = `${ns}:r${runNo++}`;
    const rebased = batches.map((b) => b.map((p) => rebase(p, run)));
    const seen = new Set<string>();
    const expected = new Map<string, Map<string, string> | Set<string>>();
    let expectedNew = 0;
    for (const batch of rebased) {
      const expectedFlags = batch.map((p) => {
        const mark = `${p.dedupeKey}|${p.dedupeField}`;
        if (seen.has(mark)) return false;
        seen.add(mark);
        applyOps(expected, p);
        expectedNew++;
        return true;
      });
      const flags = await recordBatch(redis, batch, { stream: `${run}:feed`, gatewayId: 'gw-test', dedupeTtlS: 60 }, Date.now());
      assert.deepEqual(flags, expectedFlags);
    }
    const want: Record<string, unknown> = {};
    for (const [k, v] of [...expected].sort(([a], [b]) => a.localeCompare(b))) {
      if (v instanceof Set) { if (v.size) want[k] = [...v].sort(); } else if (v.size) want[k] = Object.fromEntries([...v].sort());
    }
    assert.deepEqual(await readState(run), want);
    assert.equal((await feedMessages(redis, `${run}:feed`)).length, expectedNew, 'every new event fed once');
    assert.ok((await redis.xlen(`${run}:feed`)) <= rebased.length, 'at most one feed entry per batch');
  }), { numRuns: 60 });
});

test('each new event appends its exact bytes to the feed with kind, time and gateway id', async () => {
  const plan: IngestPlan = { kind: 'e', dedupeKey: `${ns}:dd:bytes`, dedupeField: 'b1', targets: [], bytes: Buffer.from([0, 255, 10, 13, 0]) };
  await recordBatch(redis, [plan], { stream, gatewayId: 'gw-a', dedupeTtlS: 60 }, 1_700_000_000_000);
  const entries = await redis.xrangeBuffer(stream, '-', '+');
  assert.equal(entries.length, 1);
  const fields = entries[0]![1].map((b) => b);
  const get = (name: string) => fields[fields.findIndex((f, i) => i % 2 === 0 && f.toString() === name) + 1]!;
  assert.deepEqual(get('b'), Buffer.from([0, 255, 10, 13, 0]));
  assert.equal(get('k').toString(), 'e');
  assert.equal(get('t').toString(), '1700000000000');
  assert.equal(get('g').toString(), 'gw-a');
  assert.ok((await redis.ttl(`${ns}:dd:bytes`)) > 0, 'dedupe marks expire');
  assert.equal(await redis.hexists(`${ns}:dd:bytes`, 'b1'), 1);
});

function rebase(plan: IngestPlan, run: string): IngestPlan {
  return {
    ...plan,
    dedupeKey: plan.dedupeKey.replace(/^x/, run),
    targets: plan.targets.map((t) => ({ ...t, key: t.key.replace(/^x/, run) })),
  };
}

// Pins what any batching of the script's writes (e.g. one HSET per key per batch) must keep.
test('within one batch, a clock arms only the lww ops of its own event, and a repeat of an event is a duplicate', async () => {
  const key = `${ns}:segments`;
  const plan = (id: number, ops: string[]): IngestPlan => ({ kind: 'e', dedupeKey: `${ns}:dd:co`, dedupeField: String(id), targets: [{ key, ttlS: 0, ops }], bytes: Buffer.from(`co${id}`) });
  const flags = await recordBatch(redis, [
    plan(1, ['clock', 'c', '10', 'lww', 'state', 'first']),
    // No clock of its own: must not ride on event 1's armed clock.
    plan(2, ['lww', 'state', 'orphan', 'incr', 'n', '1']),
    plan(1, ['clock', 'c', '10', 'lww', 'state', 'first']),
    plan(3, ['clock', 'c', '5', 'lww', 'state', 'stale', 'incr', 'n', '1']),
  ], { stream: `${ns}:segfeed`, gatewayId: 'gw', dedupeTtlS: 60 }, Date.now());
  assert.deepEqual(flags, [true, true, false, true]);
  assert.deepEqual(await redis.hgetall(key), { c: '10', state: 'first', n: '2' });
  assert.equal(await redis.xlen(`${ns}:segfeed`), 1, 'one feed entry for the batch');
  const fed = await feedMessages(redis, `${ns}:segfeed`);
  assert.deepEqual(fed.map((m) => m.bytes.toString()), ['co1', 'co2', 'co3'], 'the new events, in batch order, without the repeat');
});

test('a target TTL is set when an event creates the key and not re-armed by later events; a dedupe bucket expires', async () => {
  const key = `${ns}:ttl-call`;
  const bucket = `${ns}:dd:ttl`;
  const plan = (id: number, ttlS: number): IngestPlan => ({
    kind: 'e', dedupeKey: bucket, dedupeField: String(id), bytes: Buffer.from('x'),
    targets: [{ key, ttlS, ops: ['min', 'first', String(id), 'max', 'last', String(id)] }],
  });
  await recordBatch(redis, [plan(1, 100)], { stream, gatewayId: 'gw', dedupeTtlS: 60 }, Date.now());
  assert.ok((await redis.ttl(key)) > 90, 'created with its TTL');
  assert.ok((await redis.ttl(bucket)) > 50 && (await redis.ttl(bucket)) <= 60, 'the bucket expires after the dedupe window');
  await redis.expire(key, 30);
  await recordBatch(redis, [plan(2, 100)], { stream, gatewayId: 'gw', dedupeTtlS: 600 }, Date.now());
  assert.ok((await redis.ttl(key)) <= 30, 'a later event leaves the TTL alone');
  assert.ok((await redis.ttl(bucket)) <= 60, 'the bucket keeps the TTL of its first write');
  assert.deepEqual(await redis.hgetall(key), { first: '1', last: '2' });
  assert.deepEqual((await redis.hkeys(bucket)).sort(), ['1', '2']);
});

test('incr counts once per new event, and keeps large sums in plain decimal', async () => {
  const key = `${ns}:counter`;
  const plan = (id: number, by: string): IngestPlan => ({ kind: 'e', dedupeKey: `${ns}:dd:incr`, dedupeField: String(id), targets: [{ key, ttlS: 0, ops: ['incr', 'n', by] }], bytes: Buffer.from('x') });
  await recordBatch(redis, [plan(1, '123456789012345'), plan(1, '123456789012345'), plan(2, '1')], { stream, gatewayId: 'gw', dedupeTtlS: 60 }, Date.now());
  await recordBatch(redis, [plan(2, '1'), plan(3, '1')], { stream, gatewayId: 'gw', dedupeTtlS: 60 }, Date.now());
  assert.equal(await redis.hget(key, 'n'), '123456789012347');
});
