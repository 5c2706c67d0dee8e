// Turns the bytes of a DeviceCommand into a typed value, or a reason it is unusable. Returns an
// outcome instead of throwing: a malformed command from the wire is input, not a bug.
import { DeviceCommand } from '../../../proto/src/index.js';

export interface MakeCallInput {
  taskId: string;
  phoneNumber: string;
  callerId: string;
  scriptId: string;
  /** 0 = device default. */
  timeoutS: number;
}

export interface UploadRecordingInput {
  callId: string;
  recordingId: string;
  uploadUrl: string;
  /** When the URL stops being accepted (gateway wall clock). */
  urlExpiresAtMs: number;
}

interface CommandBase {
  commandId: string;
  issuedAtMs: number;
  /** 0 = never expires. */
  expiresAtMs: number;
}

export type ParsedCommand = CommandBase & (
  | { kind: 'makeCall'; makeCall: MakeCallInput }
  | { kind: 'hangup'; callId: string }
  | { kind: 'ping' }
  | { kind: 'configUpdate'; heartbeatIntervalS: number; settings: Record<string, string> }
  | { kind: 'uploadRecording'; upload: UploadRecordingInput }
  | { kind: 'unsupported' }
);

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; error: string };

export function parseCommand(bytes: Uint8Array): ParseResult {
  let decoded;
  try {
    decoded = DeviceCommand.decode(bytes);
  } catch (err) {
    return { ok: false, error: `undecodable DeviceCommand: ${(err as Error).message}` };
  }
  if (!decoded.commandId) return { ok: false, error: 'DeviceCommand without command_id' };
  const base: CommandBase = {
    commandId: decoded.commandId,
    issuedAtMs: Number(decoded.issuedAtMs ?? 0),
    expiresAtMs: Number(decoded.expiresAtMs ?? 0),
  };
  switch (decoded.command) {
    case 'makeCall': {
      const m = decoded.makeCall;
      return {
        ok: true,
        command: {
          ...base,
          kind: 'makeCall',
          makeCall: {
            taskId: m?.taskId ?? '',
            phoneNumber: m?.phoneNumber ?? '',
            callerId: m?.callerId ?? '',
            scriptId: m?.scriptId ?? '',
            timeoutS: m?.timeoutS ?? 0,
          },
        },
      };
    }
    case 'hangup':
      return { ok: true, command: { ...base, kind: 'hangup', callId: decoded.hangup?.callId ?? '' } };
    case 'ping':
      return { ok: true, command: { ...base, kind: 'ping' } };
    case 'configUpdate':
      return {
        ok: true,
        command: {
          ...base,
          kind: 'configUpdate',
          heartbeatIntervalS: decoded.configUpdate?.heartbeatIntervalS ?? 0,
          settings: { ...(decoded.configUpdate?.settings ?? {}) },
        },
      };
    case 'uploadRecording': {
      const u = decoded.uploadRecording;
      return {
        ok: true,
        command: {
          ...base,
          kind: 'uploadRecording',
          upload: { callId: u?.callId ?? '', recordingId: u?.recordingId ?? '', uploadUrl: u?.uploadUrl ?? '', urlExpiresAtMs: Number(u?.expiresAtMs ?? 0) },
        },
      };
    }
    default:
      // No oneof member we know: a newer gateway speaking a newer contract. Acknowledge as rejected.
      return { ok: true, command: { ...base, kind: 'unsupported' } };
  }
}
