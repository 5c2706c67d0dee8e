// Turns one validated device message into the Redis work that records it: a dedupe key, the
// hashes it touches and idempotent merge ops (see merge-ops.ts). Pure: no I/O, no clock.
import type { cunke } from '../../../proto/src/index.js';
import { LineState, Presence } from '../../../proto/src/index.js';
import type { PhoneProtector } from '../../../common/pii.js';
import type { CallStep } from './validate-envelope.js';
import type { IngestPlan, MergeOpName, Target } from './merge-ops.js';
import { keys } from './redis-keys.js';

type Envelope = cunke.device.v1.DeviceEnvelope;
type Status = cunke.device.v1.DeviceStatus;

export interface PlanContext {
  receivedAtMs: number;
  dedupeTtlS: number;
  callStateTtlS: number;
  /** Keyed hash and masked form of a number (common/pii.ts createPhoneProtector, memoised). */
  protectPhone: PhoneProtector;
}

/** Phase ranks of the call state machine. A step never moves a call back to a lower phase. */
export const CALL_PHASE_RANK: Record<CallStep, number> = {
  dialing: 1,
  ringing: 2,
  answered: 3,
  hangup: 4,
  ended: 5,
  recordingReady: 5,
};
export const CALL_PHASES = ['', 'DIALING', 'RINGING', 'ANSWERED', 'HANGUP', 'ENDED'] as const;

const COMMAND_STATE_TTL_S = 24 * 3600;

class PlanBuilder {
  readonly targets: Target[] = [];

  target(key: string, ttlS = 0): number {
    this.targets.push({ key, ttlS, ops: [] });
    return this.targets.length - 1;
  }

  op(target: number, op: MergeOpName, field: string, value: string | number | boolean): this {
    this.targets[target]!.ops.push(op, field, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
    return this;
  }
}

export function planEnvelope(env: Envelope, bytes: Uint8Array, eventIdHex: string, ctx: PlanContext): IngestPlan {
  const b = new PlanBuilder();
  const t = Number(env.deviceTimeMs);
  const device = b.target(keys.device(env.tenantId, env.deviceId));
  b.op(device, 'max', 'last_seen_ms', ctx.receivedAtMs).op(device, 'max', 'last_seq', Number(env.seq));
  b.op(b.target(keys.tenantDevices(env.tenantId)), 'sadd', '', env.deviceId);

  if (env.call) planCall(b, env, env.call, device, t, ctx);
  else if (env.heartbeat) planHeartbeat(b, env.heartbeat, device, t);
  else if (env.commandAck) planCommandAck(b, env, env.commandAck, t);

  return { kind: 'e', dedupeKey: keys.dedupe(env.tenantId, env.deviceId, t), dedupeField: eventIdHex, targets: b.targets, bytes };
}

function planCall(b: PlanBuilder, env: Envelope, call: cunke.device.v1.ICallEvent, device: number, t: number, ctx: PlanContext): void {
  const step = call.step as CallStep;
  const c = b.target(keys.call(env.tenantId, call.callId!), ctx.callStateTtlS);
  b.op(c, 'setnx', 'device_id', env.deviceId).op(c, 'setnx', 'direction', call.direction ?? 0);
  if (call.taskId) b.op(c, 'setnx', 'task_id', call.taskId);
  if (call.commandId) b.op(c, 'setnx', 'command_id', call.commandId);
  if (call.phoneNumber) {
    const phone = ctx.protectPhone(call.phoneNumber);
    b.op(c, 'setnx', 'phone_hash', phone.hash).op(c, 'setnx', 'phone_masked', phone.masked);
  }
  b.op(c, 'max', 'phase', CALL_PHASE_RANK[step]);
  b.op(c, 'min', `${step === 'recordingReady' ? 'recording' : step}_at`, t);
  b.op(c, 'min', 'first_received_ms', ctx.receivedAtMs).op(c, 'max', 'last_received_ms', ctx.receivedAtMs);
  if (call.hangup) {
    b.op(c, 'max', 'hangup_cause', call.hangup.cause ?? 0).op(c, 'max', 'protocol_code', call.hangup.protocolCode ?? 0);
  }
  if (call.ended) {
    b.op(c, 'max', 'ended_cause', call.ended.cause ?? 0)
      .op(c, 'max', 'ring_ms', call.ended.ringDurationMs ?? 0)
      .op(c, 'max', 'talk_ms', call.ended.talkDurationMs ?? 0)
      .op(c, 'max', 'total_ms', call.ended.totalDurationMs ?? 0);
  }
  if (call.recordingReady?.recordingId) b.op(c, 'setnx', 'recording_id', call.recordingReady.recordingId);

  // The device's line follows its latest call step by device clock; a recording changes nothing.
  const line = lineStateAfter(step);
  if (line === null) return;
  b.op(device, 'clock', 'line_clock', t)
    .op(device, 'lww', 'line_state', line)
    .op(device, 'lww', 'active_call_id', line === LineState.LINE_STATE_IDLE ? '' : call.callId!);
  if (call.taskId) planTaskCounters(b, env.tenantId, call.taskId, step, call.ended?.talkDurationMs ?? 0);
}

/**
 * Per-task counters, defined so the warehouse view dwd_call_record_v reproduces them:
 *   dialed     calls with dialing_at set          +1 on DIALING
 *   connected  calls with answered_at set         +1 on ANSWERED
 *   ended      calls with ended_at set            +1 on ENDED
 *   talk_ms    sum of talk_ms of ended calls      +talk on ENDED
 *   talk_calls ended calls with talk_ms > 0       +1 on ENDED with talk > 0
 * (average talk time = talk_ms / talk_calls). Each step is counted once, by its event's dedupe.
 * Must be the plan's last targets: see `incr` in merge-ops.ts.
 */
function planTaskCounters(b: PlanBuilder, tenantId: string, taskId: string, step: CallStep, talkMs: number): void {
  if (step !== 'dialing' && step !== 'answered' && step !== 'ended') return;
  b.op(b.target(keys.tenantTasks(tenantId)), 'sadd', '', taskId);
  const task = b.target(keys.task(tenantId, taskId));
  if (step === 'dialing') b.op(task, 'incr', 'dialed', 1);
  else if (step === 'answered') b.op(task, 'incr', 'connected', 1);
  else {
    b.op(task, 'incr', 'ended', 1).op(task, 'incr', 'talk_ms', talkMs);
    if (talkMs > 0) b.op(task, 'incr', 'talk_calls', 1);
  }
}

/** The line state a call step leaves its device in; null for a step that does not change it. */
export function lineStateAfter(step: CallStep): number | null {
  switch (step) {
    case 'dialing': return LineState.LINE_STATE_DIALING;
    case 'ringing': return LineState.LINE_STATE_RINGING;
    case 'answered': return LineState.LINE_STATE_IN_CALL;
    case 'hangup':
    case 'ended': return LineState.LINE_STATE_IDLE;
    case 'recordingReady': return null;
  }
}

/** Newer connections win; within one connection OFFLINE (the will) wins over ONLINE. */
export function presenceClock(sinceMs: number, offline: boolean): number {
  return sinceMs * 2 + (offline ? 1 : 0);
}

function planHeartbeat(b: PlanBuilder, hb: cunke.device.v1.IHeartbeat, device: number, t: number): void {
  b.op(device, 'clock', 'hb_clock', t)
    .op(device, 'lww', 'battery_pct', hb.batteryPct ?? 0)
    .op(device, 'lww', 'charging', hb.charging ?? false)
    .op(device, 'lww', 'signal_dbm', hb.signalDbm ?? 0)
    .op(device, 'lww', 'signal_level', hb.signalLevel ?? 0)
    .op(device, 'lww', 'sim_state', hb.simState ?? 0)
    .op(device, 'lww', 'agent_version', hb.agentVersion ?? '')
    .op(device, 'lww', 'uptime_s', hb.uptimeS ?? 0)
    .op(device, 'lww', 'outbox_depth', hb.outboxDepth ?? 0);
  b.op(device, 'clock', 'line_clock', t)
    .op(device, 'lww', 'line_state', hb.lineState ?? 0)
    .op(device, 'lww', 'active_call_id', hb.activeCallId ?? '');
}

function planCommandAck(b: PlanBuilder, env: Envelope, ack: cunke.device.v1.ICommandAck, t: number): void {
  const cmd = b.target(`cunke:cmd:${env.tenantId}:${ack.commandId}`, COMMAND_STATE_TTL_S);
  b.op(cmd, 'setnx', 'device_id', env.deviceId)
    .op(cmd, 'clock', 'ack_clock', t)
    .op(cmd, 'lww', 'status', ack.status ?? 0)
    .op(cmd, 'lww', 'reason', ack.reason ?? '')
    .op(cmd, 'lww', 'call_id', ack.callId ?? '');
}

export function planStatus(status: Status, bytes: Uint8Array, receivedAtMs: number): IngestPlan {
  const b = new PlanBuilder();
  const device = b.target(keys.device(status.tenantId, status.deviceId));
  const offline = status.presence === Presence.PRESENCE_OFFLINE;
  const clock = presenceClock(Number(status.sinceMs), offline);
  b.op(device, 'clock', 'presence_clock', clock)
    .op(device, 'lww', 'presence', offline ? 'OFFLINE' : 'ONLINE')
    .op(device, 'lww', 'presence_since_ms', Number(status.sinceMs))
    .op(device, 'lww', 'session_id', status.sessionId)
    .op(device, 'lww', 'agent_version', status.agentVersion)
    .op(device, 'max', 'last_seen_ms', receivedAtMs);
  b.op(b.target(keys.tenantDevices(status.tenantId)), 'sadd', '', status.deviceId);
  return {
    kind: 's',
    dedupeKey: keys.statusDedupe(status.tenantId, status.deviceId),
    dedupeField: keys.statusDedupeField(status.sessionId, status.presence),
    targets: b.targets,
    bytes,
  };
}
