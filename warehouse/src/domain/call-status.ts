// The call outcome rule: a spec shared by the warehouse view dwd_call_record_v (SQL, migration
// 004) and the gateway's live call state (TypeScript). This function is the TypeScript form;
// test/call-status-sql.integration.test.ts checks the two agree on a table of cases.
// Pure: no I/O, no clock.

export const CALL_STATUSES = [
  'ANSWERED',
  'NO_ANSWER',
  'BUSY',
  'REJECTED',
  'INVALID_NUMBER',
  'FAILED',
  'CANCELLED',
  'IN_PROGRESS',
] as const;

export type CallStatus = (typeof CALL_STATUSES)[number];

/** What the rule looks at. Timestamps only matter by presence (null/undefined = step not seen). */
export interface CallStatusFacts {
  answeredAt?: number | string | null;
  hangupAt?: number | string | null;
  endedAt?: number | string | null;
  talkMs?: number;
  /** Short HangupCause names as stored ('NO_ANSWER'), '' when unspecified (see names.ts). */
  hangupCause?: string;
  endedCause?: string;
}

const BY_CAUSE: ReadonlyMap<string, CallStatus> = new Map<string, CallStatus>([
  ['NO_ANSWER', 'NO_ANSWER'],
  ['USER_BUSY', 'BUSY'],
  ['CALL_REJECTED', 'REJECTED'],
  ['INVALID_NUMBER', 'INVALID_NUMBER'],
  ['CANCELLED', 'CANCELLED'],
  ['NETWORK_FAILURE', 'FAILED'],
  ['UNREACHABLE', 'FAILED'],
  // NORMAL_CLEARING without an answer and without talk time: the call never connected.
  ['NORMAL_CLEARING', 'FAILED'],
]);

const present = (v: unknown): boolean => v !== null && v !== undefined;

export function deriveCallStatus(facts: CallStatusFacts): CallStatus {
  const talkMs = facts.talkMs ?? 0;
  if (present(facts.answeredAt) || talkMs > 0) return 'ANSWERED';
  if (!present(facts.hangupAt) && !present(facts.endedAt)) return 'IN_PROGRESS';
  const cause = facts.endedCause ? facts.endedCause : (facts.hangupCause ?? '');
  return BY_CAUSE.get(cause) ?? 'FAILED';
}

/** Talk time in whole seconds, rounding half up (the view uses intDiv(talk_ms + 500, 1000)). */
export function durationSeconds(talkMs: number): number {
  return Math.floor((talkMs + 500) / 1000);
}
