// The steps a dialer reports for one call, in "device time": `atMs` is milliseconds since the
// call started dialling, as the device experienced it (a simulator running at timeScale 0.001
// still reports a 45 s talk time as 45,000 ms). They map 1:1 onto the CallEvent steps of the
// device contract.

/** Names of cunke.device.v1.HangupCause without the prefix (envelopes.ts maps them). */
export type HangupCauseName =
  | 'NORMAL_CLEARING' | 'NO_ANSWER' | 'USER_BUSY' | 'CALL_REJECTED' | 'INVALID_NUMBER'
  | 'NETWORK_FAILURE' | 'CANCELLED' | 'UNREACHABLE';

/** Names of cunke.device.v1.HangupParty without the prefix. */
export type HangupPartyName = 'LOCAL' | 'REMOTE' | 'NETWORK';

export interface RecordingInfo {
  recordingId: string;
  durationMs: number;
  sizeBytes: number;
  sha256: string;
  contentType: string;
}

export type DialStep =
  | { kind: 'dialing'; atMs: number; line: number }
  | { kind: 'ringing'; atMs: number }
  | { kind: 'answered'; atMs: number }
  | { kind: 'hangup'; atMs: number; cause: HangupCauseName; party: HangupPartyName; protocolCode: number }
  | {
      kind: 'ended';
      atMs: number;
      cause: HangupCauseName;
      ringDurationMs: number;
      talkDurationMs: number;
      totalDurationMs: number;
      /** A recording step will follow (the agent waits for it before the call is complete). */
      recordingFollows: boolean;
    }
  | ({ kind: 'recording'; atMs: number } & RecordingInfo);

export type DialStepKind = DialStep['kind'];

/** Q.850 cause values a GSM/SIP line reports with each hangup cause (protocol_code). */
export const Q850: Readonly<Record<HangupCauseName, number>> = {
  NORMAL_CLEARING: 16,
  NO_ANSWER: 19,
  USER_BUSY: 17,
  CALL_REJECTED: 21,
  INVALID_NUMBER: 1,
  NETWORK_FAILURE: 38,
  CANCELLED: 16,
  UNREACHABLE: 20,
};
