// Users, roles and API keys of the caller's tenant. Keys are shown once, stored hashed,
// revocable, with their last-used time; revocation takes effect everywhere within a second.
import type { FastifyPluginAsync } from 'fastify';
import { ALL_PERMISSIONS, ROLE_NAMES, type Role } from '../../../../common/access/permissions.js';
import type { ApiDeps } from '../../deps.js';
import { ApiError, notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, isoDateTime, nullable } from '../../http/schemas.js';
import { roleSummary, type EntityStatus } from '../../identity/identity-store.js';

const userSchema = {
  type: 'object',
  properties: {
    userId: { type: 'string' }, name: { type: 'string' }, emailMasked: { type: 'string' },
    role: { type: 'string', enum: ROLE_NAMES }, status: { type: 'string', enum: ['ACTIVE', 'DISABLED'] }, createdAt: isoDateTime,
  },
};
const apiKeySchema = {
  type: 'object',
  properties: {
    keyId: { type: 'string' }, userId: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } },
    createdBy: { type: 'string' }, createdAt: isoDateTime, revokedAt: nullable(isoDateTime), lastUsedAt: nullable(isoDateTime),
  },
};
const list = (item: object) => ({ type: 'object', properties: { records: { type: 'array', items: item }, total: { type: 'integer' } } });
const USER_ID = '^u_[a-z0-9]{12}$';
const KEY_ID = '^[a-z0-9]{12}$';

export const identityRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get('/roles', {
    config: { anyAuthenticated: true },
    schema: {
      tags: ['identity'], summary: 'Built-in roles and their permission strings',
      response: { 200: envelope({ type: 'array', items: { type: 'object', properties: { role: { type: 'string' }, description: { type: 'string' }, permissions: { type: 'array', items: { type: 'string' } } } } }), ...errorResponses() },
    },
  }, async (_request, reply) => reply.ok(roleSummary()));

  app.get('/users', {
    config: { permissions: ['admin:user:manage'] },
    schema: { tags: ['identity'], summary: 'Users of the tenant', response: { 200: envelope(list(userSchema)), ...errorResponses() } },
  }, async (request, reply) => {
    const users = await deps.identity.listUsers(requirePrincipal(request.principal).tenantId);
    return reply.ok({ records: users, total: users.length });
  });

  app.post<{ Body: { name: string; email?: string; role: Role } }>('/users', {
    config: { permissions: ['admin:user:manage'], idempotency: {}, audit: { action: 'user.create', resourceType: 'user' } },
    schema: {
      tags: ['identity'], summary: 'Create a user',
      body: {
        type: 'object', required: ['name', 'role'], additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, email: { type: 'string', format: 'email', maxLength: 254 }, role: { type: 'string', enum: ROLE_NAMES } },
      },
      response: { 201: envelope(userSchema), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const user = await deps.identity.createUser(requirePrincipal(request.principal).tenantId, request.body);
    request.auditResourceId = user.userId;
    return reply.created(user);
  });

  app.patch<{ Params: { userId: string }; Body: { role?: Role; status?: EntityStatus } }>('/users/:userId', {
    config: { permissions: ['admin:user:manage'], audit: { action: 'user.update', resourceType: 'user', resourceParam: 'userId' } },
    schema: {
      tags: ['identity'], summary: 'Change a user\'s role or disable them (their keys stop working within a second)',
      params: { type: 'object', required: ['userId'], properties: { userId: { type: 'string', pattern: USER_ID } } },
      body: {
        type: 'object', additionalProperties: false, minProperties: 1,
        properties: { role: { type: 'string', enum: ROLE_NAMES }, status: { type: 'string', enum: ['ACTIVE', 'DISABLED'] } },
      },
      response: { 200: envelope(userSchema), ...errorResponses(404, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    if (request.params.userId === p.userId && (request.body.status === 'DISABLED' || (request.body.role && request.body.role !== 'admin' && p.role === 'admin'))) {
      throw new ApiError('CONFLICT', [], 'an admin cannot demote or disable themselves');
    }
    const user = await deps.identity.updateUser(p.tenantId, request.params.userId, request.body);
    if (!user) throw notFound('user');
    return reply.ok(user);
  });

  app.get('/api-keys', {
    config: { permissions: ['admin:key:manage'] },
    schema: { tags: ['identity'], summary: 'API keys of the tenant (never their secrets)', response: { 200: envelope(list(apiKeySchema)), ...errorResponses() } },
  }, async (request, reply) => {
    const keys = await deps.identity.listApiKeys(requirePrincipal(request.principal).tenantId);
    return reply.ok({ records: keys, total: keys.length });
  });

  app.post<{ Body: { name: string; userId?: string; scopes?: string[] } }>('/api-keys', {
    config: {
      permissions: ['admin:key:manage'],
      audit: { action: 'api-key.create', resourceType: 'api_key' },
      // The secret is shown once: a replay of this create returns the key's id, not its secret.
      idempotency: { redactReplay: (body) => ({ ...(body as object), data: { ...((body as { data?: object }).data ?? {}), key: null } }) },
    },
    schema: {
      tags: ['identity'],
      summary: 'Create an API key; the response shows its secret this once',
      body: {
        type: 'object', required: ['name'], additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 100 },
          userId: { type: 'string', pattern: USER_ID, description: 'Owner; defaults to the caller' },
          scopes: { type: 'array', maxItems: ALL_PERMISSIONS.length, uniqueItems: true, items: { type: 'string', enum: ALL_PERMISSIONS }, description: 'Narrow the owner\'s permissions to these' },
        },
      },
      response: { 201: envelope({ type: 'object', properties: { ...apiKeySchema.properties, key: nullable({ type: 'string', description: 'ck_<keyId>_<secret>: store it now' }) } }), ...errorResponses(404, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const userId = request.body.userId ?? p.userId;
    if (!(await deps.identity.getUser(p.tenantId, userId))) throw new ApiError('VALIDATION_FAILED', [{ field: 'body.userId', rule: 'exists', message: 'no such user in this tenant' }]);
    const { apiKey, key } = await deps.identity.createApiKey(p.tenantId, { userId, name: request.body.name, scopes: request.body.scopes, createdBy: p.userId });
    request.auditResourceId = apiKey.keyId;
    return reply.created({ ...apiKey, key });
  });

  app.delete<{ Params: { keyId: string } }>('/api-keys/:keyId', {
    config: { permissions: ['admin:key:manage'], audit: { action: 'api-key.revoke', resourceType: 'api_key', resourceParam: 'keyId' } },
    schema: {
      tags: ['identity'], summary: 'Revoke an API key (idempotent); its tokens stop working too',
      params: { type: 'object', required: ['keyId'], properties: { keyId: { type: 'string', pattern: KEY_ID } } },
      response: { 200: envelope(apiKeySchema), ...errorResponses(404) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const key = await deps.identity.revokeApiKey(p.tenantId, request.params.keyId);
    if (!key) throw notFound('API key');
    deps.resolver.forget(request.params.keyId);
    return reply.ok(key);
  });
};
