import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveCallStatus, durationSeconds, type CallStatus, type CallStatusFacts } from '../src/domain/call-status.js';

const T = 1_700_000_000_000;

const CASES: [string, CallStatusFacts, CallStatus][] = [
  ['answered step wins', { answeredAt: T, hangupAt: T, hangupCause: 'NORMAL_CLEARING' }, 'ANSWERED'],
  ['talk time alone means answered (answered step lost)', { talkMs: 1, endedAt: T, endedCause: 'NO_ANSWER' }, 'ANSWERED'],
  ['answered but not over yet is ANSWERED, not IN_PROGRESS', { answeredAt: T }, 'ANSWERED'],
  ['nothing ended yet', { hangupCause: 'NO_ANSWER' }, 'IN_PROGRESS'],
  ['no facts at all', {}, 'IN_PROGRESS'],
  ['no answer', { endedAt: T, endedCause: 'NO_ANSWER' }, 'NO_ANSWER'],
  ['busy', { hangupAt: T, hangupCause: 'USER_BUSY' }, 'BUSY'],
  ['rejected', { endedAt: T, endedCause: 'CALL_REJECTED' }, 'REJECTED'],
  ['invalid number', { endedAt: T, endedCause: 'INVALID_NUMBER' }, 'INVALID_NUMBER'],
  ['network failure', { endedAt: T, endedCause: 'NETWORK_FAILURE' }, 'FAILED'],
  ['unreachable', { endedAt: T, endedCause: 'UNREACHABLE' }, 'FAILED'],
  ['cancelled', { hangupAt: T, hangupCause: 'CANCELLED' }, 'CANCELLED'],
  ['normal clearing without answer or talk', { endedAt: T, endedCause: 'NORMAL_CLEARING' }, 'FAILED'],
  ['ended cause wins over hangup cause', { hangupAt: T, hangupCause: 'USER_BUSY', endedAt: T, endedCause: 'NO_ANSWER' }, 'NO_ANSWER'],
  ['empty ended cause falls back to hangup cause', { hangupAt: T, hangupCause: 'USER_BUSY', endedAt: T, endedCause: '' }, 'BUSY'],
  ['ended with no cause anywhere', { endedAt: T }, 'FAILED'],
  ['unknown cause from a newer device', { endedAt: T, endedCause: 'UNKNOWN_9' }, 'FAILED'],
  ['a prototype key is not a cause', { endedAt: T, endedCause: 'constructor' }, 'FAILED'],
  ['timestamps as strings count by presence', { answeredAt: '2024-01-01 00:00:00.000' }, 'ANSWERED'],
];

for (const [name, facts, expected] of CASES) {
  test(`deriveCallStatus: ${name}`, () => assert.equal(deriveCallStatus(facts), expected));
}

test('durationSeconds rounds half up like the view (not banker\'s rounding)', () => {
  assert.deepEqual([0, 499, 500, 1499, 1500, 2500, 3500].map(durationSeconds), [0, 0, 1, 1, 2, 3, 4]);
});
