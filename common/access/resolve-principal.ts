// Who is calling: turns an API key or a bearer token into a principal (tenant, user, current
// permissions), checking the key's record in Redis, so a revoked key or a disabled user or
// tenant stops working everywhere within CACHE_MS. Used by the API and by the live hub.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { API_KEY_PATTERN, authKeys } from './auth-keys.js';
import { effectivePermissions, isRole, type Permission } from './permissions.js';
import { verifyToken, TOKEN_PREFIX, type TokenProblem } from './token.js';

export interface Principal {
  tenantId: string;
  userId: string;
  keyId: string;
  role: string;
  permissions: ReadonlySet<Permission>;
  via: 'api-key' | 'token';
}

export type AuthProblem = 'MISSING' | TokenProblem | 'UNKNOWN_KEY' | 'REVOKED' | 'DISABLED';

export type AuthResult = { ok: true; principal: Principal } | { ok: false; problem: AuthProblem };

interface KeyRecord {
  tenantId: string;
  userId: string;
  secretHash: Buffer;
  role: string;
  permissions: Permission[];
  active: boolean;
  at: number;
}

const CACHE_MS = 1000;
const LAST_USED_EVERY_MS = 60_000;

export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export class PrincipalResolver {
  private readonly cache = new Map<string, KeyRecord | null>();
  private readonly cachedAt = new Map<string, number>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly tokenSecret: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** `credential` is what follows "Bearer " (or the live hub's subprotocol): a token or an API key. */
  async resolve(credential: string | undefined): Promise<AuthResult> {
    if (!credential) return { ok: false, problem: 'MISSING' };
    if (credential.startsWith(TOKEN_PREFIX)) {
      const v = verifyToken(this.tokenSecret, credential, this.now());
      if (!v.ok) return { ok: false, problem: v.problem };
      const rec = await this.record(v.claims.kid);
      if (!rec || rec.tenantId !== v.claims.tid) return { ok: false, problem: 'REVOKED' };
      return this.principal(v.claims.kid, rec, 'token');
    }
    const m = API_KEY_PATTERN.exec(credential);
    if (!m) return { ok: false, problem: 'MALFORMED' };
    const [, keyId, secret] = m as unknown as [string, string, string];
    const rec = await this.record(keyId);
    if (!rec) return { ok: false, problem: 'UNKNOWN_KEY' };
    const given = Buffer.from(hashKeySecret(secret), 'hex');
    if (!timingSafeEqual(given, rec.secretHash)) return { ok: false, problem: 'UNKNOWN_KEY' };
    return this.principal(keyId, rec, 'api-key');
  }

  /** Drops the cached record of a key at once (the API calls it on revoke). */
  forget(keyId: string): void {
    this.cache.delete(keyId);
    this.cachedAt.delete(keyId);
  }

  private principal(keyId: string, rec: KeyRecord, via: Principal['via']): AuthResult {
    if (!rec.active) return { ok: false, problem: 'DISABLED' };
    this.touch(keyId);
    return {
      ok: true,
      principal: { tenantId: rec.tenantId, userId: rec.userId, keyId, role: rec.role, permissions: new Set(rec.permissions), via },
    };
  }

  private touch(keyId: string): void {
    const now = this.now();
    if (now - (this.lastUsedWritten.get(keyId) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(keyId, now);
    // Best effort: a lost last-used stamp is not worth failing a request for.
    this.redis.hset(authKeys.apiKey(keyId), 'last_used_ms', String(now)).catch(() => undefined);
  }

  private async record(keyId: string): Promise<KeyRecord | null> {
    const now = this.now();
    const at = this.cachedAt.get(keyId);
    if (at !== undefined && now - at < CACHE_MS) return this.cache.get(keyId) ?? null;
    const rec = await this.load(keyId);
    if (this.cache.size > 10_000) { this.cache.clear(); this.cachedAt.clear(); }
    this.cache.set(keyId, rec);
    this.cachedAt.set(keyId, now);
    return rec;
  }

  private async load(keyId: string): Promise<KeyRecord | null> {
    const [tenantId, userId, secretHash, scopes, revokedAt] = await this.redis.hmget(
      authKeys.apiKey(keyId), 'tenant_id', 'user_id', 'secret_hash', 'scopes', 'revoked_at');
    if (!tenantId || !userId || !secretHash) return null;
    if (revokedAt) return null;
    const [[, user], [, tenant]] = (await this.redis.multi()
      .hmget(authKeys.user(tenantId, userId), 'role', 'status')
      .hget(authKeys.tenant(tenantId), 'status')
      .exec()) as [[unknown, (string | null)[]], [unknown, string | null]];
    const [role, status] = user;
    if (!role || !isRole(role)) return null;
    const active = status === 'ACTIVE' && tenant === 'ACTIVE';
    return {
      tenantId, userId, role, active, at: this.now(),
      secretHash: Buffer.from(secretHash, 'hex'),
      permissions: effectivePermissions(role, scopes ? (JSON.parse(scopes) as string[]) : []),
    };
  }
}
