// Authentication and permission checks for every route. A route is either `public` or declares
// the permissions it needs; registering one that does neither fails at start-up, so no route
// can ship unguarded. 401 = no or bad credentials; 403 = valid credentials lacking permission
// (spec conventions). Tenancy follows from the principal: handlers read request.principal.
import type { FastifyInstance } from 'fastify';
import { allows } from '../../../common/access/permissions.js';
import type { PrincipalResolver } from '../../../common/access/resolve-principal.js';
import { ApiError } from '../errors.js';

const PUBLIC_ASSET_PREFIXES = ['/docs', '/dashboard/'];

export class UnguardedRouteError extends Error {
  constructor(method: string, url: string) {
    super(`route ${method} ${url} declares none of config.public, config.permissions, config.anyAuthenticated`);
    this.name = 'UnguardedRouteError';
  }
}

/** The credential of an `Authorization: Bearer <token or API key>` header. */
export function bearerCredential(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : '';
}

export function installAuth(app: FastifyInstance, resolver: PrincipalResolver): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    // Routes of static assets registered by plugins (the docs page, the dashboard page): public
    // like /openapi.json; the data behind them is not.
    if (PUBLIC_ASSET_PREFIXES.some((prefix) => route.url.startsWith(prefix))) {
      route.config = { ...(route.config ?? {}), public: true };
      return;
    }
    const config = route.config as { public?: boolean; permissions?: unknown[]; anyAuthenticated?: boolean } | undefined;
    if (!config?.public && !config?.anyAuthenticated && !(config?.permissions && config.permissions.length > 0)) {
      throw new UnguardedRouteError(String(route.method), route.url);
    }
  });
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (!request.routeOptions.url || config.public) return; // unknown routes fall through to 404
    const credential = bearerCredential(request.headers.authorization);
    if (credential === undefined) throw new ApiError('AUTH_REQUIRED');
    const result = await resolver.resolve(credential);
    if (!result.ok) throw new ApiError(result.problem === 'MISSING' ? 'AUTH_REQUIRED' : 'AUTH_INVALID', [], result.problem);
    if (config.apiKeyOnly && result.principal.via !== 'api-key') throw new ApiError('AUTH_INVALID', [], 'this endpoint takes an API key, not a token');
    request.principal = result.principal;
    if (!allows(result.principal.permissions, config.permissions ?? [], config.anyOf)) {
      throw new ApiError('FORBIDDEN', [], `requires ${config.anyOf ? 'one of' : 'all of'} ${(config.permissions ?? []).join(', ')}`);
    }
  });
}
