import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkStatusTransition, LEAD_STATUSES, LEAD_STATUS_TRANSITIONS } from './lead.js';

test('status transitions: the flows of spec 000 §七 are allowed', () => {
  for (const [from, to] of [['NEW', 'QUALIFIED'], ['QUALIFIED', 'ASSIGNED'], ['ASSIGNED', 'PROCESSING'], ['PROCESSING', 'CONVERTED'], ['CONVERTED', 'CLOSED'], ['NEW', 'PROCESSING'], ['DISQUALIFIED', 'QUALIFIED'], ['ASSIGNED', 'ASSIGNED']]) {
    assert.deepEqual(checkStatusTransition(from!, to!), { ok: true }, `${from} → ${to}`);
  }
});

test('status transitions: CLOSED is final, CONVERTED only closes, unknown states are named', () => {
  for (const to of LEAD_STATUSES.filter((s) => s !== 'CLOSED')) {
    const r = checkStatusTransition('CLOSED', to);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.code, 'TRANSITION_NOT_ALLOWED');
  }
  const back = checkStatusTransition('CONVERTED', 'NEW');
  assert.deepEqual(back, { ok: false, code: 'TRANSITION_NOT_ALLOWED', from: 'CONVERTED', to: 'NEW', allowed: ['CLOSED'] });
  const bad = checkStatusTransition('NEW', 'WON');
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.code, 'UNKNOWN_STATUS');
});

test('status transitions: the table only names known states and every state can reach CLOSED', () => {
  for (const s of LEAD_STATUSES) {
    for (const t of LEAD_STATUS_TRANSITIONS[s]) assert.ok(LEAD_STATUSES.includes(t));
    const seen = new Set([s]);
    const queue = [s];
    while (queue.length) for (const n of LEAD_STATUS_TRANSITIONS[queue.shift()!]) if (!seen.has(n)) { seen.add(n); queue.push(n); }
    assert.ok(seen.has('CLOSED'), s);
  }
});
