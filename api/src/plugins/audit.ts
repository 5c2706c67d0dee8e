// Writes the audit row of each request to a route that declares `config.audit`, and of every
// refusal (403) of an identified caller, whatever the route.
import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../audit/audit-trail.js';

export function installAudit(app: FastifyInstance, trail: AuditTrail): void {
  app.addHook('onResponse', async (request, reply) => {
    const p = request.principal;
    const spec = request.routeOptions.config.audit;
    if (!p || (!spec && reply.statusCode !== 403)) return;
    const params = request.params as Record<string, string> | undefined;
    const resourceId = request.auditResourceId ?? (spec?.resourceParam ? params?.[spec.resourceParam] ?? '' : '');
    trail.record({
      tenant_id: p.tenantId,
      atMs: Date.now(),
      actor_user_id: p.userId,
      actor_key_id: p.keyId,
      action: spec?.action ?? `${request.method} ${request.routeOptions.url ?? ''}`,
      resource_type: spec?.resourceType ?? '',
      resource_id: resourceId,
      outcome: reply.statusCode < 400 ? 'OK' : reply.statusCode === 403 ? 'DENIED' : 'FAILED',
      status_code: reply.statusCode,
      request_id: request.id,
      ip: request.ip,
      user_agent: request.headers['user-agent'] ?? '',
      detail: request.auditDetail ?? '',
    });
  });
}
