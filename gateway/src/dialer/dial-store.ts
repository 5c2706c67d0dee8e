// The dialer's Redis edge: leases, the claim and resolve scripts, and the pipelined reads the
// run loop and the reconciler need. No decisions here (domain/ has them).
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { taskKeys } from '../../../common/call-tasks/model.js';
import { keys } from '../domain/redis-keys.js';
import type { NumberState } from './domain/attempts.js';
import type { DeviceFacts } from './domain/plan-dispatch.js';
import type { AckView, CallView, DeviceView, InFlightAttempt } from './domain/resolve-attempt.js';
import { dialKeys } from './redis-keys.js';

const CLAIM = readFileSync(new URL('./claim.lua', import.meta.url), 'utf8');
const RESOLVE = readFileSync(new URL('./resolve.lua', import.meta.url), 'utf8');
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Sets a number's state only while we hold the lease and the number is not in flight. */
const SET_NUMBER = `if redis.call('GET', KEYS[2]) ~= ARGV[3] then return -1 end
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if raw and cjson.decode(raw).s == 'IN_FLIGHT' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return 1`;
/** Forgets a task with nothing in flight (it no longer needs a driver unless RUNNING). */
const IDLE = `if redis.call('HLEN', KEYS[1]) == 0 then return redis.call('SREM', KEYS[2], ARGV[1]) end return 0`;

/** ioredis adds one method per defineCommand. */
interface DialCommands {
  dialClaim(...args: (string | number)[]): Promise<string>;
  dialResolve(...args: (string | number)[]): Promise<number>;
  dialRenew(...args: (string | number)[]): Promise<number>;
  dialRelease(...args: (string | number)[]): Promise<number>;
  dialSetNumber(...args: (string | number)[]): Promise<number>;
  dialIdle(...args: (string | number)[]): Promise<number>;
}

export type ClaimResult = 'OK' | 'LEASE' | 'NUMBER' | 'DEVICE' | 'DNC' | 'CAP' | 'RATE_TASK' | 'RATE_DEVICE';

export interface ClaimArgs {
  tenantId: string;
  taskId: string;
  owner: string;
  attempt: InFlightAttempt;
  hash: string;
  ymd: string;
  nowMs: number;
  maxAttempts: number;
  maxPerDay: number;
  perTaskPerMinute: number;
  perDevicePerMinute: number;
  slotTtlMs: number;
}

export const activeMember = (t: string, k: string) => `${t}:${k}`;

export class DialStore {
  private readonly r: Redis & DialCommands;

  constructor(redis: Redis) {
    if (!('dialClaim' in redis)) {
      redis.defineCommand('dialClaim', { lua: CLAIM, numberOfKeys: 10 });
      redis.defineCommand('dialResolve', { lua: RESOLVE, numberOfKeys: 5 });
      redis.defineCommand('dialRenew', { lua: RENEW, numberOfKeys: 1 });
      redis.defineCommand('dialRelease', { lua: RELEASE, numberOfKeys: 1 });
      redis.defineCommand('dialSetNumber', { lua: SET_NUMBER, numberOfKeys: 2 });
      redis.defineCommand('dialIdle', { lua: IDLE, numberOfKeys: 2 });
    }
    this.r = redis as Redis & DialCommands;
  }

  get redis(): Redis {
    return this.r;
  }

  /** Takes or renews the task's lease; true while this owner holds it. */
  async lease(t: string, k: string, owner: string, ttlMs: number): Promise<boolean> {
    const key = dialKeys.lease(t, k);
    if ((await this.r.set(key, owner, 'PX', ttlMs, 'NX')) === 'OK') return true;
    return (await this.r.dialRenew(key, owner, ttlMs)) === 1;
  }

  async release(t: string, k: string, owner: string): Promise<void> {
    await this.r.dialRelease(dialKeys.lease(t, k), owner);
  }

  async numbers(t: string, k: string): Promise<Map<number, NumberState>> {
    const raw = await this.r.hgetall(dialKeys.numbers(t, k));
    const out = new Map<number, NumberState>();
    for (const [i, json] of Object.entries(raw)) out.set(Number(i), JSON.parse(json) as NumberState);
    return out;
  }

  async inflight(t: string, k: string): Promise<InFlightAttempt[]> {
    const raw = await this.r.hgetall(dialKeys.inflight(t, k));
    return Object.values(raw).map((j) => JSON.parse(j) as InFlightAttempt);
  }

  claim(a: ClaimArgs): Promise<ClaimResult> {
    const { tenantId: t, taskId: k, attempt } = a;
    return this.r.dialClaim(
      dialKeys.numbers(t, k), dialKeys.inflight(t, k), dialKeys.lease(t, k), dialKeys.slot(t, attempt.deviceId),
      dialKeys.cooldown(t, attempt.deviceId), dialKeys.day(t, a.ymd, a.hash), taskKeys.dnc(t), dialKeys.taskRate(t, k),
      dialKeys.deviceRate(t, attempt.deviceId), dialKeys.active(),
      attempt.index, attempt.commandId, a.nowMs, a.owner, a.maxAttempts, a.maxPerDay, a.perTaskPerMinute, a.perDevicePerMinute,
      a.slotTtlMs, JSON.stringify({ ...attempt, hash: a.hash, ymd: a.ymd }), a.hash, activeMember(t, k),
    ) as Promise<ClaimResult>;
  }

  /** 1 resolved, 0 already resolved, -1 lease lost. */
  resolve(t: string, k: string, owner: string, attempt: InFlightAttempt & { hash?: string; ymd?: string }, next: NumberState, refund: boolean): Promise<number> {
    return this.r.dialResolve(
      dialKeys.numbers(t, k), dialKeys.inflight(t, k), dialKeys.lease(t, k), dialKeys.slot(t, attempt.deviceId),
      dialKeys.day(t, attempt.ymd ?? '', attempt.hash ?? ''),
      attempt.index, attempt.commandId, owner, JSON.stringify(next), refund ? '1' : '0',
    );
  }

  setNumber(t: string, k: string, owner: string, index: number, st: NumberState): Promise<number> {
    return this.r.dialSetNumber(dialKeys.numbers(t, k), dialKeys.lease(t, k), index, JSON.stringify(st), owner);
  }

  /** Tasks with attempts in flight (a STOPPED task's calls still need resolving after a restart). */
  async active(): Promise<{ tenantId: string; taskId: string }[]> {
    return (await this.r.smembers(dialKeys.active())).flatMap((m) => {
      const cut = m.lastIndexOf(':');
      return cut > 0 ? [{ tenantId: m.slice(0, cut), taskId: m.slice(cut + 1) }] : [];
    });
  }

  async forgetIfIdle(t: string, k: string): Promise<void> {
    await this.r.dialIdle(dialKeys.inflight(t, k), dialKeys.active(), activeMember(t, k));
  }

  async tenantDevices(t: string): Promise<string[]> {
    return this.r.smembers(keys.tenantDevices(t));
  }

  async deviceFacts(t: string, deviceIds: readonly string[]): Promise<DeviceFacts[]> {
    if (deviceIds.length === 0) return [];
    const p = this.r.pipeline();
    for (const d of deviceIds) {
      p.hmget(keys.device(t, d), 'presence', 'line_state', 'active_call_id');
      p.hget(dialKeys.deviceRegistry(t, d), 'status');
      p.exists(dialKeys.cooldown(t, d));
      p.exists(dialKeys.slot(t, d));
    }
    const res = (await p.exec()) ?? [];
    return deviceIds.map((deviceId, i) => {
      const [presence, line, active] = (res[i * 4]?.[1] ?? []) as (string | null)[];
      return {
        deviceId, presence: presence ?? '', lineState: line ?? '', activeCallId: active ?? '',
        registryStatus: (res[i * 4 + 1]?.[1] as string | null) ?? '',
        coolingDown: res[i * 4 + 2]?.[1] === 1, slotTaken: res[i * 4 + 3]?.[1] === 1,
      };
    });
  }

  /** DNC membership and day counts of some numbers, one round trip. */
  async complianceFacts(t: string, numbers: readonly { hash: string; ymd: string }[]): Promise<{ dnc: Set<string>; day: Map<string, number> }> {
    const dnc = new Set<string>();
    const day = new Map<string, number>();
    if (numbers.length === 0) return { dnc, day };
    const p = this.r.pipeline();
    p.smismember(taskKeys.dnc(t), ...numbers.map((n) => n.hash));
    p.mget(...numbers.map((n) => dialKeys.day(t, n.ymd, n.hash)));
    const res = (await p.exec()) ?? [];
    const member = (res[0]?.[1] ?? []) as number[];
    const counts = (res[1]?.[1] ?? []) as (string | null)[];
    member.forEach((m, i) => {
      if (m === 1) dnc.add(numbers[i]!.hash);
    });
    counts.forEach((c, i) => day.set(`${numbers[i]!.ymd}:${numbers[i]!.hash}`, Number(c ?? 0)));
    return { dnc, day };
  }

  /** Everything the reconciler needs about these attempts: two pipelined round trips. */
  async resolutionFacts(t: string, attempts: readonly InFlightAttempt[]): Promise<{ ack: AckView | null; call: CallView | null; device: DeviceView | null }[]> {
    if (attempts.length === 0) return [];
    const p = this.r.pipeline();
    for (const a of attempts) {
      p.hmget(dialKeys.command(t, a.commandId), 'status', 'reason', 'call_id');
      p.hmget(keys.device(t, a.deviceId), 'presence', 'last_seen_ms', 'active_call_id');
    }
    const res = (await p.exec()) ?? [];
    const acks = attempts.map((_, i) => {
      const [status, reason, callId] = (res[i * 2]?.[1] ?? []) as (string | null)[];
      return status === null || status === undefined ? null : { status: Number(status), reason: reason ?? '', callId: callId ?? '' };
    });
    const devices = attempts.map((_, i) => {
      const [presence, lastSeen, active] = (res[i * 2 + 1]?.[1] ?? []) as (string | null)[];
      return presence === null && lastSeen === null ? null : { presence: presence ?? '', lastSeenMs: Number(lastSeen ?? 0), activeCallId: active ?? '' };
    });
    const withCall = acks.map((a, i) => (a?.callId ? i : -1)).filter((i) => i >= 0);
    const calls = new Map<number, CallView | null>();
    if (withCall.length > 0) {
      const q = this.r.pipeline();
      for (const i of withCall) q.hmget(keys.call(t, acks[i]!.callId), 'phase', 'ended_cause', 'hangup_cause', 'answered_at', 'last_received_ms');
      const cres = (await q.exec()) ?? [];
      withCall.forEach((i, j) => {
        const [phase, ended, hangup, answered, last] = (cres[j]?.[1] ?? []) as (string | null)[];
        calls.set(i, phase === null ? null : {
          phase: Number(phase), endedCause: Number(ended ?? 0), hangupCause: Number(hangup ?? 0),
          answered: answered !== null && answered !== '', lastReceivedMs: Number(last ?? 0),
        });
      });
    }
    return attempts.map((_, i) => ({ ack: acks[i] ?? null, call: calls.get(i) ?? null, device: devices[i] ?? null }));
  }

  async coolDown(t: string, d: string, reason: string, ms: number): Promise<boolean> {
    return (await this.r.set(dialKeys.cooldown(t, d), reason, 'PX', ms, 'NX')) === 'OK';
  }
}
