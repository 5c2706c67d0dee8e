// The dialer: runs call tasks. A BullMQ worker starts scheduled tasks; every second the work
// list (RUNNING tasks, plus tasks with calls still out) is re-read and a TaskRunner drives each
// task this instance holds the lease of; a tick loop dispatches and a reconcile loop resolves.
// Device health is kept here (across tasks) and cools devices down, telling the supervisor why
// on the tenant's live feed.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, type StartTaskJob } from '../../../common/call-tasks/model.js';
import type { Logger } from '../../../common/logger.js';
import type { PiiKeys } from '../../../common/pii.js';
import { keys } from '../domain/redis-keys.js';
import { LIVE_FEED_MAXLEN } from '../live/feed-publisher.js';
import type { DialerDelta } from '../live/domain/deltas.js';
import type { CommandPublisher } from './command-publisher.js';
import { DialStore } from './dial-store.js';
import { cooldownReason, pushMark, type HealthMark } from './domain/device-health.js';
import type { DialerMetrics } from './metrics.js';
import { TaskRunner, type DialerObserver, type DialerSettings } from './task-runner.js';
import type { TaskPort } from './task-port.js';

export interface DialerOptions {
  redisUrl: string;
  /** Stable per instance: owner of leases. */
  instanceId: string;
  gatewayId: string;
  tasks: TaskPort;
  publisher: Pick<CommandPublisher, 'makeCall'>;
  pii: PiiKeys;
  metrics: DialerMetrics;
  log: Logger;
  settings: DialerSettings;
  tickMs: number;
  reconcileMs: number;
  leaseMs: number;
  refreshMs?: number;
  /** Only these tenants (tests sharing one Redis with other suites). */
  tenants?: readonly string[];
  /** false: no BullMQ worker (tests that drive tasks directly). */
  scheduler?: boolean;
  /** BullMQ key prefix (tests: a queue of their own; the worker takes every job it sees). */
  queuePrefix?: string;
  observer?: DialerObserver;
  now?: () => number;
}

const key = (t: string, k: string) => `${t}:${k}`;
/** Task settings and compliance are re-read this often (pacing/redial edits, new DNC rules). */
const RUNNER_REFRESH_MS = 1000;

export class Dialer {
  readonly store: DialStore;
  private readonly redis: Redis;
  private readonly runners = new Map<string, TaskRunner>();
  private readonly health = new Map<string, Map<string, HealthMark[]>>();
  private worker: Worker | null = null;
  private workerRedis: Redis | null = null;
  private stopped = false;
  private loops: Promise<void>[] = [];
  private readonly now: () => number;

  constructor(private readonly o: DialerOptions) {
    this.now = o.now ?? Date.now;
    this.redis = new Redis(o.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    this.redis.on('error', (err) => o.log.warn({ err: err.message }, 'dialer redis error'));
    this.store = new DialStore(this.redis);
  }

  async start(): Promise<void> {
    await this.redis.connect();
    if (this.o.scheduler !== false) {
      this.workerRedis = new Redis(this.o.redisUrl, { maxRetriesPerRequest: null });
      this.workerRedis.on('error', (err) => this.o.log.warn({ err: err.message }, 'dialer worker redis error'));
      this.worker = new Worker<StartTaskJob>(QUEUES.callTask, async (job) => {
        if (job.name !== 'start') return;
        const { tenantId, taskId } = job.data;
        const task = await this.o.tasks.get(tenantId, taskId);
        // A task started by hand, cancelled or rescheduled meanwhile: nothing to do.
        if (!task || task.status !== 'SCHEDULED') return;
        const r = await this.o.tasks.transition(tenantId, taskId, 'START', { kind: 'system', id: 'scheduler' }, 'scheduled time reached');
        this.o.log.info({ tenantId, taskId, ok: r.ok }, 'scheduled task started');
      }, { connection: this.workerRedis, concurrency: 4, ...(this.o.queuePrefix ? { prefix: this.o.queuePrefix } : {}) });
      this.worker.on('error', (err) => this.o.log.warn({ err: err.message }, 'call-task worker error'));
    }
    await this.refresh();
    this.loops = [
      // A quarter second: a task started over the API is picked up within ~250 ms (speed-to-lead).
      this.loop(this.o.refreshMs ?? 250, () => this.refresh()),
      this.loop(this.o.tickMs, () => this.eachRunner((r) => r.tick())),
      this.loop(this.o.reconcileMs, () => this.eachRunner((r) => r.reconcile())),
    ];
    this.o.log.info({ instanceId: this.o.instanceId }, 'dialer started');
  }

  private async loop(everyMs: number, fn: () => Promise<void>): Promise<void> {
    while (!this.stopped) {
      const started = this.now();
      try {
        await fn();
      } catch (err) {
        this.o.log.warn({ err: (err as Error).message }, 'dialer loop error (retried next round)');
      }
      await new Promise((r) => setTimeout(r, Math.max(1, everyMs - (this.now() - started))));
    }
  }

  private async eachRunner(fn: (r: TaskRunner) => Promise<void>): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => fn(r).catch((err: unknown) => {
      this.o.log.warn({ err: (err as Error).message, tenantId: r.tenantId, taskId: r.taskId }, 'task runner error');
    })));
    let inFlight = 0;
    for (const r of this.runners.values()) inFlight += r.inFlightCount;
    this.o.metrics.inFlight.set(inFlight);
  }

  /** Work list → runners: take leases of new work, renew held ones, drain and let go of finished ones. */
  async refresh(): Promise<void> {
    const allowed = (t: string) => !this.o.tenants || this.o.tenants.includes(t);
    const running = (await this.o.tasks.listRunning()).filter((x) => allowed(x.tenantId));
    const active = (await this.store.active()).filter((x) => allowed(x.tenantId));
    const runningKeys = new Set(running.map((x) => key(x.tenantId, x.taskId)));
    const work = new Map([...active, ...running].map((x) => [key(x.tenantId, x.taskId), x]));
    for (const [k, r] of this.runners) {
      if (!work.has(k)) work.set(k, { tenantId: r.tenantId, taskId: r.taskId });
    }
    await Promise.all([...work].map(async ([k, { tenantId, taskId }]) => {
      let runner = this.runners.get(k);
      if (runner?.lost) {
        this.runners.delete(k);
        runner = undefined;
      }
      const held = await this.store.lease(tenantId, taskId, this.o.instanceId, this.o.leaseMs);
      if (!held) {
        if (runner) runner.lost = true;
        this.runners.delete(k);
        return;
      }
      if (!runner) {
        runner = new TaskRunner(tenantId, taskId, {
          store: this.store, tasks: this.o.tasks, publisher: this.o.publisher, pii: this.o.pii, metrics: this.o.metrics,
          log: this.o.log, owner: this.o.instanceId, settings: this.o.settings, now: this.now,
          onDeviceMark: (t, d, m) => void this.mark(t, d, m),
          onStarved: (t, task, since) => this.starved(t, task, since),
          observer: this.o.observer,
        });
        if (!(await runner.init())) {
          await this.store.release(tenantId, taskId, this.o.instanceId);
          return;
        }
        this.runners.set(k, runner);
      } else {
        await runner.refresh(RUNNER_REFRESH_MS);
      }
      runner.mode = runningKeys.has(k) ? 'run' : 'drain';
      if (runner.mode === 'drain' && runner.inFlightCount === 0) {
        await this.store.forgetIfIdle(tenantId, taskId);
        await this.store.release(tenantId, taskId, this.o.instanceId);
        this.runners.delete(k);
      }
    }));
    this.o.metrics.tasksDriven.set(this.runners.size);
    this.o.metrics.tasksStarved.set([...this.runners.values()].filter((r) => r.starved).length);
  }

  private async mark(tenantId: string, deviceId: string, m: HealthMark): Promise<void> {
    let tenant = this.health.get(tenantId);
    if (!tenant) this.health.set(tenantId, (tenant = new Map()));
    const window = pushMark(tenant.get(deviceId) ?? [], m);
    tenant.set(deviceId, window);
    const peers = [...tenant].filter(([d]) => d !== deviceId).map(([, w]) => w);
    const reason = cooldownReason(window, peers);
    if (!reason) return;
    tenant.set(deviceId, []);
    const untilMs = this.now() + this.o.settings.cooldownMs;
    if (!(await this.store.coolDown(tenantId, deviceId, reason, this.o.settings.cooldownMs))) return;
    this.o.metrics.cooldowns.inc();
    this.o.log.warn({ tenantId, deviceId, reason, untilMs }, 'device cooled down');
    await this.publishDelta(tenantId, { t: 'dialer', kind: 'device-cooldown', deviceId, reason, untilMs });
  }

  private starved(tenantId: string, taskId: string, sinceMs: number): void {
    this.o.log.warn({ tenantId, taskId, sinceMs }, 'task has numbers due but no eligible device');
    void this.publishDelta(tenantId, { t: 'dialer', kind: 'task-starved', taskId, sinceMs });
  }

  private async publishDelta(tenantId: string, delta: DialerDelta): Promise<void> {
    try {
      await this.redis.xadd(keys.liveFeed(tenantId), 'MAXLEN', '~', LIVE_FEED_MAXLEN, '*', 'd', JSON.stringify([delta]), 'g', this.o.gatewayId);
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message, tenantId }, 'dialer live delta failed (best effort)');
    }
  }

  /** Tasks this instance drives now (tests). */
  driving(): string[] {
    return [...this.runners.keys()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.close();
    await Promise.all(this.loops);
    await Promise.all([...this.runners.values()].map((r) => this.store.release(r.tenantId, r.taskId, this.o.instanceId).catch(() => undefined)));
    this.runners.clear();
    this.workerRedis?.disconnect();
    this.redis.disconnect();
  }

  /** As a crash: nothing released (leases expire), connections dropped. */
  kill(): void {
    this.stopped = true;
    void this.worker?.close(true).catch(() => undefined);
    for (const r of this.runners.values()) r.lost = true;
    this.runners.clear();
    this.workerRedis?.disconnect();
    this.redis.disconnect();
  }
}
