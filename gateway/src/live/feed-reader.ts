// Reads the live feeds of the tenants this hub has dashboards for, and only those: one XREAD
// BLOCK over all of their streams on a dedicated connection. A tenant that joins interrupts the
// blocked read (CLIENT UNBLOCK from the second connection), so its first deltas are not held up
// by the block time. Every hub instance reads the streams itself: that is the cross-instance
// fan-out, with no pub/sub to lose messages in between.
import type { Redis } from 'ioredis';
import type { Logger } from '../../../common/logger.js';
import { backoffMs } from '../../../common/backoff.js';
import { keys } from '../domain/redis-keys.js';
import type { FeedEntry } from './domain/coalesce.js';
import { parseFeedDeltas } from './domain/deltas.js';
import { compareStreamIds } from './domain/stream-id.js';

export interface FeedReaderOptions {
  /** Dedicated to this reader: a blocked XREAD holds it. */
  blocking: Redis;
  /** Any other connection (unblocks the first, checks for trimmed entries). */
  control: Redis;
  blockMs: number;
  /** Entries per stream per read. */
  count: number;
  log: Logger;
  /** New entries of a tenant, in order; the next read waits for it. */
  onEntries: (tenantId: string, entries: FeedEntry[]) => Promise<void>;
  /** Entries after the reader's position were trimmed before it read them. */
  onGap: (tenantId: string) => void;
  onError?: (err: unknown) => void;
}

interface Position {
  id: string;
  /** Changes when a tenant is tracked anew, so a read in flight for its old position is discarded. */
  gen: number;
}

type XReadReply = [string, [string, string[]][]][] | null;

export class FeedReader {
  private readonly positions = new Map<string, Position>();
  private gen = 0;
  private stopped = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private blockedClientId: number | null = null;
  private reading = false;

  constructor(private readonly o: FeedReaderOptions) {
    // The connection's id changes when ioredis reconnects.
    o.blocking.on('ready', () => this.refreshClientId());
  }

  get tenants(): number {
    return this.positions.size;
  }

  async start(): Promise<void> {
    await this.refreshClientId();
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt();
    await this.running;
  }

  /** Starts reading a tenant's feed after `fromId`. */
  track(tenantId: string, fromId: string): void {
    this.positions.set(tenantId, { id: fromId, gen: ++this.gen });
    this.interrupt();
  }

  untrack(tenantId: string): void {
    this.positions.delete(tenantId);
  }

  private async refreshClientId(): Promise<void> {
    try {
      this.blockedClientId = Number(await this.o.blocking.client('ID'));
    } catch {
      this.blockedClientId = null;
    }
  }

  private interrupt(): void {
    this.wake?.();
    this.wake = null;
    if (this.reading && this.blockedClientId !== null) {
      this.o.control.client('UNBLOCK', this.blockedClientId).catch(() => undefined);
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      if (this.positions.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const tenants = [...this.positions.entries()];
      try {
        this.reading = true;
        const reply = (await this.o.blocking.xread(
          'COUNT', this.o.count, 'BLOCK', this.o.blockMs, 'STREAMS',
          ...tenants.map(([t]) => keys.liveFeed(t)), ...tenants.map(([, p]) => p.id),
        )) as XReadReply;
        this.reading = false;
        failures = 0;
        if (reply) await this.deliver(tenants, reply);
      } catch (err) {
        this.reading = false;
        if (this.stopped) return;
        this.o.onError?.(err);
        const delay = backoffMs(++failures, { baseMs: 100, maxMs: 5_000 });
        this.o.log.warn({ err, retryInMs: delay }, 'live feed read failed; retrying');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async deliver(tenants: [string, Position][], reply: NonNullable<XReadReply>): Promise<void> {
    const byKey = new Map(tenants.map(([t, p]) => [keys.liveFeed(t), { tenantId: t, from: p }]));
    for (const [key, raw] of reply) {
      const asked = byKey.get(key);
      if (!asked || raw.length === 0) continue;
      const { tenantId, from } = asked;
      if (this.positions.get(tenantId)?.gen !== from.gen) continue;
      const entries: FeedEntry[] = raw.map(([id, fields]) => {
        let d = '[]';
        for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'd') d = fields[i + 1]!;
        return { id, deltas: parseFeedDeltas(d) };
      });
      const gap = entries.length >= this.o.count && (await this.trimmedAfter(key, from.id));
      const now = this.positions.get(tenantId);
      if (now?.gen !== from.gen) continue;
      now.id = entries[entries.length - 1]!.id;
      if (gap) {
        this.o.log.warn({ tenantId }, 'live feed trimmed past this hub\'s position: resyncing its dashboards');
        this.o.onGap(tenantId);
      }
      await this.o.onEntries(tenantId, entries);
    }
  }

  /**
   * True when the oldest entry still in the stream is newer than `id`: entries after `id` may have
   * been trimmed unread (the stream is capped). Checked only when a read came back full, the only
   * way a reader can be behind by a whole stream. May report a gap that was not (harmless: a resync).
   */
  private async trimmedAfter(key: string, id: string): Promise<boolean> {
    try {
      const first = (await this.o.control.xrange(key, '-', '+', 'COUNT', 1))[0]?.[0];
      return first !== undefined && compareStreamIds(first, id) > 0 && id !== '0-0';
    } catch {
      return false;
    }
  }
}
