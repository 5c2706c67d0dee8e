// The publisher's view of what is on the wire. Entries enter in outbox order; PUBACKs may
// complete them in any order; the contiguous prefix of completed entries is what the outbox may
// forget (its ack cursor). Tracking the order of entries rather than assuming consecutive seqs
// keeps the cursor correct even if the outbox ever holds a gap (a dropped corrupt frame).

export type WindowState = 'pending' | 'inflight' | 'done';

export interface WindowEntry<P> {
  readonly seq: number;
  readonly payload: P;
  state: WindowState;
  /** Publish attempts so far; a result is only accepted for the latest attempt. */
  attempts: number;
}

export class AckWindow<P> {
  private queue: WindowEntry<P>[] = [];
  private head = 0;
  private readonly bySeq = new Map<number, WindowEntry<P>>();
  private inflightCount = 0;
  private lastSeq = 0;
  /** Seq of the newest entry of the contiguous completed prefix (0 = none yet). */
  ackedThrough = 0;

  /** Entries tracked (pending + in flight + completed out of order). */
  get length(): number {
    return this.queue.length - this.head;
  }

  get inflight(): number {
    return this.inflightCount;
  }

  /** Highest seq ever added; the next outbox read starts after it. */
  get highestSeq(): number {
    return this.lastSeq;
  }

  add(seq: number, payload: P): WindowEntry<P> {
    if (seq <= this.lastSeq) throw new RangeError(`AckWindow: seq ${seq} added after ${this.lastSeq}`);
    const entry: WindowEntry<P> = { seq, payload, state: 'pending', attempts: 0 };
    this.queue.push(entry);
    this.bySeq.set(seq, entry);
    this.lastSeq = seq;
    return entry;
  }

  /** Marks an entry as sent; returns the attempt number the result must quote. */
  markSent(entry: WindowEntry<P>): number {
    if (entry.state !== 'inflight') this.inflightCount++;
    entry.state = 'inflight';
    entry.attempts++;
    return entry.attempts;
  }

  /**
   * Records a positive PUBACK. Returns the new contiguous cursor when it advanced, else null.
   * Stale results (an older attempt, or an entry already completed) are ignored.
   */
  complete(seq: number, attempt: number): number | null {
    const entry = this.bySeq.get(seq);
    if (!entry || entry.state !== 'inflight' || entry.attempts !== attempt) return null;
    entry.state = 'done';
    this.inflightCount--;
    return this.advance();
  }

  /** The attempt failed (connection lost, retryable refusal): the entry must be sent again. */
  fail(seq: number, attempt: number): boolean {
    const entry = this.bySeq.get(seq);
    if (!entry || entry.state !== 'inflight' || entry.attempts !== attempt) return false;
    entry.state = 'pending';
    this.inflightCount--;
    return true;
  }

  /** Every in-flight entry goes back to pending (the connection is gone). */
  failAll(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const entry = this.queue[i] as WindowEntry<P>;
      if (entry.state === 'inflight') {
        entry.state = 'pending';
        n++;
      }
    }
    this.inflightCount = 0;
    return n;
  }

  /** Pending entries in outbox order (to be sent before anything new). */
  *pendingEntries(): Generator<WindowEntry<P>> {
    for (let i = this.head; i < this.queue.length; i++) {
      const entry = this.queue[i] as WindowEntry<P>;
      if (entry.state === 'pending') yield entry;
    }
  }

  private advance(): number | null {
    const before = this.ackedThrough;
    while (this.head < this.queue.length) {
      const entry = this.queue[this.head] as WindowEntry<P>;
      if (entry.state !== 'done') break;
      this.ackedThrough = entry.seq;
      this.bySeq.delete(entry.seq);
      this.head++;
    }
    // Compact occasionally so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return this.ackedThrough !== before ? this.ackedThrough : null;
  }
}
