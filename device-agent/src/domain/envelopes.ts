// Builds the wire messages of the device contract. Pure: ids, seq and times are arguments; the
// caller (runtime/event-sink.ts) supplies fresh event ids and the outbox supplies seq.
import {
  CallDirection, CommandStatus, DeviceEnvelope, DeviceStatus, HangupCause, HangupParty, Presence,
  type cunke,
} from '../../../proto/src/index.js';
import type { DialStep, HangupCauseName, HangupPartyName } from './call-steps.js';

type Envelope = cunke.device.v1.DeviceEnvelope.$Properties;
type CallEventProps = cunke.device.v1.CallEvent.$Properties;
type HeartbeatProps = cunke.device.v1.Heartbeat.$Properties;

export const AGENT_VERSION = '0.1.0';

export interface DeviceIdentity {
  tenantId: string;
  deviceId: string;
}

/** Fields every step of one call repeats. */
export interface CallContext {
  callId: string;
  taskId: string;
  commandId: string;
  phoneNumber: string;
  callerId: string;
}

export type EnvelopePayload =
  | { call: CallEventProps }
  | { heartbeat: HeartbeatProps }
  | { commandAck: cunke.device.v1.CommandAck.$Properties };

export function hangupCauseValue(name: HangupCauseName): cunke.device.v1.HangupCause {
  return HangupCause[`HANGUP_CAUSE_${name}`];
}

export function hangupPartyValue(name: HangupPartyName): cunke.device.v1.HangupParty {
  return HangupParty[`HANGUP_PARTY_${name}`];
}

export function callEventPayload(call: CallContext, step: DialStep): { call: CallEventProps } {
  const event: CallEventProps = { ...call, direction: CallDirection.CALL_DIRECTION_OUTBOUND };
  switch (step.kind) {
    case 'dialing':
      event.dialing = { line: step.line };
      break;
    case 'ringing':
      event.ringing = {};
      break;
    case 'answered':
      event.answered = {};
      break;
    case 'hangup':
      event.hangup = { cause: hangupCauseValue(step.cause), party: hangupPartyValue(step.party), protocolCode: step.protocolCode };
      break;
    case 'ended':
      event.ended = {
        cause: hangupCauseValue(step.cause),
        ringDurationMs: step.ringDurationMs,
        talkDurationMs: step.talkDurationMs,
        totalDurationMs: step.totalDurationMs,
      };
      break;
    case 'recording':
      event.recordingReady = {
        recordingId: step.recordingId,
        durationMs: step.durationMs,
        sizeBytes: step.sizeBytes,
        sha256: step.sha256,
        contentType: step.contentType,
      };
      break;
    default: {
      const never: never = step;
      throw new Error(`unknown dial step ${JSON.stringify(never)}`);
    }
  }
  return { call: event };
}

export type CommandAckStatus = 'ACCEPTED' | 'REJECTED' | 'COMPLETED' | 'FAILED';

export function commandAckPayload(commandId: string, status: CommandAckStatus, reason = '', callId = ''): EnvelopePayload {
  return { commandAck: { commandId, status: CommandStatus[`COMMAND_STATUS_${status}`], reason, callId } };
}

export function heartbeatPayload(heartbeat: HeartbeatProps): EnvelopePayload {
  return { heartbeat: { agentVersion: AGENT_VERSION, ...heartbeat } };
}

export interface EnvelopeHeader {
  eventId: Uint8Array;
  seq: number;
  deviceTimeMs: number;
}

export function encodeEnvelope(device: DeviceIdentity, header: EnvelopeHeader, payload: EnvelopePayload): Uint8Array {
  const envelope: Envelope = { deviceId: device.deviceId, tenantId: device.tenantId, ...header, ...payload };
  return DeviceEnvelope.encode(envelope).finish();
}

export interface PresenceSession {
  sessionId: string;
  sinceMs: number;
}

export function encodeStatus(device: DeviceIdentity, session: PresenceSession, online: boolean): Uint8Array {
  return DeviceStatus.encode({
    deviceId: device.deviceId,
    tenantId: device.tenantId,
    presence: online ? Presence.PRESENCE_ONLINE : Presence.PRESENCE_OFFLINE,
    sinceMs: session.sinceMs,
    agentVersion: AGENT_VERSION,
    sessionId: session.sessionId,
  }).finish();
}
