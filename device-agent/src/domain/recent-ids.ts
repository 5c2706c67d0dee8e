// A bounded set of recently seen ids, oldest evicted first. Used to ignore a DeviceCommand the
// device has already handled (the broker redelivers QoS 1 messages after a reconnect).

export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(readonly capacity: number) {
    if (capacity < 1) throw new RangeError('RecentIds capacity must be >= 1');
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds an id; returns false when it was already present. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      // A Set iterates in insertion order, so the first key is the oldest.
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.ids.size;
  }

  values(): string[] {
    return [...this.ids];
  }
}
