import { test } from 'node:test';
import assert from 'node:assert/strict';
import { preassignedFrom } from './preassigned.js';

test('preassigned: only a well-formed assigned decision is honoured; anything else lets the pipeline decide', () => {
  const d = { kind: 'assigned', user_id: 'u1', team_id: null, strategy: 'user', step: 0, candidates: ['u1'], reason: 'sip', rule_id: 'r', skipped: [], trail: [] };
  assert.deepEqual(preassignedFrom(JSON.stringify(d)), d);
  assert.equal(preassignedFrom(undefined), null);
  assert.equal(preassignedFrom(''), null);
  assert.equal(preassignedFrom('{not json'), null);
  assert.equal(preassignedFrom(JSON.stringify({ ...d, kind: 'queued' })), null);
  assert.equal(preassignedFrom(JSON.stringify({ ...d, user_id: '' })), null);
  assert.equal(preassignedFrom(JSON.stringify({ kind: 'assigned', user_id: 'u1' })), null, 'no trail/skipped: not a decision');
});
