// How an in-flight attempt stands, from the durable state ingest keeps (command-ack hash, call
// hash, device hash) — never from the best-effort live feed. Pure: the reads and the clock are
// inputs; the reconciler calls it every tick for every in-flight attempt.
import { CommandStatus, Presence } from '../../../../proto/src/index.js';
import { outcomeOfCause, type AttemptOutcome } from './attempts.js';

/** One MakeCall we sent, as recorded by the claim script (`cunke:dial:{t}:{k}:if` field = command id). */
export interface InFlightAttempt {
  commandId: string;
  index: number;
  deviceId: string;
  dispatchedAtMs: number;
  /** No ack by then: NO_ACK. */
  ackDeadlineMs: number;
}

export interface AckView { status: number; reason: string; callId: string }
export interface CallView { phase: number; endedCause: number; hangupCause: number; answered: boolean; lastReceivedMs: number }
export interface DeviceView {
  presence: string;
  lastSeenMs: number;
  /** The call on the device's line ('' idle), as ingest last merged it. */
  activeCallId: string;
}

export interface ResolveLimits {
  /** An OFFLINE device's call is lost after this long offline. */
  offlineGraceMs: number;
  /** An accepted call with no sign of life (device nor call) for this long is lost. */
  silentMs: number;
  /** No call lasts longer than this from dispatch (ring + longest talk): lost after it. */
  maxCallMs: number;
}

export type AttemptStatus =
  | { kind: 'pending'; acked: boolean }
  /** The device refused the command: it never dialled. */
  | { kind: 'refused'; reason: string }
  | { kind: 'resolved'; outcome: AttemptOutcome; callId: string };

export const CALL_PHASE_ENDED = 5;

export function resolveAttempt(
  attempt: InFlightAttempt, ack: AckView | null, call: CallView | null, device: DeviceView | null,
  offlineSinceMs: number | null, nowMs: number, limits: ResolveLimits,
): AttemptStatus {
  if (!ack || ack.status === CommandStatus.COMMAND_STATUS_UNSPECIFIED) {
    return nowMs > attempt.ackDeadlineMs ? { kind: 'resolved', outcome: 'NO_ACK', callId: '' } : { kind: 'pending', acked: false };
  }
  if (ack.status === CommandStatus.COMMAND_STATUS_REJECTED) return { kind: 'refused', reason: ack.reason || 'REJECTED' };
  if (ack.status === CommandStatus.COMMAND_STATUS_FAILED) return { kind: 'resolved', outcome: 'NETWORK_FAILURE', callId: ack.callId };
  if (call && call.phase >= CALL_PHASE_ENDED) {
    if (call.answered) return { kind: 'resolved', outcome: 'ANSWERED', callId: ack.callId };
    return { kind: 'resolved', outcome: outcomeOfCause(call.endedCause || call.hangupCause), callId: ack.callId };
  }
  if (device?.presence === 'OFFLINE' && offlineSinceMs !== null && nowMs - offlineSinceMs > limits.offlineGraceMs) {
    return { kind: 'resolved', outcome: 'DEVICE_LOST', callId: ack.callId };
  }
  const lastSign = Math.max(attempt.dispatchedAtMs, device?.lastSeenMs ?? 0, call?.lastReceivedMs ?? 0);
  if (nowMs - lastSign > limits.silentMs) return { kind: 'resolved', outcome: 'DEVICE_LOST', callId: ack.callId };
  // The device is alive but has moved on (its line is idle or on another call) and the end of
  // ours never came: its events were lost (a device reset). Heartbeats alone must not keep it open.
  const callSign = Math.max(attempt.dispatchedAtMs, call?.lastReceivedMs ?? 0);
  if (device && device.activeCallId !== ack.callId && device.lastSeenMs - callSign > limits.offlineGraceMs && nowMs - callSign > limits.offlineGraceMs) {
    return { kind: 'resolved', outcome: 'DEVICE_LOST', callId: ack.callId };
  }
  if (nowMs - attempt.dispatchedAtMs > limits.maxCallMs) return { kind: 'resolved', outcome: 'DEVICE_LOST', callId: ack.callId };
  return { kind: 'pending', acked: true };
}

/** Whether a device hash says ONLINE (the ingest script writes 'ONLINE'/'OFFLINE'). */
export function isOnline(presence: string | undefined): boolean {
  return presence === 'ONLINE';
}

export { Presence };
