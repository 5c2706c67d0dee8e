// Runs the device's one line: starts a call on the dialer, turns every step it reports into a
// CallEvent (same call_id, the MakeCall's task_id/command_id, OUTBOUND, the number as dialled,
// device_time_ms = call start + step offset) and resolves a summary when the call is complete.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../common/logger.js';
import type { DialStep, DialStepKind, HangupCauseName, RecordingInfo } from '../domain/call-steps.js';
import type { DeviceClock } from '../domain/device-clock.js';
import { callEventPayload, type CallContext } from '../domain/envelopes.js';
import type { MakeCallInput } from '../domain/parse-command.js';
import type { DialHandle, Dialer } from '../dialer/dialer.js';
import type { Clock } from '../edges/clock.js';
import type { AgentCounters, AgentEventListener } from './counters.js';
import type { AppendedEvent, EventSink } from './event-sink.js';

export type LineStateName = 'IDLE' | 'DIALING' | 'RINGING' | 'IN_CALL';

export interface CallEventRecord extends AppendedEvent {
  step: DialStepKind;
}

export interface CallSummary {
  callId: string;
  taskId: string;
  commandId: string;
  phoneNumber: string;
  callerId: string;
  cause: HangupCauseName;
  answered: boolean;
  ringDurationMs: number;
  talkDurationMs: number;
  totalDurationMs: number;
  startedAtDeviceMs: number;
  /** Every envelope of this call, in seq order. */
  events: CallEventRecord[];
  eventIds: string[];
  recording: RecordingInfo | null;
}

export class CallStoppedError extends Error {
  constructor(message = 'agent stopped before the call completed') {
    super(message);
    this.name = 'CallStoppedError';
  }
}

interface RunningCall {
  context: CallContext;
  startDevice: number;
  handle: DialHandle | null;
  answered: boolean;
  appends: Promise<CallEventRecord | null>[];
  ended: Extract<DialStep, { kind: 'ended' }> | null;
  recording: RecordingInfo | null;
  resolve: (summary: CallSummary) => void;
  reject: (err: Error) => void;
}

export interface CallRunnerDeps {
  dialer: Dialer;
  sink: EventSink;
  deviceClock: DeviceClock;
  clock: Clock;
  timeScale: number;
  counters: AgentCounters;
  emit: AgentEventListener;
  log: Logger;
  /** The line became free (autonomous mode waits for it). */
  onLineFree: () => void;
}

export class CallRunner {
  /** Whether answered calls are recorded (ConfigUpdate setting `record_calls`). */
  record = true;
  private active: RunningCall | null = null;
  private line: LineStateName = 'IDLE';
  /** Calls whose line is free but whose recording is still to come. */
  private readonly finishing = new Set<RunningCall>();

  constructor(private readonly deps: CallRunnerDeps) {}

  get activeCallId(): string | null {
    return this.active?.context.callId ?? null;
  }

  get lineState(): LineStateName {
    return this.line;
  }

  /** Starts a call; the caller has checked the line is free (domain/decide-command.ts). */
  start(request: MakeCallInput, commandId: string, callId: string = randomUUID()): Promise<CallSummary> {
    if (this.active) throw new Error('CallRunner.start while a call is active');
    const { clock, deviceClock } = this.deps;
    const now = clock.now();
    const startDevice = deviceClock.read(now);
    deviceClock.setRate(now, 1 / this.deps.timeScale);
    const context: CallContext = {
      callId,
      taskId: request.taskId,
      commandId,
      phoneNumber: request.phoneNumber,
      callerId: request.callerId,
    };
    return new Promise<CallSummary>((resolve, reject) => {
      const call: RunningCall = { context, startDevice, handle: null, answered: false, appends: [], ended: null, recording: null, resolve, reject };
      this.active = call;
      this.line = 'DIALING';
      this.deps.counters.callsStarted++;
      call.handle = this.deps.dialer.start(
        { callId, phoneNumber: request.phoneNumber, callerId: request.callerId, ringTimeoutMs: request.timeoutS * 1000, record: this.record },
        (step) => this.onStep(call, step),
      );
    });
  }

  /** Local hangup of the active call (HangupCall command). */
  hangup(): boolean {
    if (!this.active?.handle) return false;
    this.active.handle.cancel();
    return true;
  }

  /** Rejects every unfinished call (crash or hard stop); their remaining steps never come. */
  abortAll(): void {
    const calls = [...this.finishing, ...(this.active ? [this.active] : [])];
    this.finishing.clear();
    this.active = null;
    this.line = 'IDLE';
    for (const call of calls) call.reject(new CallStoppedError());
  }

  private onStep(call: RunningCall, step: DialStep): void {
    const { clock, deviceClock } = this.deps;
    const now = clock.now();
    const at = call.startDevice + Math.round(step.atMs);
    deviceClock.advanceTo(now, at);
    const append = this.deps.sink.append('call-step', callEventPayload(call.context, step), at).then(
      (r) => (r ? { ...r, step: step.kind } : null),
      () => null,
    );
    call.appends.push(append);
    switch (step.kind) {
      case 'dialing':
        this.line = 'DIALING';
        break;
      case 'ringing':
        this.line = 'RINGING';
        break;
      case 'answered':
        call.answered = true;
        this.line = 'IN_CALL';
        break;
      case 'hangup':
        break;
      case 'ended':
        call.ended = step;
        this.freeLine(call, now);
        if (!step.recordingFollows) void this.complete(call);
        break;
      case 'recording':
        call.recording = {
          recordingId: step.recordingId, durationMs: step.durationMs, sizeBytes: step.sizeBytes,
          sha256: step.sha256, contentType: step.contentType,
        };
        void this.complete(call);
        break;
    }
  }

  private freeLine(call: RunningCall, now: number): void {
    this.deps.deviceClock.setRate(now, 1);
    if (this.active === call) {
      this.active = null;
      this.line = 'IDLE';
      this.finishing.add(call);
      this.deps.onLineFree();
    }
  }

  private async complete(call: RunningCall): Promise<void> {
    const records = await Promise.all(call.appends);
    if (!this.finishing.delete(call)) return; // aborted meanwhile
    const ended = call.ended;
    const events = records.filter((r): r is CallEventRecord => r !== null);
    if (!ended || events.length !== records.length) {
      call.reject(new CallStoppedError('some events of the call could not be written to the outbox'));
      return;
    }
    const summary: CallSummary = {
      ...call.context,
      cause: ended.cause,
      answered: call.answered,
      ringDurationMs: ended.ringDurationMs,
      talkDurationMs: ended.talkDurationMs,
      totalDurationMs: ended.totalDurationMs,
      startedAtDeviceMs: call.startDevice,
      events,
      eventIds: events.map((e) => e.eventId),
      recording: call.recording,
    };
    this.deps.counters.callsCompleted++;
    this.deps.emit({ type: 'call-completed', summary });
    call.resolve(summary);
  }
}
