// The ingest pipeline against real Redis, without a broker: what gets acknowledged, recorded,
// deduplicated and dead-lettered.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createPhoneProtector, piiKeysFromHex } from '../../../common/pii.js';
import { callMessages, heartbeatMessage, shuffle, seededRandom } from '../../../test/support/events.js';
import { connectRedis, dropKeys, namespace } from '../../../test/support/services.js';
import { feedMessages } from '../../../test/support/feed.js';
import { RejectCode } from '../errors.js';
import { createGatewayMetrics } from '../metrics.js';
import { Ingest } from './ingest.js';

let redis: Redis;
const ns = namespace('ing');
const tenant = ns;

before(async () => { redis = await connectRedis(); });
after(async () => {
  await dropKeys(redis, `${ns}*`);
  await dropKeys(redis, `cunke:*:${tenant}:*`);
  await dropKeys(redis, `cunke:devs:${tenant}`);
  redis.disconnect();
});

function makeIngest() {
  const metrics = createGatewayMetrics(undefined, false);
  const ingest = new Ingest({
    gatewayId: 'gw-test', redis, log: pino({ level: 'silent' }), metrics,
    protectPhone: createPhoneProtector(piiKeysFromHex('03'.repeat(32), '04'.repeat(32)), 'CN'),
    dedupeTtlS: 600, callStateTtlS: 600, batchMax: 64, batchWaitMs: 1, deadLetterMaxLen: 1000,
    feedStream: `${ns}:feed`, deadLetterStream: `${ns}:dlq`,
  });
  return { ingest, metrics };
}

function handle(ingest: Ingest, topic: string, payload: Buffer): Promise<void> {
  return new Promise((resolve, reject) => ingest.handle(topic, payload, (err) => (err ? reject(err) : resolve())));
}

async function counter(metrics: ReturnType<typeof createGatewayMetrics>, name: 'messages' | 'rejects', labels: Record<string, string>): Promise<number> {
  const m = await metrics[name].get();
  return m.values.filter((v) => Object.entries(labels).every(([k, val]) => v.labels[k as keyof typeof v.labels] === val)).reduce((a, v) => a + v.value, 0);
}

test('every step of many calls, shuffled and duplicated, is acknowledged and fed exactly once', async () => {
  const { ingest, metrics } = makeIngest();
  const t0 = Date.now() - 600_000;
  const msgs = Array.from({ length: 40 }, (_, i) => callMessages({ tenantId: tenant, deviceId: `d${i % 4}`, outcome: i % 3 ? 'answered' : 'no_answer', startMs: t0 + i * 1000 })).flat();
  const delivered = shuffle([...msgs, ...msgs.slice(0, 60)], seededRandom(7));
  await Promise.all(delivered.map((m) => handle(ingest, m.topic, m.payload)));
  const fed = await feedMessages(redis, `${ns}:feed`);
  assert.equal(fed.length, msgs.length);
  assert.deepEqual(new Set(fed.map((m) => m.bytes.toString('hex'))), new Set(msgs.map((m) => m.payload.toString('hex'))), 'each message fed once');
  assert.ok((await redis.xlen(`${ns}:feed`)) < msgs.length, 'batched into fewer stream entries');
  assert.equal(await counter(metrics, 'messages', { outcome: 'recorded' }), msgs.length);
  assert.equal(await counter(metrics, 'messages', { outcome: 'duplicate' }), 60);
  const devices = await redis.smembers(`cunke:devs:${tenant}`);
  assert.deepEqual(devices.sort(), ['d0', 'd1', 'd2', 'd3']);
});

test('garbage, truncated and mismatched messages are acknowledged, counted and dead-lettered with their code', async () => {
  const { ingest, metrics } = makeIngest();
  const good = heartbeatMessage(tenant, 'd9', Date.now());
  const truncated = good.payload.subarray(0, good.payload.length - 3);
  const cases: [string, Buffer, string][] = [
    [good.topic, Buffer.from('definitely not protobuf \xff\xff\xff'), RejectCode.DECODE_FAILED],
    [good.topic, truncated, RejectCode.DECODE_FAILED],
    [good.topic.replace('/d9/', '/d8/'), good.payload, RejectCode.IDENTITY_MISMATCH],
    [`cunke/v1/${tenant}/dev/d9/other`, good.payload, RejectCode.TOPIC_INVALID],
    [good.topic, Buffer.alloc(70_000), RejectCode.PAYLOAD_TOO_LARGE],
  ];
  for (const [topic, payload] of cases) await handle(ingest, topic, payload);
  const dlq = await redis.xrange(`${ns}:dlq`, '-', '+');
  assert.deepEqual(dlq.map(([, f]) => f[f.indexOf('code') + 1]), cases.map((c) => c[2]));
  for (const [, , code] of cases) assert.ok((await counter(metrics, 'rejects', { code })) >= 1, code);
  // The good message is unaffected by its broken neighbours.
  await handle(ingest, good.topic, good.payload);
  assert.equal(await counter(metrics, 'messages', { outcome: 'recorded' }), 1);
});

test('a message is not acknowledged while Redis cannot make it durable, and is once Redis is back', async () => {
  const { ingest, metrics } = makeIngest();
  const [msg] = callMessages({ tenantId: tenant, deviceId: 'd5', outcome: 'busy', startMs: Date.now() - 1000 });
  // Break the script's target: a plain string where the stream must be makes XADD fail.
  await redis.set(`${ns}:feed-broken`, 'x');
  const broken = new Ingest({ ...(ingest as unknown as { o: ConstructorParameters<typeof Ingest>[0] }).o, feedStream: `${ns}:feed-broken` });
  let acked = false;
  broken.handle(msg!.topic, msg!.payload, () => { acked = true; });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(acked, false, 'no ack while the write fails');
  assert.ok((await metrics.flushFailures.get()).values[0]!.value >= 1);
  await redis.del(`${ns}:feed-broken`);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(acked, true, 'acknowledged after the retry succeeded');
  assert.equal((await feedMessages(redis, `${ns}:feed-broken`)).length, 1);
});
