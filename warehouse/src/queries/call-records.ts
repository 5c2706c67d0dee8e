// Reads over dwd_call_record_v (one finished record per call) and the ODS tables, for tests,
// reports and the REST API. Builders are pure and return {sql, params}; the helpers run them.
// Every query is scoped to one tenant: tenantId is a required argument, never a filter option.
import type { CallStatus } from '../domain/call-status.js';
import { toDateTime64 } from '../domain/time.js';
import type { TableNames, Warehouse } from '../warehouse.js';
import { Conditions, type SqlQuery } from './sql.js';

/** A row of dwd_call_record_v. 64-bit integers are decimal strings; absent times are null. */
export interface CallRecordRow {
  tenant_id: string;
  call_id: string;
  record_id: string;
  device_id: string;
  task_id: string;
  command_id: string;
  direction: string;
  line: number;
  phone_hash: string;
  phone_masked: string;
  phone_enc: string;
  caller_id_hash: string;
  caller_id_masked: string;
  dialing_at: string | null;
  ringing_at: string | null;
  answered_at: string | null;
  hangup_at: string | null;
  ended_at: string | null;
  ring_ms: number;
  talk_ms: number;
  total_ms: number;
  hangup_cause: string;
  hangup_party: string;
  hangup_code: number;
  ended_cause: string;
  cause: string;
  status: CallStatus;
  start_time: string | null;
  end_time: string | null;
  duration_s: number;
  recording_id: string;
  recording_sha256: string;
  recording_bytes: string;
  recording_duration_ms: number;
  recording_content_type: string;
  analysis_status: string;
  first_event_at: string;
  last_event_at: string;
  first_received_at: string;
  last_received_at: string;
  // The call's latest analysis (migration 011); '' / 0 / [] while there is none.
  analysis_sentiment: string;
  analysis_intention: string;
  analysis_intention_level: string;
  analysis_intention_score: number;
  analysis_keywords: string[];
  analysis_summary: string;
  analysis_transcription: string;
  analysis_error: string;
}

export const CALL_RECORD_COLUMNS: readonly (keyof CallRecordRow)[] = [
  'tenant_id', 'call_id', 'record_id', 'device_id', 'task_id', 'command_id', 'direction', 'line',
  'phone_hash', 'phone_masked', 'phone_enc', 'caller_id_hash', 'caller_id_masked',
  'dialing_at', 'ringing_at', 'answered_at', 'hangup_at', 'ended_at', 'ring_ms', 'talk_ms', 'total_ms',
  'hangup_cause', 'hangup_party', 'hangup_code', 'ended_cause', 'cause', 'status', 'start_time', 'end_time',
  'duration_s', 'recording_id', 'recording_sha256', 'recording_bytes', 'recording_duration_ms',
  'recording_content_type', 'analysis_status', 'first_event_at', 'last_event_at', 'first_received_at',
  'last_received_at', 'analysis_sentiment', 'analysis_intention', 'analysis_intention_level', 'analysis_intention_score',
  'analysis_keywords', 'analysis_summary', 'analysis_transcription', 'analysis_error',
];

export interface CallRecordFilter {
  /** start_time >= fromMs (ms since epoch, UTC). */
  fromMs?: number;
  /** start_time < toMs. */
  toMs?: number;
  status?: CallStatus | readonly CallStatus[];
  taskId?: string;
  deviceId?: string;
  callId?: string;
  /** Keyed hash of the E.164 number (common/pii.ts hashPii). */
  phoneHash?: string;
  /** The REST API's id of a record (decimal UInt64). */
  recordId?: string;
  analysisStatus?: string;
}

export const CALL_RECORD_SORTS = ['start_time', 'end_time', 'duration_s', 'first_received_at'] as const;
export type CallRecordSort = (typeof CALL_RECORD_SORTS)[number];

export interface CallRecordPage {
  limit: number;
  offset?: number;
  sort?: CallRecordSort;
  order?: 'asc' | 'desc';
}

/**
 * Pages and counts read the base view (no analysis join) and filter on analysis status with a
 * semi-join over the analysis table: a call without an analysis row is PENDING.
 */
function callRecordConditions(t: TableNames, tenantId: string, f: CallRecordFilter): Conditions {
  const where = new Conditions().add('tenant_id = {tenantId:String}', { tenantId });
  if (f.fromMs !== undefined) where.add("start_time >= {fromTime:DateTime64(3, 'UTC')}", { fromTime: toDateTime64(f.fromMs) });
  if (f.toMs !== undefined) where.add("start_time < {toTime:DateTime64(3, 'UTC')}", { toTime: toDateTime64(f.toMs) });
  if (f.status !== undefined) {
    const statuses = typeof f.status === 'string' ? [f.status] : [...f.status];
    where.add('status IN {statuses:Array(String)}', { statuses });
  }
  if (f.taskId !== undefined) where.add('task_id = {taskId:String}', { taskId: f.taskId });
  if (f.deviceId !== undefined) where.add('device_id = {deviceId:String}', { deviceId: f.deviceId });
  if (f.callId !== undefined) where.add('call_id = {callId:String}', { callId: f.callId });
  if (f.phoneHash !== undefined) where.add('phone_hash = {phoneHash:String}', { phoneHash: f.phoneHash });
  if (f.recordId !== undefined) where.add('record_id = {recordId:UInt64}', { recordId: f.recordId });
  if (f.analysisStatus !== undefined) {
    const analysed = `SELECT call_id FROM ${t.dwdCallAnalysis} FINAL WHERE tenant_id = {tenantId:String}`;
    where.add(
      f.analysisStatus === 'PENDING'
        ? `call_id NOT IN (${analysed} AND status != 'PENDING')`
        : `call_id IN (${analysed} AND status = {analysisStatus:String})`,
      { analysisStatus: f.analysisStatus },
    );
  }
  return where;
}

export function countCallRecordsQuery(t: TableNames, tenantId: string, filter: CallRecordFilter = {}): SqlQuery {
  const where = callRecordConditions(t, tenantId, filter);
  return { sql: `SELECT count() AS total FROM ${t.dwdCallRecordBaseView} ${where.toSql()}`, params: where.params };
}

/**
 * Phase 1 of a page: the keys of the page's records, in order. Reads only the columns the
 * filters and the sort use (the view is FINAL over the facts table), so at 1M calls a page
 * costs tens of milliseconds however wide the records are.
 */
export function getCallRecordKeysQuery(
  t: TableNames,
  tenantId: string,
  filter: CallRecordFilter = {},
  page: CallRecordPage = { limit: 100 },
): SqlQuery {
  const sort = page.sort ?? 'start_time';
  if (!CALL_RECORD_SORTS.includes(sort)) throw new TypeError(`unsupported sort ${String(sort)}`);
  const order = page.order === 'asc' ? 'ASC' : 'DESC';
  const where = callRecordConditions(t, tenantId, filter);
  const sql =
    `SELECT call_id FROM ${t.dwdCallRecordBaseView} ${where.toSql()} ` +
    // call_id breaks ties so that pages are stable.
    `ORDER BY ${sort} ${order}, call_id ${order} LIMIT {limit:UInt32} OFFSET {offset:UInt64}`;
  return { sql, params: { ...where.params, limit: page.limit, offset: page.offset ?? 0 } };
}

/**
 * The analysis columns of a record (migration 011), read by key from dwd_call_analysis rather
 * than through dwd_call_record_v's join: the join builds the tenant's whole analysis table for
 * a page of ten (1M calls: +35 ms a page), the key lookup reads a granule. Values when a call
 * has no analysis row: PENDING, '', 0, [] (what the view's LEFT JOIN gives).
 */
const ANALYSIS_COLUMNS = {
  analysis_status: 'status',
  analysis_sentiment: 'sentiment',
  analysis_intention: 'intention',
  analysis_intention_level: 'intention_level',
  analysis_intention_score: 'intention_score',
  analysis_keywords: 'keywords',
  analysis_summary: 'summary',
  analysis_transcription: 'transcription',
  analysis_error: 'error',
} as const satisfies Partial<Record<keyof CallRecordRow, string>>;
type AnalysisColumn = keyof typeof ANALYSIS_COLUMNS;
const isAnalysisColumn = (c: string): c is AnalysisColumn => Object.hasOwn(ANALYSIS_COLUMNS, c);
const NO_ANALYSIS: Pick<CallRecordRow, AnalysisColumn> = {
  analysis_status: 'PENDING', analysis_sentiment: '', analysis_intention: '', analysis_intention_level: '', analysis_intention_score: 0,
  analysis_keywords: [], analysis_summary: '', analysis_transcription: '', analysis_error: '',
};

/**
 * Phase 2: the records of the given calls (order not guaranteed). Each column costs about a
 * millisecond here whatever the row count, so callers name the columns they present. Analysis
 * columns are not read here (see getCallAnalysesByIdQuery).
 */
export function getCallRecordsByIdQuery(
  t: TableNames,
  tenantId: string,
  callIds: readonly string[],
  columns: readonly (keyof CallRecordRow)[] = CALL_RECORD_COLUMNS,
): SqlQuery {
  for (const c of columns) if (!CALL_RECORD_COLUMNS.includes(c)) throw new TypeError(`unknown column ${String(c)}`);
  const base = columns.filter((c) => !isAnalysisColumn(c));
  return {
    sql: `SELECT ${[...new Set(['call_id', ...base])].join(', ')} FROM ${t.dwdCallRecordBaseView} WHERE tenant_id = {tenantId:String} AND call_id IN {callIds:Array(String)}`,
    params: { tenantId, callIds },
  };
}

/** Phase 2b: the latest analysis of the given calls, by primary key; calls without one are absent. */
export function getCallAnalysesByIdQuery(t: TableNames, tenantId: string, callIds: readonly string[], columns: readonly AnalysisColumn[]): SqlQuery {
  const select = [...new Set(columns)].map((c) => `${ANALYSIS_COLUMNS[c]} AS ${c}`);
  return {
    sql: `SELECT ${['call_id', ...select].join(', ')} FROM ${t.dwdCallAnalysis} FINAL WHERE tenant_id = {tenantId:String} AND call_id IN {callIds:Array(String)}`,
    params: { tenantId, callIds },
  };
}

/** Distinct device events of a tenant (FINAL: exact even before replayed rows are merged away). */
export function countDeviceEventsQuery(t: TableNames, tenantId: string): SqlQuery {
  return {
    sql: `SELECT count() AS total FROM ${t.odsDeviceEvent} FINAL WHERE tenant_id = {tenantId:String}`,
    params: { tenantId },
  };
}

export function countDeviceStatusQuery(t: TableNames, tenantId: string): SqlQuery {
  return {
    sql: `SELECT count() AS total FROM ${t.odsDeviceStatus} FINAL WHERE tenant_id = {tenantId:String}`,
    params: { tenantId },
  };
}

async function total(wh: Warehouse, q: SqlQuery): Promise<number> {
  const rows = await wh.query<{ total: string | number }>(q.sql, q.params);
  return Number(rows[0]?.total ?? 0);
}

export const countCallRecords = (wh: Warehouse, tenantId: string, filter?: CallRecordFilter): Promise<number> =>
  total(wh, countCallRecordsQuery(wh.tables, tenantId, filter));

export const countDeviceEvents = (wh: Warehouse, tenantId: string): Promise<number> =>
  total(wh, countDeviceEventsQuery(wh.tables, tenantId));

export const countDeviceStatus = (wh: Warehouse, tenantId: string): Promise<number> =>
  total(wh, countDeviceStatusQuery(wh.tables, tenantId));

/** A page of records; `columns` narrows what is read (the rows then hold only those fields). */
export async function getCallRecords<C extends keyof CallRecordRow = keyof CallRecordRow>(
  wh: Warehouse,
  tenantId: string,
  filter?: CallRecordFilter,
  page?: CallRecordPage,
  columns?: readonly C[],
): Promise<Pick<CallRecordRow, C | 'call_id'>[]> {
  type Row = Pick<CallRecordRow, C | 'call_id'>;
  const k = getCallRecordKeysQuery(wh.tables, tenantId, filter, page);
  const ids = (await wh.query<{ call_id: string }>(k.sql, k.params)).map((r) => r.call_id);
  if (ids.length === 0) return [];
  const wanted: readonly (keyof CallRecordRow)[] = columns ?? CALL_RECORD_COLUMNS;
  const analysisColumns = wanted.filter(isAnalysisColumn);
  const q = getCallRecordsByIdQuery(wh.tables, tenantId, ids, wanted);
  const [rows, analyses] = await Promise.all([
    wh.query<Row>(q.sql, q.params),
    analysisColumns.length === 0 ? Promise.resolve([]) : (() => {
      const a = getCallAnalysesByIdQuery(wh.tables, tenantId, ids, analysisColumns);
      return wh.query<Partial<CallRecordRow> & { call_id: string }>(a.sql, a.params);
    })(),
  ]);
  const analysisById = new Map(analyses.map((a) => [a.call_id, a]));
  if (analysisColumns.length > 0) {
    for (const r of rows) Object.assign(r, Object.fromEntries(analysisColumns.map((c) => [c, structuredClone(NO_ANALYSIS[c])])), analysisById.get(r.call_id));
  }
  const byId = new Map(rows.map((r) => [r.call_id, r]));
  // A call seen in phase 1 is in phase 2 too (rows are never deleted); keep phase 1's order.
  return ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined);
}

export async function getCallRecord(wh: Warehouse, tenantId: string, callId: string): Promise<CallRecordRow | null> {
  const rows = await getCallRecords(wh, tenantId, { callId }, { limit: 1 });
  return rows[0] ?? null;
}
