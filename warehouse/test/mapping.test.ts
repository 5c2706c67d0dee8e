import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decryptPii, hashPii } from '../../common/pii.js';
import { CallDirection, HangupCause, HangupParty, Presence, bytesToUuid, newEventId } from '../../proto/src/index.js';
import { mapFeedEntry } from '../src/domain/map-feed-entry.js';
import { causeName, directionName } from '../src/domain/names.js';
import type { MapOutcome } from '../src/domain/outcome.js';
import { createPhoneProtector } from '../../common/pii.js';
import { toDateTime64 } from '../src/domain/time.js';
import { WH_ERR } from '../src/errors.js';
import { callEnvelope, commandAckEnvelope, feedFields, heartbeatEnvelope, statusMessage, testPiiKeys } from './fixtures.js';

const keys = testPiiKeys();
const protect = createPhoneProtector(keys, 'CN');
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0, 123);
const RECEIVED = T0 + 250;
const base = { tenantId: 'tenant-a', deviceId: 'dev-1', seq: 7, timeMs: T0 };
const PHONE = '13800138001';
const CALLER = '02160001234';

function mapCall(call: Parameters<typeof callEnvelope>[1], eventId = newEventId()): MapOutcome {
  return mapFeedEntry('1-0', feedFields('e', callEnvelope({ ...base, eventId }, call), RECEIVED), protect)[0]!.outcome;
}

function expectEvent(o: MapOutcome): Extract<MapOutcome, { type: 'event' }> {
  assert.equal(o.type, 'event', JSON.stringify(o));
  return o as Extract<MapOutcome, { type: 'event' }>;
}

const common = { callId: 'call-1', taskId: 'task-9', commandId: 'cmd-3', phoneNumber: PHONE, callerId: CALLER, direction: CallDirection.CALL_DIRECTION_OUTBOUND };

test('a dialing step maps to an ods row and a facts row, with the event id as a UUID', () => {
  const eventId = newEventId();
  const o = expectEvent(mapCall({ ...common, dialing: { line: 1 } }, eventId));
  assert.deepEqual(
    { ...o.ods, payload: JSON.parse(o.ods.payload) },
    {
      tenant_id: 'tenant-a', device_id: 'dev-1', event_id: bytesToUuid(eventId), seq: 7,
      device_time: '2024-05-01 10:00:00.123', received_at: '2024-05-01 10:00:00.373', gateway_id: 'gw-test',
      kind: 'call', call_id: 'call-1', step: 'dialing', task_id: 'task-9',
      phone_hash: hashPii(keys, '+8613800138001'), phone_masked: '138****8001',
      payload: { callId: 'call-1', taskId: 'task-9', commandId: 'cmd-3', direction: 'CALL_DIRECTION_OUTBOUND', dialing: { line: 1 } },
    },
  );
  const f = o.call!;
  assert.equal(f.dialing_at, '2024-05-01 10:00:00.123');
  assert.equal(f.line, 1);
  assert.equal(f.direction, 'OUTBOUND');
  assert.equal(f.command_id, 'cmd-3');
  assert.equal(f.phone_hash, o.ods.phone_hash);
  assert.equal(decryptPii(keys, f.phone_enc!), '+8613800138001');
  assert.equal(f.caller_id_masked, '216****1234');
  assert.equal(f.caller_id_hash, hashPii(keys, '+862160001234'));
  assert.equal(f.first_event_at, f.last_event_at);
  assert.equal(f.first_received_at, '2024-05-01 10:00:00.373');
  assert.equal(f.answered_at, undefined);
});

test('no raw phone number appears anywhere in what a call event maps to', () => {
  for (const step of [{ dialing: {} }, { hangup: { cause: 1 } }, { ended: { cause: 1, talkDurationMs: 5 } }]) {
    const o = expectEvent(mapCall({ ...common, ...step }));
    const text = JSON.stringify(o);
    for (const digits of ['13800138001', '8613800138001', '60001234']) assert.ok(!text.includes(digits), `${digits} leaked`);
  }
});

test('hangup, ended and recording steps carry their facts; causes use short proto names', () => {
  const h = expectEvent(mapCall({ ...common, hangup: { cause: HangupCause.HANGUP_CAUSE_USER_BUSY, party: HangupParty.HANGUP_PARTY_REMOTE, protocolCode: 486 } })).call!;
  assert.deepEqual([h.hangup_at, h.hangup_cause, h.hangup_party, h.hangup_code], ['2024-05-01 10:00:00.123', 'USER_BUSY', 'REMOTE', 486]);
  const e = expectEvent(mapCall({ ...common, ended: { cause: HangupCause.HANGUP_CAUSE_NORMAL_CLEARING, ringDurationMs: 3000, talkDurationMs: 61500, totalDurationMs: 64500 } })).call!;
  assert.deepEqual([e.ended_cause, e.ring_ms, e.talk_ms, e.total_ms], ['NORMAL_CLEARING', 3000, 61500, 64500]);
  const r = expectEvent(mapCall({ ...common, recordingReady: { recordingId: 'rec-1', durationMs: 61000, sizeBytes: 123456, sha256: 'ab'.repeat(32), contentType: 'audio/mpeg' } }));
  assert.equal(r.ods.step, 'recording_ready');
  assert.deepEqual(
    [r.call!.recording_id, r.call!.recording_bytes, r.call!.recording_duration_ms, r.call!.recording_sha256, r.call!.recording_content_type],
    ['rec-1', 123456, 61000, 'ab'.repeat(32), 'audio/mpeg'],
  );
  const a = expectEvent(mapCall({ callId: 'call-1', answered: {} }));
  assert.equal(a.call!.answered_at, '2024-05-01 10:00:00.123');
  assert.equal(a.call!.phone_hash, undefined, 'no number, no phone columns');
});

test('a call event without call_id still lands in ODS but contributes no call record', () => {
  const o = expectEvent(mapCall({ ringing: {} }));
  assert.equal(o.ods.step, 'ringing');
  assert.equal(o.call, null);
});

test('heartbeats and command acks map to ods rows only', () => {
  const hb = expectEvent(mapFeedEntry('1-0', feedFields('e', heartbeatEnvelope(base, { batteryPct: 80, signalDbm: -85, activeCallId: 'call-1' }), RECEIVED), protect)[0]!.outcome);
  assert.equal(hb.ods.kind, 'heartbeat');
  assert.equal(hb.call, null);
  assert.deepEqual(JSON.parse(hb.ods.payload), { batteryPct: 80, signalDbm: -85, activeCallId: 'call-1' });
  const ack = expectEvent(mapFeedEntry('1-0', feedFields('e', commandAckEnvelope(base, { commandId: 'cmd-3', status: 1, callId: 'call-1' }), RECEIVED), protect)[0]!.outcome);
  assert.equal(ack.ods.kind, 'command_ack');
  assert.equal(ack.ods.call_id, 'call-1');
  assert.equal(JSON.parse(ack.ods.payload).status, 'COMMAND_STATUS_ACCEPTED');
});

test('device status maps to an ods_device_status row', () => {
  const bytes = statusMessage({ tenantId: 'tenant-a', deviceId: 'dev-1', presence: Presence.PRESENCE_ONLINE, sinceMs: T0, agentVersion: '1.2.0', sessionId: 's-1' });
  const o = mapFeedEntry('1-0', feedFields('s', bytes, RECEIVED, 'gw-2'), protect)[0]!.outcome;
  assert.deepEqual(o, {
    type: 'status',
    status: {
      tenant_id: 'tenant-a', device_id: 'dev-1', session_id: 's-1', presence: 'ONLINE', since: '2024-05-01 10:00:00.123',
      agent_version: '1.2.0', received_at: '2024-05-01 10:00:00.373', gateway_id: 'gw-2',
    },
  });
});

test('bad entries come back as dead-letter outcomes, never as exceptions', () => {
  const cases: [string, Buffer[], string][] = [
    ['garbage bytes', feedFields('e', Buffer.from('not a protobuf, really not'), RECEIVED), WH_ERR.DECODE],
    ['garbage status', feedFields('s', Buffer.from([0xff, 0xff, 0xff]), RECEIVED), WH_ERR.DECODE],
    ['missing fields', [Buffer.from('k'), Buffer.from('e')], WH_ERR.MALFORMED_ENTRY],
    ['unknown kind', feedFields('x' as 'e', Buffer.alloc(0), RECEIVED), WH_ERR.MALFORMED_ENTRY],
    ['empty envelope', feedFields('e', Buffer.alloc(0), RECEIVED), WH_ERR.INVALID],
    ['short event id', feedFields('e', callEnvelope({ ...base, eventId: Buffer.alloc(4) }, { callId: 'c' }), RECEIVED), WH_ERR.INVALID],
    ['bad tenant', feedFields('e', callEnvelope({ ...base, tenantId: 'a/b' }, { callId: 'c' }), RECEIVED), WH_ERR.INVALID],
    ['time out of range', feedFields('e', callEnvelope({ ...base, timeMs: 1e16 }, { callId: 'c' }), RECEIVED), WH_ERR.INVALID],
  ];
  for (const [name, fields, code] of cases) {
    const o = mapFeedEntry('1-0', fields, protect)[0]!.outcome;
    assert.equal(o.type, 'dead', name);
    assert.equal(o.type === 'dead' && o.code, code, name);
  }
});

test('enum names: prefix stripped, zero is empty, unknown numbers are kept', () => {
  assert.equal(causeName(HangupCause.HANGUP_CAUSE_NO_ANSWER), 'NO_ANSWER');
  assert.equal(causeName(0), '');
  assert.equal(causeName(42), 'UNKNOWN_42');
  assert.equal(directionName(CallDirection.CALL_DIRECTION_INBOUND), 'INBOUND');
});

test('toDateTime64 is UTC with milliseconds', () => {
  assert.equal(toDateTime64(0), '1970-01-01 00:00:00.000');
  assert.equal(toDateTime64(Date.UTC(2024, 11, 31, 23, 59, 59, 7)), '2024-12-31 23:59:59.007');
});

test('the phone protector memoises within its bound and treats empty as absent', () => {
  const bounded = createPhoneProtector(keys, 'CN', 2);
  const first = bounded(PHONE);
  assert.equal(bounded(PHONE), first, 'served from the cache');
  assert.equal(bounded('').hash, '');
  bounded('13900139000');
  bounded('13700137000'); // evicts the oldest entry (bound of 2)
  const again = bounded(PHONE);
  assert.notEqual(again, first, 'recomputed after eviction');
  assert.equal(again.hash, first.hash);
});
