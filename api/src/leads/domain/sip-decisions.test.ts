import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AssignmentDecision } from './assignment.js';
import { decideBye, decideInvite, isScannerUserAgent, parseCallerId, rateDecision, rateKey, routeCall, type InvitePolicy, type InviteRequest } from './sip-decisions.js';

const policy: InvitePolicy = { monitoredNumbers: new Map([['+862161234567', { scene_config_id: 'sc-phone' }]]), trustedSources: new Set(['10.0.0.5']) };
const okRate = { sourceInWindow: 1, sourceLimit: 20, windowSeconds: 60 };
const NOW = 1_764_800_000_000;
const invite = (p: Partial<InviteRequest> = {}): InviteRequest => ({ callId: 'c1', sourceIp: '203.0.113.9', userAgent: 'Zoiper rv2.10', from: '"张三" <sip:13800138001@carrier.example>;tag=1', to: 'sip:02161234567@pbx', ...p });

test('sip: scanner user agents are rejected with 403 before anything else', () => {
  for (const ua of ['friendly-scanner', 'sipvicious 0.3', 'SIPCLI/v1.8', 'VaxSIPUserAgent/3.1']) {
    assert.deepEqual(decideInvite(invite({ userAgent: ua }), policy, { ...okRate, sourceInWindow: 999 }, NOW), { action: 'reject', status: 403, reason: 'scanner' });
  }
  assert.equal(isScannerUserAgent('Yealink SIP-T46S'), false);
  assert.equal(isScannerUserAgent(null), false);
});

test('sip: over the per-source limit answers 503 with the seconds left in the window', () => {
  assert.deepEqual(rateDecision({ sourceInWindow: 21, sourceLimit: 20, windowSeconds: 60 }, Date.UTC(2026, 0, 1, 0, 0, 45)), { allow: false, status: 503, retryAfterSeconds: 15 });
  assert.deepEqual(rateDecision({ sourceInWindow: 20, sourceLimit: 20, windowSeconds: 60 }, NOW), { allow: true });
  assert.equal(rateKey('1.2.3.4', Date.UTC(2026, 0, 1, 0, 0, 59), 60), rateKey('1.2.3.4', Date.UTC(2026, 0, 1, 0, 0, 0), 60));
  assert.equal(decideInvite(invite(), policy, { ...okRate, sourceInWindow: 21 }, NOW).action, 'reject');
});

test('sip: an INVITE to a monitored number yields the PHONE_CALL scene and the caller lookup key', () => {
  const d = decideInvite(invite(), policy, okRate, NOW);
  assert.deepEqual(d, { action: 'accept', scene_type: 'PHONE_CALL', scene_config_id: 'sc-phone', called: '+862161234567', caller: { e164: '+8613800138001', displayName: '张三', withheld: null }, leadLookupKey: 'mobile:+8613800138001' });
  assert.deepEqual(decideInvite(invite({ to: 'sip:02100000001@pbx' }), policy, okRate, NOW), { action: 'reject', status: 404, reason: 'not_monitored' });
});

test('sip: P-Asserted-Identity is used only from trusted sources; anonymous and junk caller ids have no lookup key', () => {
  const pai = '<tel:+8613900001111>';
  const trusted = decideInvite(invite({ sourceIp: '10.0.0.5', pAssertedIdentity: pai }), policy, okRate, NOW);
  assert.equal(trusted.action === 'accept' && trusted.leadLookupKey, 'mobile:+8613900001111');
  const untrusted = decideInvite(invite({ pAssertedIdentity: pai }), policy, okRate, NOW);
  assert.equal(untrusted.action === 'accept' && untrusted.leadLookupKey, 'mobile:+8613800138001');
  assert.deepEqual(parseCallerId('"Anonymous" <sip:anonymous@anonymous.invalid>'), { e164: null, displayName: 'Anonymous', withheld: 'anonymous' });
  assert.equal(parseCallerId('sip:13800000000@x').withheld, 'placeholder');
  assert.equal(parseCallerId('<sip:alice@x>').withheld, 'unparseable');
});

const assigned = (user_id: string): AssignmentDecision => ({ kind: 'assigned', user_id, team_id: null, strategy: 'round_robin', step: 0, candidates: [user_id], reason: '', rule_id: 'r', skipped: [], trail: [] });

test('sip: the call is redirected or proxied to the owner line, else queued, else 480', () => {
  const lines = new Map([['u1', { user_id: 'u1', sip_uri: 'sip:u1@pbx', registered: true }], ['u2', { user_id: 'u2', sip_uri: 'sip:u2@pbx', registered: false }]]);
  assert.deepEqual(routeCall({ existingOwner: null, assignment: assigned('u1') }, lines, { mode: 'redirect', queueUri: null }), { action: 'redirect', status: 302, contact: 'sip:u1@pbx', user_id: 'u1' });
  assert.deepEqual(routeCall({ existingOwner: 'u1', assignment: assigned('u2') }, lines, { mode: 'proxy', queueUri: null }), { action: 'proxy', uri: 'sip:u1@pbx', user_id: 'u1' });
  assert.deepEqual(routeCall({ existingOwner: null, assignment: assigned('u2') }, lines, { mode: 'redirect', queueUri: 'sip:queue@pbx' }), { action: 'queue', uri: 'sip:queue@pbx', reason: 'owner u2 has no registered line' });
  const queued: AssignmentDecision = { kind: 'queued', queue: 'triage', reason: 'x', rule_id: 'r', skipped: [], trail: [] };
  assert.deepEqual(routeCall({ existingOwner: null, assignment: queued }, lines, { mode: 'redirect', queueUri: null }), { action: 'reject', status: 480, reason: 'assignment queued' });
});

test('sip: BYE closes the open call with talk and ring time; a repeated BYE is ignored', () => {
  const open = { call_id: 'c1', lead_id: 'L1', started_at: 1000, answered_at: 4000 };
  assert.deepEqual(decideBye('c1', open, 64000), { action: 'close', lead_id: 'L1', call_id: 'c1', ended_at: 64000, talk_ms: 60000, ring_ms: 3000, disposition: 'ANSWERED' });
  assert.deepEqual(decideBye('c1', { ...open, answered_at: null }, 9000), { action: 'close', lead_id: 'L1', call_id: 'c1', ended_at: 9000, talk_ms: 0, ring_ms: 8000, disposition: 'NO_ANSWER' });
  assert.deepEqual(decideBye('c2', open, 9000), { action: 'ignore', reason: 'unknown_call' });
  assert.deepEqual(decideBye('c1', null, 1), { action: 'ignore', reason: 'unknown_call' });
});
