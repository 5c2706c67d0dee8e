// The durable queue between "an event happened" and "the broker acknowledged it". Every event is
// appended here first and published from here, so nothing is lost while the device is offline,
// the broker refuses it, or the agent crashes. An entry's position is the envelope's `seq`: the
// outbox allocates it, which is how seq stays strictly increasing across restarts.

export interface OutboxEntry {
  readonly seq: number;
  readonly payload: Uint8Array;
}

export interface Outbox {
  /**
   * Allocates the next seq, calls `encode(seq)` for the bytes, and appends them. Resolves with the
   * seq once the entry is durable under the store's policy; only then does read() return it.
   * Rejects with OutboxClosedError after close(). Appends keep their call order.
   */
  append(encode: (seq: number) => Uint8Array): Promise<number>;

  /** Up to `max` durable, unacknowledged entries with seq >= fromSeq, oldest first. */
  read(fromSeq: number, max: number): OutboxEntry[];

  /** Acknowledges every entry with seq <= `seq` (a no-op for seqs already acknowledged). */
  ackThrough(seq: number): void;

  /** Unacknowledged entries, counting appends not yet durable. */
  size(): number;

  /** The last seq allocated; 0 before the first append ever. Durable stores keep it across restarts. */
  lastSeq(): number;

  /**
   * The highest seq that existed when the store was opened: entries up to it may already have
   * been published by a previous run, so sending them again is a replay.
   */
  readonly recoveredThroughSeq: number;

  /** Waits for pending appends, persists the ack cursor, releases files. Idempotent. */
  close(): Promise<void>;
}

export class OutboxClosedError extends Error {
  constructor() {
    super('outbox is closed');
    this.name = 'OutboxClosedError';
  }
}

/** First index in `entries` (sorted by seq) whose seq >= `seq`. */
export function lowerBound(entries: readonly OutboxEntry[], start: number, seq: number): number {
  let lo = start;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as OutboxEntry).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
