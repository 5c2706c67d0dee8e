// The ingest pipeline of one gateway instance: decode -> validate -> plan -> micro-batch ->
// one Lua call that dedupes, feeds the warehouse and merges live state -> acknowledge.
// A message is acknowledged to the broker only after that call succeeded: at-least-once in,
// exactly-once in effect through the event-id dedupe.
import type { Redis } from 'ioredis';
import type { Logger } from '../../../common/logger.js';
import { backoffMs } from '../../../common/backoff.js';
import { DEAD_LETTER_STREAM, FEED_STREAM } from '../../../common/feed.js';
import type { PhoneProtector } from '../../../common/pii.js';
import type { DeviceMessage } from '../domain/device-message.js';
import type { IngestPlan } from '../domain/merge-ops.js';
import type { Rejected } from '../domain/outcome.js';
import type { GatewayMetrics } from '../metrics.js';
import { defineRecordBatch, recordBatch } from '../edges/redis/record-batch.js';
import { decodeMessage } from './decode-message.js';
import { MicroBatcher } from './micro-batcher.js';

export interface IngestOptions {
  gatewayId: string;
  redis: Redis;
  log: Logger;
  metrics: GatewayMetrics;
  protectPhone: PhoneProtector;
  dedupeTtlS: number;
  callStateTtlS: number;
  batchMax: number;
  batchWaitMs: number;
  deadLetterMaxLen: number;
  feedStream?: string;
  deadLetterStream?: string;
  /** Injected for tests. */
  now?: () => number;
  /**
   * Called once per flush with the messages it newly recorded (duplicates excluded), after they
   * are durable and acknowledged: the live feed hooks in here. Must not throw or block.
   */
  onRecorded?: (recorded: Recorded[]) => void;
}

/** A message the ingest script recorded as new: its plan and what it was decoded from. */
export interface Recorded {
  plan: IngestPlan;
  message: DeviceMessage;
}

type Done = (err?: Error) => void;

interface Item {
  topicKind: 'evt' | 'status' | 'other';
  plan?: IngestPlan;
  message?: DeviceMessage;
  dead?: { topic: string; payload: Buffer; rejected: Rejected };
  done: Done;
}

const RETRY = { baseMs: 50, maxMs: 5_000 };

export class Ingest {
  private readonly batcher: MicroBatcher<Item>;
  private readonly now: () => number;
  private readonly feedStream: string;
  private readonly deadLetterStream: string;
  private stopping = false;
  /** Received and not yet acknowledged: waiting in the batcher or in a flush. */
  private unacked = 0;

  constructor(private readonly o: IngestOptions) {
    defineRecordBatch(o.redis);
    this.now = o.now ?? Date.now;
    this.feedStream = o.feedStream ?? FEED_STREAM;
    this.deadLetterStream = o.deadLetterStream ?? DEAD_LETTER_STREAM;
    this.batcher = new MicroBatcher<Item>({
      maxItems: o.batchMax,
      maxWaitMs: o.batchWaitMs,
      maxInFlight: 4,
      flush: (items) => this.flush(items),
    });
  }

  /** Messages accepted from the broker and not yet acknowledged. */
  get pending(): number {
    return this.unacked;
  }

  /** Entry point for every device message; `done` acknowledges it to the broker. */
  handle(topic: string, payload: Buffer, done: Done): void {
    const topicKind = topic.endsWith('/evt') ? 'evt' : topic.endsWith('/status') ? 'status' : 'other';
    const decoded = decodeMessage(topic, payload, {
      receivedAtMs: this.now(),
      dedupeTtlS: this.o.dedupeTtlS,
      callStateTtlS: this.o.callStateTtlS,
      protectPhone: this.o.protectPhone,
    });
    if (decoded.ok === 'ignore') {
      this.o.metrics.messages.inc({ kind: topicKind, outcome: 'ignored' });
      done();
      return;
    }
    this.unacked++;
    if (decoded.ok === true) {
      if (decoded.unknownEnum) this.o.metrics.unknownEnums.inc();
      this.batcher.push({ topicKind, plan: decoded.plan, message: decoded.message, done });
    } else {
      this.batcher.push({ topicKind, dead: { topic, payload, rejected: decoded }, done });
    }
    this.o.metrics.pending.set(this.unacked);
  }

  /** Waits for everything received to be durable and acknowledged. */
  async drain(): Promise<void> {
    await this.batcher.drain();
  }

  /** Stops retrying failed writes; unacknowledged messages are redelivered by the broker. */
  stop(): void {
    this.stopping = true;
  }

  private async flush(items: Item[]): Promise<void> {
    const plans: IngestPlan[] = [];
    const planItems: Item[] = [];
    const dead: Item[] = [];
    for (const item of items) {
      if (item.plan) {
        plans.push(item.plan);
        planItems.push(item);
      } else dead.push(item);
    }
    const started = process.hrtime.bigint();
    for (let attempt = 0; ; attempt++) {
      try {
        const [recorded] = await Promise.all([
          recordBatch(this.o.redis, plans, { stream: this.feedStream, gatewayId: this.o.gatewayId, dedupeTtlS: this.o.dedupeTtlS }, this.now()),
          this.writeDeadLetters(dead),
        ]);
        this.acknowledge(planItems, recorded, dead);
        this.o.metrics.batchSize.observe(items.length);
        this.o.metrics.flushSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
        return;
      } catch (err) {
        this.o.metrics.flushFailures.inc();
        if (this.stopping) {
          // Leave them unacknowledged: the broker redelivers them to a live instance.
          this.o.log.warn({ err, items: items.length }, 'batch not durable at shutdown; left unacknowledged');
          return;
        }
        const delay = backoffMs(attempt + 1, RETRY);
        this.o.log.error({ err, items: items.length, attempt, retryInMs: delay }, 'durable write failed; retrying');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private acknowledge(planItems: Item[], recorded: boolean[], dead: Item[]): void {
    const fresh: Recorded[] = [];
    planItems.forEach((item, i) => {
      const isNew = recorded[i] === true;
      if (isNew) fresh.push({ plan: item.plan!, message: item.message! });
      this.o.metrics.messages.inc({ kind: item.topicKind, outcome: isNew ? 'recorded' : 'duplicate' });
      item.done();
    });
    for (const item of dead) {
      const { code, detail } = item.dead!.rejected;
      this.o.metrics.messages.inc({ kind: item.topicKind, outcome: 'rejected' });
      this.o.metrics.rejects.inc({ code });
      // Topic and size only: the payload may hold personal data and stays in the dead letter.
      this.o.log.warn({ code, detail, topic: item.dead!.topic, bytes: item.dead!.payload.length }, 'device message rejected');
      item.done();
    }
    this.unacked -= planItems.length + dead.length;
    this.o.metrics.pending.set(this.unacked);
    if (fresh.length > 0 && this.o.onRecorded) {
      try {
        this.o.onRecorded(fresh);
      } catch (err) {
        // The messages are durable and acknowledged whatever a listener does.
        this.o.log.error({ err }, 'onRecorded listener failed');
      }
    }
  }

  private async writeDeadLetters(dead: Item[]): Promise<void> {
    if (dead.length === 0) return;
    const pipeline = this.o.redis.pipeline();
    const t = String(this.now());
    for (const item of dead) {
      const { topic, payload, rejected } = item.dead!;
      pipeline.xadd(this.deadLetterStream, 'MAXLEN', '~', this.o.deadLetterMaxLen, '*',
        'src', 'gateway', 'code', rejected.code, 'detail', rejected.detail, 'topic', topic, 't', t, 'g', this.o.gatewayId, 'b', payload);
    }
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
  }
}
