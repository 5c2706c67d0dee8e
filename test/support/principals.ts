// Tenants, users and API keys written straight into Redis in the layout of
// common/access/auth-keys.ts (what resolve-principal.ts reads), and bearer tokens minted for
// them: what tests of the live hub (and anything else authenticating) need before going
// through the identity API.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { authKeys } from '../../common/access/auth-keys.js';
import { effectivePermissions, type Role } from '../../common/access/permissions.js';
import { hashKeySecret } from '../../common/access/resolve-principal.js';
import { issueToken, tokenSecretFromHex } from '../../common/access/token.js';

export interface TestPrincipal {
  tenantId: string;
  userId: string;
  keyId: string;
  role: Role;
  /** `ck_<keyId>_<secret>`, as shown once by the API. */
  apiKey: string;
}

export interface PrincipalSpec {
  tenantId: string;
  userId?: string;
  role?: Role;
  /** Narrow the key to these permissions (stored as JSON in `scopes`). */
  scopes?: string[];
  tenantStatus?: 'ACTIVE' | 'DISABLED';
  userStatus?: 'ACTIVE' | 'DISABLED';
}

const KEY_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function newKeyId(): string {
  return [...randomBytes(12)].map((b) => KEY_ID_ALPHABET[b % KEY_ID_ALPHABET.length]).join('');
}

export async function createPrincipal(redis: Redis, spec: PrincipalSpec): Promise<TestPrincipal> {
  const { tenantId } = spec;
  const userId = spec.userId ?? `u-${randomBytes(4).toString('hex')}`;
  const role = spec.role ?? 'supervisor';
  const keyId = newKeyId();
  const secret = randomBytes(32).toString('base64url');
  const key: Record<string, string> = { tenant_id: tenantId, user_id: userId, secret_hash: hashKeySecret(secret), created_ms: String(Date.now()) };
  if (spec.scopes) key.scopes = JSON.stringify(spec.scopes);
  await redis.multi()
    .hset(authKeys.tenant(tenantId), 'status', spec.tenantStatus ?? 'ACTIVE', 'name', tenantId)
    .sadd(authKeys.tenants(), tenantId)
    .hset(authKeys.user(tenantId, userId), 'role', role, 'status', spec.userStatus ?? 'ACTIVE')
    .sadd(authKeys.users(tenantId), userId)
    .hset(authKeys.apiKey(keyId), key)
    .sadd(authKeys.tenantApiKeys(tenantId), keyId)
    .exec();
  return { tenantId, userId, keyId, role, apiKey: `ck_${keyId}_${secret}` };
}

/** A bearer token for the principal, as POST /api/v1/auth/tokens issues it. */
export function mintToken(secretHex: string, p: TestPrincipal, opts: { ttlS?: number; nowMs?: number; secretHexOverride?: string } = {}): string {
  const secret = tokenSecretFromHex(opts.secretHexOverride ?? secretHex);
  const perms = effectivePermissions(p.role);
  return issueToken(secret, { tid: p.tenantId, uid: p.userId, kid: p.keyId, perms }, opts.nowMs ?? Date.now(), opts.ttlS ?? 3600).token;
}

export async function revokeKey(redis: Redis, keyId: string, atMs = Date.now()): Promise<void> {
  await redis.hset(authKeys.apiKey(keyId), 'revoked_at', String(atMs));
}

/** Removes a tenant's auth records (keys, users, the tenant). */
export async function dropPrincipals(redis: Redis, tenantId: string): Promise<void> {
  const keyIds = await redis.smembers(authKeys.tenantApiKeys(tenantId));
  const userIds = await redis.smembers(authKeys.users(tenantId));
  const del = [
    ...keyIds.map((k) => authKeys.apiKey(k)), ...userIds.map((u) => authKeys.user(tenantId, u)),
    authKeys.tenantApiKeys(tenantId), authKeys.users(tenantId), authKeys.tenant(tenantId),
  ];
  await redis.multi().del(...del).srem(authKeys.tenants(), tenantId).exec();
}
