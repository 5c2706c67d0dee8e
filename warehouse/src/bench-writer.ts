// Writer throughput benchmark (not a test): publishes N device messages (calls of five steps
// each, made with DeviceEnvelope.encode) to a fresh stream in gateway-sized batch entries of 40,
// runs the writer into a temporary chDB until the stream is drained, and prints messages/s plus
// where the time went.
//   npx tsx warehouse/src/bench-writer.ts [messages=200000] [redisUrl=$REDIS_URL] [readCount]
// Runs on the same cores as Redis: compare runs on one machine, not absolute numbers.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { loadConfig } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { piiKeysFromHex } from '../../common/pii.js';
import { DeviceEnvelope, HangupCause, newEventId } from '../../proto/src/index.js';
import { createPhoneProtector } from '../../common/pii.js';
import { ChdbWarehouse } from './edges/chdb.js';
import { migrate } from './migrate.js';
import { FeedWriter } from './writer/feed-writer.js';

export interface BenchResult {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  batches: number;
  insertSeconds: number;
  eventLoopMaxMs: number;
  eventLoopP99Ms: number;
}

/** Feed entries as the gateway writes them: one per micro-batch of `perEntry` messages. */
function* feedEntries(total: number, perEntry = 40): Generator<Buffer[]> {
  const t0 = Date.now() - 3_600_000;
  let fields: Buffer[] = [];
  for (let i = 0; i < total; i++) {
    const call = Math.floor(i / 5);
    const step = i % 5;
    const timeMs = t0 + call * 10 + step * 1000;
    const c = { callId: `bench-call-${call}`, taskId: 'task-1', phoneNumber: `138${String(call % 100_000_000).padStart(8, '0')}`, callerId: '02160001234', direction: 1 };
    const steps = [{ dialing: { line: 0 } }, { ringing: {} }, { answered: {} }, { hangup: { cause: HangupCause.HANGUP_CAUSE_NORMAL_CLEARING } },
      { ended: { cause: HangupCause.HANGUP_CAUSE_NORMAL_CLEARING, ringDurationMs: 2000, talkDurationMs: 30_000, totalDurationMs: 32_000 } }];
    const bytes = DeviceEnvelope.encode({
      tenantId: 'bench', deviceId: `dev-${call % 500}`, eventId: newEventId(), seq: i, deviceTimeMs: timeMs, call: { ...c, ...steps[step] },
    }).finish();
    if (fields.length === 0) fields.push(Buffer.from('t'), Buffer.from(String(timeMs + 100)), Buffer.from('g'), Buffer.from('gw-bench'));
    fields.push(Buffer.from('k'), Buffer.from('e'), Buffer.from('b'), Buffer.from(bytes));
    if ((i + 1) % perEntry === 0 || i === total - 1) {
      yield fields;
      fields = [];
    }
  }
}

export async function benchWriter(
  total: number,
  redisUrl: string,
  batchMaxRows: number,
  flushIntervalMs: number,
  readCount?: number,
): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cunke-bench-'));
  const wh = new ChdbWarehouse({ path: dir, database: `cunke_bench_${randomUUID().slice(0, 8)}` });
  const redis = new Redis(redisUrl);
  const blocking = redis.duplicate();
  const names = { stream: `bench:feed:${randomUUID()}`, group: 'bench', deadLetterStream: `bench:dlq:${randomUUID()}` };
  try {
    await migrate(wh);
    let pipeline = redis.pipeline();
    let n = 0;
    for (const fields of feedEntries(total)) {
      pipeline.xadd(names.stream, '*', ...fields);
      if (++n % 200 === 0) {
        await pipeline.exec();
        pipeline = redis.pipeline();
      }
    }
    await pipeline.exec();

    const keys = piiKeysFromHex(randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
    const writer = new FeedWriter(
      { redis, blockingRedis: blocking, warehouse: wh, protectPhone: createPhoneProtector(keys, 'CN'), log: createLogger('bench', 'warn') },
      { ...names, consumer: 'bench-1', deadLetterMaxLen: 1000, batchMaxRows, flushIntervalMs, ...(readCount ? { readCount } : {}) },
    );
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    const running = writer.run();
    while ((await redis.xlen(names.stream)) > 0) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;
    loop.disable();
    await writer.stop();
    await running;
    const insertSeconds = (await writer.metrics.insertSeconds.get()).values
      .filter((v) => v.metricName === 'cunke_writer_insert_seconds_sum')
      .reduce((s, v) => s + v.value, 0);
    return {
      messages: total,
      seconds,
      messagesPerSecond: Math.round(total / seconds),
      batches: (await writer.metrics.batches.get()).values[0]?.value ?? 0,
      insertSeconds,
      eventLoopMaxMs: loop.max / 1e6,
      eventLoopP99Ms: loop.percentile(99) / 1e6,
    };
  } finally {
    await redis.del(names.stream, names.deadLetterStream).catch(() => undefined);
    blocking.disconnect();
    redis.disconnect();
    await wh.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  const total = Number(process.argv[2] ?? 200_000);
  const redisUrl = process.argv[3] ?? config.redisUrl;
  const readCount = process.argv[4] ? Number(process.argv[4]) : undefined;
  const result = await benchWriter(total, redisUrl, config.writerBatchMaxRows, config.writerFlushIntervalMs, readCount);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
