// Moves events from the outbox to the broker: QoS 1, in outbox order, at most `windowSize`
// (and at most the broker's Receive Maximum) in flight. An entry is acknowledged in the outbox
// only when its PUBACK arrives; PUBACKs may complete out of order and the outbox cursor advances
// over the contiguous prefix (domain/ack-window.ts). When the connection drops, everything in
// flight goes back to pending and is sent again, in order, after the reconnect, before anything
// new. PUBACK reason codes follow domain/puback-policy.ts.
import type { Logger } from '../../../common/logger.js';
import { AckWindow, type WindowEntry } from '../domain/ack-window.js';
import { backoffDelayMs, type BackoffPolicy } from '../domain/backoff.js';
import { classifyPuback } from '../domain/puback-policy.js';
import type { Rng } from '../domain/rng.js';
import type { Clock, TimerHandle } from '../edges/clock.js';
import type { ConnectInfo, Transport } from '../edges/transport.js';
import type { DeadLetterSink } from '../outbox/dead-letter.js';
import type { Outbox } from '../outbox/outbox.js';
import type { AgentCounters, AgentEventListener } from './counters.js';

export interface PublisherDeps {
  outbox: Outbox;
  transport: Transport;
  topic: string;
  windowSize: number;
  deadLetters: DeadLetterSink;
  retryNoSubscribers: boolean;
  retryBackoff: BackoffPolicy;
  clock: Clock;
  rng: Rng;
  counters: AgentCounters;
  emit: AgentEventListener;
  log: Logger;
}

export const DEFAULT_RETRY_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 30_000, floorMs: 250 };

export class Publisher {
  private window = new AckWindow<Uint8Array>();
  private limit: number;
  private retryTimer: TimerHandle | null = null;
  private retryAttempt = 0;
  private stopped = false;
  private drainWaiters: (() => void)[] = [];

  constructor(private readonly deps: PublisherDeps) {
    this.limit = deps.windowSize;
  }

  get inflight(): number {
    return this.window.inflight;
  }

  onConnected(info: ConnectInfo): void {
    this.limit = Math.max(1, Math.min(this.deps.windowSize, info.receiveMaximum ?? Number.MAX_SAFE_INTEGER));
    this.pump();
  }

  onDisconnected(): void {
    // The transport also rejects each in-flight publish; doing it here first keeps the window
    // consistent even if a transport forgets one.
    this.window.failAll();
  }

  /** New durable entries may be waiting. */
  kick(): void {
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) this.deps.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Resolves once the outbox is empty (everything acknowledged). */
  drained(): Promise<void> {
    if (this.deps.outbox.size() === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private pump(): void {
    const { transport, outbox } = this.deps;
    if (this.stopped || this.retryTimer || !transport.connected) return;
    // Entries sent before and not acknowledged go first, in order.
    for (const entry of this.window.pendingEntries()) {
      if (this.window.inflight >= this.limit) return;
      this.send(entry);
    }
    while (this.window.length < this.limit && transport.connected) {
      const batch = outbox.read(this.window.highestSeq + 1, this.limit - this.window.length);
      if (batch.length === 0) return;
      for (const e of batch) this.send(this.window.add(e.seq, e.payload));
    }
  }

  private send(entry: WindowEntry<Uint8Array>): void {
    const attempt = this.window.markSent(entry);
    const replay = attempt > 1 || entry.seq <= this.deps.outbox.recoveredThroughSeq;
    this.deps.counters.published++;
    if (replay) this.deps.counters.replayed++;
    this.deps.emit({ type: 'published', seq: entry.seq, attempt, replay });
    this.deps.transport.publish(this.deps.topic, entry.payload, { qos: 1 }).then(
      (reasonCode) => this.onPuback(entry, attempt, reasonCode),
      () => this.onLost(entry, attempt),
    );
  }

  private onPuback(entry: WindowEntry<Uint8Array>, attempt: number, reasonCode: number): void {
    if (this.stopped) return;
    const verdict = classifyPuback(reasonCode, this.deps.retryNoSubscribers);
    if (verdict === 'acked') {
      this.retryAttempt = 0;
      this.complete(entry, attempt, reasonCode);
      return;
    }
    this.deps.counters.pubackErrors++;
    this.deps.emit({ type: 'puback-error', seq: entry.seq, reasonCode, verdict });
    if (verdict === 'dead-letter') {
      this.deps.counters.deadLettered++;
      this.deps.log.error({ seq: entry.seq, reasonCode }, 'broker refused event permanently; moved to dead-letter file');
      this.deps.deadLetters.put(entry, reasonCode).then(
        () => this.complete(entry, attempt, reasonCode),
        (err: unknown) => {
          this.deps.log.error({ err, seq: entry.seq }, 'dead-letter write failed; keeping the event');
          if (this.window.fail(entry.seq, attempt)) this.pauseForRetry();
        },
      );
      return;
    }
    // Retryable: the event stays in the outbox; publishing pauses and resumes from it in order.
    const level = this.retryAttempt === 0 ? 'error' : 'warn';
    this.deps.log[level]({ seq: entry.seq, reasonCode, retry: this.retryAttempt }, 'broker refused event; will retry');
    if (this.window.fail(entry.seq, attempt)) this.pauseForRetry();
  }

  private complete(entry: WindowEntry<Uint8Array>, attempt: number, reasonCode: number): void {
    const cursor = this.window.complete(entry.seq, attempt);
    this.deps.counters.acked++;
    this.deps.emit({ type: 'acked', seq: entry.seq, reasonCode });
    if (cursor !== null) this.deps.outbox.ackThrough(cursor);
    if (this.deps.outbox.size() === 0 && this.drainWaiters.length > 0) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of waiters) w();
      this.deps.emit({ type: 'drained' });
    }
    this.pump();
  }

  private onLost(entry: WindowEntry<Uint8Array>, attempt: number): void {
    if (!this.window.fail(entry.seq, attempt) || this.stopped) return;
    // Normally the connection is gone and onConnected() resumes. If the transport still claims
    // to be connected, back off instead of spinning.
    if (this.deps.transport.connected) this.pauseForRetry();
  }

  private pauseForRetry(): void {
    if (this.retryTimer || this.stopped) return;
    const delay = backoffDelayMs(this.deps.retryBackoff, this.retryAttempt++, this.deps.rng);
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = null;
      this.pump();
    }, delay);
  }
}
