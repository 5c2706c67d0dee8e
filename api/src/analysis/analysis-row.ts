// Warehouse rows of a call's analysis (dwd_call_analysis, migration 011), one per status change.
// Pure. The version orders the rows of one call: time first, then the status's rank, so a
// COMPLETED written in the same millisecond as its PROCESSING still wins.
import type { CallAnalysisRow } from '../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../warehouse/src/domain/time.js';
import type { AnalysisResult } from './analyser.js';

export const ANALYSIS_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

const RANK: Readonly<Record<AnalysisStatus, number>> = { PENDING: 0, PROCESSING: 1, COMPLETED: 2, FAILED: 2 };

export const analysisVersion = (status: AnalysisStatus, nowMs: number): number => nowMs * 4 + RANK[status];

export interface RowKey {
  tenantId: string;
  callId: string;
  recordingId: string;
  provider: string;
}

const empty = (k: RowKey, status: AnalysisStatus, nowMs: number): CallAnalysisRow => ({
  tenant_id: k.tenantId, call_id: k.callId, recording_id: k.recordingId, status, sentiment: '', intention: '', intention_level: '',
  intention_score: 0, keywords: [], summary: '', transcription: '', provider: k.provider, error: '',
  analysed_at: toDateTime64(nowMs), version: analysisVersion(status, nowMs),
});

export const processingRow = (k: RowKey, nowMs: number): CallAnalysisRow => empty(k, 'PROCESSING', nowMs);

export const failedRow = (k: RowKey, error: string, nowMs: number): CallAnalysisRow => ({ ...empty(k, 'FAILED', nowMs), error: error.slice(0, 500) });

export function completedRow(k: RowKey, r: AnalysisResult, nowMs: number): CallAnalysisRow {
  return {
    ...empty(k, 'COMPLETED', nowMs),
    sentiment: r.sentiment, intention: r.intention, intention_level: r.intentionLevel, intention_score: r.intentionScore,
    keywords: r.keywords, summary: r.summary, transcription: r.transcription,
  };
}
