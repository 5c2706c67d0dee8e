// The pure parts of the live hub: deltas, topics, protocol parsing, credentials, snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createPhoneProtector, piiKeysFromHex } from '../../../../common/pii.js';
import { callMessages, heartbeatMessage, seededRandom, shuffle, statusMessage } from '../../../../test/support/events.js';
import { applyOps } from '../../domain/merge-ops.js';
import type { DeviceMessage } from '../../domain/device-message.js';
import { decodeMessage } from '../../pipeline/decode-message.js';
import { issueToken } from '../../../../common/access/token.js';
import { screenCredential, upgradeCredential } from './credentials.js';
import { deltasByTenant, deltasOf, parseFeedDeltas, type CallDelta, type DeviceDelta, type LiveDelta } from './deltas.js';
import { parseClientMessage } from './protocol.js';
import { assembleSnapshot, deviceState, type DeviceState } from './snapshot.js';
import { compareStreamIds } from './stream-id.js';
import { hubTopic, isOnTopic, parseTopic, topicName, topicsOf } from './topics.js';

const T0 = Date.parse('2026-11-24T09:00:00Z');
const protectPhone = createPhoneProtector(piiKeysFromHex('01'.repeat(32), '02'.repeat(32)), 'CN');
const ctx = { receivedAtMs: T0 + 60_000, dedupeTtlS: 3600, callStateTtlS: 3600, protectPhone };

function decoded(wires: { topic: string; payload: Buffer }[]) {
  return wires.map(({ topic, payload }) => {
    const d = decodeMessage(topic, payload, ctx);
    assert.equal(d.ok, true);
    return d as Extract<typeof d, { ok: true }>;
  });
}

/** How a dashboard merges device deltas (docs/live-protocol.md): a group wins when its clock is >= the held one. */
function mergeDevice(held: DeviceState | undefined, d: DeviceDelta): DeviceState {
  const out: DeviceState = held ? { ...held } : { deviceId: d.deviceId, lastSeenMs: 0, agentVersion: '' };
  out.lastSeenMs = Math.max(out.lastSeenMs, d.lastSeenMs);
  for (const group of ['line', 'health', 'presence'] as const) {
    const incoming = d[group];
    const current = out[group];
    if (incoming && (!current || incoming.clock >= current.clock)) (out as unknown as Record<string, unknown>)[group] = incoming;
  }
  return out;
}

test('a dashboard merging device deltas in any order ends with the device state Redis holds', () => {
  const msgs = [
    ...callMessages({ tenantId: 't1', deviceId: 'd1', callId: 'c1', outcome: 'answered', startMs: T0 }),
    ...callMessages({ tenantId: 't1', deviceId: 'd1', callId: 'c2', outcome: 'busy', startMs: T0 + 120_000 }),
    heartbeatMessage('t1', 'd1', T0 + 5_000, { lineState: 4, activeCallId: 'c1', batteryPct: 40 }),
    heartbeatMessage('t1', 'd1', T0 + 500_000, { batteryPct: 38, charging: true, signalDbm: -90 }),
    statusMessage('t1', 'd1', true, T0 - 1000, 's1'),
    statusMessage('t1', 'd1', false, T0 - 1000, 's1'),
    statusMessage('t1', 'd1', true, T0 + 1000, 's2'),
  ];
  const all = decoded(msgs);
  fc.assert(fc.property(fc.integer(), (seed) => {
    const order = shuffle(all, seededRandom(seed));
    const redis = new Map<string, Map<string, string> | Set<string>>();
    let client: DeviceState | undefined;
    for (const m of order) {
      applyOps(redis, m.plan);
      for (const d of deltasOf(m.message, protectPhone)) if (d.t === 'device') client = mergeDevice(client, d);
    }
    const hash = Object.fromEntries(redis.get('cunke:dev:t1:d1') as Map<string, string>);
    const expected = deviceState('d1', hash);
    assert.deepEqual({ ...client, agentVersion: '', lastSeenMs: 0 }, { ...expected, agentVersion: '', lastSeenMs: 0 });
  }), { numRuns: 200 });
});

test('call deltas carry the step, the masked number and the outcome, never the number', () => {
  const [dialing, , , , ended] = decoded(callMessages({ tenantId: 't1', deviceId: 'd1', callId: 'c1', taskId: 'task-1', outcome: 'answered', startMs: T0, talkMs: 30_000, phoneNumber: '13800138001' }));
  const [d0, line0] = deltasOf(dialing!.message, protectPhone);
  assert.deepEqual(d0, { t: 'call', callId: 'c1', deviceId: 'd1', taskId: 'task-1', step: 'dialing', phase: 1, deviceTimeMs: T0, phoneMasked: '138****8001', direction: 'OUTBOUND' });
  assert.deepEqual(line0, { t: 'device', deviceId: 'd1', lastSeenMs: T0 + 60_000, line: { state: 'DIALING', callId: 'c1', clock: T0 } });
  const [e] = deltasOf(ended!.message, protectPhone) as CallDelta[];
  assert.equal(e!.cause, 'NORMAL_CLEARING');
  assert.equal(e!.talkMs, 30_000);
  assert.equal(e!.ringMs, 8_000);
  const feed = JSON.stringify([...deltasByTenant([dialing!.message, ended!.message], protectPhone).values()]);
  assert.doesNotMatch(feed, /13800138001|8613800138001/);
  assert.match(feed, /"step":"ended"/, 'the spelling readLiveSnapshot-3.lua looks for');
});

test('deltas are grouped by tenant in recording order; command acks make none', () => {
  const a = decoded(callMessages({ tenantId: 'ta', deviceId: 'd1', callId: 'c1', outcome: 'busy', startMs: T0 }));
  const b = decoded([heartbeatMessage('tb', 'd2', T0)]);
  const ack: DeviceMessage = { kind: 'e', receivedAtMs: T0, envelope: { ...a[0]!.message, commandAck: { commandId: 'x' } } as never };
  const grouped = deltasByTenant([a[0]!.message, b[0]!.message, a[1]!.message, ack], protectPhone);
  assert.deepEqual([...grouped.keys()], ['ta', 'tb']);
  assert.deepEqual(grouped.get('ta')!.filter((d) => d.t === 'call').map((d) => (d as CallDelta).step), ['dialing', 'ringing']);
});

test('feed entries parse back, skipping kinds this hub does not know', () => {
  const deltas: LiveDelta[] = [{ t: 'task', taskId: 'x', dialed: 1, connected: 0, ended: 0, talkMs: 0, talkCalls: 0 }];
  assert.deepEqual(parseFeedDeltas(JSON.stringify([...deltas, { t: 'future', x: 1 }, 7])), deltas);
  assert.deepEqual(parseFeedDeltas('not json'), []);
  assert.deepEqual(parseFeedDeltas('{"t":"call"}'), []);
});

test('topics: parsed relative to the tenant, one rule for routing and filtering', () => {
  assert.deepEqual(parseTopic('tenant'), { kind: 'tenant' });
  assert.deepEqual(parseTopic('device/dev-001'), { kind: 'device', id: 'dev-001' });
  assert.deepEqual(parseTopic('call/a/b'), { kind: 'call', id: 'a/b' });
  for (const bad of ['', 'tenant/x', 'devices/d', 'device/', 'task/\u0000x', `call/${'x'.repeat(65)}`, 42, null, 'other|tenant']) {
    assert.equal(parseTopic(bad), null, String(bad));
  }
  // A client names topics without a tenant; the hub's topic is keyed by the credential's tenant.
  assert.notEqual(hubTopic('t1', 'tenant'), hubTopic('t2', 'tenant'));
  const deltas: LiveDelta[] = [
    { t: 'call', callId: 'c1', deviceId: 'd1', taskId: 'k1', step: 'dialing', phase: 1, deviceTimeMs: 1, phoneMasked: '', direction: 'OUTBOUND' },
    { t: 'call', callId: 'c2', deviceId: 'd2', taskId: '', step: 'ended', phase: 5, deviceTimeMs: 1, phoneMasked: '', direction: 'OUTBOUND' },
    { t: 'device', deviceId: 'd1', lastSeenMs: 1 },
    { t: 'task', taskId: 'k1', dialed: 1, connected: 0, ended: 0, talkMs: 0, talkCalls: 0 },
  ];
  const refs = ['tenant', 'device/d1', 'device/d2', 'call/c1', 'call/c2', 'task/k1', 'task/k2'].map((n) => parseTopic(n)!);
  for (const d of deltas) for (const ref of refs) {
    assert.equal(isOnTopic(d, ref), topicsOf(d).includes(topicName(ref)), `${JSON.stringify(d)} on ${topicName(ref)}`);
  }
});

test('client messages: subscribe/unsubscribe/ping, everything else is a coded error', () => {
  assert.deepEqual(parseClientMessage('{"op":"subscribe","topic":"task/t-1"}'), { ok: true, request: { op: 'subscribe', topic: { kind: 'task', id: 't-1' }, name: 'task/t-1' } });
  assert.deepEqual(parseClientMessage('{"op":"ping","ref":"7"}'), { ok: true, request: { op: 'ping', ref: '7' } });
  const code = (text: string) => { const r = parseClientMessage(text); return r.ok ? 'ok' : r.code; };
  assert.equal(code('nope'), 'LIVE_ERR_BAD_MESSAGE');
  assert.equal(code('[1]'), 'LIVE_ERR_BAD_MESSAGE');
  assert.equal(code('{"op":"publish"}'), 'LIVE_ERR_BAD_MESSAGE');
  assert.equal(code('{"op":"subscribe","topic":"tenant/other"}'), 'LIVE_ERR_BAD_TOPIC');
  assert.equal(code('{"op":"subscribe"}'), 'LIVE_ERR_BAD_TOPIC');
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => { parseClientMessage(s); }));
});

test('credentials come from the Authorization header or the bearer subprotocol', () => {
  assert.deepEqual(upgradeCredential('Bearer ck1.a.b', ''), { ok: true, credential: 'ck1.a.b', protocol: '' });
  assert.deepEqual(upgradeCredential('', 'bearer.ck1.a.b, cunke.live.v1'), { ok: true, credential: 'ck1.a.b', protocol: 'cunke.live.v1' });
  assert.deepEqual(upgradeCredential('', 'cunke.live.v1'), { ok: true, credential: undefined, protocol: 'cunke.live.v1' });
  assert.deepEqual(upgradeCredential('Basic xyz', ''), { ok: true, credential: undefined, protocol: '' });
  assert.equal(upgradeCredential('', 'bearer.ck1.a.b, chat').ok, false);
});

test('the upgrade decides from the credential alone: signature, expiry, live:view in the token', () => {
  const secret = Buffer.alloc(32, 7);
  const now = Date.now();
  const token = (perms: string[], issuedAt = now, ttlS = 600) => issueToken(secret, { tid: 't1', uid: 'u1', kid: 'k1', perms }, issuedAt, ttlS).token;
  const viewer = token(['live:view']);
  assert.deepEqual(screenCredential(viewer, secret, now), { ok: true, credential: viewer, expiresAtMs: (Math.floor(now / 1000) + 600) * 1000 });
  assert.deepEqual(screenCredential(undefined, secret, now), { ok: false, status: 401, reason: 'MISSING' });
  assert.deepEqual(screenCredential(token(['live:view'], now - 3_600_000, 60), secret, now), { ok: false, status: 401, reason: 'EXPIRED' });
  assert.deepEqual(screenCredential(viewer, Buffer.alloc(32, 8), now), { ok: false, status: 401, reason: 'BAD_SIGNATURE' });
  assert.deepEqual(screenCredential(token(['lead:call:view']), secret, now), { ok: false, status: 403, reason: 'NO_LIVE_VIEW' });
  assert.deepEqual(screenCredential('hello', secret, now), { ok: false, status: 401, reason: 'MALFORMED' });
  // An API key's secret is only checked against its record, after the upgrade.
  const key = `ck_${'a'.repeat(12)}_${'B'.repeat(43)}`;
  assert.deepEqual(screenCredential(key, secret, now), { ok: true, credential: key, expiresAtMs: null });
});

test('stream ids compare as numbers', () => {
  assert.equal(compareStreamIds('9-0', '10-0'), -1);
  assert.equal(compareStreamIds('10-2', '10-10'), -1);
  assert.equal(compareStreamIds('10-2', '10-2'), 0);
  assert.equal(compareStreamIds('1795505264561-1', '1795505264561-0'), 1);
  assert.equal(compareStreamIds('0-0', '1-0'), -1);
});

test('snapshots: devices, task counters, calls in progress and recent finished calls per topic', () => {
  const ended = (callId: string, deviceId: string, taskId: string): CallDelta => ({ t: 'call', callId, deviceId, taskId, step: 'ended', phase: 5, deviceTimeMs: 1, phoneMasked: '138****0000', direction: 'OUTBOUND', cause: 'NO_ANSWER', talkMs: 0 });
  const raw = {
    lastId: '100-0',
    devices: [
      ['d2', { presence: 'ONLINE', presence_clock: '21', presence_since_ms: '10', line_clock: '5', line_state: '4', active_call_id: 'c9', last_seen_ms: '7' }],
      ['d1', { presence: 'OFFLINE', presence_clock: '3', presence_since_ms: '1', hb_clock: '4', battery_pct: '55', charging: '1', signal_dbm: '-80', signal_level: '3', sim_state: '1' }],
    ] as [string, Record<string, string>][],
    tasks: [['k1', { dialed: '4', connected: '2', ended: '3', talk_ms: '9000', talk_calls: '2' }]] as [string, Record<string, string>][],
    calls: [
      ['c9', { device_id: 'd2', task_id: 'k1', phase: '3', phone_masked: '139****1111', phone_hash: 'secret-ish', direction: '1', dialing_at: '1', answered_at: '3' }],
      ['c8', { device_id: 'd1', task_id: 'k1', phase: '5', ended_at: '9', talk_ms: '0' }],
    ] as [string, Record<string, string>][],
    recent: [
      ['99-0', JSON.stringify([ended('c5', 'd1', 'k1'), ended('c6', 'd2', '')])],
      ['98-0', JSON.stringify([ended('c4', 'd2', 'k1'), ended('c5', 'd1', 'k1')])],
    ] as [string, string][],
  };
  const tenant = assembleSnapshot({ kind: 'tenant' }, raw);
  assert.deepEqual(tenant.devices.map((d) => d.deviceId), ['d1', 'd2']);
  assert.deepEqual(tenant.devices[1]!.line, { state: 'IN_CALL', callId: 'c9', clock: 5 });
  assert.deepEqual(tenant.devices[0]!.health, { batteryPct: 55, charging: true, signalDbm: -80, signalLevel: 3, simState: 'READY', clock: 4 });
  assert.deepEqual(tenant.tasks, [{ taskId: 'k1', dialed: 4, connected: 2, ended: 3, talkMs: 9000, talkCalls: 2 }]);
  assert.deepEqual(tenant.calls.map((c) => [c.callId, c.phaseName]), [['c9', 'ANSWERED']], 'only calls in progress');
  assert.doesNotMatch(JSON.stringify(tenant), /phone_hash|secret-ish/);
  assert.deepEqual(tenant.finished.map((c) => c.callId), ['c6', 'c5', 'c4'], 'newest first, each call once');
  const device = assembleSnapshot({ kind: 'device', id: 'd2' }, { ...raw, devices: [raw.devices[0]!] });
  assert.deepEqual(device.finished.map((c) => c.callId), ['c6', 'c4']);
  assert.deepEqual(device.calls.map((c) => c.callId), ['c9']);
  const task = assembleSnapshot({ kind: 'task', id: 'k1' }, raw);
  assert.deepEqual(task.finished.map((c) => c.callId), ['c5', 'c4']);
  assert.equal(task.tasks[0]!.dialed, 4);
  const none = assembleSnapshot({ kind: 'task', id: 'k2' }, { ...raw, tasks: [] });
  assert.deepEqual(none.tasks, [{ taskId: 'k2', dialed: 0, connected: 0, ended: 0, talkMs: 0, talkCalls: 0 }]);
});
