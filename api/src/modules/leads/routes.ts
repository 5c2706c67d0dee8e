// /api/v1/leads (spec 000 §6.2 items 1, 3, 4, 6): ingestion (202 after a durable XADD to
// cunke:leads:ingest; the pipeline worker does the rest), list, detail with processing log,
// manual assignment. A Redis stream rather than a BullMQ queue: the entry is the durable
// record (one XADD, no job hash per lead), the consumer group gives at-least-once delivery
// with pending-entry recovery, and the worker's MULTI can acknowledge atomically with the store.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../../deps.js';
import { ApiError, notFound, type FieldError } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, isoDateTime, pageOf, pagingQuery, toPage, type PagingParams } from '../../http/schemas.js';
import { message } from '../../i18n/messages.js';
import { LEAD_STATUSES, checkStatusTransition } from '../../leads/domain/lead.js';
import { applyMapping } from '../../leads/domain/mapping.js';
import { externalIdKey } from '../../leads/pipeline/external-id.js';
import { sealIngestBody } from '../../leads/pipeline/ingest-body.js';
import { newLeadId, type StoredLead } from '../../leads/pipeline/lead-store.js';
import { leadRuntime } from '../../leads/runtime.js';
import { PublicRateLimiter, publicRateLimit } from '../../plugins/public-rate-limit.js';
import { listLeads } from './list-leads.js';
import { presentLead, type LeadFilter } from './present.js';

const SORTS = ['created_at', 'updated_at'] as const;
type ListQuery = PagingParams<(typeof SORTS)[number]> & LeadFilter;
const leadSchema = { type: 'object', additionalProperties: true };
const ID_PARAM = { type: 'object', required: ['leadId'], properties: { leadId: { type: 'string', minLength: 1, maxLength: 64 } } };

interface IngestBody {
  scene_type?: string;
  scene_config_id?: string;
  external_lead_id?: string;
  [k: string]: unknown;
}

export const leadRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const rt = leadRuntime(deps);
  await rt.started;
  const reveal = (can: boolean) => (can ? deps.pii : null);
  // Covers pipeline latency plus the feed writer's flush, with room for a loaded writer.
  const listDeps = { redis: deps.redis, warehouse: deps.warehouse, freshWindowMs: Math.max(5000, 10 * deps.config.writerFlushIntervalMs) };
  // Public ingestion budgets (issue 5 item 1): per credential and per source IP, both enforced.
  const ingestLimit = publicRateLimit(new PublicRateLimiter(deps.redis), 'lead-ingest', deps.config.publicRateWindowS, (request) => [
    { name: 'key', id: request.principal?.keyId ?? '-', limit: deps.config.leadIngestRatePerKey },
    { name: 'ip', id: request.ip, limit: deps.config.leadIngestRatePerIp },
  ]);

  app.post<{ Body: IngestBody }>('/leads/ingestions', {
    bodyLimit: deps.config.leadIngestBodyLimitBytes,
    preHandler: ingestLimit,
    config: { permissions: ['lead:ingest'], idempotency: {}, audit: { action: 'lead.ingest', resourceType: 'lead' } },
    schema: {
      tags: ['leads'], summary: 'Accept a lead from any channel (spec 000 §6.2 item 1); processed asynchronously',
      body: {
        type: 'object', additionalProperties: true,
        properties: { scene_type: { type: 'string', maxLength: 64 }, scene_config_id: { type: 'string', maxLength: 64 }, external_lead_id: { type: 'string', maxLength: 200 } },
      },
      response: { 202: envelope({ type: 'object', properties: { lead_id: { type: 'string' }, status: { type: 'string' } } }), ...errorResponses(400, 413, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const b = request.body;
    if (!b.scene_type && !b.scene_config_id) {
      throw new ApiError('VALIDATION_FAILED', [{ field: 'body.scene_config_id', rule: 'required', message: 'scene_config_id or scene_type is required' }]);
    }
    const cached = b.scene_config_id ? await rt.cache.byId(p.tenantId, b.scene_config_id) : await rt.cache.byType(p.tenantId, b.scene_type!);
    const field = b.scene_config_id ? 'body.scene_config_id' : 'body.scene_type';
    if (!cached) throw new ApiError('VALIDATION_FAILED', [{ field, rule: 'exists', message: b.scene_config_id ? 'no such scene configuration' : 'no enabled scene of this type' }]);
    if (!cached.scene.is_enabled) throw new ApiError('VALIDATION_FAILED', [{ field, rule: 'enabled', message: 'the scene configuration is disabled' }]);
    // Required mapped fields are checked now so the caller learns at once; everything else is logged by the worker.
    if (cached.scene.data_mapping_rules) {
      const missing: FieldError[] = applyMapping(cached.scene.data_mapping_rules, b, { defaultRegion: deps.config.phoneDefaultRegion }).errors
        .filter((e) => e.rule === 'required').map((e) => ({ field: `body.${e.field}`, rule: 'required', message: e.message }));
      if (missing.length) throw new ApiError('VALIDATION_FAILED', missing);
    }
    // A resend of an external lead that is already stored answers with that lead (the worker's
    // SET NX claim, pipeline/external-id.ts, decides the racing cases).
    if (b.external_lead_id) {
      const holder = await deps.redis.get(externalIdKey(deps.pii, p.tenantId, cached.scene.scene_config_id, b.external_lead_id));
      if (holder && (await rt.leads.exists(p.tenantId, holder))) {
        request.auditResourceId = holder;
        return reply.code(202).send({ code: 202, message: message('ok', request.lang), data: { lead_id: holder, status: 'DUPLICATE' } });
      }
    }
    const now = Date.now();
    const leadId = newLeadId(now);
    await rt.leads.enqueue({
      t: p.tenantId, lead: leadId, scene: cached.scene.scene_config_id, src: cached.scene.scene_type, ext: b.external_lead_id ?? '',
      body: sealIngestBody(deps.pii, JSON.stringify(b)), at: String(now),
    }, deps.config.leadIngestStreamMaxLen);
    request.auditResourceId = leadId;
    return reply.code(202).send({ code: 202, message: message('ok', request.lang), data: { lead_id: leadId, status: 'ACCEPTED' } });
  });

  app.get<{ Querystring: ListQuery }>('/leads', {
    config: { permissions: ['lead:view'], audit: { action: 'lead.list', resourceType: 'lead' } },
    schema: {
      tags: ['leads'], summary: 'List leads (spec 000 §6.2 item 3)',
      description: 'Unfiltered by created_at: paged from Redis, exact and immediate. With a filter or sort=updated_at: the warehouse '
        + 'filters, counts and pages, and the records are the current documents. Leads created in the last few seconds are always '
        + 'included (merged from Redis). A lead whose filtered field (status, assignee, tags) changed in the last second or so may be '
        + 'left out of a filtered page (it no longer matches) or, until the warehouse catches up, missing from the new match; '
        + '`total` counts warehouse matches, so a page may then hold one record fewer than `size`.',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          ...pagingQuery(SORTS, 'created_at'),
          status: { type: 'string', enum: [...LEAD_STATUSES] }, scene_config_id: { type: 'string', maxLength: 64 }, channel_id: { type: 'string', maxLength: 128 },
          assigned_to_user_id: { type: 'string', maxLength: 64 }, start_date: isoDateTime, end_date: isoDateTime, tags_contain_any: { type: 'string', maxLength: 2000 },
        },
      },
      response: { 200: envelope(pageOf(leadSchema)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const q = request.query;
    if (q.start_date && q.end_date && Date.parse(q.end_date) < Date.parse(q.start_date)) {
      throw new ApiError('VALIDATION_FAILED', [{ field: 'query.end_date', rule: 'range', message: 'must not be before start_date' }]);
    }
    const { leads, total } = await listLeads(listDeps, p.tenantId, q);
    const can = p.permissions.has('pii:view');
    return reply.ok(toPage(leads.map((l) => presentLead(l, reveal(can), false)), total, q));
  });

  app.get<{ Params: { leadId: string } }>('/leads/:leadId', {
    config: { permissions: ['lead:view'], audit: { action: 'lead.view', resourceType: 'lead', resourceParam: 'leadId' } },
    schema: { tags: ['leads'], summary: 'One lead with its processing log (spec 000 §6.2 item 4)', params: ID_PARAM, response: { 200: envelope(leadSchema), ...errorResponses(404) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const l = await rt.leads.get(p.tenantId, request.params.leadId);
    if (!l) throw notFound('lead');
    return reply.ok(presentLead(l, reveal(p.permissions.has('pii:view')), true));
  });

  app.put<{ Params: { leadId: string }; Body: { status?: string; notes?: string | null; related_customer_id?: string | null } }>('/leads/:leadId', {
    config: { permissions: ['lead:edit'], audit: { action: 'lead.update', resourceType: 'lead', resourceParam: 'leadId' } },
    schema: {
      tags: ['leads'], summary: 'Update a lead\'s status, notes, related customer (spec 000 §6.2 item 5)', params: ID_PARAM,
      body: {
        type: 'object', additionalProperties: false, minProperties: 1,
        properties: { status: { type: 'string', enum: [...LEAD_STATUSES] }, notes: { type: ['string', 'null'], maxLength: 4000 }, related_customer_id: { type: ['string', 'null'], maxLength: 128 } },
      },
      response: { 200: envelope(leadSchema), ...errorResponses(404, 409, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const prev = await rt.leads.get(p.tenantId, request.params.leadId);
    if (!prev) throw notFound('lead');
    const b = request.body;
    const to = b.status ?? prev.status;
    const check = checkStatusTransition(prev.status, to);
    if (!check.ok) throw new ApiError('CONFLICT', [], `lead ${prev.lead_id} is ${prev.status}: ${to} is not allowed (allowed: ${check.allowed.join(', ') || 'none'})`);
    if (to === 'ASSIGNED' && !prev.assigned_to_user_id) throw new ApiError('VALIDATION_FAILED', [{ field: 'body.status', rule: 'assign', message: 'use POST /leads/{id}/assign to assign a lead' }]);
    const now = Date.now();
    const entry = { stage: 'status' as const, outcome: 'ok' as const, at: now, detail: `${prev.status} -> ${to} by ${p.userId}` };
    const log = to !== prev.status ? [entry] : [];
    const next: StoredLead = {
      ...prev, status: to as StoredLead['status'], notes: b.notes !== undefined ? b.notes : (prev.notes ?? null),
      related_customer_id: b.related_customer_id !== undefined ? b.related_customer_id : (prev.related_customer_id ?? null),
      updated_at: now, version: prev.version + 1, log: [...prev.log, ...log],
    };
    if (!(await rt.leads.update(next, prev.version, log))) throw new ApiError('CONFLICT', [], `lead ${prev.lead_id} changed concurrently`);
    return reply.ok(presentLead(next, reveal(p.permissions.has('pii:view')), true));
  });

  app.post<{ Params: { leadId: string }; Body: { user_id: string } }>('/leads/:leadId/assign', {
    config: { permissions: ['lead:assign'], audit: { action: 'lead.assign', resourceType: 'lead', resourceParam: 'leadId' } },
    schema: {
      tags: ['leads'], summary: 'Assign or reassign a lead (spec 000 §6.2 item 6)', params: ID_PARAM,
      body: { type: 'object', required: ['user_id'], additionalProperties: false, properties: { user_id: { type: 'string', minLength: 1, maxLength: 64 } } },
      response: { 200: envelope(leadSchema), ...errorResponses(404, 409, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const user = await deps.identity.getUser(p.tenantId, request.body.user_id);
    if (!user || user.status !== 'ACTIVE') throw new ApiError('VALIDATION_FAILED', [{ field: 'body.user_id', rule: 'exists', message: 'no active user with this id in this tenant' }]);
    const prev = await rt.leads.get(p.tenantId, request.params.leadId);
    if (!prev) throw notFound('lead');
    const check = checkStatusTransition(prev.status, 'ASSIGNED');
    if (!check.ok) throw new ApiError('CONFLICT', [], `lead ${prev.lead_id} is ${prev.status}: it cannot be assigned`);
    const now = Date.now();
    const entry = { stage: 'assignment' as const, outcome: 'ok' as const, at: now, detail: `${user.userId} manually by ${p.userId}${prev.assigned_to_user_id ? ` (was ${prev.assigned_to_user_id})` : ''}` };
    const next: StoredLead = { ...prev, status: 'ASSIGNED', assigned_to_user_id: user.userId, assignment_time: now, updated_at: now, version: prev.version + 1, log: [...prev.log, entry] };
    if (!(await rt.leads.update(next, prev.version, [entry]))) throw new ApiError('CONFLICT', [], `lead ${prev.lead_id} changed concurrently`);
    return reply.ok(presentLead(next, reveal(p.permissions.has('pii:view')), true));
  });
};
