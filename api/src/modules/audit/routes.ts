// GET /api/v1/audit-logs: the tenant's audit trail from the warehouse.
import type { FastifyPluginAsync } from 'fastify';
import { fromDateTime64 } from '../../../../warehouse/src/domain/time.js';
import { getAuditLog, type AuditFilter } from '../../../../warehouse/src/queries/audit-log.js';
import type { ApiDeps } from '../../deps.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, isoDateTime, pageOf, pagingQuery, toPage, type PagingParams } from '../../http/schemas.js';

interface Query extends PagingParams<'at'> {
  action?: string;
  actorUserId?: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: string;
  startTime?: string;
  endTime?: string;
}

const entrySchema = {
  type: 'object',
  properties: {
    auditId: { type: 'string' }, at: isoDateTime, actorUserId: { type: 'string' }, actorKeyId: { type: 'string' }, action: { type: 'string' },
    resourceType: { type: 'string' }, resourceId: { type: 'string' }, outcome: { type: 'string' }, statusCode: { type: 'integer' },
    requestId: { type: 'string' }, ip: { type: 'string' }, userAgent: { type: 'string' }, detail: { type: 'string' },
  },
};

export const auditRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get<{ Querystring: Query }>('/audit-logs', {
    config: { permissions: ['admin:audit:view'] },
    schema: {
      tags: ['identity'], summary: 'Audit trail: who did what, when, to which record, from where',
      querystring: {
        type: 'object',
        properties: {
          action: { type: 'string', maxLength: 100 }, actorUserId: { type: 'string', maxLength: 64 }, resourceType: { type: 'string', maxLength: 64 },
          resourceId: { type: 'string', maxLength: 128 }, outcome: { type: 'string', enum: ['OK', 'DENIED', 'FAILED'] },
          startTime: isoDateTime, endTime: isoDateTime, ...pagingQuery(['at'] as const, 'at'),
        },
      },
      response: { 200: envelope(pageOf(entrySchema)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const q = request.query;
    const f: AuditFilter = { action: q.action, actorUserId: q.actorUserId, resourceType: q.resourceType, resourceId: q.resourceId, outcome: q.outcome };
    if (q.startTime) f.fromMs = Date.parse(q.startTime);
    if (q.endTime) f.toMs = Date.parse(q.endTime) + 1;
    for (const k of Object.keys(f) as (keyof AuditFilter)[]) if (f[k] === undefined) delete f[k];
    const { rows, total } = await getAuditLog(deps.warehouse, p.tenantId, f, { limit: q.size, offset: (q.page - 1) * q.size, order: q.order });
    return reply.ok(toPage(rows.map((r) => ({
      auditId: r.audit_id, at: fromDateTime64(r.at), actorUserId: r.actor_user_id, actorKeyId: r.actor_key_id, action: r.action,
      resourceType: r.resource_type, resourceId: r.resource_id, outcome: r.outcome, statusCode: Number(r.status_code),
      requestId: r.request_id, ip: r.ip, userAgent: r.user_agent, detail: r.detail,
    })), total, q));
  });
};
