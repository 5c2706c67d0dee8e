// POST /api/v1/auth/tokens: an API key buys a short-lived bearer token for the dashboard and
// the live hub (so the long-lived key never sits in a browser). GET /api/v1/auth/me.
import type { FastifyPluginAsync } from 'fastify';
import { issueToken } from '../../../../common/access/token.js';
import type { ApiDeps } from '../../deps.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, isoDateTime } from '../../http/schemas.js';

const principalProps = {
  tenantId: { type: 'string' },
  userId: { type: 'string' },
  keyId: { type: 'string' },
  role: { type: 'string' },
  permissions: { type: 'array', items: { type: 'string' } },
};

export const authRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.post('/auth/tokens', {
    config: { permissions: ['live:view'], apiKeyOnly: true, audit: { action: 'auth.token.issue', resourceType: 'api_key' } },
    schema: {
      tags: ['auth'],
      summary: 'Exchange an API key for a bearer token',
      body: { type: ['object', 'null'], additionalProperties: false, properties: {} },
      response: {
        201: envelope({
          type: 'object',
          properties: { token: { type: 'string' }, expiresAt: isoDateTime, liveUrl: { type: 'string' }, ...principalProps },
        }),
        ...errorResponses(),
      },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const perms = [...p.permissions];
    const { token, expiresAt } = issueToken(deps.tokenSecret, { tid: p.tenantId, uid: p.userId, kid: p.keyId, perms }, Date.now(), deps.config.authTokenTtlS);
    request.auditResourceId = p.keyId;
    return reply.created({ token, expiresAt: expiresAt.toISOString(), liveUrl: deps.liveUrl, tenantId: p.tenantId, userId: p.userId, keyId: p.keyId, role: p.role, permissions: perms });
  });

  app.get('/auth/me', {
    config: { anyAuthenticated: true },
    schema: { tags: ['auth'], summary: 'Who the credential belongs to', response: { 200: envelope({ type: 'object', properties: { ...principalProps, via: { type: 'string' } } }), ...errorResponses() } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    return reply.ok({ tenantId: p.tenantId, userId: p.userId, keyId: p.keyId, role: p.role, permissions: [...p.permissions], via: p.via });
  });
};
