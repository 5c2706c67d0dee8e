// A reproducible mix of feed entries for the writer tests and the benchmark: calls with every
// outcome, heartbeats, command acks and presence changes, with duplicated entries (replays) and
// call steps in shuffled order, plus the call records the warehouse must end up with.
import { CallDirection, HangupCause, Presence } from '../../proto/src/index.js';
import type { CallStatus } from '../src/domain/call-status.js';
import { toDateTime64 } from '../src/domain/time.js';
import { callEnvelope, commandAckEnvelope, feedFields, heartbeatEnvelope, shuffled, statusMessage } from './fixtures.js';

export interface ExpectedCall {
  status: CallStatus;
  duration_s: number;
  talk_ms: number;
  ring_ms: number;
  start_time: string | null;
  end_time: string | null;
  answered_at: string | null;
  hangup_cause: string;
  ended_cause: string;
  task_id: string;
  phone_masked: string;
  recording_id: string;
}

export interface Scenario {
  /** Feed entries (flat field lists) in publish order. */
  entries: Buffer[][];
  /** Distinct device events among them (what ods_device_event must hold). */
  distinctEvents: number;
  distinctStatuses: number;
  calls: Map<string, ExpectedCall>;
  /** Raw numbers used, to check none is stored. */
  phones: string[];
}

type Kind = 'answered' | 'no_answer' | 'busy' | 'rejected' | 'in_progress';
const KINDS: Kind[] = ['answered', 'no_answer', 'busy', 'rejected', 'in_progress'];

export interface ScenarioOptions {
  tenantId: string;
  calls: number;
  devices?: number;
  /** Fraction of event entries published a second time (a replay). */
  duplicateRatio?: number;
  seed?: number;
  startMs?: number;
}

export function buildScenario(o: ScenarioOptions): Scenario {
  const devices = o.devices ?? 5;
  const seed = o.seed ?? 1;
  const t0 = o.startMs ?? Date.UTC(2024, 4, 1, 9, 0, 0);
  const events: Buffer[][] = [];
  const statuses: Buffer[][] = [];
  const calls = new Map<string, ExpectedCall>();
  const phones: string[] = [];
  const seqs = new Array<number>(devices).fill(0);
  const envelope = (device: number, timeMs: number) => ({
    tenantId: o.tenantId, deviceId: `dev-${device}`, seq: ++seqs[device]!, timeMs,
  });
  const received = (timeMs: number) => timeMs + 150;

  for (let i = 0; i < o.calls; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const device = i % devices;
    const callId = `${o.tenantId}-call-${i}`;
    const phone = `1380013${String(i % 10000).padStart(4, '0')}`;
    phones.push(phone);
    const start = t0 + i * 1000;
    const common = { callId, taskId: `task-${i % 3}`, phoneNumber: phone, callerId: '02160001234', direction: CallDirection.CALL_DIRECTION_OUTBOUND };
    const steps: [number, Parameters<typeof callEnvelope>[1]][] = [[start, { ...common, dialing: { line: 0 } }]];
    const add = (offsetMs: number, step: object) => steps.push([start + offsetMs, { ...common, ...step }]);
    let expected: ExpectedCall = {
      status: 'IN_PROGRESS', duration_s: 0, talk_ms: 0, ring_ms: 0, start_time: toDateTime64(start), end_time: null,
      answered_at: null, hangup_cause: '', ended_cause: '', task_id: `task-${i % 3}`, phone_masked: `138****${phone.slice(-4)}`, recording_id: '',
    };
    switch (kind) {
      case 'answered': {
        const talk = 60_000 + (i % 7) * 250; // exercises rounding: x.0, x.25, x.5, x.75 s
        add(1000, { ringing: {} });
        add(4000, { answered: {} });
        add(4000 + talk, { hangup: { cause: HangupCause.HANGUP_CAUSE_NORMAL_CLEARING, party: 2 } });
        add(4000 + talk + 10, { ended: { cause: HangupCause.HANGUP_CAUSE_NORMAL_CLEARING, ringDurationMs: 4000, talkDurationMs: talk, totalDurationMs: 4000 + talk } });
        add(4000 + talk + 2000, { recordingReady: { recordingId: `rec-${i}`, durationMs: talk, sizeBytes: 10_000 + i, sha256: 'a'.repeat(64), contentType: 'audio/mpeg' } });
        expected = { ...expected, status: 'ANSWERED', duration_s: Math.floor((talk + 500) / 1000), talk_ms: talk, ring_ms: 4000,
          end_time: toDateTime64(start + 4000 + talk + 10), answered_at: toDateTime64(start + 4000),
          hangup_cause: 'NORMAL_CLEARING', ended_cause: 'NORMAL_CLEARING', recording_id: `rec-${i}` };
        break;
      }
      case 'no_answer':
        add(1000, { ringing: {} });
        add(45_000, { hangup: { cause: HangupCause.HANGUP_CAUSE_NO_ANSWER } });
        add(45_010, { ended: { cause: HangupCause.HANGUP_CAUSE_NO_ANSWER, ringDurationMs: 44_000, totalDurationMs: 45_000 } });
        expected = { ...expected, status: 'NO_ANSWER', ring_ms: 44_000, end_time: toDateTime64(start + 45_010), hangup_cause: 'NO_ANSWER', ended_cause: 'NO_ANSWER' };
        break;
      case 'busy':
        add(2000, { hangup: { cause: HangupCause.HANGUP_CAUSE_USER_BUSY, protocolCode: 486 } });
        add(2010, { ended: { cause: HangupCause.HANGUP_CAUSE_USER_BUSY, ringDurationMs: 2000, totalDurationMs: 2000 } });
        expected = { ...expected, status: 'BUSY', ring_ms: 2000, end_time: toDateTime64(start + 2010), hangup_cause: 'USER_BUSY', ended_cause: 'USER_BUSY' };
        break;
      case 'rejected': // the ended step reports no cause: the hangup's cause decides
        add(1000, { ringing: {} });
        add(3000, { hangup: { cause: HangupCause.HANGUP_CAUSE_CALL_REJECTED } });
        add(3010, { ended: { ringDurationMs: 3000, totalDurationMs: 3000 } });
        expected = { ...expected, status: 'REJECTED', ring_ms: 3000, end_time: toDateTime64(start + 3010), hangup_cause: 'CALL_REJECTED' };
        break;
      case 'in_progress':
        add(1000, { ringing: {} });
        break;
    }
    calls.set(callId, expected);
    for (const [timeMs, call] of steps) events.push(feedFields('e', callEnvelope(envelope(device, timeMs), call), received(timeMs)));
  }
  for (let d = 0; d < devices; d++) {
    const t = t0 + d * 10;
    events.push(feedFields('e', heartbeatEnvelope(envelope(d, t), { batteryPct: 90, signalDbm: -80, lineState: 1 }), received(t)));
    events.push(feedFields('e', commandAckEnvelope(envelope(d, t + 1), { commandId: `cmd-${d}`, status: 1, callId: `x-${d}` }), received(t + 1)));
    const online = statusMessage({ tenantId: o.tenantId, deviceId: `dev-${d}`, presence: Presence.PRESENCE_ONLINE, sinceMs: t, sessionId: `s-${d}`, agentVersion: '1.0.0' });
    statuses.push(feedFields('s', online, received(t)));
    statuses.push(feedFields('s', online, received(t) + 60_000)); // the retained message redelivered
  }
  const distinctEvents = events.length;
  const dupCount = Math.floor(events.length * (o.duplicateRatio ?? 0.15));
  const duplicates = shuffled(events, seed + 1).slice(0, dupCount);
  return {
    entries: shuffled([...events, ...duplicates, ...statuses], seed),
    distinctEvents,
    distinctStatuses: devices,
    calls,
    phones,
  };
}
