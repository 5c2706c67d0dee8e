// What the device does with a command, as a value. Pure: "now", the line and the outbox state are
// arguments, so every rule of the contract is unit-tested without a broker or a clock.
import type { ParsedCommand } from './parse-command.js';

/** Machine-readable CommandAck.reason values this agent sends. */
export const RejectReason = {
  LINE_BUSY: 'LINE_BUSY',
  EXPIRED: 'EXPIRED',
  OUTBOX_FULL: 'OUTBOX_FULL',
  NO_ACTIVE_CALL: 'NO_ACTIVE_CALL',
  INVALID_COMMAND: 'INVALID_COMMAND',
  UNSUPPORTED_COMMAND: 'UNSUPPORTED_COMMAND',
} as const;

/** CommandAck.reason of a FAILED UploadRecording. */
export const UploadFailure = {
  NO_SUCH_RECORDING: 'NO_SUCH_RECORDING',
  EXPIRED_URL: 'EXPIRED_URL',
  NETWORK: 'NETWORK',
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

export interface CommandContext {
  wallNowMs: number;
  alreadyHandled: boolean;
  activeCallId: string | null;
  outboxFull: boolean;
}

export type CommandDecision =
  | { kind: 'ignore-duplicate' }
  | { kind: 'reject'; reason: RejectReason }
  | { kind: 'start-call' }
  | { kind: 'hangup'; callId: string }
  | { kind: 'complete' }
  | { kind: 'configure'; heartbeatIntervalS: number | null; settings: Record<string, string> }
  | { kind: 'upload' };

export function decideCommand(command: ParsedCommand, ctx: CommandContext): CommandDecision {
  if (ctx.alreadyHandled) return { kind: 'ignore-duplicate' };
  // expires_at_ms is the gateway's wall clock; compare with ours, not the (possibly scaled)
  // device clock.
  if (command.expiresAtMs > 0 && ctx.wallNowMs > command.expiresAtMs) return { kind: 'reject', reason: RejectReason.EXPIRED };
  switch (command.kind) {
    case 'makeCall':
      if (!command.makeCall.phoneNumber.trim()) return { kind: 'reject', reason: RejectReason.INVALID_COMMAND };
      if (ctx.activeCallId !== null) return { kind: 'reject', reason: RejectReason.LINE_BUSY };
      if (ctx.outboxFull) return { kind: 'reject', reason: RejectReason.OUTBOX_FULL };
      return { kind: 'start-call' };
    case 'hangup':
      // An empty call_id means "whatever call is active" (operator's panic button).
      if (ctx.activeCallId === null || (command.callId !== '' && command.callId !== ctx.activeCallId)) {
        return { kind: 'reject', reason: RejectReason.NO_ACTIVE_CALL };
      }
      return { kind: 'hangup', callId: ctx.activeCallId };
    case 'ping':
      return { kind: 'complete' };
    case 'configUpdate':
      return {
        kind: 'configure',
        heartbeatIntervalS: command.heartbeatIntervalS > 0 ? command.heartbeatIntervalS : null,
        settings: command.settings,
      };
    case 'uploadRecording': {
      let url: URL | null = null;
      try {
        url = new URL(command.upload.uploadUrl);
      } catch {
        url = null;
      }
      if (!command.upload.recordingId || !url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        return { kind: 'reject', reason: RejectReason.INVALID_COMMAND };
      }
      // Uploads use the network, not the line: they run during calls too.
      return { kind: 'upload' };
    }
    case 'unsupported':
      return { kind: 'reject', reason: RejectReason.UNSUPPORTED_COMMAND };
    default: {
      const never: never = command;
      throw new Error(`unhandled command ${JSON.stringify(never)}`);
    }
  }
}
