// Semantic checks on a decoded DeviceEnvelope / DeviceStatus. Pure: the clock is an argument.
import type { cunke } from '../../../proto/src/index.js';
import { CallDirection, HangupCause, Presence } from '../../../proto/src/index.js';
import { EVENT_ID_BYTES, type DeviceTopic } from '../../../proto/src/index.js';
import { RejectCode } from '../errors.js';
import { accept, reject, type Outcome } from './outcome.js';

type Envelope = cunke.device.v1.DeviceEnvelope;
type Status = cunke.device.v1.DeviceStatus;

/** 2020-01-01T00:00:00Z: a device clock before this has never been set. */
const EARLIEST_DEVICE_TIME_MS = 1_577_836_800_000;
const MAX_CLOCK_SKEW_MS = 24 * 3600 * 1000;
const MAX_ID_CHARS = 64;
const MAX_PHONE_CHARS = 40;

export const CALL_STEPS = ['dialing', 'ringing', 'answered', 'hangup', 'ended', 'recordingReady'] as const;
export type CallStep = (typeof CALL_STEPS)[number];

export function validateEnvelope(env: Envelope, topic: DeviceTopic, nowMs: number): Outcome<Envelope> {
  if (env.tenantId !== topic.tenantId || env.deviceId !== topic.deviceId) {
    return reject(RejectCode.IDENTITY_MISMATCH, 'envelope tenant/device differ from the topic');
  }
  if (!env.eventId || env.eventId.length !== EVENT_ID_BYTES) {
    return reject(RejectCode.EVENT_ID_INVALID, `event_id has ${env.eventId?.length ?? 0} bytes, expected ${EVENT_ID_BYTES}`);
  }
  const t = Number(env.deviceTimeMs);
  if (!Number.isFinite(t) || t < EARLIEST_DEVICE_TIME_MS || t > nowMs + MAX_CLOCK_SKEW_MS) {
    return reject(RejectCode.TIMESTAMP_INVALID, `device_time_ms ${t} outside [2020-01-01, now+24h]`);
  }
  switch (env.payload) {
    case 'call':
      return validateCall(env);
    case 'heartbeat': {
      const hb = env.heartbeat!;
      if ((hb.batteryPct ?? 0) > 100) return reject(RejectCode.FIELD_INVALID, `battery_pct ${hb.batteryPct} > 100`);
      if ((hb.signalLevel ?? 0) > 4) return reject(RejectCode.FIELD_INVALID, `signal_level ${hb.signalLevel} > 4`);
      if ((hb.activeCallId ?? '').length > MAX_ID_CHARS) return reject(RejectCode.FIELD_INVALID, 'active_call_id too long');
      return accept(env);
    }
    case 'commandAck': {
      const ack = env.commandAck!;
      if (!ack.commandId || ack.commandId.length > MAX_ID_CHARS) return reject(RejectCode.FIELD_INVALID, 'command_ack without a valid command_id');
      return accept(env);
    }
    default:
      return reject(RejectCode.PAYLOAD_MISSING, 'envelope carries no known payload');
  }
}

function validateCall(env: Envelope): Outcome<Envelope> {
  const call = env.call!;
  if (!call.callId || call.callId.length > MAX_ID_CHARS) return reject(RejectCode.CALL_EVENT_INVALID, 'call_id missing or longer than 64');
  if ((call.taskId ?? '').length > MAX_ID_CHARS || (call.commandId ?? '').length > MAX_ID_CHARS) return reject(RejectCode.CALL_EVENT_INVALID, 'task_id/command_id longer than 64');
  if ((call.phoneNumber ?? '').length > MAX_PHONE_CHARS || (call.callerId ?? '').length > MAX_PHONE_CHARS) return reject(RejectCode.CALL_EVENT_INVALID, 'phone_number/caller_id longer than 40');
  if (!call.step || !(CALL_STEPS as readonly string[]).includes(call.step)) return reject(RejectCode.CALL_EVENT_INVALID, 'call event without a known step');
  return accept(env);
}

export function validateStatus(status: Status, topic: DeviceTopic): Outcome<Status> {
  if (status.tenantId !== topic.tenantId || status.deviceId !== topic.deviceId) {
    return reject(RejectCode.IDENTITY_MISMATCH, 'status tenant/device differ from the topic');
  }
  if (status.presence !== Presence.PRESENCE_ONLINE && status.presence !== Presence.PRESENCE_OFFLINE) {
    return reject(RejectCode.STATUS_INVALID, `presence ${status.presence} is not ONLINE or OFFLINE`);
  }
  if (!status.sessionId || status.sessionId.length > MAX_ID_CHARS) return reject(RejectCode.STATUS_INVALID, 'session_id missing or too long');
  return accept(status);
}

/**
 * Enum values this gateway does not know (a newer device). They are accepted, not rejected:
 * the raw number is kept in the warehouse, and the caller counts them.
 */
export function hasUnknownEnum(env: Envelope): boolean {
  const call = env.call;
  if (!call) return false;
  if (!((call.direction ?? 0) in CallDirection)) return true;
  const cause = call.hangup?.cause ?? call.ended?.cause;
  return cause != null && !(cause in HangupCause);
}
