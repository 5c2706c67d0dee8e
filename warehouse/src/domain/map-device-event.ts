// Step 2a: a decoded DeviceEnvelope -> its ods_device_event row and, for a call event, the
// dwd_call_record facts row. Phone numbers leave this function only hashed, encrypted, masked.
import { CallEvent, CommandAck, Heartbeat, EVENT_ID_BYTES, bytesToUuid, isValidId, type cunke } from '../../../proto/src/index.js';
import { WH_ERR } from '../errors.js';
import type { DecodedEnvelope } from './decode-feed-entry.js';
import { causeName, directionName, partyName } from './names.js';
import { dead, type MapOutcome } from './outcome.js';
import type { PhoneProtector } from '../../../common/pii.js';
import type { CallFactsRow, CallStep, EventKind, OdsDeviceEventRow } from './rows.js';
import { isStorableTimeMs, toDateTime64 } from './time.js';

type CallEventMessage = cunke.device.v1.CallEvent;

export interface ReceiveMeta {
  receivedAtMs: number;
  gatewayId: string;
}

const TO_OBJECT = { enums: String, longs: Number, defaults: false } as const;

const STEP: Readonly<Record<NonNullable<CallEventMessage['step']>, CallStep>> = {
  dialing: 'dialing',
  ringing: 'ringing',
  answered: 'answered',
  hangup: 'hangup',
  ended: 'ended',
  recordingReady: 'recording_ready',
};

function invalid(env: DecodedEnvelope): string | null {
  if (!isValidId(env.tenantId)) return 'tenant_id is not a valid id';
  if (!isValidId(env.deviceId)) return 'device_id is not a valid id';
  if (env.eventId.length !== EVENT_ID_BYTES) return `event_id has ${env.eventId.length} bytes, expected ${EVENT_ID_BYTES}`;
  if (!isStorableTimeMs(env.deviceTimeMs)) return 'device_time_ms is out of range';
  if (!env.payload) return 'envelope has no payload';
  return null;
}

export function mapDeviceEvent(env: DecodedEnvelope, meta: ReceiveMeta, protect: PhoneProtector): MapOutcome {
  const problem = invalid(env);
  if (problem) return dead(WH_ERR.INVALID, problem);
  const payloadKind = env.payload!;
  const ods: OdsDeviceEventRow = {
    tenant_id: env.tenantId,
    device_id: env.deviceId,
    event_id: bytesToUuid(env.eventId),
    seq: env.seq,
    device_time: toDateTime64(env.deviceTimeMs),
    received_at: toDateTime64(meta.receivedAtMs),
    gateway_id: meta.gatewayId,
    kind: kindOf(payloadKind),
    payload: '',
  };
  switch (payloadKind) {
    case 'call':
      return mapCall(env, env.call as CallEventMessage, ods, protect);
    case 'heartbeat':
      ods.payload = JSON.stringify(Heartbeat.toObject(env.heartbeat as cunke.device.v1.Heartbeat, TO_OBJECT));
      return { type: 'event', ods, call: null };
    case 'commandAck': {
      const ack = env.commandAck as cunke.device.v1.CommandAck;
      if (ack.callId) ods.call_id = ack.callId;
      ods.payload = JSON.stringify(CommandAck.toObject(ack, TO_OBJECT));
      return { type: 'event', ods, call: null };
    }
    default:
      return unreachable(payloadKind);
  }
}

function kindOf(payload: NonNullable<DecodedEnvelope['payload']>): EventKind {
  return payload === 'commandAck' ? 'command_ack' : payload;
}

function unreachable(x: never): never {
  throw new Error(`unhandled payload ${String(x)}`);
}

function mapCall(env: DecodedEnvelope, call: CallEventMessage, ods: OdsDeviceEventRow, protect: PhoneProtector): MapOutcome {
  const step = call.step ? STEP[call.step] : '';
  const phone = protect(call.phoneNumber);
  const callerId = protect(call.callerId);
  if (call.callId) ods.call_id = call.callId;
  if (step) ods.step = step;
  if (call.taskId) ods.task_id = call.taskId;
  if (phone.hash) ods.phone_hash = phone.hash;
  if (phone.masked) ods.phone_masked = phone.masked;
  const payload = CallEvent.toObject(call, TO_OBJECT);
  delete payload.phoneNumber;
  delete payload.callerId;
  ods.payload = JSON.stringify(payload);
  if (!call.callId) return { type: 'event', ods, call: null };

  const facts: CallFactsRow = {
    tenant_id: env.tenantId,
    call_id: call.callId,
    device_id: env.deviceId,
    first_event_at: ods.device_time,
    last_event_at: ods.device_time,
    first_received_at: ods.received_at,
    last_received_at: ods.received_at,
  };
  if (call.taskId) facts.task_id = call.taskId;
  if (call.commandId) facts.command_id = call.commandId;
  const direction = directionName(call.direction);
  if (direction) facts.direction = direction;
  if (phone.hash) Object.assign(facts, { phone_hash: phone.hash, phone_masked: phone.masked, phone_enc: phone.encrypted });
  if (callerId.hash) Object.assign(facts, { caller_id_hash: callerId.hash, caller_id_masked: callerId.masked });
  addStepFacts(facts, call, ods.device_time);
  return { type: 'event', ods, call: facts };
}

function addStepFacts(facts: CallFactsRow, call: CallEventMessage, at: string): void {
  switch (call.step) {
    case 'dialing':
      facts.dialing_at = at;
      if (call.dialing?.line) facts.line = call.dialing.line;
      return;
    case 'ringing':
      facts.ringing_at = at;
      return;
    case 'answered':
      facts.answered_at = at;
      return;
    case 'hangup': {
      const h = call.hangup!;
      facts.hangup_at = at;
      setIf(facts, 'hangup_cause', causeName(h.cause));
      setIf(facts, 'hangup_party', partyName(h.party));
      if (h.protocolCode) facts.hangup_code = h.protocolCode;
      return;
    }
    case 'ended': {
      const e = call.ended!;
      facts.ended_at = at;
      setIf(facts, 'ended_cause', causeName(e.cause));
      if (e.ringDurationMs) facts.ring_ms = e.ringDurationMs;
      if (e.talkDurationMs) facts.talk_ms = e.talkDurationMs;
      if (e.totalDurationMs) facts.total_ms = e.totalDurationMs;
      return;
    }
    case 'recordingReady': {
      const r = call.recordingReady!;
      setIf(facts, 'recording_id', r.recordingId ?? '');
      setIf(facts, 'recording_sha256', r.sha256 ?? '');
      setIf(facts, 'recording_content_type', r.contentType ?? '');
      if (r.sizeBytes) facts.recording_bytes = r.sizeBytes;
      if (r.durationMs) facts.recording_duration_ms = r.durationMs;
      return;
    }
    case undefined:
      return;
    default:
      unreachable(call.step);
  }
}

function setIf<K extends keyof CallFactsRow>(row: CallFactsRow, key: K, value: string): void {
  if (value) (row as unknown as Record<string, string>)[key] = value;
}
