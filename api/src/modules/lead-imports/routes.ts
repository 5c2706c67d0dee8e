// /api/v1/leads/imports (spec 000 §五.1 文件导入, §九.1, §九.6 异步处理): a CSV or .xlsx file
// uploaded as the raw request body (Content-Type text/csv or the xlsx type; no multipart, so a
// client needs one `curl --data-binary`), stored in Redis with its QUEUED state in one MULTI,
// answered 202 with the import id; a BullMQ job (one per file) does the rest. Progress, the
// tenant's imports and the paged per-row error report (JSON or CSV) are read here.
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../../deps.js';
import { ApiError, invalidField, notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, pageOf, toPage } from '../../http/schemas.js';
import { message } from '../../i18n/messages.js';
import { ImportQueue } from '../../leads/imports/import-queue.js';
import { ImportStore, type ImportState } from '../../leads/imports/import-store.js';
import type { ImportFileKind } from '../../leads/imports/parse.js';
import { errorsCsv } from '../../leads/imports/rows.js';
import { leadRuntime } from '../../leads/runtime.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPES = ['text/csv', 'application/csv'];

/**
 * The raw upload. Its JSON form is its digest: the Idempotency-Key plugin fingerprints
 * JSON.stringify(body), which for a Buffer would be a 20 MB array of numbers. The bytes sit in a
 * private field so hooks that walk a body's own properties (the envelope's non-finite number
 * check) see only the digest, not 20 million indices.
 */
class UploadedFile {
  readonly #data: Buffer;
  readonly sha256: string;
  constructor(data: Buffer) {
    this.#data = data;
    this.sha256 = createHash('sha256').update(data).digest('hex');
  }

  get data(): Buffer {
    return this.#data;
  }

  toJSON(): { sha256: string; bytes: number } {
    return { sha256: this.sha256, bytes: this.data.length };
  }
}

const importSchema = {
  type: 'object',
  properties: {
    import_id: { type: 'string' }, scene_config_id: { type: 'string' }, scene_type: { type: 'string' }, file_name: { type: 'string' }, file_type: { type: 'string' },
    bytes: { type: 'integer' }, status: { type: 'string', enum: ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] }, reason: { type: ['string', 'null'] }, message: { type: ['string', 'null'] },
    total_rows: { type: ['integer', 'null'] }, processed: { type: 'integer' }, accepted: { type: 'integer' }, rejected: { type: 'integer' },
    created_by: { type: 'string' }, created_at: { type: 'string' }, started_at: { type: ['string', 'null'] }, finished_at: { type: ['string', 'null'] },
  },
};
const errorRowSchema = { type: 'object', properties: { row: { type: 'integer' }, field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' }, value: { type: 'string' } } };
const ID_PARAM = { type: 'object', required: ['importId'], properties: { importId: { type: 'string', pattern: '^imp_[a-z0-9]{1,40}$' } } };
const PAGE = { page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 }, size: { type: 'integer', minimum: 1, maximum: 200, default: 10 } };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function present(s: ImportState) {
  return {
    import_id: s.import_id, scene_config_id: s.scene_config_id, scene_type: s.scene_type, file_name: s.file_name, file_type: s.kind, bytes: s.bytes,
    status: s.status, reason: s.reason, message: s.message, total_rows: s.total_rows, processed: s.processed, accepted: s.accepted, rejected: s.rejected,
    created_by: s.created_by, created_at: iso(s.created_at), started_at: iso(s.started_at), finished_at: iso(s.finished_at),
  };
}

/** `text/csv; charset=gbk` → gbk; none → '' (the job detects UTF-8, else GB18030). */
function charsetOf(contentType: string | undefined): string {
  const m = /;\s*charset\s*=\s*"?([A-Za-z0-9_.:-]{1,40})"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase() ?? '';
}

export const leadImportRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const rt = leadRuntime(deps);
  await rt.started;
  const store = new ImportStore(deps.redis, { retentionS: deps.config.leadImportRetentionDays * 86400, pii: deps.pii, writer: `api-${hostname()}` });
  const queue = new ImportQueue(deps.config.redisUrl);
  app.addHook('onClose', async () => { await queue.close(); });
  // Only in this plugin's scope: other routes keep answering 415 to a spreadsheet.
  app.addContentTypeParser([...CSV_TYPES, XLSX_TYPE], { parseAs: 'buffer', bodyLimit: deps.config.leadImportMaxBytes }, (_req, body, done) => {
    done(null, new UploadedFile(body as Buffer));
  });

  app.post<{ Querystring: { scene_config_id?: string; scene_type?: string; file_name?: string } }>('/leads/imports', {
    bodyLimit: deps.config.leadImportMaxBytes,
    config: { permissions: ['lead:import'], idempotency: {}, audit: { action: 'lead.import', resourceType: 'lead_import' } },
    schema: {
      tags: ['leads'],
      summary: 'Import leads from a CSV (text/csv) or Excel (.xlsx) file sent as the raw body; first row = headers, mapped by the scene (spec 000 §五.1). Processed asynchronously.',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { scene_config_id: { type: 'string', minLength: 1, maxLength: 64 }, scene_type: { type: 'string', minLength: 1, maxLength: 64 }, file_name: { type: 'string', maxLength: 255 } },
      },
      response: { 202: envelope({ type: 'object', properties: { import_id: { type: 'string' }, status: { type: 'string' } } }), ...errorResponses(400, 413, 415, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const body: unknown = request.body;
    if (body === undefined || body === null || (body instanceof UploadedFile && body.data.length === 0)) throw invalidField('body', 'required', 'the file is empty');
    // Another content type reached the route through a parser of an outer scope (JSON, text/plain).
    if (!(body instanceof UploadedFile)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', [], `send the file as ${CSV_TYPES[0]} or ${XLSX_TYPE}`);
    const q = request.query;
    if (!q.scene_config_id && !q.scene_type) throw invalidField('query.scene_config_id', 'required', 'scene_config_id or scene_type is required');
    const cached = q.scene_config_id ? await rt.cache.byId(p.tenantId, q.scene_config_id) : await rt.cache.byType(p.tenantId, q.scene_type!);
    const field = q.scene_config_id ? 'query.scene_config_id' : 'query.scene_type';
    if (!cached) throw invalidField(field, 'exists', q.scene_config_id ? 'no such scene configuration' : 'no enabled scene of this type');
    if (!cached.scene.is_enabled) throw invalidField(field, 'enabled', 'the scene configuration is disabled');
    const contentType = String(request.headers['content-type'] ?? '');
    const kind: ImportFileKind = contentType.toLowerCase().startsWith(XLSX_TYPE) ? 'xlsx' : 'csv';
    const now = Date.now();
    const importId = `imp_${now.toString(36)}${randomBytes(6).toString('hex')}`;
    await store.create({
      import_id: importId, tenant_id: p.tenantId, scene_config_id: cached.scene.scene_config_id, scene_type: cached.scene.scene_type,
      file_name: q.file_name ?? '', kind, charset: kind === 'csv' ? charsetOf(contentType) : '', bytes: body.data.length, sha256: body.sha256,
      created_by: p.userId, status: 'QUEUED', reason: null, message: null, total_rows: null, processed: 0, accepted: 0, rejected: 0, cursor: 0,
      created_at: now, started_at: null, finished_at: null,
    }, body.data);
    try {
      await queue.add({ tenantId: p.tenantId, importId });
    } catch (err) {
      await store.finish(p.tenantId, importId, 'FAILED', Date.now(), { reason: 'not_queued', message: 'the job could not be queued' });
      throw err;
    }
    request.auditResourceId = importId;
    return reply.code(202).send({ code: 202, message: message('ok', request.lang), data: { import_id: importId, status: 'QUEUED' } });
  });

  app.get<{ Querystring: { page: number; size: number } }>('/leads/imports', {
    config: { permissions: ['lead:import'] },
    schema: {
      tags: ['leads'], summary: 'The tenant\'s lead imports, newest first',
      querystring: { type: 'object', additionalProperties: false, properties: PAGE },
      response: { 200: envelope(pageOf(importSchema)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const { page, size } = request.query;
    const r = await store.list(p.tenantId, (page - 1) * size, size, Date.now());
    return reply.ok(toPage(r.records.map(present), r.total, { page, size }));
  });

  app.get<{ Params: { importId: string } }>('/leads/imports/:importId', {
    config: { permissions: ['lead:import'] },
    schema: { tags: ['leads'], summary: 'Progress of one import', params: ID_PARAM, response: { 200: envelope(importSchema), ...errorResponses(404) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const s = await store.get(p.tenantId, request.params.importId);
    if (!s) throw notFound('import');
    return reply.ok(present(s));
  });

  app.get<{ Params: { importId: string }; Querystring: { page: number; size: number; format?: 'json' | 'csv' } }>('/leads/imports/:importId/errors', {
    config: { permissions: ['lead:import'], audit: { action: 'lead.import.errors', resourceType: 'lead_import', resourceParam: 'importId' } },
    schema: {
      tags: ['leads'], summary: 'Per-row errors of an import (row, field, rule, message, masked value); `format=csv` downloads all of them',
      params: ID_PARAM,
      querystring: { type: 'object', additionalProperties: false, properties: { ...PAGE, format: { type: 'string', enum: ['json', 'csv'], default: 'json' } } },
      response: { 200: envelope(pageOf(errorRowSchema)), ...errorResponses(404, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const s = await store.get(p.tenantId, request.params.importId);
    if (!s) throw notFound('import');
    const q = request.query;
    if (q.format === 'csv') {
      const all = await store.errors(p.tenantId, s.import_id, 0, -1);
      return reply.code(200).type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${s.import_id}-errors.csv"`).serializer((x: unknown) => String(x)).send(errorsCsv(all.records));
    }
    const r = await store.errors(p.tenantId, s.import_id, (q.page - 1) * q.size, q.size);
    return reply.ok(toPage(r.records, r.total, q));
  });
};
