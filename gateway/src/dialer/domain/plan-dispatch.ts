// Which numbers go to which free devices this tick. Pure: the number states, the free devices,
// the DNC answers, the day counts and the clock are inputs. The claim script then makes each
// assignment atomic (and re-checks DNC and the day cap), so a stale input can only lose a claim,
// never break a rule.
import type { ComplianceSettings, TaskPhone } from '../../../../common/call-tasks/model.js';
import type { NumberState } from './attempts.js';
import { FRESH } from './attempts.js';
import { checkCompliance } from './compliance.js';

export interface Candidate {
  index: number;
  state: NumberState;
  phone: Pick<TaskPhone, 'hash' | 'region'>;
}

export interface PlanInput {
  nowMs: number;
  candidates: readonly Candidate[];
  /** Devices free to take a call now, in preference order. */
  freeDevices: readonly string[];
  /** Phone hashes on the tenant's DNC list (among the candidates'). */
  dnc: ReadonlySet<string>;
  /** Attempts so far by `${ymd}:${hash}` (callee-local day), all tasks. */
  dayCounts: ReadonlyMap<string, number>;
  settings: ComplianceSettings;
  defaultTimeZone: string;
  maxAttempts: number;
  /** At most this many dispatches (pacing budget). */
  budget: number;
}

export interface Assignment { index: number; deviceId: string; hash: string; ymd: string }

export interface DispatchPlan {
  assign: Assignment[];
  drop: { index: number; reason: 'DNC' }[];
  defer: { index: number; reason: 'WINDOW' | 'DAILY_CAP'; retryAtMs: number }[];
}

export const dayCountKey = (ymd: string, hash: string) => `${ymd}:${hash}`;

/** Due numbers first by due time, then list order: retries that are due do not starve behind fresh ones. */
export function dueCandidates(states: ReadonlyMap<number, NumberState>, phoneCount: number, nowMs: number, maxAttempts: number): number[] {
  const due: { i: number; n: number }[] = [];
  for (let i = 0; i < phoneCount; i++) {
    const st = states.get(i) ?? FRESH;
    if (st.s === 'PENDING' && st.n <= nowMs && st.a < maxAttempts) due.push({ i, n: st.n });
  }
  due.sort((a, b) => a.n - b.n || a.i - b.i);
  return due.map((d) => d.i);
}

export function planDispatch(input: PlanInput): DispatchPlan {
  const plan: DispatchPlan = { assign: [], drop: [], defer: [] };
  const counts = new Map(input.dayCounts);
  const devices = [...input.freeDevices];
  // The same number twice in one tick would be two simultaneous calls to one person.
  const hashesThisTick = new Set<string>();
  for (const c of input.candidates) {
    if (plan.assign.length >= input.budget || devices.length === 0) break;
    if (c.state.s !== 'PENDING' || c.state.n > input.nowMs || c.state.a >= input.maxAttempts) continue;
    if (hashesThisTick.has(c.phone.hash)) continue;
    const verdict = checkCompliance({
      nowMs: input.nowMs, region: c.phone.region, onDnc: input.dnc.has(c.phone.hash),
      attemptsToday: (ymd) => counts.get(dayCountKey(ymd, c.phone.hash)) ?? 0,
      settings: input.settings, defaultTimeZone: input.defaultTimeZone,
    });
    if (verdict.kind === 'drop') {
      plan.drop.push({ index: c.index, reason: verdict.reason });
      continue;
    }
    if (verdict.kind === 'defer') {
      plan.defer.push({ index: c.index, reason: verdict.reason, retryAtMs: verdict.retryAtMs });
      continue;
    }
    const key = dayCountKey(verdict.local.ymd, c.phone.hash);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    hashesThisTick.add(c.phone.hash);
    plan.assign.push({ index: c.index, deviceId: devices.shift()!, hash: c.phone.hash, ymd: verdict.local.ymd });
  }
  return plan;
}

export interface DeviceFacts {
  deviceId: string;
  presence: string;
  lineState: string;
  activeCallId: string;
  /** Device registry status ('' when the device is not registered). */
  registryStatus: string;
  coolingDown: boolean;
  /** A call of ours holds its slot. */
  slotTaken: boolean;
}

/** ONLINE, idle line, not disabled, not cooling down, no call of ours on it. */
export function isEligible(d: DeviceFacts): boolean {
  const idle = d.lineState === '1' || d.activeCallId === '';
  return d.presence === 'ONLINE' && idle && d.registryStatus !== 'DISABLED' && !d.coolingDown && !d.slotTaken;
}
