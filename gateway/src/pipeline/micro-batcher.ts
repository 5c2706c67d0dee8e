// Collects items from many producers (one per broker connection) into batches flushed by size
// or after a short wait. mqtt.js hands a connection its next message only after the previous
// one is acknowledged, so the batch is what turns N serialised connections into one Redis call.

export interface MicroBatcherOptions<T> {
  maxItems: number;
  maxWaitMs: number;
  /** Concurrent flushes allowed; more items wait, which is our backpressure to the broker. */
  maxInFlight: number;
  flush: (items: T[]) => Promise<void>;
}

export class MicroBatcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: MicroBatcherOptions<T>) {}

  get size(): number {
    return this.pending.length;
  }

  get flushing(): number {
    return this.inFlight;
  }

  push(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.opts.maxItems) this.trigger();
    else if (!this.timer) this.timer = setTimeout(() => this.trigger(), this.opts.maxWaitMs);
  }

  /** Flushes what is pending now. */
  trigger(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.length === 0 || this.inFlight >= this.opts.maxInFlight) return;
    const batch = this.pending.splice(0, this.opts.maxItems);
    this.inFlight++;
    this.opts.flush(batch).finally(() => {
      this.inFlight--;
      if (this.pending.length > 0) this.trigger();
      else if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
    });
  }

  /** Resolves once nothing is pending or in flight. */
  async drain(): Promise<void> {
    this.trigger();
    if (this.pending.length === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}
