// Outbox kept in memory only: for tests, benchmarks and devices that accept losing queued events
// on a restart. Same contract as the file store except that nothing survives close().
import { EntryQueue } from './entry-queue.js';
import { OutboxClosedError, type Outbox, type OutboxEntry } from './outbox.js';

export class MemoryOutbox implements Outbox {
  readonly recoveredThroughSeq = 0;
  private readonly queue = new EntryQueue();
  private seq = 0;
  private ackedThrough = 0;
  private closed = false;

  async append(encode: (seq: number) => Uint8Array): Promise<number> {
    if (this.closed) throw new OutboxClosedError();
    const seq = ++this.seq;
    this.queue.push({ seq, payload: encode(seq) });
    return seq;
  }

  read(fromSeq: number, max: number): OutboxEntry[] {
    return this.queue.read(fromSeq, max);
  }

  ackThrough(seq: number): void {
    if (seq <= this.ackedThrough) return;
    this.ackedThrough = seq;
    this.queue.dropThrough(seq);
  }

  size(): number {
    return this.queue.length;
  }

  lastSeq(): number {
    return this.seq;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
