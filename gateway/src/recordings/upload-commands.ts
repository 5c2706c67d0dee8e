// Which UploadRecording commands a durable batch calls for, as values. Pure: the clock, ids
// and the URL key are arguments. One command per newly recorded RecordingReady step; a
// re-announcement by the device (new event id, same recording) gets a fresh command and URL.
import { DeviceCommand, deviceTopic } from '../../../proto/src/index.js';
import { signUploadPath, type UploadGrant } from '../../../common/recordings/signed-url.js';
import type { DeviceMessage } from '../domain/device-message.js';

export interface UploadCommand {
  topic: string;
  payload: Uint8Array;
  commandId: string;
  grant: UploadGrant;
}

export interface UploadCommandContext {
  nowMs: number;
  ttlMs: number;
  /** The API as devices reach it, without a trailing slash. */
  baseUrl: string;
  key: Buffer;
  newId: () => string;
}

/** The grants of the RecordingReady steps among `messages` (other messages contribute none). */
export function uploadGrantsOf(messages: readonly DeviceMessage[], nowMs: number, ttlMs: number): UploadGrant[] {
  const out: UploadGrant[] = [];
  for (const m of messages) {
    if (m.kind !== 'e') continue;
    const call = m.envelope.call;
    const r = call?.recordingReady;
    if (!call || !r || !r.recordingId || !call.callId) continue;
    out.push({
      tenantId: m.envelope.tenantId, deviceId: m.envelope.deviceId, callId: call.callId, recordingId: r.recordingId,
      sha256: (r.sha256 ?? '').toLowerCase(), sizeBytes: Number(r.sizeBytes ?? 0), contentType: r.contentType || 'application/octet-stream',
      durationMs: r.durationMs ?? 0, expiresAtMs: nowMs + ttlMs,
    });
  }
  return out;
}

export interface UploadCommandsResult {
  commands: UploadCommand[];
  /** Steps whose fields cannot be signed (bad checksum, odd ids): logged and counted, never sent. */
  unsignable: UploadGrant[];
}

export function uploadCommandsFor(messages: readonly DeviceMessage[], ctx: UploadCommandContext): UploadCommandsResult {
  const commands: UploadCommand[] = [];
  const unsignable: UploadGrant[] = [];
  for (const grant of uploadGrantsOf(messages, ctx.nowMs, ctx.ttlMs)) {
    let path: string;
    try {
      path = signUploadPath(ctx.key, grant);
    } catch {
      unsignable.push(grant);
      continue;
    }
    const commandId = ctx.newId();
    const payload = DeviceCommand.encode({
      commandId, issuedAtMs: ctx.nowMs, expiresAtMs: grant.expiresAtMs,
      uploadRecording: { callId: grant.callId, recordingId: grant.recordingId, uploadUrl: `${ctx.baseUrl}${path}`, expiresAtMs: grant.expiresAtMs },
    }).finish();
    commands.push({ topic: deviceTopic(grant.tenantId, grant.deviceId, 'cmd'), payload, commandId, grant });
  }
  return { commands, unsignable };
}
