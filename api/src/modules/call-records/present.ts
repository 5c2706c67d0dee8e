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
  /** List: {sentiment, intention}; detail (§2.5): the full result. Null until COMPLETED. */
  analysisResult: AnalysisResultDto | null;
}

export interface AnalysisResultDto {
  sentiment: string;
  intention: string;
  intentionLevel?: string;
  intentionScore?: number;
  keywords?: string[];
  summary?: string;
  transcription?: string;
}

export type PhoneReveal = (row: Pick<CallRecordRow, 'phone_enc' | 'phone_masked'>) => string;

/** The warehouse columns presentCallRecord reads: all a page query fetches. */
export const PRESENTED_COLUMNS = [
  'record_id', 'call_id', 'task_id', 'device_id', 'direction', 'phone_masked', 'phone_enc', 'status', 'start_time', 'answered_at',
  'end_time', 'duration_s', 'ring_ms', 'cause', 'hangup_party', 'recording_id', 'analysis_status',
  'analysis_sentiment', 'analysis_intention',
] as const satisfies readonly (keyof CallRecordRow)[];
export type PresentedRow = Pick<CallRecordRow, (typeof PRESENTED_COLUMNS)[number]>;

/** What the detail (§2.5) reads on top: the full analysis. */
export const DETAIL_COLUMNS = [
  ...PRESENTED_COLUMNS, 'analysis_intention_level', 'analysis_intention_score', 'analysis_keywords', 'analysis_summary', 'analysis_transcription',
] as const satisfies readonly (keyof CallRecordRow)[];
export type DetailRow = Pick<CallRecordRow, (typeof DETAIL_COLUMNS)[number]>;

/** `recordingStored`: the file is in storage, so §2.6 can sign a link to it. */
export function presentCallRecord(row: PresentedRow, phone: PhoneReveal, recordingStored: boolean): CallRecordDto {
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
    // The §2.6 path (not a signed URL: lists never sign), once the device's upload is stored;
    // a recording only announced has its recordingId but no URL yet.
    recordingUrl: recordingStored ? `/api/v1/lead-generation/call-records/${row.record_id}/recording` : null,
    analysisStatus: row.analysis_status,
    analysisResult: row.analysis_status === 'COMPLETED' ? { sentiment: row.analysis_sentiment, intention: row.analysis_intention } : null,
  };
}

/** The detail of §2.5: the list's record with the analysis in full. */
export function presentCallRecordDetail(row: DetailRow, phone: PhoneReveal, recordingStored: boolean): CallRecordDto {
  const dto = presentCallRecord(row, phone, recordingStored);
  if (dto.analysisResult) {
    dto.analysisResult = {
      ...dto.analysisResult,
      intentionLevel: row.analysis_intention_level,
      intentionScore: Math.round(Number(row.analysis_intention_score) * 1000) / 1000,
      keywords: row.analysis_keywords,
      summary: row.analysis_summary,
      transcription: row.analysis_transcription,
    };
  }
  return dto;
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
        sentiment: { type: 'string', enum: ['POSITIVE', 'NEUTRAL', 'NEGATIVE'] },
        intention: { type: 'string', description: '高意向 | 中意向 | 低意向' },
        intentionLevel: { type: 'string', enum: ['HIGH', 'MEDIUM', 'LOW'], description: 'Detail only' },
        intentionScore: { type: 'number', minimum: 0, maximum: 1, description: 'Detail only' },
        keywords: { type: 'array', items: { type: 'string' }, description: 'Detail only' },
        summary: { type: 'string', description: 'Detail only' }, transcription: { type: 'string', description: 'Detail only' },
      },
    },
  },
};
