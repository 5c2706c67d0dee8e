// How a simulated call unfolds: outcome and timing drawn from distributions that resemble an
// outbound lead-acquisition campaign in China (no answer is common, talk times are log-normal with
// a long tail). Pure: the PRNG and the line's health state are arguments, so a seeded test sees
// the same calls every time. All times are device time, milliseconds since dialling started.

import type { DialStep, HangupCauseName, HangupPartyName } from './call-steps.js';
import { Q850 } from './call-steps.js';
import { bernoulli, logNormal, pickWeighted, uniform, type Rng } from './rng.js';

/** What the network did with a call; `cancelled` only results from a local hangup before answer. */
export type Outcome = 'answered' | 'no_answer' | 'busy' | 'rejected' | 'invalid_number' | 'network_failure' | 'cancelled';
type DrawnOutcome = Exclude<Outcome, 'cancelled'>;

/** Outcome weights of a healthy line, network failures excluded (they come from LineHealth). */
export const OUTCOME_WEIGHTS: Readonly<Record<Exclude<DrawnOutcome, 'network_failure'>, number>> = {
  answered: 46,
  no_answer: 30,
  busy: 10,
  rejected: 8,
  invalid_number: 2,
};

/**
 * Network failures come in streaks (a device in a basement, a flaky SIM): a two-state Markov
 * chain per device. Stationary share degraded = enter / (enter + leave) ≈ 4.8 %, overall failure
 * rate ≈ 0.952 × 1.8 % + 0.048 × 50 % ≈ 4.1 %.
 */
export const LINE_HEALTH = {
  enterDegraded: 0.02,
  leaveDegraded: 0.4,
  failureWhenHealthy: 0.018,
  failureWhenDegraded: 0.5,
} as const;

export interface LineHealth {
  degraded: boolean;
}

export const DEFAULT_RING_TIMEOUT_MS = 45_000;
const MIN_RING_TIMEOUT_MS = 5_000;
const MAX_TALK_MS = 2 * 3600_000;

export interface CallPlan {
  outcome: Outcome;
  /** When the remote side started alerting; null when it never did. */
  ringingAtMs: number | null;
  answeredAtMs: number | null;
  hangupAtMs: number;
  cause: HangupCauseName;
  party: HangupPartyName;
  /** Delay between hangup and the recording being finalised (answered calls only). */
  recordingDelayMs: number;
}

export interface PlanRequest {
  /** MakeCall.timeout_s in ms; 0 = device default. */
  ringTimeoutMs: number;
}

export function nextHealth(rng: Rng, health: LineHealth): LineHealth {
  return { degraded: health.degraded ? !bernoulli(rng, LINE_HEALTH.leaveDegraded) : bernoulli(rng, LINE_HEALTH.enterDegraded) };
}

export function pickOutcome(rng: Rng, health: LineHealth): DrawnOutcome {
  const pFail = health.degraded ? LINE_HEALTH.failureWhenDegraded : LINE_HEALTH.failureWhenHealthy;
  return bernoulli(rng, pFail) ? 'network_failure' : pickWeighted(rng, OUTCOME_WEIGHTS);
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const ms = (v: number): number => Math.round(v);

/** Draws one call. `health` is the line state after nextHealth() for this call. */
export function planCall(rng: Rng, health: LineHealth, request: PlanRequest): CallPlan {
  const timeoutMs = Math.max(MIN_RING_TIMEOUT_MS, request.ringTimeoutMs || DEFAULT_RING_TIMEOUT_MS);
  let outcome = pickOutcome(rng, health);
  // Post-dial delay: dialling until the network reports alerting (or a failure tone).
  const postDialMs = ms(uniform(rng, 1000, 4000));
  const base = { recordingDelayMs: ms(uniform(rng, 300, 3000)) };
  const ringMs = ms(clamp(logNormal(rng, 8000, 0.5), 3000, 25_000));
  if (outcome === 'answered' && postDialMs + ringMs >= timeoutMs) outcome = 'no_answer';

  switch (outcome) {
    case 'answered': {
      const answeredAtMs = postDialMs + ringMs;
      const talkMs = ms(clamp(logNormal(rng, 45_000, 1.0), 2000, MAX_TALK_MS));
      const remoteHangsUp = bernoulli(rng, 0.6);
      return { ...base, outcome, ringingAtMs: postDialMs, answeredAtMs, hangupAtMs: answeredAtMs + talkMs, cause: 'NORMAL_CLEARING', party: remoteHangsUp ? 'REMOTE' : 'LOCAL' };
    }
    case 'no_answer': {
      const ringingAtMs = Math.min(postDialMs, timeoutMs - 1000);
      return { ...base, outcome, ringingAtMs, answeredAtMs: null, hangupAtMs: timeoutMs, cause: 'NO_ANSWER', party: 'LOCAL' };
    }
    case 'rejected': {
      const ringingAtMs = Math.min(postDialMs, timeoutMs - 1000);
      const hangupAtMs = Math.min(timeoutMs - 1, ringingAtMs + ms(uniform(rng, 2000, 15_000)));
      return { ...base, outcome, ringingAtMs, answeredAtMs: null, hangupAtMs, cause: 'CALL_REJECTED', party: 'REMOTE' };
    }
    case 'busy':
      return { ...base, outcome, ringingAtMs: null, answeredAtMs: null, hangupAtMs: ms(uniform(rng, 1000, 4000)), cause: 'USER_BUSY', party: 'REMOTE' };
    case 'invalid_number':
      return { ...base, outcome, ringingAtMs: null, answeredAtMs: null, hangupAtMs: ms(uniform(rng, 1500, 6000)), cause: 'INVALID_NUMBER', party: 'NETWORK' };
    case 'network_failure':
      return { ...base, outcome, ringingAtMs: null, answeredAtMs: null, hangupAtMs: ms(uniform(rng, 300, 8000)), cause: 'NETWORK_FAILURE', party: 'NETWORK' };
  }
}

/**
 * The plan cut short by a local hangup at `atMs` (HangupCall command, operator). Unchanged when
 * the call was already over by then.
 */
export function cancelPlan(plan: CallPlan, atMs: number): CallPlan {
  if (atMs >= plan.hangupAtMs) return plan;
  const answered = plan.answeredAtMs !== null && plan.answeredAtMs <= atMs;
  return {
    ...plan,
    outcome: answered ? 'answered' : 'cancelled',
    ringingAtMs: plan.ringingAtMs !== null && plan.ringingAtMs <= atMs ? plan.ringingAtMs : null,
    answeredAtMs: answered ? plan.answeredAtMs : null,
    hangupAtMs: Math.max(0, Math.round(atMs)),
    cause: answered ? 'NORMAL_CLEARING' : 'CANCELLED',
    party: 'LOCAL',
  };
}

export function talkMsOf(plan: CallPlan): number {
  return plan.answeredAtMs === null ? 0 : plan.hangupAtMs - plan.answeredAtMs;
}

/**
 * The contract steps of a plan, in order. `record`: whether an answered call will have a
 * recording; the recording step itself is added by the dialer (it needs the file's hash).
 */
export function planSteps(plan: CallPlan, line = 0, record = false): DialStep[] {
  const steps: DialStep[] = [{ kind: 'dialing', atMs: 0, line }];
  if (plan.ringingAtMs !== null) steps.push({ kind: 'ringing', atMs: plan.ringingAtMs });
  if (plan.answeredAtMs !== null) steps.push({ kind: 'answered', atMs: plan.answeredAtMs });
  steps.push({ kind: 'hangup', atMs: plan.hangupAtMs, cause: plan.cause, party: plan.party, protocolCode: Q850[plan.cause] });
  const answered = plan.answeredAtMs !== null;
  steps.push({
    kind: 'ended',
    atMs: plan.hangupAtMs,
    cause: plan.cause,
    ringDurationMs: answered ? (plan.answeredAtMs as number) : plan.hangupAtMs,
    talkDurationMs: talkMsOf(plan),
    totalDurationMs: plan.hangupAtMs,
    recordingFollows: answered && record,
  });
  return steps;
}
