// Snapshot assembly: the raw hashes and feed entries the snapshot script read atomically
// (edges/readLiveSnapshot-3.lua) -> the state a topic's subscriber starts from. Pure.
import { CALL_PHASES } from '../../domain/plan-ingest.js';
import { causeName, directionName, lineStateName, parseFeedDeltas, simStateName, type CallDelta, type HealthGroup, type LineGroup, type PresenceGroup, type TaskCounters } from './deltas.js';
import type { TopicRef } from './topics.js';

export interface DeviceState {
  deviceId: string;
  lastSeenMs: number;
  agentVersion: string;
  line?: LineGroup;
  health?: HealthGroup;
  presence?: PresenceGroup;
}

export interface CallState {
  callId: string;
  deviceId: string;
  taskId: string;
  /** Rank 1..5 and its name (DIALING .. ENDED). */
  phase: number;
  phaseName: string;
  phoneMasked: string;
  direction: string;
  dialingAt?: number;
  ringingAt?: number;
  answeredAt?: number;
  hangupAt?: number;
  endedAt?: number;
  cause?: string;
  ringMs?: number;
  talkMs?: number;
  totalMs?: number;
  recordingId?: string;
}

export type { TaskCounters };

export interface SnapshotData {
  devices: DeviceState[];
  tasks: TaskCounters[];
  /** Calls in progress (for a call topic: that call, whatever its phase). */
  calls: CallState[];
  /** Recently finished calls (their `ended` deltas), newest first. */
  finished: CallDelta[];
}

/** What the snapshot script returns, decoded into records. */
export interface RawSnapshot {
  /** Id of the last feed entry when the state was read ('0-0': no entry yet). */
  lastId: string;
  devices: [string, Record<string, string>][];
  tasks: [string, Record<string, string>][];
  calls: [string, Record<string, string>][];
  /** Recent feed entries holding finished calls, newest first: [id, `d` JSON]. */
  recent: [string, string][];
}

/** What the script must read for a topic. */
export interface SnapshotScope {
  /** '*' every device of the tenant, '' none, else one device id. */
  devices: string;
  tasks: string;
  /** One call to read whatever its phase ('' none). */
  call: string;
  /** Also read the call each read device has on its line. */
  activeCalls: boolean;
  /** Finished calls wanted from the feed (0 = none). */
  finished: number;
}

export const RECENT_FINISHED = 50;

export function scopeOf(ref: TopicRef): SnapshotScope {
  switch (ref.kind) {
    case 'tenant':
      return { devices: '*', tasks: '*', call: '', activeCalls: true, finished: RECENT_FINISHED };
    case 'device':
      return { devices: ref.id, tasks: '', call: '', activeCalls: true, finished: RECENT_FINISHED };
    case 'task':
      // Calls in progress of a task are found through the devices' lines.
      return { devices: '*', tasks: ref.id, call: '', activeCalls: true, finished: RECENT_FINISHED };
    case 'call':
      return { devices: '', tasks: '', call: ref.id, activeCalls: false, finished: 0 };
  }
}

const num = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));

export function deviceState(deviceId: string, h: Record<string, string>): DeviceState {
  const d: DeviceState = { deviceId, lastSeenMs: num(h.last_seen_ms) ?? 0, agentVersion: h.agent_version ?? '' };
  if (h.line_clock !== undefined) {
    d.line = { state: lineStateName(num(h.line_state)), callId: h.active_call_id ?? '', clock: Number(h.line_clock) };
  }
  if (h.hb_clock !== undefined) {
    d.health = {
      batteryPct: num(h.battery_pct) ?? 0, charging: h.charging === '1', signalDbm: num(h.signal_dbm) ?? 0,
      signalLevel: num(h.signal_level) ?? 0, simState: simStateName(num(h.sim_state)), clock: Number(h.hb_clock),
    };
  }
  if (h.presence_clock !== undefined && (h.presence === 'ONLINE' || h.presence === 'OFFLINE')) {
    d.presence = { state: h.presence, sinceMs: num(h.presence_since_ms) ?? 0, clock: Number(h.presence_clock) };
  }
  return d;
}

export function callState(callId: string, h: Record<string, string>): CallState {
  const phase = num(h.phase) ?? 0;
  const c: CallState = {
    callId, deviceId: h.device_id ?? '', taskId: h.task_id ?? '', phase, phaseName: CALL_PHASES[phase] ?? '',
    phoneMasked: h.phone_masked ?? '', direction: directionName(num(h.direction)),
  };
  const times: [keyof CallState, string][] = [['dialingAt', 'dialing_at'], ['ringingAt', 'ringing_at'], ['answeredAt', 'answered_at'], ['hangupAt', 'hangup_at'], ['endedAt', 'ended_at']];
  for (const [to, from] of times) if (h[from] !== undefined) (c as unknown as Record<string, number>)[to] = Number(h[from]);
  const cause = num(h.ended_cause) || num(h.hangup_cause);
  if (cause) c.cause = causeName(cause);
  if (h.ended_at !== undefined) {
    c.ringMs = num(h.ring_ms) ?? 0;
    c.talkMs = num(h.talk_ms) ?? 0;
    c.totalMs = num(h.total_ms) ?? 0;
  }
  if (h.recording_id) c.recordingId = h.recording_id;
  return c;
}

export function taskCounters(taskId: string, h: Record<string, string>): TaskCounters {
  return {
    taskId, dialed: num(h.dialed) ?? 0, connected: num(h.connected) ?? 0, ended: num(h.ended) ?? 0,
    talkMs: num(h.talk_ms) ?? 0, talkCalls: num(h.talk_calls) ?? 0,
  };
}

/** A call is in progress until its HANGUP or ENDED step (phase 4). */
const inProgress = (c: CallState) => c.phase > 0 && c.phase < 4;

export function assembleSnapshot(ref: TopicRef, raw: RawSnapshot): SnapshotData {
  const devices = raw.devices.filter(([, h]) => Object.keys(h).length > 0).map(([id, h]) => deviceState(id, h))
    .sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
  const calls = raw.calls.filter(([, h]) => Object.keys(h).length > 0).map(([id, h]) => callState(id, h));
  const finished: CallDelta[] = [];
  const seen = new Set<string>();
  for (const [, json] of raw.recent) {
    // Entries are newest first; the deltas inside one are oldest first.
    const ended = parseFeedDeltas(json).filter((d): d is CallDelta => d.t === 'call' && d.step === 'ended').reverse();
    for (const d of ended) {
      if (seen.has(d.callId) || !finishedOnTopic(d, ref)) continue;
      seen.add(d.callId);
      finished.push(d);
    }
  }
  switch (ref.kind) {
    case 'tenant':
      return { devices, tasks: raw.tasks.map(([id, h]) => taskCounters(id, h)), calls: calls.filter(inProgress), finished: finished.slice(0, RECENT_FINISHED) };
    case 'device':
      return { devices, tasks: [], calls: calls.filter((c) => inProgress(c) && c.deviceId === ref.id), finished: finished.slice(0, RECENT_FINISHED) };
    case 'task':
      return { devices: [], tasks: [taskCounters(ref.id, raw.tasks[0]?.[1] ?? {})], calls: calls.filter((c) => inProgress(c) && c.taskId === ref.id), finished: finished.slice(0, RECENT_FINISHED) };
    case 'call':
      return { devices: [], tasks: [], calls, finished: [] };
  }
}

function finishedOnTopic(d: CallDelta, ref: TopicRef): boolean {
  switch (ref.kind) {
    case 'tenant': return true;
    case 'device': return d.deviceId === ref.id;
    case 'task': return d.taskId === ref.id;
    case 'call': return d.callId === ref.id;
  }
}
