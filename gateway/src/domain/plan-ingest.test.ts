import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { callMessages, heartbeatMessage, statusMessage, shuffle, seededRandom, type CallOutcome } from '../../../test/support/events.js';
import { createPhoneProtector, piiKeysFromHex } from '../../../common/pii.js';
import { decodeMessage } from '../pipeline/decode-message.js';
import { applyOps, type IngestPlan } from './merge-ops.js';
import type { PlanContext } from './plan-ingest.js';

const T0 = Date.parse('2026-11-24T09:00:00Z');
const ctx: PlanContext = { receivedAtMs: T0 + 60_000, dedupeTtlS: 3600, callStateTtlS: 3600, protectPhone: createPhoneProtector(piiKeysFromHex('01'.repeat(32), '02'.repeat(32)), 'CN') };

function plansOf(payloads: { topic: string; payload: Buffer }[]): IngestPlan[] {
  return payloads.map(({ topic, payload }) => {
    const d = decodeMessage(topic, payload, ctx);
    assert.equal(d.ok, true, `expected ${topic} to decode: ${JSON.stringify(d)}`);
    return (d as { plan: IngestPlan }).plan;
  });
}

/** What Redis ends up holding after recording these plans with dedupe. */
function fold(plans: IngestPlan[]): Record<string, unknown> {
  const seen = new Set<string>();
  const state = new Map<string, Map<string, string> | Set<string>>();
  for (const plan of plans) {
    const mark = `${plan.dedupeKey}|${plan.dedupeField}`;
    if (seen.has(mark)) continue;
    seen.add(mark);
    applyOps(state, plan);
  }
  return Object.fromEntries([...state].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v instanceof Set ? [...v].sort() : Object.fromEntries([...v].sort())]));
}

const outcomes: CallOutcome[] = ['answered', 'no_answer', 'busy', 'rejected', 'failed'];

test('call state converges to the same hash whatever the order and duplication of its steps', () => {
  fc.assert(fc.property(fc.constantFrom(...outcomes), fc.integer(), fc.array(fc.nat(20), { maxLength: 8 }), (outcome, seed, dupIdx) => {
    const msgs = callMessages({ tenantId: 't1', deviceId: 'd1', callId: 'c1', outcome, startMs: T0, withRecording: true });
    const plans = plansOf(msgs);
    const inOrder = fold(plans);
    const dups = dupIdx.map((i) => plans[i % plans.length]!);
    const messy = fold(shuffle([...plans, ...dups], seededRandom(seed)));
    assert.deepEqual(messy, inOrder);
  }), { numRuns: 300 });
});

test('the call phase only moves forward: a late RINGING after ENDED does not regress it', () => {
  const msgs = callMessages({ tenantId: 't1', deviceId: 'd1', callId: 'c1', outcome: 'answered', startMs: T0, talkMs: 30_000 });
  const plans = plansOf(msgs);
  const state = fold([plans[4]!, plans[3]!, plans[1]!]) as Record<string, Record<string, string>>;
  const call = state['cunke:call:t1:c1']!;
  assert.equal(call.phase, '5');
  assert.equal(call.talk_ms, '30000');
  assert.equal(call.ringing_at, String(T0 + 1000));
  assert.equal(call.answered_at, undefined, 'ANSWERED not seen yet: its timestamp stays unknown, not invented');
});

test('live state holds the masked number and a keyed hash, never the number itself', () => {
  const [dialing] = plansOf(callMessages({ tenantId: 't1', deviceId: 'd1', callId: 'c1', outcome: 'busy', startMs: T0, phoneNumber: '138 0013 8001' }));
  const ops = dialing!.targets.flatMap((t) => t.ops);
  assert.doesNotMatch(ops.join(' '), /13800138001|8613800138001/);
  const valueOf = (field: string) => ops[ops.indexOf(field) + 1];
  assert.equal(valueOf('phone_masked'), '138****8001');
  assert.match(valueOf('phone_hash') ?? '', /^[0-9a-f]{64}$/);
});

test('the device line follows its latest call step by device clock, and heartbeats merge with it', () => {
  const msgs = callMessages({ tenantId: 't1', deviceId: 'd1', callId: 'c1', outcome: 'answered', startMs: T0 });
  const plans = plansOf(msgs);
  const answered = fold([plans[0]!, plans[2]!]) as Record<string, Record<string, string>>;
  assert.equal(answered['cunke:dev:t1:d1']!.line_state, '4');
  assert.equal(answered['cunke:dev:t1:d1']!.active_call_id, 'c1');
  // An older heartbeat (idle) arriving late must not flip the device back to idle.
  const [oldHb] = plansOf([heartbeatMessage('t1', 'd1', T0 - 5_000, { lineState: 1, batteryPct: 55 })]);
  const withOld = fold([plans[0]!, plans[2]!, oldHb!]) as Record<string, Record<string, string>>;
  assert.equal(withOld['cunke:dev:t1:d1']!.line_state, '4');
  assert.equal(withOld['cunke:dev:t1:d1']!.battery_pct, '55');
  const ended = fold(plans) as Record<string, Record<string, string>>;
  assert.equal(ended['cunke:dev:t1:d1']!.line_state, '1');
  assert.equal(ended['cunke:dev:t1:d1']!.active_call_id, '');
});

test('presence: a newer connection wins over an old will, and a will wins over its own ONLINE', () => {
  const oldOnline = statusMessage('t1', 'd1', true, T0, 's-old');
  const oldWill = statusMessage('t1', 'd1', false, T0, 's-old');
  const newOnline = statusMessage('t1', 'd1', true, T0 + 10_000, 's-new');
  const [a, b, c] = plansOf([oldOnline, oldWill, newOnline]);
  const late = fold([a!, c!, b!]) as Record<string, Record<string, string>>;
  assert.equal(late['cunke:dev:t1:d1']!.presence, 'ONLINE');
  assert.equal(late['cunke:dev:t1:d1']!.session_id, 's-new');
  const dead = fold([a!, b!]) as Record<string, Record<string, string>>;
  assert.equal(dead['cunke:dev:t1:d1']!.presence, 'OFFLINE');
});

test('task counters: each counted step of a task call increments once, whatever the order and duplication', () => {
  const outcomesOf: CallOutcome[] = ['answered', 'no_answer', 'answered', 'busy', 'failed', 'answered'];
  const calls = outcomesOf.map((outcome, i) => callMessages({ tenantId: 't1', deviceId: `d${i % 2}`, callId: `c${i}`, taskId: 'task-7', outcome, startMs: T0 + i * 100_000, talkMs: 10_000 * (i + 1), withRecording: true }));
  const plans = plansOf(calls.flat());
  fc.assert(fc.property(fc.integer(), fc.array(fc.nat(100), { maxLength: 20 }), (seed, dupIdx) => {
    const dups = dupIdx.map((i) => plans[i % plans.length]!);
    const state = fold(shuffle([...plans, ...dups], seededRandom(seed))) as Record<string, Record<string, string> | string[]>;
    const answered = outcomesOf.map((o, i) => (o === 'answered' ? 10_000 * (i + 1) : 0));
    assert.deepEqual(state['cunke:task:t1:task-7'], {
      connected: '3', dialed: '6', ended: '6',
      talk_calls: '3', talk_ms: String(answered.reduce((a, b) => a + b, 0)),
    });
    assert.deepEqual(state['cunke:tasks:t1'], ['task-7']);
  }), { numRuns: 100 });
});

test('calls without a task id touch no task counters; counter targets come last in a plan', () => {
  const untagged = plansOf(callMessages({ tenantId: 't1', deviceId: 'd1', callId: 'c1', outcome: 'answered', startMs: T0 }));
  assert.ok(untagged.every((p) => p.targets.every((t) => !t.key.startsWith('cunke:task'))));
  for (const plan of plansOf(callMessages({ tenantId: 't1', deviceId: 'd1', callId: 'c2', taskId: 'x', outcome: 'answered', startMs: T0 }))) {
    const first = plan.targets.findIndex((t) => t.ops.includes('incr'));
    if (first < 0) continue;
    // A script error after the counter's write would retry the message and count it again.
    assert.equal(first, plan.targets.length - 1, 'the counter target is the last one');
  }
});

test('incr adds to a field that another op set, and treats an absent field as 0', () => {
  const state = new Map<string, Map<string, string> | Set<string>>();
  applyOps(state, { targets: [{ key: 'k', ttlS: 0, ops: ['incr', 'n', '5', 'max', 'm', '3', 'incr', 'm', '2', 'incr', 'n', '0'] }] });
  assert.deepEqual(Object.fromEntries(state.get('k') as Map<string, string>), { n: '5', m: '5' });
});
