// GET /api/v1/lead-generation/call-records and /{recordId} (spec 004 §2.4, §2.5), served from
// the warehouse view dwd_call_record_v and scoped to the caller's tenant.
import type { FastifyPluginAsync } from 'fastify';
import { decryptPii, normalizePhone, hashPii } from '../../../../common/pii.js';
import { countCallRecords, getCallRecords, type CallRecordFilter, type CallRecordSort } from '../../../../warehouse/src/queries/call-records.js';
import type { ApiDeps } from '../../deps.js';
import { storedRecordingCalls } from '../../recordings/recording-store.js';
import { invalidField, notFound, ApiError } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, isoDateTime, pageOf, pagingQuery, toPage, type PagingParams } from '../../http/schemas.js';
import { ANALYSIS_STATUSES, CALL_STATUSES, DETAIL_COLUMNS, PRESENTED_COLUMNS, callRecordSchema, presentCallRecord, presentCallRecordDetail, type PhoneReveal } from './present.js';

const SORTS = { startTime: 'start_time', endTime: 'end_time', duration: 'duration_s', createTime: 'first_received_at' } as const satisfies Record<string, CallRecordSort>;
type SortName = keyof typeof SORTS;

interface ListQuery extends PagingParams<SortName> {
  taskId?: string;
  phoneNumber?: string;
  analysisStatus?: string;
  status?: string;
  deviceId?: string;
  startTime?: string;
  endTime?: string;
}

const RECORD_ID = '^[0-9]{1,20}$';

export const callRecordRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const reveal = (canSee: boolean): PhoneReveal => (row) => {
    if (!canSee || !row.phone_enc) return row.phone_masked;
    try {
      return decryptPii(deps.pii, row.phone_enc);
    } catch {
      return row.phone_masked; // sealed under a previous key: masked beats failing the page
    }
  };

  app.get<{ Querystring: ListQuery }>('/call-records', {
    config: { permissions: ['lead:call:view', 'lead:call:record:list'], anyOf: true, audit: { action: 'call-record.list', resourceType: 'call_record' } },
    schema: {
      tags: ['call-records'],
      summary: 'List call records (spec 004 §2.4)',
      querystring: {
        type: 'object',
        properties: {
          taskId: { type: 'string', minLength: 1, maxLength: 64, description: 'Only this call task' },
          phoneNumber: { type: 'string', minLength: 3, maxLength: 32, description: 'Exact number, any format (normalised to E.164 and matched by keyed hash)' },
          analysisStatus: { type: 'string', enum: [...ANALYSIS_STATUSES] },
          status: { type: 'string', enum: [...CALL_STATUSES], description: 'Call outcome' },
          deviceId: { type: 'string', minLength: 1, maxLength: 64 },
          startTime: { ...isoDateTime, description: 'Calls that started at or after (ISO 8601)' },
          endTime: { ...isoDateTime, description: 'Calls that started at or before (ISO 8601)' },
          ...pagingQuery(Object.keys(SORTS) as SortName[], 'startTime'),
        },
      },
      response: { 200: envelope(pageOf(callRecordSchema)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const q = request.query;
    const filter: CallRecordFilter = {};
    const fields = [];
    if (q.phoneNumber !== undefined) {
      const e164 = normalizePhone(q.phoneNumber, deps.config.phoneDefaultRegion);
      if (!e164) fields.push({ field: 'query.phoneNumber', rule: 'phone', message: 'not a valid phone number' });
      else filter.phoneHash = hashPii(deps.pii, e164);
    }
    const fromMs = q.startTime !== undefined ? Date.parse(q.startTime) : undefined;
    const toMs = q.endTime !== undefined ? Date.parse(q.endTime) : undefined;
    if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) fields.push({ field: 'query.endTime', rule: 'range', message: 'must not be before startTime' });
    if (fields.length > 0) throw new ApiError('VALIDATION_FAILED', fields);
    if (fromMs !== undefined) filter.fromMs = fromMs;
    if (toMs !== undefined) filter.toMs = toMs + 1; // inclusive end
    if (q.taskId !== undefined) filter.taskId = q.taskId;
    if (q.deviceId !== undefined) filter.deviceId = q.deviceId;
    if (q.analysisStatus !== undefined) filter.analysisStatus = q.analysisStatus;
    if (q.status !== undefined) filter.status = q.status as (typeof CALL_STATUSES)[number];

    const [rows, total] = await Promise.all([
      getCallRecords(deps.warehouse, p.tenantId, filter, { limit: q.size, offset: (q.page - 1) * q.size, sort: SORTS[q.sort], order: q.order }, PRESENTED_COLUMNS),
      countCallRecords(deps.warehouse, p.tenantId, filter),
    ]);
    const stored = await storedRecordingCalls(deps.redis, p.tenantId, rows.filter((r) => r.recording_id).map((r) => r.call_id));
    request.auditDetail = `page=${q.page} size=${q.size} returned=${rows.length}${q.phoneNumber ? ' phoneFilter=1' : ''}`;
    return reply.ok(toPage(rows.map((r) => presentCallRecord(r, reveal(p.permissions.has('pii:view')), stored.has(r.call_id))), total, q));
  });

  app.get<{ Params: { recordId: string } }>('/call-records/:recordId', {
    config: { permissions: ['lead:call:record:view'], audit: { action: 'call-record.view', resourceType: 'call_record', resourceParam: 'recordId' } },
    schema: {
      tags: ['call-records'],
      summary: 'One call record with its full analysis (spec 004 §2.5)',
      params: { type: 'object', required: ['recordId'], properties: { recordId: { type: 'string', pattern: RECORD_ID } } },
      response: { 200: envelope(callRecordSchema), ...errorResponses(404) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    if (BigInt(request.params.recordId) > 0xffffffffffffffffn) throw invalidField('params.recordId', 'maximum', 'above the 64-bit range');
    const [row] = await getCallRecords(deps.warehouse, p.tenantId, { recordId: request.params.recordId }, { limit: 1 }, DETAIL_COLUMNS);
    if (!row) throw notFound('call record');
    const stored = row.recording_id ? await storedRecordingCalls(deps.redis, p.tenantId, [row.call_id]) : new Set<string>();
    return reply.ok(presentCallRecordDetail(row, reveal(p.permissions.has('pii:view')), stored.has(row.call_id)));
  });
};
