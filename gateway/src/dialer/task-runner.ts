// Drives one task while this instance holds its lease: each tick picks due numbers and free
// devices (domain/plan-dispatch.ts), claims each pair atomically (claim.lua) and only then
// publishes the MakeCall; the reconciler resolves the attempts from durable ingest state
// (domain/resolve-attempt.ts). In 'drain' mode (task no longer RUNNING) it dispatches nothing
// and only reconciles what is still out.
import { randomUUID } from 'node:crypto';
import { readCompliance } from '../../../common/call-tasks/compliance.js';
import type { CallTask, ComplianceSettings, TaskPhone } from '../../../common/call-tasks/model.js';
import type { Logger } from '../../../common/logger.js';
import { decryptPii, type PiiKeys } from '../../../common/pii.js';
import type { CommandPublisher } from './command-publisher.js';
import type { DialStore } from './dial-store.js';
import { afterOutcome, afterRefusal, FRESH, taskEnd, type AttemptOutcome, type NumberState } from './domain/attempts.js';
import type { HealthMark } from './domain/device-health.js';
import { dueCandidates, isEligible, planDispatch, type Candidate } from './domain/plan-dispatch.js';
import { resolveAttempt, type InFlightAttempt } from './domain/resolve-attempt.js';
import { localTime, regionTimeZone } from './domain/timezones.js';
import type { DialerMetrics } from './metrics.js';
import type { TaskPort } from './task-port.js';

export interface DialerSettings {
  ackTimeoutMs: number;
  /** Extra wait after a command's expiry for its ack to make it through ingest. */
  ackGraceMs: number;
  offlineGraceMs: number;
  silentMs: number;
  cooldownMs: number;
  defaultTimeZone: string;
  /** A task with due numbers and no eligible device this long is reported as starved. */
  starvedAfterMs: number;
  /** Longest a call may last from dispatch; also the safety TTL of a device slot. */
  slotTtlMs: number;
}

export interface RunnerDeps {
  store: DialStore;
  tasks: TaskPort;
  publisher: Pick<CommandPublisher, 'makeCall'>;
  pii: PiiKeys;
  metrics: DialerMetrics;
  log: Logger;
  owner: string;
  settings: DialerSettings;
  now: () => number;
  /** An attempt resolved on a device (health bookkeeping in the dialer). */
  onDeviceMark: (tenantId: string, deviceId: string, mark: HealthMark) => void;
  onStarved: (tenantId: string, taskId: string, sinceMs: number) => void;
  observer?: DialerObserver;
}

/** Hooks for the benchmark and tests (speed-to-lead, ack latency). */
export interface DialerObserver {
  dispatched?(tenantId: string, taskId: string, index: number, attempt: number, atMs: number): void;
  acked?(status: string, latencyMs: number): void;
}

const DEVICE_FACTS_MS = 200;

type Tracked = InFlightAttempt & { hash?: string; ymd?: string; offlineSinceMs?: number; acked?: boolean };

const markOf = (outcome: AttemptOutcome): HealthMark =>
  outcome === 'ANSWERED' ? 'connected'
    : outcome === 'NETWORK_FAILURE' || outcome === 'NO_ACK' || outcome === 'DEVICE_LOST' ? 'error' : 'not-connected';

export class TaskRunner {
  mode: 'run' | 'drain' = 'run';
  lost = false;
  private task!: CallTask;
  private phones: TaskPhone[] = [];
  private states = new Map<number, NumberState>();
  private readonly inflight = new Map<string, Tracked>();
  private compliance: ComplianceSettings | null = null;
  private starvedSinceMs: number | null = null;
  private starvedReported = false;
  private ending = false;
  private eligible: string[] = [];
  private factsAtMs = 0;
  private refreshedAtMs = 0;

  constructor(readonly tenantId: string, readonly taskId: string, private readonly d: RunnerDeps) {}

  get inFlightCount(): number {
    return this.inflight.size;
  }

  get starved(): boolean {
    return this.starvedReported;
  }

  /** Loads the task, its numbers, their states and what is in flight (after a restart: another instance's). */
  async init(): Promise<boolean> {
    const task = await this.d.tasks.get(this.tenantId, this.taskId);
    if (!task) return false;
    this.task = task;
    this.phones = await this.d.tasks.phones(this.tenantId, this.taskId);
    this.states = await this.d.store.numbers(this.tenantId, this.taskId);
    for (const a of await this.d.store.inflight(this.tenantId, this.taskId)) this.inflight.set(a.commandId, a);
    await this.refresh();
    return true;
  }

  /** Re-reads what the API may change while the task runs (pacing, redial, compliance). */
  async refresh(minIntervalMs = 0): Promise<void> {
    const now = this.d.now();
    if (now - this.refreshedAtMs < minIntervalMs) return;
    this.refreshedAtMs = now;
    const task = await this.d.tasks.get(this.tenantId, this.taskId);
    if (task) this.task = task;
    this.compliance = await readCompliance(this.d.store.redis, this.tenantId);
  }

  async tick(): Promise<void> {
    if (this.lost || this.mode !== 'run' || !this.compliance) return;
    const now = this.d.now();
    const { redial, pacing } = this.task;
    const due = dueCandidates(this.states, this.phones.length, now, redial.maxAttempts);
    if (due.length === 0) {
      this.starvedSinceMs = null;
      await this.maybeEnd();
      return;
    }
    const free = await this.freeDevices(now);
    if (free.length === 0) {
      this.noteStarved(now);
      return;
    }
    this.starvedSinceMs = null;
    this.starvedReported = false;
    // Spread calls over the free devices rather than always loading the first ones.
    for (let i = free.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [free[i], free[j]] = [free[j]!, free[i]!];
    }
    const picked: Candidate[] = due.slice(0, Math.max(free.length * 2, 20)).flatMap((index) => {
      const phone = this.phones[index];
      return phone ? [{ index, state: this.states.get(index) ?? FRESH, phone }] : [];
    });
    const ymdOf = (region: string) => localTime(now, regionTimeZone(region, this.d.settings.defaultTimeZone)).ymd;
    const cf = await this.d.store.complianceFacts(this.tenantId, picked.map((c) => ({ hash: c.phone.hash, ymd: ymdOf(c.phone.region) })));
    const plan = planDispatch({
      nowMs: now, candidates: picked, freeDevices: free, dnc: cf.dnc, dayCounts: cf.day, settings: this.compliance,
      defaultTimeZone: this.d.settings.defaultTimeZone, maxAttempts: redial.maxAttempts, budget: free.length,
    });
    for (const drop of plan.drop) {
      const next: NumberState = { ...(this.states.get(drop.index) ?? FRESH), s: 'DROPPED', o: drop.reason };
      if ((await this.d.store.setNumber(this.tenantId, this.taskId, this.d.owner, drop.index, next)) === -1) return this.leaseLost();
      this.states.set(drop.index, next);
      this.d.metrics.dropped.inc({ reason: drop.reason });
    }
    for (const defer of plan.defer) {
      // In memory only: recomputed from the rules after a restart, so no write per deferral.
      this.states.set(defer.index, { ...(this.states.get(defer.index) ?? FRESH), n: defer.retryAtMs });
      this.d.metrics.deferred.inc({ reason: defer.reason });
    }
    let rateLimited = false;
    await Promise.all(plan.assign.map(async (a) => {
      if (rateLimited || this.lost) return;
      const issuedAtMs = this.d.now();
      const attempt: Tracked = {
        commandId: randomUUID(), index: a.index, deviceId: a.deviceId, dispatchedAtMs: issuedAtMs,
        ackDeadlineMs: issuedAtMs + this.d.settings.ackTimeoutMs + this.d.settings.ackGraceMs, hash: a.hash, ymd: a.ymd,
      };
      const result = await this.d.store.claim({
        tenantId: this.tenantId, taskId: this.taskId, owner: this.d.owner, attempt, hash: a.hash, ymd: a.ymd, nowMs: issuedAtMs,
        maxAttempts: redial.maxAttempts, maxPerDay: this.compliance!.maxAttemptsPerNumberPerDay,
        perTaskPerMinute: pacing.perTaskPerMinute, perDevicePerMinute: pacing.perDevicePerMinute, slotTtlMs: this.d.settings.slotTtlMs,
      });
      const prev = this.states.get(a.index) ?? FRESH;
      switch (result) {
        case 'OK':
          break;
        case 'LEASE':
          this.leaseLost();
          return;
        case 'RATE_TASK':
          rateLimited = true;
          this.d.metrics.claimsRefused.inc({ reason: result });
          return;
        case 'DNC':
          this.states.set(a.index, { ...prev, s: 'DROPPED', o: 'DNC' });
          this.d.metrics.dropped.inc({ reason: 'DNC' });
          return;
        case 'CAP':
          this.states.set(a.index, { ...prev, n: issuedAtMs + 15 * 60_000 });
          this.d.metrics.claimsRefused.inc({ reason: result });
          return;
        default:
          this.d.metrics.claimsRefused.inc({ reason: result });
          if (result === 'NUMBER') this.states = await this.d.store.numbers(this.tenantId, this.taskId);
          return;
      }
      this.states.set(a.index, { ...prev, s: 'IN_FLIGHT', a: prev.a + 1, c: attempt.commandId });
      this.inflight.set(attempt.commandId, attempt);
      const phone = this.phones[a.index]!;
      try {
        await this.d.publisher.makeCall({
          tenantId: this.tenantId, deviceId: a.deviceId, commandId: attempt.commandId, issuedAtMs,
          expiresAtMs: issuedAtMs + this.d.settings.ackTimeoutMs, taskId: this.taskId, phoneNumber: decryptPii(this.d.pii, phone.enc),
          callerId: this.task.callerId, timeoutS: pacing.ringTimeoutS,
        });
        this.d.metrics.dispatched.inc();
        this.d.observer?.dispatched?.(this.tenantId, this.taskId, a.index, prev.a + 1, issuedAtMs);
      } catch (err) {
        // The attempt stays in flight: with no ack it resolves as NO_ACK at its deadline.
        this.d.log.warn({ err: (err as Error).message, commandId: attempt.commandId, deviceId: a.deviceId }, 'MakeCall publish failed');
      }
    }));
  }

  /**
   * Eligible devices, read from Redis at most every DEVICE_FACTS_MS (a thousand devices is four
   * thousand reads); in between, the last reading minus the devices we have since given a call.
   * A stale "free" costs at most a refused claim or a LINE_BUSY refusal, both harmless.
   */
  private async freeDevices(now: number): Promise<string[]> {
    if (now - this.factsAtMs >= DEVICE_FACTS_MS) {
      const deviceIds = this.task.deviceIds.length > 0 ? this.task.deviceIds : await this.d.store.tenantDevices(this.tenantId);
      this.eligible = (await this.d.store.deviceFacts(this.tenantId, deviceIds)).filter(isEligible).map((f) => f.deviceId);
      this.factsAtMs = now;
    }
    const busy = new Set([...this.inflight.values()].map((a) => a.deviceId));
    return this.eligible.filter((d) => !busy.has(d));
  }

  /** Resolves what it can of the attempts in flight, from the ack, call and device hashes. */
  async reconcile(): Promise<void> {
    if (this.lost || this.inflight.size === 0) return;
    const list = [...this.inflight.values()];
    const facts = await this.d.store.resolutionFacts(this.tenantId, list);
    const now = this.d.now();
    const limits = { offlineGraceMs: this.d.settings.offlineGraceMs, silentMs: this.d.settings.silentMs, maxCallMs: this.d.settings.slotTtlMs };
    // Resolutions of different numbers are independent: sent together, one round trip.
    await Promise.all(list.map(async (a, i) => {
      const f = facts[i]!;
      if (f.device?.presence === 'OFFLINE') a.offlineSinceMs ??= now;
      else delete a.offlineSinceMs;
      const status = resolveAttempt(a, f.ack, f.call, f.device, a.offlineSinceMs ?? null, now, limits);
      if (status.kind === 'pending') {
        if (status.acked && !a.acked) this.acked(a, 'ACCEPTED', now);
        return;
      }
      const prev = this.states.get(a.index) ?? { ...FRESH, s: 'IN_FLIGHT' as const, a: 1, c: a.commandId };
      let next: NumberState;
      if (status.kind === 'refused') {
        if (!a.acked) this.acked(a, 'REJECTED', now);
        next = afterRefusal(prev, status.reason, now);
      } else {
        if (!a.acked) this.acked(a, status.outcome === 'NO_ACK' ? 'NONE' : status.outcome === 'NETWORK_FAILURE' && !f.call ? 'FAILED' : 'ACCEPTED', now);
        next = afterOutcome(prev, status.outcome, this.task.redial, now);
      }
      const done = await this.d.store.resolve(this.tenantId, this.taskId, this.d.owner, a, next, status.kind === 'refused');
      if (done === -1) return this.leaseLost();
      this.inflight.delete(a.commandId);
      this.states.set(a.index, next);
      const outcome = status.kind === 'refused' ? 'REFUSED' : status.outcome;
      this.d.metrics.resolved.inc({ outcome });
      this.d.onDeviceMark(this.tenantId, a.deviceId, status.kind === 'refused' ? 'error' : markOf(status.outcome));
    }));
  }

  private acked(a: Tracked, status: string, now: number): void {
    a.acked = true;
    this.d.metrics.acks.inc({ status });
    if (status !== 'NONE') {
      this.d.metrics.ackSeconds.observe((now - a.dispatchedAtMs) / 1000);
      this.d.observer?.acked?.(status, now - a.dispatchedAtMs);
    }
  }

  private async maybeEnd(): Promise<void> {
    if (this.ending || this.inflight.size > 0) return;
    const end = taskEnd(this.states, this.phones.length, this.task.redial.maxAttempts);
    if (end.kind === 'running') return;
    this.ending = true;
    const actor = { kind: 'system' as const, id: 'dialer' };
    const r = end.kind === 'complete'
      ? await this.d.tasks.transition(this.tenantId, this.taskId, 'COMPLETE', actor, 'every number final')
      : await this.d.tasks.transition(this.tenantId, this.taskId, 'FAIL', actor, end.reason);
    this.d.log.info({ tenantId: this.tenantId, taskId: this.taskId, end: end.kind, ok: r.ok }, 'task finished');
    // Lost the race to a STOP/CANCEL: the work list decides what happens next.
    if (r.ok) this.mode = 'drain';
    else this.ending = false;
  }

  private noteStarved(now: number): void {
    this.starvedSinceMs ??= now;
    if (!this.starvedReported && now - this.starvedSinceMs >= this.d.settings.starvedAfterMs) {
      this.starvedReported = true;
      this.d.onStarved(this.tenantId, this.taskId, this.starvedSinceMs);
    }
  }

  private leaseLost(): void {
    if (!this.lost) this.d.log.warn({ tenantId: this.tenantId, taskId: this.taskId }, 'task lease lost: another dialer drives it now');
    this.lost = true;
  }
}
