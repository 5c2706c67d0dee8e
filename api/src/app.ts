// Builds the Fastify application: cross-cutting hooks first (envelope, auth, rate limit,
// idempotency, audit, metrics, OpenAPI), then one plugin per module under its prefix. Every
// later module registers the same way.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ApiDeps } from './deps.js';
import { installAudit } from './plugins/audit.js';
import { installAuth } from './plugins/auth.js';
import { installEnvelope } from './plugins/envelope.js';
import { installIdempotency } from './plugins/idempotency.js';
import { installObservability, requestId, requestSerializers } from './plugins/observability.js';
import { installOpenApi } from './plugins/openapi.js';
import { installRateLimit } from './plugins/rate-limit.js';
import { analysisRuleRoutes } from './modules/analysis-rules/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { callRecordRoutes } from './modules/call-records/routes.js';
import { callTaskRoutes } from './modules/call-tasks/routes.js';
import { complianceRoutes } from './modules/compliance/routes.js';
import { dashboardRoutes } from './modules/dashboard/routes.js';
import { deviceRoutes } from './modules/devices/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { identityRoutes } from './modules/identity/routes.js';
import { recordingRoutes } from './modules/recordings/routes.js';
import { leadIdentityRoutes } from './modules/lead-identity/routes.js';
import { leadRoutes } from './modules/leads/routes.js';
import { leadImportRoutes } from './modules/lead-imports/routes.js';
import { sceneRoutes } from './modules/scenes/routes.js';
import { leadConfigRoutes } from './modules/lead-config/routes.js';
import { webhookRoutes } from './modules/webhooks/routes.js';
import { leadDeadLetterRoutes } from './modules/lead-dead-letters/routes.js';
import './http/context.js';

export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    // pino's Logger and Fastify's logger interface differ only in optional members.
    loggerInstance: deps.log.child({}, { serializers: requestSerializers }) as FastifyBaseLogger,
    genReqId: (req) => requestId(req),
    bodyLimit: deps.config.apiBodyLimitBytes,
    // Ids in paths and queries are strings; ajv coerces query numbers and reports every failing field.
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
    return503OnClosing: true,
    // Behind a proxy every caller would otherwise share the proxy's address and its per-IP budget.
    trustProxy: deps.config.apiTrustProxy || false,
  });
  installEnvelope(app);
  installObservability(app, deps.registry, deps.metrics, deps.config.metricsAllowRemote);
  installAuth(app, deps.resolver);
  await installRateLimit(app, deps.redis, deps.config.apiRateLimitPerMinute);
  installIdempotency(app, deps.redis);
  installAudit(app, deps.audit);
  await installOpenApi(app, deps.publicUrl);

  await app.register(healthRoutes, { deps });
  await app.register(dashboardRoutes);
  await app.register(authRoutes, { prefix: '/api/v1', deps });
  await app.register(identityRoutes, { prefix: '/api/v1', deps });
  await app.register(auditRoutes, { prefix: '/api/v1', deps });
  await app.register(deviceRoutes, { prefix: '/api/v1', deps });
  await app.register(callRecordRoutes, { prefix: '/api/v1/lead-generation', deps });
  await app.register(analysisRuleRoutes, { prefix: '/api/v1/lead-generation', deps });
  await app.register(recordingRoutes, { prefix: '/api/v1', deps });
  await app.register(callTaskRoutes, { prefix: '/api/v1/lead-generation', deps });
  await app.register(complianceRoutes, { prefix: '/api/v1/lead-generation', deps });
  await app.register(sceneRoutes, { prefix: '/api/v1', deps });
  await app.register(leadConfigRoutes, { prefix: '/api/v1', deps });
  await app.register(leadRoutes, { prefix: '/api/v1', deps });
  await app.register(leadImportRoutes, { prefix: '/api/v1', deps });
  await app.register(leadIdentityRoutes, { prefix: '/api/v1', deps });
  await app.register(webhookRoutes, { prefix: '/api/v1', deps });
  await app.register(leadDeadLetterRoutes, { prefix: '/api/v1', deps });
  return app;
}
