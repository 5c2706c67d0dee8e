// One number's dial state and how each attempt's result moves it. Pure.
//   PENDING   waiting (due at `n`); IN_FLIGHT a MakeCall is out; DONE a final result (answered,
//   declined, invalid, or retries exhausted); DROPPED removed without a call (DNC).
import type { RedialPolicy, RetryableOutcome } from '../../../../common/call-tasks/model.js';
import { RETRYABLE_OUTCOMES } from '../../../../common/call-tasks/model.js';
import { HangupCause } from '../../../../proto/src/index.js';

export type NumberStateName = 'PENDING' | 'IN_FLIGHT' | 'DONE' | 'DROPPED';

/** Stored as JSON under the number's index in `cunke:dial:{t}:{k}:n` (short keys: thousands per task). */
export interface NumberState {
  s: NumberStateName;
  /** Attempts counted so far (the first included). */
  a: number;
  /** Not dialled before this (epoch ms). */
  n: number;
  /** Last outcome or drop reason, '' before any. */
  o: string;
  /** Command id of the last attempt. */
  c: string;
}

export const FRESH: NumberState = Object.freeze({ s: 'PENDING', a: 0, n: 0, o: '', c: '' });

export type FinalOutcome = 'ANSWERED' | 'DECLINED' | 'INVALID_NUMBER' | 'CANCELLED';
export type AttemptOutcome = FinalOutcome | RetryableOutcome;

/** The ended call's cause → outcome (answered calls are ANSWERED whatever the cause). */
export function outcomeOfCause(cause: number): AttemptOutcome {
  switch (cause) {
    case HangupCause.HANGUP_CAUSE_NO_ANSWER: return 'NO_ANSWER';
    case HangupCause.HANGUP_CAUSE_USER_BUSY: return 'BUSY';
    case HangupCause.HANGUP_CAUSE_CALL_REJECTED: return 'DECLINED';
    case HangupCause.HANGUP_CAUSE_INVALID_NUMBER: return 'INVALID_NUMBER';
    case HangupCause.HANGUP_CAUSE_UNREACHABLE: return 'UNREACHABLE';
    // Someone hung up on purpose before answer (operator, Hangup command): do not insist.
    case HangupCause.HANGUP_CAUSE_CANCELLED: return 'CANCELLED';
    // Normal clearing without an answer: the network gave up ringing.
    case HangupCause.HANGUP_CAUSE_NORMAL_CLEARING: return 'NO_ANSWER';
    default: return 'NETWORK_FAILURE';
  }
}

export function isRetryable(outcome: string): outcome is RetryableOutcome {
  return (RETRYABLE_OUTCOMES as readonly string[]).includes(outcome);
}

/** The number's state after an attempt resolved with `outcome`. */
export function afterOutcome(prev: NumberState, outcome: AttemptOutcome, policy: RedialPolicy, nowMs: number): NumberState {
  if (isRetryable(outcome) && policy.retryOn.includes(outcome) && prev.a < policy.maxAttempts) {
    return { ...prev, s: 'PENDING', n: nowMs + policy.delayS * 1000, o: outcome };
  }
  return { ...prev, s: 'DONE', o: outcome };
}

/** The device refused the command (busy line, expired): it never dialled, so the attempt is given back. */
export function afterRefusal(prev: NumberState, reason: string, nowMs: number, backoffMs = 2_000): NumberState {
  return { ...prev, s: 'PENDING', a: Math.max(0, prev.a - 1), n: nowMs + backoffMs, o: `REFUSED:${reason}` };
}

export function isFinal(st: NumberState, maxAttempts: number): boolean {
  return st.s === 'DONE' || st.s === 'DROPPED' || (st.s === 'PENDING' && st.a >= maxAttempts);
}

export type TaskEnd = { kind: 'running' } | { kind: 'complete' } | { kind: 'fail'; reason: string };

/**
 * COMPLETE once every number is final and nothing is in flight. FAIL only when every number was
 * dropped without a single call (e.g. the whole list is on the DNC list): nothing could ever be
 * dialled, which a supervisor must see as a failure, not a success. A task with no usable device
 * never ends by itself: it stays RUNNING and is reported as starved.
 */
export function taskEnd(states: ReadonlyMap<number, NumberState>, phoneCount: number, maxAttempts: number): TaskEnd {
  let dropped = 0;
  for (let i = 0; i < phoneCount; i++) {
    const st = states.get(i) ?? FRESH;
    if (!isFinal(st, maxAttempts)) return { kind: 'running' };
    if (st.s === 'DROPPED') dropped++;
  }
  if (phoneCount > 0 && dropped === phoneCount) return { kind: 'fail', reason: 'every number was dropped before dialling (DNC)' };
  return { kind: 'complete' };
}
