// Builders of real, encoded device messages for tests and benchmarks: what any protobuf encoder
// following proto/README.md would put on the wire.
import { randomUUID } from 'node:crypto';
import { DeviceEnvelope, DeviceStatus, HangupCause, Presence, deviceTopic, newEventId } from '../../proto/src/index.js';

export interface Wire {
  topic: string;
  payload: Buffer;
  eventId: string;
}

export type CallOutcome = 'answered' | 'no_answer' | 'busy' | 'rejected' | 'failed';

export interface CallSpec {
  tenantId: string;
  deviceId: string;
  callId?: string;
  taskId?: string;
  phoneNumber?: string;
  outcome: CallOutcome;
  startMs: number;
  ringMs?: number;
  talkMs?: number;
  seq?: () => number;
  withRecording?: boolean;
}

const CAUSE: Record<CallOutcome, number> = {
  answered: HangupCause.HANGUP_CAUSE_NORMAL_CLEARING,
  no_answer: HangupCause.HANGUP_CAUSE_NO_ANSWER,
  busy: HangupCause.HANGUP_CAUSE_USER_BUSY,
  rejected: HangupCause.HANGUP_CAUSE_CALL_REJECTED,
  failed: HangupCause.HANGUP_CAUSE_NETWORK_FAILURE,
};

export function encodeEnvelope(fields: Record<string, unknown>): Buffer {
  return Buffer.from(DeviceEnvelope.encode(DeviceEnvelope.fromObject(fields)).finish());
}

/** Every step of one call, in device order. */
export function callMessages(spec: CallSpec): Wire[] {
  const callId = spec.callId ?? randomUUID();
  const ringMs = spec.ringMs ?? 8_000;
  const talkMs = spec.outcome === 'answered' ? spec.talkMs ?? 45_000 : 0;
  let seq = 0;
  const nextSeq = spec.seq ?? (() => ++seq);
  const base = { callId, taskId: spec.taskId ?? '', phoneNumber: spec.phoneNumber ?? '13800138001', direction: 1 };
  const steps: [number, Record<string, unknown>][] = [[spec.startMs, { dialing: {} }]];
  if (spec.outcome !== 'failed') steps.push([spec.startMs + 1_000, { ringing: {} }]);
  if (spec.outcome === 'answered') steps.push([spec.startMs + ringMs, { answered: {} }]);
  const end = spec.startMs + ringMs + talkMs;
  const cause = CAUSE[spec.outcome];
  steps.push([end, { hangup: { cause, party: 2 } }]);
  steps.push([end + 50, { ended: { cause, ringDurationMs: ringMs, talkDurationMs: talkMs, totalDurationMs: ringMs + talkMs } }]);
  if (spec.withRecording && spec.outcome === 'answered') {
    steps.push([end + 500, { recordingReady: { recordingId: `rec-${callId}`, durationMs: talkMs, sizeBytes: talkMs * 2, sha256: 'ab'.repeat(32), contentType: 'audio/mpeg' } }]);
  }
  const topic = deviceTopic(spec.tenantId, spec.deviceId, 'evt');
  return steps.map(([t, step]) => {
    const eventId = newEventId();
    return {
      topic,
      eventId: eventId.toString('hex'),
      payload: encodeEnvelope({ tenantId: spec.tenantId, deviceId: spec.deviceId, eventId, seq: nextSeq(), deviceTimeMs: t, call: { ...base, ...step } }),
    };
  });
}

export function heartbeatMessage(tenantId: string, deviceId: string, t: number, fields: Record<string, unknown> = {}): Wire {
  const eventId = newEventId();
  return {
    topic: deviceTopic(tenantId, deviceId, 'evt'),
    eventId: eventId.toString('hex'),
    payload: encodeEnvelope({ tenantId, deviceId, eventId, seq: 1, deviceTimeMs: t, heartbeat: { batteryPct: 80, signalLevel: 3, simState: 1, lineState: 1, ...fields } }),
  };
}

export function statusMessage(tenantId: string, deviceId: string, online: boolean, sinceMs: number, sessionId: string = randomUUID()): Wire {
  return {
    topic: deviceTopic(tenantId, deviceId, 'status'),
    eventId: '',
    payload: Buffer.from(DeviceStatus.encode({ tenantId, deviceId, presence: online ? Presence.PRESENCE_ONLINE : Presence.PRESENCE_OFFLINE, sinceMs, sessionId, agentVersion: 'test' }).finish()),
  };
}

/** Fisher-Yates with a seedable generator, so a failing shuffle can be replayed. */
export function shuffle<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}
