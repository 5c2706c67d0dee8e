import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallEvent, DeviceEnvelope, DeviceStatus, Presence, newEventId, parseDeviceTopic } from '../../../proto/src/index.js';
import { RejectCode } from '../errors.js';
import { validateEnvelope, validateStatus, hasUnknownEnum } from './validate-envelope.js';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const topic = parseDeviceTopic('cunke/v1/t1/dev/d1/evt')!;

/** Round-trips through the wire format, as the gateway only ever sees decoded messages. */
function envelope(overrides: Record<string, unknown> = {}) {
  const message = DeviceEnvelope.fromObject({
    tenantId: 't1', deviceId: 'd1', eventId: newEventId(), seq: 1, deviceTimeMs: NOW - 1000,
    call: { callId: 'c1', phoneNumber: '13800138001', dialing: {} },
    ...overrides,
  });
  return DeviceEnvelope.decode(DeviceEnvelope.encode(message).finish());
}

function codeOf(result: ReturnType<typeof validateEnvelope>): string {
  return result.ok ? 'ok' : result.code;
}

test('a well-formed call event is accepted', () => {
  assert.equal(codeOf(validateEnvelope(envelope(), topic, NOW)), 'ok');
});

test('an envelope naming another device or tenant than its topic is rejected', () => {
  assert.equal(codeOf(validateEnvelope(envelope({ deviceId: 'd2' }), topic, NOW)), RejectCode.IDENTITY_MISMATCH);
  assert.equal(codeOf(validateEnvelope(envelope({ tenantId: 't2' }), topic, NOW)), RejectCode.IDENTITY_MISMATCH);
});

test('event ids must be exactly 16 bytes', () => {
  assert.equal(codeOf(validateEnvelope(envelope({ eventId: Buffer.alloc(15) }), topic, NOW)), RejectCode.EVENT_ID_INVALID);
  assert.equal(codeOf(validateEnvelope(envelope({ eventId: Buffer.alloc(0) }), topic, NOW)), RejectCode.EVENT_ID_INVALID);
});

test('unset, ancient and future device clocks are rejected; a day of skew is tolerated', () => {
  assert.equal(codeOf(validateEnvelope(envelope({ deviceTimeMs: 0 }), topic, NOW)), RejectCode.TIMESTAMP_INVALID);
  assert.equal(codeOf(validateEnvelope(envelope({ deviceTimeMs: Date.parse('2019-12-31T00:00:00Z') }), topic, NOW)), RejectCode.TIMESTAMP_INVALID);
  assert.equal(codeOf(validateEnvelope(envelope({ deviceTimeMs: NOW + 25 * 3600e3 }), topic, NOW)), RejectCode.TIMESTAMP_INVALID);
  assert.equal(codeOf(validateEnvelope(envelope({ deviceTimeMs: NOW + 23 * 3600e3 }), topic, NOW)), 'ok');
  // A device that was offline for an hour replays old events: still valid.
  assert.equal(codeOf(validateEnvelope(envelope({ deviceTimeMs: NOW - 3600e3 }), topic, NOW)), 'ok');
});

test('an envelope without payload, or a call event without id or step, is rejected', () => {
  assert.equal(codeOf(validateEnvelope(envelope({ call: undefined }), topic, NOW)), RejectCode.PAYLOAD_MISSING);
  assert.equal(codeOf(validateEnvelope(envelope({ call: { callId: '', dialing: {} } }), topic, NOW)), RejectCode.CALL_EVENT_INVALID);
  assert.equal(codeOf(validateEnvelope(envelope({ call: { callId: 'c1' } }), topic, NOW)), RejectCode.CALL_EVENT_INVALID);
  assert.equal(codeOf(validateEnvelope(envelope({ call: { callId: 'x'.repeat(65), dialing: {} } }), topic, NOW)), RejectCode.CALL_EVENT_INVALID);
});

test('a step this gateway does not know (newer device) decodes to no step and is rejected, not crashed on', () => {
  // CallEvent field 99 does not exist in v1: a newer device's step is skipped by decode.
  const inner = Buffer.concat([CallEvent.encode({ callId: 'c1' }).finish(), Buffer.from([0x9a, 0x06, 0x00])]);
  const outer = DeviceEnvelope.encode(envelope({ call: undefined, heartbeat: undefined })).finish();
  const bytes = Buffer.concat([outer, Buffer.from([0x52, inner.length]), inner]);
  const decoded = DeviceEnvelope.decode(bytes);
  assert.equal(decoded.call?.callId, 'c1');
  assert.equal(codeOf(validateEnvelope(decoded, topic, NOW)), RejectCode.CALL_EVENT_INVALID);
});

test('heartbeats and command acks are range-checked', () => {
  assert.equal(codeOf(validateEnvelope(envelope({ call: undefined, heartbeat: { batteryPct: 80, signalLevel: 3 } }), topic, NOW)), 'ok');
  assert.equal(codeOf(validateEnvelope(envelope({ call: undefined, heartbeat: { batteryPct: 101 } }), topic, NOW)), RejectCode.FIELD_INVALID);
  assert.equal(codeOf(validateEnvelope(envelope({ call: undefined, heartbeat: { signalLevel: 5 } }), topic, NOW)), RejectCode.FIELD_INVALID);
  assert.equal(codeOf(validateEnvelope(envelope({ call: undefined, commandAck: { commandId: '' } }), topic, NOW)), RejectCode.FIELD_INVALID);
});

test('unknown enum values are accepted but reported', () => {
  assert.equal(hasUnknownEnum(envelope({ call: { callId: 'c', hangup: { cause: 99 } } })), true);
  assert.equal(hasUnknownEnum(envelope({ call: { callId: 'c', direction: 7, dialing: {} } })), true);
  assert.equal(hasUnknownEnum(envelope({ call: { callId: 'c', hangup: { cause: 2 } } })), false);
});

test('status messages must match their topic and carry presence and session', () => {
  const statusTopic = parseDeviceTopic('cunke/v1/t1/dev/d1/status')!;
  const ok = DeviceStatus.create({ tenantId: 't1', deviceId: 'd1', presence: Presence.PRESENCE_ONLINE, sinceMs: NOW, sessionId: 's1' });
  assert.equal(validateStatus(ok, statusTopic).ok, true);
  assert.equal(validateStatus(DeviceStatus.create({ ...ok, deviceId: 'x' }), statusTopic).ok, false);
  assert.equal(validateStatus(DeviceStatus.create({ ...ok, presence: 0 }), statusTopic).ok, false);
  assert.equal(validateStatus(DeviceStatus.create({ ...ok, sessionId: '' }), statusTopic).ok, false);
});
