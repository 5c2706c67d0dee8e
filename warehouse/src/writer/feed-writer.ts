// The warehouse writer: drains the feed stream (common/feed.ts) through its consumer group into
// the warehouse, in batches bounded by size and by age. Delivery is at-least-once end to end:
// an entry is acknowledged (XACK + XDEL) only after every insert of its batch succeeded, and a
// crash anywhere before that leaves it pending, to be read again on restart (own pending list)
// or taken over by another writer (XAUTOCLAIM). Replays are harmless: the tables collapse
// duplicates (ReplacingMergeTree on event_id, idempotent min/max aggregates).
// One flush may run while the next batch is being read, never two: memory stays bounded by two
// batches, and a warehouse outage stops reading instead of piling entries up in this process.
import { setTimeout as sleepMs } from 'node:timers/promises';
import type { Logger } from '../../../common/logger.js';
import { mapFeedEntry, type MappedMessage } from '../domain/map-feed-entry.js';
import { dead } from '../domain/outcome.js';
import { WH_ERR } from '../errors.js';
import type { PhoneProtector } from '../../../common/pii.js';
import { createWriterMetrics, type WriterMetrics } from '../metrics.js';
import { TABLE, type Warehouse } from '../warehouse.js';
import { backoffMs } from '../../../common/backoff.js';
import { BATCH_TABLES, Batch, type BatchTable } from './batch.js';
import { RedisFeed, type FeedNames, type RawEntry } from './redis-feed.js';
import type { Redis } from 'ioredis';

export interface FeedWriterOptions extends FeedNames {
  /** Flush when this many messages are gathered (WRITER_BATCH_MAX_ROWS). */
  batchMaxRows: number;
  /** … or when the oldest gathered entry is this old (WRITER_FLUSH_INTERVAL_MS). */
  flushIntervalMs: number;
  /**
   * Messages per XREADGROUP call, converted to a COUNT of entries by the messages per entry of
   * the last read; mapping one read is one uninterrupted CPU slice (~10-25 ms at 500). Default 500.
   */
  readCount?: number;
  /** Longest wait of a blocking read; also bounds how long stop() waits for it. Default 1000. */
  readBlockMs?: number;
  /** Entries pending this long under any consumer are taken over. Default 60 000. */
  claimMinIdleMs?: number;
  /** How often to look for such entries (after the first look at start). Default 30 000. */
  claimIntervalMs?: number;
  /** How often the stream length / pending gauges are refreshed. Default 5000. */
  lagIntervalMs?: number;
  /** Retry backoff of failed inserts and Redis calls. Defaults 200 / 10 000. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** After stop(), how long a failing flush keeps retrying before giving up (entries stay pending). Default 15 000. */
  stopGraceMs?: number;
}

export interface FeedWriterHooks {
  /** Runs after a batch's inserts and before its acknowledgement. For fault-injection tests. */
  afterInsert?: (batch: Batch) => void | Promise<void>;
}

export interface FeedWriterDeps {
  /** Non-blocking commands: acknowledgements, dead letters, claims, lag. */
  redis: Redis;
  /** A separate connection for XREADGROUP … BLOCK. */
  blockingRedis: Redis;
  warehouse: Warehouse;
  protectPhone: PhoneProtector;
  log: Logger;
  metrics?: WriterMetrics;
  nowMs?: () => number;
  hooks?: FeedWriterHooks;
}

/** A flush gave up retrying because the writer is stopping; its entries stay pending in Redis. */
export class WriterGaveUpError extends Error {
  constructor(op: string, cause: unknown) {
    super(`${op} still failing when the stop grace period ran out`, { cause });
    this.name = 'WriterGaveUpError';
  }
}

export class FeedWriter {
  readonly metrics: WriterMetrics;
  private readonly feed: RedisFeed;
  private readonly opts: Required<FeedWriterOptions>;
  private readonly nowMs: () => number;
  private readonly log: Logger;
  private batch: Batch | null = null;
  private inflight: Promise<void> = Promise.resolve();
  /** Ids in the open batch or the flush in flight: a reclaim must not add them twice. */
  private readonly held = new Set<string>();
  private ownPendingCursor: string | null = '0';
  private claimCursor = '0-0';
  private nextClaimAtMs = 0;
  private readFailures = 0;
  /**
   * Messages per entry in the last read (gateway entries carry micro-batches of up to
   * GATEWAY_BATCH_MAX). Starts at readCount, so the first read takes one entry: guessing low
   * would make it one long CPU slice (500 entries of 40 messages held the loop for 0.6 s).
   */
  private messagesPerEntry: number;
  private stopping = false;
  private stopDeadlineMs = Infinity;
  private fatal: unknown = null;
  private finished: Promise<void> = Promise.resolve();

  constructor(private readonly deps: FeedWriterDeps, options: FeedWriterOptions) {
    this.opts = {
      readCount: 500, readBlockMs: 1000, claimMinIdleMs: 60_000, claimIntervalMs: 30_000, lagIntervalMs: 5000,
      retryBaseMs: 200, retryMaxMs: 10_000, stopGraceMs: 15_000, ...options,
    };
    this.messagesPerEntry = this.opts.readCount;
    this.feed = new RedisFeed(deps.redis, deps.blockingRedis, options);
    this.metrics = deps.metrics ?? createWriterMetrics();
    this.nowMs = deps.nowMs ?? Date.now;
    this.log = deps.log.child({ stream: options.stream, consumer: options.consumer });
  }

  /** Runs until stop(); rejects only on a bug or an injected fault (entries then stay pending). */
  run(): Promise<void> {
    const running = this.loop();
    this.finished = running.then(() => undefined, () => undefined);
    return running;
  }

  /** Stops reading, flushes what was read, and resolves when the writer has finished. */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.stopDeadlineMs = this.nowMs() + this.opts.stopGraceMs;
    }
    await this.finished;
  }

  private async loop(): Promise<void> {
    try {
      await this.retry('ensure_group', () => this.feed.ensureGroup(), (err) => this.redisFailed('ensure_group', err));
    } catch (err) {
      if (err instanceof WriterGaveUpError) return; // stopped before Redis was ever reachable
      throw err;
    }
    const lagTimer = setInterval(() => void this.refreshLag(), this.opts.lagIntervalMs).unref();
    this.log.info({ group: this.opts.group }, 'warehouse writer started');
    try {
      while (!this.stopping && this.fatal === null) await this.step();
      if (this.fatal === null) await this.dispatch();
      await this.inflight;
    } finally {
      clearInterval(lagTimer);
    }
    if (this.fatal instanceof WriterGaveUpError) {
      this.log.warn({ err: this.fatal.message }, 'writer stopped with a batch unwritten; its entries stay pending');
    } else if (this.fatal !== null) {
      throw this.fatal;
    }
    this.log.info('warehouse writer stopped');
  }

  private async step(): Promise<void> {
    const now = this.nowMs();
    const b = this.batch;
    if (b && (b.size >= this.opts.batchMaxRows || now - b.openedAtMs >= this.opts.flushIntervalMs)) {
      await this.dispatch();
      return;
    }
    let entries: RawEntry[];
    try {
      entries = await this.nextEntries(now);
      this.readFailures = 0;
    } catch (err) {
      this.redisFailed('read', err);
      await sleepMs(backoffMs(++this.readFailures, this.backoff()));
      return;
    }
    const before = this.batch?.size ?? 0;
    for (const entry of entries) this.add(entry);
    if (entries.length > 0) this.messagesPerEntry = Math.max(1, ((this.batch?.size ?? 0) - before) / entries.length);
    this.batch?.seal();
  }

  private async nextEntries(now: number): Promise<RawEntry[]> {
    const messages = Math.min(this.opts.readCount, this.opts.batchMaxRows - (this.batch?.size ?? 0));
    const room = Math.max(1, Math.floor(messages / this.messagesPerEntry));
    if (this.ownPendingCursor !== null) {
      const entries = await this.feed.readOwnPending(this.ownPendingCursor, room);
      this.ownPendingCursor = entries.length > 0 ? entries[entries.length - 1]!.id : null;
      if (entries.length > 0) this.log.info({ entries: entries.length }, 'resuming entries this consumer left pending');
      return entries;
    }
    if (now >= this.nextClaimAtMs) return this.claim(now, room);
    let blockMs = this.opts.readBlockMs;
    if (this.batch) blockMs = Math.min(blockMs, this.batch.openedAtMs + this.opts.flushIntervalMs - now);
    blockMs = Math.min(blockMs, this.nextClaimAtMs - now);
    return this.feed.readNew(room, Math.max(1, blockMs));
  }

  private async claim(now: number, room: number): Promise<RawEntry[]> {
    const result = await this.feed.claimIdle(this.claimCursor, this.opts.claimMinIdleMs, room);
    this.claimCursor = result.next;
    if (result.next === '0-0') this.nextClaimAtMs = now + this.opts.claimIntervalMs;
    if (result.entries.length > 0) {
      this.metrics.reclaimed.inc(result.entries.length);
      this.log.info({ entries: result.entries.length }, 'took over entries an idle consumer left pending');
    }
    // Redis drops deleted entries from the pending list whatever their idle time, so this can
    // name entries this writer already holds (and has counted) from its own pending list.
    const lost = result.deletedIds.filter((id) => !this.held.has(id));
    if (lost.length > 0) this.reportLost(lost);
    return result.entries;
  }

  private add(entry: RawEntry): void {
    if (this.held.has(entry.id)) return;
    this.held.add(entry.id);
    this.batch ??= new Batch(this.nowMs());
    if (entry.fields === null) {
      this.reportLost([entry.id]);
      this.batch.addLost(entry.id);
      return;
    }
    this.batch.add(entry, this.map(entry.id, entry.fields));
  }

  private map(id: string, fields: Buffer[]): MappedMessage[] {
    try {
      return mapFeedEntry(id, fields, this.deps.protectPhone);
    } catch (err) {
      this.log.error({ id, err: String((err as Error).message).slice(0, 300) }, 'mapping a feed entry threw (a bug); dead-lettering it');
      return [{ outcome: dead(WH_ERR.INTERNAL, String((err as Error).message).slice(0, 300)), message: null }];
    }
  }

  private reportLost(ids: string[]): void {
    this.metrics.lost.inc(ids.length);
    this.log.error({ ids: ids.slice(0, 20), count: ids.length }, 'pending feed entries were deleted from the stream before being written');
  }

  private async dispatch(): Promise<void> {
    const b = this.batch;
    this.batch = null;
    if (!b) return;
    await this.inflight;
    if (this.fatal !== null) return; // its entries stay pending and are read again on restart
    this.inflight = this.flush(b).catch((err: unknown) => {
      this.fatal ??= err;
    });
  }

  private async flush(b: Batch): Promise<void> {
    for (const key of BATCH_TABLES) await this.insertOnce(b, key);
    await this.deps.hooks?.afterInsert?.(b);
    if (!b.deadLettered) {
      await this.retry('dead_letter', () => this.feed.deadLetter(b.dead), (err) => this.redisFailed('dead_letter', err));
      b.deadLettered = true;
      for (const d of b.dead) this.metrics.deadLetters.inc({ reason: d.code });
      if (b.dead.length > 0) this.log.warn({ count: b.dead.length, reason: b.dead[0]!.code, detail: b.dead[0]!.detail }, 'feed entries dead-lettered');
    }
    await this.retry('ack', () => this.feed.ackAndDelete(b.ids), (err) => this.redisFailed('ack', err));
    for (const id of b.ids) this.held.delete(id);
    this.metrics.batches.inc();
    this.metrics.entriesAcked.inc(b.ids.length);
    this.metrics.batchEntries.observe(b.size);
  }

  private async insertOnce(b: Batch, key: BatchTable): Promise<void> {
    const lines = b.rows[key];
    const table = TABLE[key];
    if (lines.count === 0 || b.written.has(key)) return;
    const body = lines.toBuffer();
    await this.retry(
      'insert',
      async () => {
        const done = this.metrics.insertSeconds.startTimer({ table });
        await this.deps.warehouse.insertEncoded(this.deps.warehouse.tables[key], body, lines.columns);
        done();
      },
      (err, attempt) => {
        this.metrics.insertFailures.inc({ table });
        // Rows carry no raw phone numbers, so even an engine error quoting input is PII-free.
        this.log.error({ table, rows: lines.count, attempt, err: String((err as Error).message).slice(0, 500) }, 'warehouse insert failed; retrying');
      },
    );
    b.written.add(key);
    this.metrics.rowsWritten.inc({ table }, lines.count);
  }

  private async retry<T>(op: string, fn: () => Promise<T>, onFailure: (err: unknown, attempt: number) => void): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        onFailure(err, attempt);
        if (this.stopping && this.nowMs() >= this.stopDeadlineMs) throw new WriterGaveUpError(op, err);
        await sleepMs(backoffMs(attempt, this.backoff()));
      }
    }
  }

  private backoff(): { baseMs: number; maxMs: number } {
    return { baseMs: this.opts.retryBaseMs, maxMs: this.opts.retryMaxMs };
  }

  private redisFailed(op: string, err: unknown): void {
    this.metrics.redisErrors.inc({ op });
    this.log.warn({ op, err: String((err as Error).message) }, 'redis operation failed; retrying');
  }

  private async refreshLag(): Promise<void> {
    try {
      const { length, pending } = await this.feed.lag();
      this.metrics.streamLength.set({ stream: this.opts.stream }, length);
      this.metrics.streamPending.set({ stream: this.opts.stream }, pending);
    } catch (err) {
      this.redisFailed('lag', err);
    }
  }
}
