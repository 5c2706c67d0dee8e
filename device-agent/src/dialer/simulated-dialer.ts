// A dialer that behaves like a GSM line calling leads: outcomes and timings from
// domain/call-plan.ts, played out on an injected clock. `timeScale` compresses wall time
// (0.001: a 45 s talk takes 45 ms) while the steps report device time, i.e. realistic durations.
import { planCall, planSteps, cancelPlan, talkMsOf, nextHealth, type CallPlan, type LineHealth } from '../domain/call-plan.js';
import type { DialStep } from '../domain/call-steps.js';
import { createRng, deriveSeed, rngUuid, uniform, type Rng } from '../domain/rng.js';
import { systemClock, type Clock, type TimerHandle } from '../edges/clock.js';
import type { DeviceSensors, DialHandle, Dialer, DialRequest, RecordingFile } from './dialer.js';
import { fakeTranscript, type IntentLevel } from './fake-transcript.js';
import {
  fakeRecordingBytes, fakeRecordingSha256, RECORDING_BYTES_PER_S, RECORDING_CONTENT_TYPE, RECORDING_HEADER_BYTES,
} from './fake-recording.js';
import { SimulatedSensors } from './simulated-sensors.js';

export interface SimulatedDialerOptions {
  seed: number;
  /** Wall time per unit of device time (default 1 = real time). */
  timeScale?: number;
  clock?: Clock;
  /** SIM slot reported in Dialing.line. */
  line?: number;
}

interface ActiveCall {
  plan: CallPlan;
  steps: DialStep[];
  emitted: number;
  startWall: number;
  timer: TimerHandle | null;
  recording: { recordingId: string; bytesPerS: number } | null;
  onStep: (step: DialStep) => void;
  finished: boolean;
}

/** Recordings a simulated device keeps for upload (oldest dropped first). */
const KEPT_RECORDINGS = 10_000;

export class SimulatedDialer implements Dialer {
  readonly sensors: DeviceSensors;
  readonly timeScale: number;
  private readonly rng: Rng;
  private readonly clock: Clock;
  private readonly line: number;
  private health: LineHealth = { degraded: false };
  private readonly calls = new Set<ActiveCall>();
  private readonly seed: number;
  private readonly files = new Map<string, RecordingFile & { intent: IntentLevel }>();

  constructor(options: SimulatedDialerOptions) {
    this.seed = options.seed;
    this.rng = createRng(deriveSeed(options.seed, 'calls'));
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0)) throw new RangeError('timeScale must be > 0');
    this.clock = options.clock ?? systemClock;
    this.line = options.line ?? 0;
    this.sensors = new SimulatedSensors(createRng(deriveSeed(options.seed, 'sensors')), () => this.health.degraded);
  }

  get degraded(): boolean {
    return this.health.degraded;
  }

  start(request: DialRequest, onStep: (step: DialStep) => void): DialHandle {
    this.health = nextHealth(this.rng, this.health);
    const plan = planCall(this.rng, this.health, { ringTimeoutMs: request.ringTimeoutMs });
    // Drawn for every call, recorded or not, so the setting never shifts later outcomes.
    const recordingId = rngUuid(this.rng);
    const bytesPerS = RECORDING_BYTES_PER_S * uniform(this.rng, 0.97, 1.03);
    const call: ActiveCall = {
      plan,
      steps: [],
      emitted: 0,
      startWall: this.clock.now(),
      timer: null,
      recording: request.record ? { recordingId, bytesPerS } : null,
      onStep,
      finished: false,
    };
    call.steps = this.stepsOf(call, plan);
    this.calls.add(call);
    this.scheduleNext(call);
    return { cancel: () => this.cancel(call) };
  }

  recording(recordingId: string): (RecordingFile & { intent: IntentLevel }) | null {
    return this.files.get(recordingId) ?? null;
  }

  /**
   * Keeps the file of an emitted recording step. The transcript's intent level comes from an
   * RNG derived from the dialer's seed and the recording id: deterministic per call, and drawn
   * apart from the call RNG so adding transcripts never shifted the simulated outcomes.
   */
  private keep(step: Extract<DialStep, { kind: 'recording' }>): void {
    const t = fakeTranscript(createRng(deriveSeed(this.seed, `transcript:${step.recordingId}`)));
    const { recordingId, sizeBytes } = step;
    this.files.set(recordingId, {
      sizeBytes, sha256: step.sha256, contentType: step.contentType, transcript: t.text, intent: t.level,
      bytes: () => fakeRecordingBytes(recordingId, sizeBytes),
    });
    if (this.files.size > KEPT_RECORDINGS) this.files.delete(this.files.keys().next().value!);
  }

  dispose(): void {
    for (const call of this.calls) {
      if (call.timer) this.clock.clearTimeout(call.timer);
      call.finished = true;
    }
    this.calls.clear();
  }

  private stepsOf(call: ActiveCall, plan: CallPlan): DialStep[] {
    const steps = planSteps(plan, this.line, call.recording !== null);
    if (call.recording && plan.answeredAtMs !== null) {
      const durationMs = talkMsOf(plan);
      const sizeBytes = RECORDING_HEADER_BYTES + Math.round((durationMs / 1000) * call.recording.bytesPerS);
      steps.push({
        kind: 'recording',
        atMs: plan.hangupAtMs + plan.recordingDelayMs,
        recordingId: call.recording.recordingId,
        durationMs,
        sizeBytes,
        sha256: '', // computed when the step is emitted (hashing is not free)
        contentType: RECORDING_CONTENT_TYPE,
      });
    }
    return steps;
  }

  private deviceElapsedMs(call: ActiveCall): number {
    return (this.clock.now() - call.startWall) / this.timeScale;
  }

  private scheduleNext(call: ActiveCall): void {
    const step = call.steps[call.emitted];
    if (!step || call.finished) {
      this.calls.delete(call);
      call.finished = true;
      return;
    }
    const delayWall = Math.max(0, (step.atMs - this.deviceElapsedMs(call)) * this.timeScale);
    call.timer = this.clock.setTimeout(() => {
      call.timer = null;
      call.emitted++;
      if (step.kind === 'recording') {
        const done = { ...step, sha256: fakeRecordingSha256(step.recordingId, step.sizeBytes) };
        this.keep(done);
        call.onStep(done);
      } else {
        call.onStep(step);
      }
      this.scheduleNext(call);
    }, delayWall);
  }

  private cancel(call: ActiveCall): void {
    if (call.finished) return;
    const endedEmitted = call.steps.slice(0, call.emitted).some((s) => s.kind === 'ended');
    if (endedEmitted) return;
    const plan = cancelPlan(call.plan, this.deviceElapsedMs(call));
    if (plan === call.plan) return;
    if (call.timer) this.clock.clearTimeout(call.timer);
    call.plan = plan;
    // The steps already reported (all at or before now) are also the first steps of the cut
    // plan, so `emitted` still points at the first step not yet reported.
    call.steps = this.stepsOf(call, plan);
    this.scheduleNext(call);
  }
}
