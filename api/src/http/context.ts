// What routes declare about themselves (Fastify route `config`), read by the cross-cutting
// hooks: who may call it, what to audit, whether creates honour Idempotency-Key.
import type { Permission } from '../../../common/access/permissions.js';
import type { Principal } from '../../../common/access/resolve-principal.js';
import type { Lang } from '../i18n/messages.js';

export interface AuditSpec {
  /** e.g. 'call-record.list', 'api-key.create' */
  action: string;
  resourceType: string;
  /** Route parameter naming the resource, when there is one. */
  resourceParam?: string;
}

export interface IdempotencySpec {
  /** Turns a stored response body into what a replay returns (e.g. drops a one-time secret). */
  redactReplay?: (body: unknown) => unknown;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No credentials needed (health, docs, the dashboard page). Every other route declares permissions. */
    public?: boolean;
    /** Required permissions: all of them, or any one when anyOf. */
    permissions?: Permission[];
    anyOf?: boolean;
    /** Any valid credential will do (who-am-I); declared explicitly so it is never an accident. */
    anyAuthenticated?: boolean;
    /** Only API keys, not bearer tokens (exchanging a key for a token). */
    apiKeyOnly?: boolean;
    audit?: AuditSpec;
    idempotency?: IdempotencySpec;
  }
  interface FastifyRequest {
    principal: Principal | null;
    lang: Lang;
    /** Set by handlers that resolved the resource id themselves (audit). */
    auditResourceId?: string;
    auditDetail?: string;
  }
  interface FastifyReply {
    /** 200 with the unified envelope. */
    ok(data: unknown): FastifyReply;
    /** 201 with the unified envelope. */
    created(data: unknown): FastifyReply;
  }
}

export function requirePrincipal(p: Principal | null): Principal {
  // The auth hook runs before every non-public handler; reaching here without one is a bug.
  if (!p) throw new Error('route declared permissions but no principal was resolved');
  return p;
}
