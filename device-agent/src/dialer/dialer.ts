// The line driver of a calling device: GSM module, SIP softphone, or the simulator. The agent asks
// it to place a call and turns each step it reports into a CallEvent.
//
// Contract for implementations:
//  - onStep is called asynchronously (never from inside start/cancel), in order: dialing first,
//    then any of ringing/answered, then hangup, then ended; a recording step may follow ended.
//  - step.atMs is device time since dialling started (see domain/call-steps.ts).
//  - cancel() asks for a local hangup: the call still reports hangup and ended (cause CANCELLED
//    before answer, NORMAL_CLEARING after). A no-op once the call has ended.
//  - dispose() stops every call silently (the agent crashed or is shutting down hard).
import type { DialStep } from '../domain/call-steps.js';

export type { DialStep } from '../domain/call-steps.js';

export interface DialRequest {
  callId: string;
  phoneNumber: string;
  callerId: string;
  /** Give up ringing after this long; 0 = device default (45 s). */
  ringTimeoutMs: number;
  /** Produce a recording of an answered call. */
  record: boolean;
}

export interface DialHandle {
  cancel(): void;
}

/** A recording file the device holds, for upload. */
export interface RecordingFile {
  sizeBytes: number;
  sha256: string;
  contentType: string;
  /** The file's bytes (read when uploading, once per attempt). */
  bytes(): Buffer;
  /** The call's transcript when the line driver produces one, else null. */
  transcript: string | null;
}

export interface Dialer {
  start(request: DialRequest, onStep: (step: DialStep) => void): DialHandle;
  dispose(): void;
  /** The recording a 'recording' step announced, while the device still has it; null otherwise. */
  recording?(recordingId: string): RecordingFile | null;
}

export type SimStateName = 'READY' | 'ABSENT' | 'LOCKED' | 'NO_SERVICE';

export interface SensorReading {
  batteryPct: number;
  charging: boolean;
  signalDbm: number;
  signalLevel: number;
  simState: SimStateName;
}

/** Battery, radio and SIM readings for heartbeats. */
export interface DeviceSensors {
  read(): SensorReading;
}
