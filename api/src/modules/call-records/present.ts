// Warehouse rows -> the REST shape of spec 004 §2.4/2.5. Pure. Phone numbers are masked unless
// the caller holds `pii:view`, in which case the stored ciphertext is decrypted.
import type { CallRecordRow } from '../../../../warehouse/src/queries/call-records.js';
import { fromDateTime64 } from '../../../../warehouse/src/domain/time.js';
import { isoDateTime, nullable, type JsonSchema } from '../../http/schemas.js';

export interface CallRecordDto {
  recordId: string;
  callId: string;
  taskId: string | null;
  deviceId: string;
  direction: string;
  phoneNumber: string;
  status: string;
  startTime: string | null;
  answerTime: string | null;
  endTime: string | null;
  duration: number;
  ringDuration: number;
  hangupCause: string | null;
  hangupBy: string | null;
  recordingId: string | null;
  recordingUrl: string | null;
  analysisStatus: string;
  analysisResult: { sentiment: string; intention: string } | null;
}

export type PhoneReveal = (row: Pick<CallRecordRow, 'phone_enc' | 'phone_masked'>) => string;

/** The warehouse columns presentCallRecord reads: all a page query fetches. */
export const PRESENTED_COLUMNS = [
  'record_id', 'call_id', 'task_id', 'device_id', 'direction', 'phone_masked', 'phone_enc', 'status', 'start_time', 'answered_at',
  'end_time', 'duration_s', 'ring_ms', 'cause', 'hangup_party', 'recording_id', 'analysis_status',
] as const satisfies readonly (keyof CallRecordRow)[];
export type PresentedRow = Pick<CallRecordRow, (typeof PRESENTED_COLUMNS)[number]>;

export function presentCallRecord(row: PresentedRow, phone: PhoneReveal): CallRecordDto {
  return {
    recordId: row.record_id,
    callId: row.call_id,
    taskId: row.task_id || null,
    deviceId: row.device_id,
    direction: row.direction || 'OUTBOUND',
    phoneNumber: phone(row),
    status: row.status,
    startTime: fromDateTime64(row.start_time),
    answerTime: fromDateTime64(row.answered_at),
    endTime: fromDateTime64(row.end_time),
    duration: Number(row.duration_s),
    ringDuration: Math.round(Number(row.ring_ms) / 1000),
    hangupCause: row.cause || null,
    hangupBy: row.hangup_party || null,
    recordingId: row.recording_id || null,
    // Recordings are served from issue 4's signed-URL endpoint; until a recording is stored there is none.
    recordingUrl: null,
    analysisStatus: row.analysis_status,
    analysisResult: null,
  };
}

export const CALL_STATUSES = ['IN_PROGRESS', 'ANSWERED', 'NO_ANSWER', 'BUSY', 'REJECTED', 'INVALID_NUMBER', 'CANCELLED', 'FAILED'] as const;
export const ANALYSIS_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;

export const callRecordSchema: JsonSchema = {
  type: 'object',
  properties: {
    recordId: { type: 'string', description: 'Stable 64-bit id as a decimal string (above 2^53: never a JSON number)', example: '12954209853441069051' },
    callId: { type: 'string', description: 'Device-generated call id' },
    taskId: nullable({ type: 'string', description: 'Call task the call belongs to' }),
    deviceId: { type: 'string' },
    direction: { type: 'string', enum: ['OUTBOUND', 'INBOUND'] },
    phoneNumber: { type: 'string', description: 'Masked (138****8001) unless the caller holds pii:view, then E.164' },
    status: { type: 'string', enum: [...CALL_STATUSES] },
    startTime: nullable(isoDateTime),
    answerTime: nullable(isoDateTime),
    endTime: nullable(isoDateTime),
    duration: { type: 'integer', description: 'Talk time, seconds' },
    ringDuration: { type: 'integer', description: 'Ring time, seconds' },
    hangupCause: nullable({ type: 'string' }),
    hangupBy: nullable({ type: 'string' }),
    recordingId: nullable({ type: 'string' }),
    recordingUrl: nullable({ type: 'string' }),
    analysisStatus: { type: 'string', enum: [...ANALYSIS_STATUSES] },
    analysisResult: {
      type: ['object', 'null'],
      properties: {
        sentiment: { type: 'string' }, intention: { type: 'string' }, keywords: { type: 'array', items: { type: 'string' } },
        summary: { type: 'string' }, transcription: { type: 'string' },
      },
    },
  },
};
