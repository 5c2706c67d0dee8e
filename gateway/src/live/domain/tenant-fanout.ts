// The ordering core of the hub, for one tenant: which feed entries a subscriber gets after its
// snapshot. Pure: sockets are reached through a port, time is an argument.
//
// The guarantee: a subscriber that received a snapshot consistent with feed entry P then receives
// every delta of its topic from entries after P, in feed order, each exactly once, and nothing
// before the snapshot. How:
//   - entries read from Redis wait in `pending` until the tick flushes them, as one frame per
//     topic, to the topic's subscribers; `flushedId` is the last entry flushed;
//   - flushed entries stay in a short log;
//   - a snapshot at P <= flushedId is followed at once (same JS turn, so no flush in between) by
//     the log's entries after P for its topic, then the socket joins the topic;
//   - a snapshot at P > flushedId waits, not yet subscribed, until a flush passes P; then the same;
//   - a snapshot older than the log ('stale') is read again.
import { deltasForTopic, coalesce, type FeedEntry } from './coalesce.js';
import { encodeDeltasFrame } from './protocol.js';
import { RecentLog, type RecentLogLimits } from './recent-log.js';
import { compareStreamIds, ZERO_ID } from './stream-id.js';
import { hubTopic, topicName, type TopicRef } from './topics.js';

export interface FanoutPort<S> {
  /** Sockets subscribed to a hub topic. */
  subscribers(topic: string): number;
  /** One frame to every subscriber of a hub topic. */
  publish(topic: string, frame: string, deltas: number): void;
  /** One frame to one socket. */
  send(session: S, frame: string, type: 'snapshot' | 'deltas', deltas: number): void;
  subscribe(session: S, topic: string): void;
}

interface Waiter<S> {
  session: S;
  ref: TopicRef;
  afterId: string;
}

export type SnapshotOutcome = 'started' | 'live' | 'waiting' | 'stale';

export class TenantFanout<S> {
  readonly sessions = new Set<S>();
  private started = false;
  private flushed = ZERO_ID;
  private log: RecentLog;
  private pending: FeedEntry[] = [];
  private waiting: Waiter<S>[] = [];
  private gap = false;

  constructor(readonly tenantId: string, private readonly port: FanoutPort<S>, private readonly limits: RecentLogLimits) {
    this.log = new RecentLog(ZERO_ID, limits);
  }

  get isStarted(): boolean {
    return this.started;
  }

  get flushedId(): string {
    return this.flushed;
  }

  get hasWork(): boolean {
    return this.pending.length > 0 || this.waiting.length > 0;
  }

  /**
   * A snapshot consistent with feed entry `snapshotId` was read for `session` on `ref`. Sends it
   * and joins the topic (now or after a later flush). 'started': this was the tenant's first
   * snapshot, so the feed must now be read after `snapshotId`. 'stale': nothing was sent; read
   * a newer snapshot.
   */
  deliverSnapshot(session: S, ref: TopicRef, snapshotId: string, snapshotFrame: string): SnapshotOutcome {
    let outcome: SnapshotOutcome | null = null;
    if (!this.started) {
      this.started = true;
      this.flushed = snapshotId;
      this.log = new RecentLog(snapshotId, this.limits);
      outcome = 'started';
    }
    if (!this.log.covers(snapshotId)) return 'stale';
    this.port.send(session, snapshotFrame, 'snapshot', 0);
    if (compareStreamIds(snapshotId, this.flushed) <= 0) {
      this.join(session, ref, snapshotId);
      return outcome ?? 'live';
    }
    this.waiting.push({ session, ref, afterId: snapshotId });
    return outcome ?? 'waiting';
  }

  /** New feed entries, in order, after everything pushed before. */
  push(entries: readonly FeedEntry[]): void {
    const last = entries[entries.length - 1];
    if (this.gap && last) {
      // Entries were trimmed unread before these. Every subscriber was cut off and is resyncing
      // from a snapshot read after these entries existed, so these are in it: start over after them.
      this.gap = false;
      this.pending = [];
      this.flushed = last.id;
      this.log = new RecentLog(last.id, this.limits);
      this.release();
      return;
    }
    for (const e of entries) this.pending.push(e);
  }

  /**
   * The feed lost entries before the next push (see FeedReader.onGap). The caller cuts every
   * subscriber off (cancel + unsubscribe) and resyncs them.
   */
  markGap(): void {
    this.gap = true;
  }

  /** One tick: a frame per subscribed topic for what is pending, then released waiters. */
  flush(nowMs: number): void {
    if (this.pending.length > 0) {
      const frames = coalesce(this.pending, (t) => this.port.subscribers(hubTopic(this.tenantId, t)) > 0);
      for (const [topic, deltas] of frames) {
        this.port.publish(hubTopic(this.tenantId, topic), encodeDeltasFrame(topic, deltas), deltas.length);
      }
      this.flushed = this.pending[this.pending.length - 1]!.id;
      this.log.append(this.pending, nowMs);
      this.pending = [];
    }
    this.release();
  }

  private release(): void {
    if (this.waiting.length === 0) return;
    const still: Waiter<S>[] = [];
    for (const w of this.waiting) {
      if (compareStreamIds(w.afterId, this.flushed) <= 0) this.join(w.session, w.ref, w.afterId);
      else still.push(w);
    }
    this.waiting = still;
  }

  /** Forgets a session's parked subscriptions (all, or one topic). */
  cancel(session: S, name?: string): void {
    this.waiting = this.waiting.filter((w) => w.session !== session || (name !== undefined && topicName(w.ref) !== name));
  }

  private join(session: S, ref: TopicRef, afterId: string): void {
    const name = topicName(ref);
    const catchUp = deltasForTopic(this.log.since(afterId), ref);
    if (catchUp.length > 0) this.port.send(session, encodeDeltasFrame(name, catchUp), 'deltas', catchUp.length);
    this.port.subscribe(session, hubTopic(this.tenantId, name));
  }
}
