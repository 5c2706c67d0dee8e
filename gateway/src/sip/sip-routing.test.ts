import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AssignmentDecision } from '../../../api/src/leads/domain/assignment.js';
import { sipParamsOf } from '../../../api/src/leads/domain/sip-params.js';
import { answerOf, callRow, closedAtAnswer, existingOwnerOf, handedOverAssignment, numberTable, sipLeadId, type CallState } from './sip-routing.js';
import { inviteOf, replyHeaders } from './drachtio-glue.js';

test('sip params: numbers normalised and de-duplicated, bad entries reported and left out', () => {
  const { params, problems } = sipParamsOf({
    monitored_numbers: ['021-6123 4567', '+862161234567', 'call me', 42],
    agent_sip_uris: { u1: 'sip:u1@pbx', u2: 'http://nope' }, sip_routing_mode: 'proxy', sip_queue_uri: 'sip:queue@pbx',
  }, 'CN');
  assert.deepEqual(params.monitoredNumbers, ['+862161234567']);
  assert.deepEqual([...params.agentSipUris], [['u1', 'sip:u1@pbx']]);
  assert.equal(params.mode, 'proxy');
  assert.equal(params.queueUri, 'sip:queue@pbx');
  assert.deepEqual(problems.map((p) => p.field), ['scene_specific_params.monitored_numbers[2]', 'scene_specific_params.monitored_numbers[3]', 'scene_specific_params.agent_sip_uris.u2']);
  assert.deepEqual(sipParamsOf(null, 'CN'), { params: { monitoredNumbers: [], agentSipUris: new Map(), mode: null, queueUri: null }, problems: [] });
  assert.equal(sipParamsOf({ monitored_numbers: '02161234567', sip_routing_mode: 'fork' }, 'CN').problems.length, 2);
});

test('number table: enabled PHONE_CALL scenes only; a number claimed twice stays with the oldest scene', () => {
  const scene = (tenant_id: string, id: string, created_at: number, nums: string[], extra: Partial<{ scene_type: string; is_enabled: boolean }> = {}) =>
    ({ tenant_id, scene_config_id: id, scene_type: 'PHONE_CALL', is_enabled: true, created_at, scene_specific_params: { monitored_numbers: nums }, ...extra });
  const { table, clashes } = numberTable([
    scene('t2', 'b', 200, ['02161234567']), scene('t1', 'a', 100, ['02161234567', '02161234568']),
    scene('t1', 'off', 50, ['02161234569'], { is_enabled: false }), scene('t1', 'form', 10, ['02161234570'], { scene_type: 'WEB_FORM' }),
  ], 'CN');
  assert.deepEqual([...table], [['+862161234567', { tenant_id: 't1', scene_config_id: 'a' }], ['+862161234568', { tenant_id: 't1', scene_config_id: 'a' }]]);
  assert.deepEqual(clashes, [{ number: '+862161234567', kept: { tenant_id: 't1', scene_config_id: 'a' }, ignored: { tenant_id: 't2', scene_config_id: 'b' } }]);
});

test('lead id: the same Call-ID and start is one lead; another call or tenant is another; ids sort by time', () => {
  assert.equal(sipLeadId('t', 'c1@x', 1000), sipLeadId('t', 'c1@x', 1000));
  assert.notEqual(sipLeadId('t', 'c1@x', 1000), sipLeadId('t', 'c2@x', 1000));
  assert.notEqual(sipLeadId('t', 'c1@x', 1000), sipLeadId('u', 'c1@x', 1000));
  assert.ok(sipLeadId('t', 'z', 1000) < sipLeadId('t', 'a', 2000));
});

test('existing owner: the most recently assigned lead of the caller', () => {
  assert.equal(existingOwnerOf([]), null);
  assert.equal(existingOwnerOf([{ lead_id: 'l1', assigned_to_user_id: null, assignment_time: null }]), null);
  assert.deepEqual(existingOwnerOf([
    { lead_id: 'l1', assigned_to_user_id: 'u1', assignment_time: 10 }, { lead_id: 'l2', assigned_to_user_id: 'u2', assignment_time: 30 }, { lead_id: 'l3', assigned_to_user_id: null, assignment_time: null },
  ]), { user_id: 'u2', lead_id: 'l2' });
});

const fresh = (user_id: string): AssignmentDecision => ({ kind: 'assigned', user_id, team_id: null, strategy: 'round_robin', step: 0, candidates: ['u1', 'u2'], reason: 'ticket', rule_id: 'r', skipped: [], trail: [] });

test('the pipeline is handed the agent the call went to, and nothing when it went to no agent', () => {
  const toU1 = { action: 'redirect' as const, status: 302 as const, contact: 'sip:u1@pbx', user_id: 'u1' };
  const owner = handedOverAssignment(toU1, { user_id: 'u1', lead_id: 'l0' }, null);
  assert.equal(owner?.kind === 'assigned' && owner.strategy, 'user');
  assert.match(owner?.kind === 'assigned' ? owner.reason : '', /existing owner .* l0/);
  assert.deepEqual(handedOverAssignment(toU1, null, fresh('u1')), fresh('u1'));
  assert.equal(handedOverAssignment(toU1, null, fresh('u2')), null, 'a decision for someone else is not handed over');
  assert.equal(handedOverAssignment({ action: 'queue', uri: 'sip:q@pbx', reason: 'x' }, null, fresh('u1')), null);
});

test('answers: redirect → 302, proxy → proxy, queue follows the mode, reject → 480; a 302/480 closes the call at once', () => {
  assert.deepEqual(answerOf({ action: 'redirect', status: 302, contact: 'sip:u1@pbx', user_id: 'u1' }, 'redirect'), { kind: 'redirect', status: 302, contact: 'sip:u1@pbx', headers: {} });
  assert.deepEqual(answerOf({ action: 'proxy', uri: 'sip:u1@pbx', user_id: 'u1' }, 'proxy'), { kind: 'proxy', uri: 'sip:u1@pbx' });
  assert.deepEqual(answerOf({ action: 'queue', uri: 'sip:q@pbx', reason: 'r' }, 'proxy'), { kind: 'proxy', uri: 'sip:q@pbx' });
  assert.deepEqual(answerOf({ action: 'queue', uri: 'sip:q@pbx', reason: 'r' }, 'redirect'), { kind: 'redirect', status: 302, contact: 'sip:q@pbx', headers: {} });
  const reject = { action: 'reject' as const, status: 480 as const, reason: 'no rules' };
  assert.deepEqual(answerOf(reject, 'proxy'), { kind: 'reply', status: 480, reason: 'Temporarily Unavailable', headers: {} });
  assert.deepEqual(closedAtAnswer(reject, answerOf(reject, 'redirect'), 5000, 1000), { ended_at: 5000, ring_ms: 4000, talk_ms: 0, disposition: 'REJECTED' });
  assert.equal(closedAtAnswer({ action: 'proxy', uri: 'sip:u1@pbx', user_id: 'u1' }, { kind: 'proxy', uri: 'sip:u1@pbx' }, 5000, 1000), null);
});

test('call row: masked caller only, UTC DateTime64 text, user agent capped', () => {
  const s: CallState = {
    tenant_id: 't', lead_id: 'l', scene_config_id: 's', called: '+862161234567', caller_hash: 'h', caller_masked: '139****0001', source_ip: '10.0.0.1', user_agent: 'x'.repeat(500),
    route_action: 'proxy', route_uri: 'sip:u1@pbx', routed_to_user_id: 'u1', route_reason: '', started_at: Date.UTC(2026, 0, 1), answered_at: null,
  };
  const row = callRow('c1', s, { ended_at: Date.UTC(2026, 0, 1, 0, 1), ring_ms: 60000, talk_ms: 0, disposition: 'NO_ANSWER' });
  assert.equal(row.started_at, '2026-01-01 00:00:00.000');
  assert.equal(row.answered_at, null);
  assert.equal(row.user_agent.length, 200);
  assert.ok(!JSON.stringify(row).includes('13900000001'));
});

test('glue mapping: an INVITE becomes plain data; a redirect carries Contact in angle brackets', () => {
  const headers: Record<string, string> = { 'from': '"A" <sip:13900000001@c>;tag=1', 'user-agent': 'Yealink', 'call-id': 'c9' };
  const msg = { callId: 'c9', uri: 'sip:02161234567@gw', source_address: '10.1.2.3', get: (n: string) => headers[n.toLowerCase()], has: (n: string) => n.toLowerCase() in headers };
  assert.deepEqual(inviteOf(msg, 7), { callId: 'c9', from: '"A" <sip:13900000001@c>;tag=1', to: 'sip:02161234567@gw', sourceIp: '10.1.2.3', userAgent: 'Yealink', pAssertedIdentity: null, at: 7 });
  assert.deepEqual(replyHeaders({ kind: 'redirect', status: 302, contact: 'sip:u1@pbx', headers: {} }), { Contact: '<sip:u1@pbx>' });
  assert.deepEqual(replyHeaders({ kind: 'reply', status: 503, reason: 'x', headers: { 'Retry-After': '9' } }), { 'Retry-After': '9' });
});
