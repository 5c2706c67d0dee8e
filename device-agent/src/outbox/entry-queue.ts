// The in-memory list of durable, unacknowledged entries that both stores keep (the file store
// mirrors its segments here, so read() never touches the disk). An array with a moving head:
// acknowledging is O(acked), reading is a binary search plus a slice.
import { lowerBound, type OutboxEntry } from './outbox.js';

export class EntryQueue {
  private entries: OutboxEntry[] = [];
  private head = 0;

  get length(): number {
    return this.entries.length - this.head;
  }

  push(entry: OutboxEntry): void {
    this.entries.push(entry);
  }

  read(fromSeq: number, max: number): OutboxEntry[] {
    if (max <= 0) return [];
    const start = lowerBound(this.entries, this.head, fromSeq);
    return this.entries.slice(start, start + max);
  }

  /** Drops entries with seq <= `seq`; returns how many were dropped. */
  dropThrough(seq: number): number {
    const before = this.head;
    while (this.head < this.entries.length && (this.entries[this.head] as OutboxEntry).seq <= seq) this.head++;
    if (this.head > 4096 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return this.head - before;
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
  }
}
