// Tenants, users and API keys. Each change is one Redis MULTI that updates the hot index read by
// resolve-principal.ts AND appends the entity's new version to the entity feed, so the
// warehouse (system of record) gets it through the writer even when this process does not own
// the embedded warehouse (the admin CLI). `rebuild` restores the index from the warehouse.
import type { Redis } from 'ioredis';
import { authKeys } from '../../../common/access/auth-keys.js';
import { ROLES, isRole, type Role } from '../../../common/access/permissions.js';
import { hashKeySecret } from '../../../common/access/resolve-principal.js';
import { ENTITY_STREAM } from '../../../common/feed.js';
import { normalizeEmail, protectEmail, type PiiKeys } from '../../../common/pii.js';
import { entityFeedFields, type DimApiKeyRow, type DimTenantRow, type DimUserRow, type EntityRows, type EntityTable } from '../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../warehouse/src/domain/time.js';
import type { Warehouse } from '../../../warehouse/src/warehouse.js';
import { newKeyId, newKeySecret, newUserId } from './ids.js';

export type EntityStatus = 'ACTIVE' | 'DISABLED';

export interface Tenant { tenantId: string; name: string; status: EntityStatus; createdAt: string }
export interface User { userId: string; name: string; emailMasked: string; role: Role; status: EntityStatus; createdAt: string }
export interface ApiKey {
  keyId: string;
  userId: string;
  name: string;
  scopes: string[];
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export class IdentityConflictError extends Error {
  constructor(what: string) {
    super(`${what} already exists`);
    this.name = 'IdentityConflictError';
  }
}

const iso = (ms: number | string | null | undefined): string | null =>
  ms === null || ms === undefined || ms === '' ? null : new Date(Number(ms)).toISOString();

export class IdentityStore {
  /** The API attaches its warehouse so user updates carry e-mail ciphertexts on; the CLI has none. */
  private warehouseForRows: Warehouse | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly pii: PiiKeys,
    private readonly writer: string,
    private readonly now: () => number = Date.now,
  ) {}

  attachWarehouse(wh: Warehouse): void {
    this.warehouseForRows = wh;
  }

  private feed<T extends EntityTable>(multi: ReturnType<Redis['multi']>, table: T, row: EntityRows[T]): void {
    multi.xadd(ENTITY_STREAM, '*', ...entityFeedFields(table, row, this.now(), this.writer));
  }

  async getTenant(tenantId: string): Promise<Tenant | null> {
    const h = await this.redis.hgetall(authKeys.tenant(tenantId));
    if (!h.name) return null;
    return { tenantId, name: h.name, status: h.status as EntityStatus, createdAt: iso(h.created_ms) ?? '' };
  }

  async createTenant(tenantId: string, name: string): Promise<Tenant> {
    const now = this.now();
    const created = await this.redis.hsetnx(authKeys.tenant(tenantId), 'name', name);
    if (created === 0) throw new IdentityConflictError(`tenant ${tenantId}`);
    const m = this.redis.multi()
      .hset(authKeys.tenant(tenantId), 'status', 'ACTIVE', 'created_ms', String(now))
      .sadd(authKeys.tenants(), tenantId);
    const t = toDateTime64(now);
    this.feed(m, 'dimTenant', { tenant_id: tenantId, name, status: 'ACTIVE', created_at: t, updated_at: t, version: now } satisfies DimTenantRow);
    await m.exec();
    return { tenantId, name, status: 'ACTIVE', createdAt: new Date(now).toISOString() };
  }

  async createUser(tenantId: string, input: { name: string; email?: string; role: Role }): Promise<User> {
    const now = this.now();
    const userId = newUserId();
    const email = input.email ? normalizeEmail(input.email) : null;
    const pe = email ? protectEmail(this.pii, email) : { hash: '', encrypted: '', masked: '' };
    const m = this.redis.multi()
      .hset(authKeys.user(tenantId, userId), 'name', input.name, 'email_masked', pe.masked, 'role', input.role, 'status', 'ACTIVE', 'created_ms', String(now))
      .sadd(authKeys.users(tenantId), userId);
    this.feed(m, 'dimUser', this.userRow(tenantId, userId, input.name, pe, input.role, 'ACTIVE', now, now));
    await m.exec();
    return { userId, name: input.name, emailMasked: pe.masked, role: input.role, status: 'ACTIVE', createdAt: new Date(now).toISOString() };
  }

  async updateUser(tenantId: string, userId: string, change: { role?: Role; status?: EntityStatus }): Promise<User | null> {
    const h = await this.redis.hgetall(authKeys.user(tenantId, userId));
    if (!h.role) return null;
    const now = this.now();
    const role = change.role ?? (h.role as Role);
    const status = change.status ?? (h.status as EntityStatus);
    const m = this.redis.multi().hset(authKeys.user(tenantId, userId), 'role', role, 'status', status);
    // The e-mail's hash and ciphertext live only in the warehouse; a new version must carry them on.
    const prev = await this.latestUserRow(tenantId, userId);
    const pe = prev ? { hash: prev.email_hash, encrypted: prev.email_enc, masked: prev.email_masked } : { hash: '', encrypted: '', masked: h.email_masked ?? '' };
    this.feed(m, 'dimUser', this.userRow(tenantId, userId, h.name ?? '', pe, role, status, Number(h.created_ms), now));
    await m.exec();
    return { userId, name: h.name ?? '', emailMasked: h.email_masked ?? '', role, status, createdAt: iso(h.created_ms) ?? '' };
  }

  private async latestUserRow(tenantId: string, userId: string): Promise<DimUserRow | null> {
    if (!this.warehouseForRows) return null;
    const rows = await this.warehouseForRows.query<DimUserRow>(
      `SELECT * FROM ${this.warehouseForRows.tables.dimUser} FINAL WHERE tenant_id = {t:String} AND user_id = {u:String}`, { t: tenantId, u: userId });
    return rows[0] ?? null;
  }

  private userRow(tenantId: string, userId: string, name: string, pe: { hash: string; encrypted: string; masked: string }, role: Role, status: EntityStatus, createdMs: number, now: number): DimUserRow {
    return {
      tenant_id: tenantId, user_id: userId, name, email_hash: pe.hash, email_masked: pe.masked, email_enc: pe.encrypted,
      role, status, created_at: toDateTime64(createdMs), updated_at: toDateTime64(now), version: now,
    };
  }

  async getUser(tenantId: string, userId: string): Promise<User | null> {
    const h = await this.redis.hgetall(authKeys.user(tenantId, userId));
    if (!h.role || !isRole(h.role)) return null;
    return { userId, name: h.name ?? '', emailMasked: h.email_masked ?? '', role: h.role, status: h.status as EntityStatus, createdAt: iso(h.created_ms) ?? '' };
  }

  async listUsers(tenantId: string): Promise<User[]> {
    const ids = (await this.redis.smembers(authKeys.users(tenantId))).sort();
    const users = await Promise.all(ids.map((id) => this.getUser(tenantId, id)));
    return users.filter((u): u is User => u !== null);
  }

  /** Returns the full key once; only its SHA-256 is kept. */
  async createApiKey(tenantId: string, input: { userId: string; name: string; scopes?: string[]; createdBy: string }): Promise<{ apiKey: ApiKey; key: string }> {
    const now = this.now();
    const keyId = newKeyId();
    const secret = newKeySecret();
    const secretHash = hashKeySecret(secret);
    const scopes = input.scopes ?? [];
    const m = this.redis.multi()
      .hset(authKeys.apiKey(keyId), 'tenant_id', tenantId, 'user_id', input.userId, 'name', input.name, 'scopes', JSON.stringify(scopes),
        'secret_hash', secretHash, 'created_by', input.createdBy, 'created_ms', String(now))
      .sadd(authKeys.tenantApiKeys(tenantId), keyId);
    const t = toDateTime64(now);
    this.feed(m, 'dimApiKey', {
      tenant_id: tenantId, key_id: keyId, user_id: input.userId, name: input.name, scopes, secret_hash: secretHash,
      created_by: input.createdBy, created_at: t, revoked_at: null, updated_at: t, version: now,
    } satisfies DimApiKeyRow);
    await m.exec();
    const apiKey: ApiKey = { keyId, userId: input.userId, name: input.name, scopes, createdBy: input.createdBy, createdAt: new Date(now).toISOString(), revokedAt: null, lastUsedAt: null };
    return { apiKey, key: `ck_${keyId}_${secret}` };
  }

  async getApiKey(tenantId: string, keyId: string): Promise<(ApiKey & { secretHash: string }) | null> {
    const h = await this.redis.hgetall(authKeys.apiKey(keyId));
    if (h.tenant_id !== tenantId) return null; // another tenant's key does not exist for this caller
    return {
      keyId, userId: h.user_id ?? '', name: h.name ?? '', scopes: JSON.parse(h.scopes ?? '[]') as string[], createdBy: h.created_by ?? '',
      createdAt: iso(h.created_ms) ?? '', revokedAt: iso(h.revoked_ms), lastUsedAt: iso(h.last_used_ms), secretHash: h.secret_hash ?? '',
    };
  }

  async listApiKeys(tenantId: string): Promise<ApiKey[]> {
    const ids = (await this.redis.smembers(authKeys.tenantApiKeys(tenantId))).sort();
    const keys = await Promise.all(ids.map((id) => this.getApiKey(tenantId, id)));
    return keys.filter((k): k is ApiKey & { secretHash: string } => k !== null).map(({ secretHash: _omit, ...k }) => k);
  }

  /** Idempotent: revoking a revoked key changes nothing. Returns null when the tenant has no such key. */
  async revokeApiKey(tenantId: string, keyId: string): Promise<ApiKey | null> {
    const k = await this.getApiKey(tenantId, keyId);
    if (!k) return null;
    const { secretHash, ...apiKey } = k;
    if (k.revokedAt) return apiKey;
    const now = this.now();
    const m = this.redis.multi().hset(authKeys.apiKey(keyId), 'revoked_at', toDateTime64(now), 'revoked_ms', String(now));
    this.feed(m, 'dimApiKey', {
      tenant_id: tenantId, key_id: keyId, user_id: k.userId, name: k.name, scopes: k.scopes, secret_hash: secretHash, created_by: k.createdBy,
      created_at: toDateTime64(Date.parse(k.createdAt)), revoked_at: toDateTime64(now), updated_at: toDateTime64(now), version: now,
    });
    await m.exec();
    return { ...apiKey, revokedAt: new Date(now).toISOString() };
  }

  /**
   * Restores the Redis index from the warehouse (DESIGN.md: Redis is rebuildable). Idempotent;
   * last-used times are not history and restart empty. Returns what was restored.
   */
  async rebuild(wh: Warehouse): Promise<{ tenants: number; users: number; keys: number }> {
    const tenants = await wh.query<DimTenantRow & { created_ms: string }>(`SELECT *, toUnixTimestamp64Milli(created_at) AS created_ms FROM ${wh.tables.dimTenant} FINAL`);
    const users = await wh.query<DimUserRow & { created_ms: string }>(`SELECT *, toUnixTimestamp64Milli(created_at) AS created_ms FROM ${wh.tables.dimUser} FINAL`);
    const keys = await wh.query<DimApiKeyRow & { created_ms: string; revoked_ms: string | null }>(
      `SELECT *, toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(revoked_at) AS revoked_ms FROM ${wh.tables.dimApiKey} FINAL`);
    const m = this.redis.multi();
    for (const t of tenants) {
      m.hset(authKeys.tenant(t.tenant_id), 'name', t.name, 'status', t.status, 'created_ms', t.created_ms).sadd(authKeys.tenants(), t.tenant_id);
    }
    for (const u of users) {
      m.hset(authKeys.user(u.tenant_id, u.user_id), 'name', u.name, 'email_masked', u.email_masked, 'role', u.role, 'status', u.status, 'created_ms', u.created_ms)
        .sadd(authKeys.users(u.tenant_id), u.user_id);
    }
    for (const k of keys) {
      m.hset(authKeys.apiKey(k.key_id), 'tenant_id', k.tenant_id, 'user_id', k.user_id, 'name', k.name, 'scopes', JSON.stringify(k.scopes),
        'secret_hash', k.secret_hash, 'created_by', k.created_by, 'created_ms', k.created_ms)
        .sadd(authKeys.tenantApiKeys(k.tenant_id), k.key_id);
      if (k.revoked_at) m.hset(authKeys.apiKey(k.key_id), 'revoked_at', k.revoked_at, 'revoked_ms', k.revoked_ms ?? '');
    }
    await m.exec();
    return { tenants: tenants.length, users: users.length, keys: keys.length };
  }
}

export function roleSummary(): { role: Role; description: string; permissions: string[] }[] {
  return (Object.keys(ROLES) as Role[]).map((role) => ({ role, description: ROLES[role].description, permissions: [...ROLES[role].permissions] }));
}
