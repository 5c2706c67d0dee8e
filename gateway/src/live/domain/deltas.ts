// Live deltas: the compact JSON a newly recorded device message becomes on the tenant's live
// feed (cunke:live:{tenant}), and the state shapes snapshots use. Pure: no I/O, no clock.
// Every field group that Redis merges by a clock carries that clock, so a client merges a delta
// exactly as the ingest script merged the event: a group replaces the client's copy when its
// clock is >= the one it holds (ties win, as in merge-ops.ts `clock`). Never a raw phone number:
// the masked form only. docs/live-protocol.md is the public description of these shapes.
import { CallDirection, HangupCause, LineState, Presence, SimState, enumShortName, type EnumObject } from '../../../../proto/src/index.js';
import type { PhoneProtector } from '../../../../common/pii.js';
import type { DeviceMessage } from '../../domain/device-message.js';
import { CALL_PHASE_RANK, lineStateAfter, presenceClock } from '../../domain/plan-ingest.js';
import type { CallStep } from '../../domain/validate-envelope.js';

export interface LineGroup {
  /** IDLE | DIALING | RINGING | IN_CALL | UNSPECIFIED */
  state: string;
  /** The call on the line; '' when idle. */
  callId: string;
  clock: number;
}

export interface HealthGroup {
  batteryPct: number;
  charging: boolean;
  signalDbm: number;
  signalLevel: number;
  /** READY | ABSENT | LOCKED | NO_SERVICE | UNSPECIFIED */
  simState: string;
  clock: number;
}

export interface PresenceGroup {
  state: 'ONLINE' | 'OFFLINE';
  sinceMs: number;
  clock: number;
}

export interface DeviceDelta {
  t: 'device';
  deviceId: string;
  /** Gateway receive time of the message (the device's last sign of life). */
  lastSeenMs: number;
  line?: LineGroup;
  health?: HealthGroup;
  presence?: PresenceGroup;
}

export interface CallDelta {
  t: 'call';
  callId: string;
  deviceId: string;
  /** '' for a call that no task started. */
  taskId: string;
  step: CallStep;
  /** Rank of the phase this step reaches (1 dialing .. 5 ended); a call never moves back. */
  phase: number;
  deviceTimeMs: number;
  phoneMasked: string;
  direction: string;
  /** hangup and ended steps: NO_ANSWER, USER_BUSY, NORMAL_CLEARING, … */
  cause?: string;
  ringMs?: number;
  talkMs?: number;
  totalMs?: number;
  recordingId?: string;
}

/** A task's counters as Redis keeps them (docs/live-protocol.md, "TaskCounters"). */
export interface TaskCounters {
  taskId: string;
  dialed: number;
  connected: number;
  ended: number;
  talkMs: number;
  talkCalls: number;
}

/** A task's counters, absolute (the hub reads them from Redis; see hub/task-counters.ts). */
export interface TaskDelta extends TaskCounters {
  t: 'task';
}

/**
 * What the dialer tells supervisors (gateway/src/dialer): a device it cooled down and why, or a
 * task that has numbers due but no device to call them on.
 */
export type DialerDelta =
  | { t: 'dialer'; kind: 'device-cooldown'; deviceId: string; reason: string; untilMs: number }
  | { t: 'dialer'; kind: 'task-starved'; taskId: string; sinceMs: number };

/** A call's recording was stored (appended by the API's upload route, api/src/recordings). */
export interface RecordingDelta {
  t: 'recording';
  callId: string;
  recordingId: string;
  deviceId: string;
  bytes: number;
  durationMs: number;
  hasTranscript: boolean;
  storedAtMs: number;
}

export type LiveDelta = CallDelta | DeviceDelta | TaskDelta | DialerDelta | RecordingDelta;

/** A delta as sent to clients: with the id of the feed entry it came from. */
export type Identified<T extends LiveDelta = LiveDelta> = T & { id: string };

/** The live feed's names: an unset value is its UNSPECIFIED name, an unknown one 'UNKNOWN'. */
function enumName(values: EnumObject, prefix: string, value: number | null | undefined): string {
  return enumShortName(values, prefix, value ?? 0) ?? 'UNKNOWN';
}

export const lineStateName = (v: number | null | undefined) => enumName(LineState as unknown as EnumObject, 'LINE_STATE_', v);
export const simStateName = (v: number | null | undefined) => enumName(SimState as unknown as EnumObject, 'SIM_STATE_', v);
export const causeName = (v: number | null | undefined) => enumName(HangupCause as unknown as EnumObject, 'HANGUP_CAUSE_', v);
export const directionName = (v: number | null | undefined) => enumName(CallDirection as unknown as EnumObject, 'CALL_DIRECTION_', v);

/** The deltas one newly recorded message puts on its tenant's live feed (none for command acks). */
export function deltasOf(message: DeviceMessage, protectPhone: PhoneProtector): LiveDelta[] {
  if (message.kind === 's') {
    const s = message.status;
    const offline = s.presence === Presence.PRESENCE_OFFLINE;
    const sinceMs = Number(s.sinceMs);
    return [{
      t: 'device', deviceId: s.deviceId, lastSeenMs: message.receivedAtMs,
      presence: { state: offline ? 'OFFLINE' : 'ONLINE', sinceMs, clock: presenceClock(sinceMs, offline) },
    }];
  }
  const env = message.envelope;
  const t = Number(env.deviceTimeMs);
  if (env.heartbeat) {
    const hb = env.heartbeat;
    return [{
      t: 'device', deviceId: env.deviceId, lastSeenMs: message.receivedAtMs,
      line: { state: lineStateName(hb.lineState), callId: hb.activeCallId ?? '', clock: t },
      health: {
        batteryPct: hb.batteryPct ?? 0, charging: hb.charging ?? false, signalDbm: hb.signalDbm ?? 0,
        signalLevel: hb.signalLevel ?? 0, simState: simStateName(hb.simState), clock: t,
      },
    }];
  }
  const call = env.call;
  if (!call) return [];
  const step = call.step as CallStep;
  const delta: CallDelta = {
    t: 'call', callId: call.callId!, deviceId: env.deviceId, taskId: call.taskId ?? '', step,
    phase: CALL_PHASE_RANK[step], deviceTimeMs: t,
    phoneMasked: call.phoneNumber ? protectPhone(call.phoneNumber).masked : '',
    direction: directionName(call.direction),
  };
  if (call.hangup) delta.cause = causeName(call.hangup.cause);
  if (call.ended) {
    delta.cause = causeName(call.ended.cause);
    delta.ringMs = call.ended.ringDurationMs ?? 0;
    delta.talkMs = call.ended.talkDurationMs ?? 0;
    delta.totalMs = call.ended.totalDurationMs ?? 0;
  }
  if (call.recordingReady) delta.recordingId = call.recordingReady.recordingId ?? '';
  const out: LiveDelta[] = [delta];
  const line = lineStateAfter(step);
  if (line !== null) {
    out.push({
      t: 'device', deviceId: env.deviceId, lastSeenMs: message.receivedAtMs,
      line: { state: lineStateName(line), callId: line === LineState.LINE_STATE_IDLE ? '' : call.callId!, clock: t },
    });
  }
  return out;
}

/** The live deltas of a batch of recorded messages, grouped by tenant, in recording order. */
export function deltasByTenant(messages: Iterable<DeviceMessage>, protectPhone: PhoneProtector): Map<string, LiveDelta[]> {
  const out = new Map<string, LiveDelta[]>();
  for (const m of messages) {
    const deltas = deltasOf(m, protectPhone);
    if (deltas.length === 0) continue;
    const tenant = m.kind === 'e' ? m.envelope.tenantId : m.status.tenantId;
    const list = out.get(tenant);
    if (list) list.push(...deltas);
    else out.set(tenant, deltas);
  }
  return out;
}

/** The `d` field of one live feed entry -> its deltas; unknown kinds (a newer gateway) are skipped. */
export function parseFeedDeltas(json: string): LiveDelta[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((d): d is LiveDelta =>
    typeof d === 'object' && d !== null && (d.t === 'call' || d.t === 'device' || d.t === 'task' || d.t === 'dialer' || d.t === 'recording'));
}

/** Task ids whose counters a call delta changes (dialing, answered, ended steps). */
export function countedTaskId(delta: LiveDelta): string | null {
  if (delta.t !== 'call' || !delta.taskId) return null;
  return delta.step === 'dialing' || delta.step === 'answered' || delta.step === 'ended' ? delta.taskId : null;
}
