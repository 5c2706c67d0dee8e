// The feed entries a hub has already fanned out for one tenant, kept briefly: a subscriber whose
// snapshot is older than what was fanned out meanwhile is caught up from here, so it misses
// nothing between its snapshot and its first frame. Pure; time is an argument.
import type { FeedEntry } from './coalesce.js';
import { compareStreamIds } from './stream-id.js';

export interface RecentLogLimits {
  keepMs: number;
  maxDeltas: number;
}

export class RecentLog {
  private entries: { entry: FeedEntry; atMs: number }[] = [];
  private deltas = 0;
  /** Every entry with an id after this one is in the log. */
  private from: string;

  constructor(startId: string, private readonly limits: RecentLogLimits) {
    this.from = startId;
  }

  get fromId(): string {
    return this.from;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Appends entries (in id order, after every entry already here) and trims. */
  append(entries: readonly FeedEntry[], nowMs: number): void {
    for (const entry of entries) {
      this.entries.push({ entry, atMs: nowMs });
      this.deltas += entry.deltas.length;
    }
    let drop = 0;
    while (drop < this.entries.length) {
      const e = this.entries[drop]!;
      if (nowMs - e.atMs <= this.limits.keepMs && this.deltas <= this.limits.maxDeltas) break;
      this.deltas -= e.entry.deltas.length;
      this.from = e.entry.id;
      drop++;
    }
    if (drop > 0) this.entries = this.entries.slice(drop);
  }

  /** True when every entry after `id` is still here. */
  covers(id: string): boolean {
    return compareStreamIds(id, this.from) >= 0;
  }

  /** The entries after `id`, oldest first. */
  since(id: string): FeedEntry[] {
    const out: FeedEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!.entry;
      if (compareStreamIds(e.id, id) <= 0) break;
      out.push(e);
    }
    return out.reverse();
  }
}
