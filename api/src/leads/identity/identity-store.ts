// Redis side of the operator's OneID actions and of the review queue. Manual links and
// separations live in one hash per tenant (id → JSON) with a per-record set of action ids, so the
// pipeline loads only the actions that mention its candidate records. Review items: a sorted set
// of pending ids per tenant (score = time raised), the items in a hash, and a per-record set so a
// lead's identity view can list the reviews about its members.
import type { Redis } from 'ioredis';
import { hashPii, type PiiKeys } from '../../../../common/pii.js';
import type { OneIdOptions, ResolveDecision } from '../domain/oneid.js';
import { actionRecordIds, optionsTouching, reviewsOf, type IdentityReview, type StoredAction } from './identity-decisions.js';

export const oneIdKeys = {
  actions: (t: string) => `cunke:lead:oneid:actions:${t}`,
  actionsOf: (t: string, rec: string) => `cunke:lead:oneid:rec:${t}:${rec}`,
  lock: (t: string) => `cunke:lead:oneid:lock:${t}`,
  /** INCR'd by every operator action, so a pipeline worker can tell that one happened while it worked. */
  epoch: (t: string) => `cunke:lead:oneid:epoch:${t}`,
  pending: (t: string) => `cunke:lead:reviews:${t}`,
  reviews: (t: string) => `cunke:lead:review:${t}`,
  reviewsOf: (t: string, rec: string) => `cunke:lead:reviews:rec:${t}:${rec}`,
};

export class IdentityLockedError extends Error {
  constructor(readonly tenantId: string) {
    super(`another identity operation is running for tenant ${tenantId}`);
    this.name = 'IdentityLockedError';
  }
}

/** The stored actions that mention any of `ids` (stale ids of removed actions are skipped). */
export async function loadActions(redis: Redis, t: string, ids: readonly string[]): Promise<StoredAction[]> {
  if (ids.length === 0) return [];
  const actionIds = await redis.sunion(...ids.map((id) => oneIdKeys.actionsOf(t, id)));
  if (actionIds.length === 0) return [];
  const raw = await redis.hmget(oneIdKeys.actions(t), ...actionIds);
  return raw.filter((x): x is string => !!x).map((x) => JSON.parse(x) as StoredAction);
}

/** The pipeline's loader: manual links and separations relevant to a new lead and its candidates. */
export async function loadOneIdOptions(redis: Redis, t: string, ids: readonly string[]): Promise<Pick<OneIdOptions, 'manualLinks' | 'separations'>> {
  const actions = await loadActions(redis, t, ids);
  return actions.length ? optionsTouching(actions, new Set(ids)) : {};
}

export class OneIdRaceError extends Error {
  constructor(readonly tenantId: string) {
    super(`an operator changed identities of tenant ${tenantId} while this lead was resolved; the entry is retried`);
    this.name = 'OneIdRaceError';
  }
}

/**
 * What the pipeline worker uses around OneID: the operator's manual links and separations for
 * its candidates, and a check before its commit that no operator action landed since it read the
 * candidates (that commit would re-point members by stale options and drop members the action
 * added). The check throws; the worker leaves the entry pending and it is processed again.
 */
export class PipelineOneId {
  private constructor(private readonly redis: Redis, private readonly t: string, private readonly epoch: string | null) {}

  /** Call before reading the candidates. */
  static async open(redis: Redis, t: string): Promise<PipelineOneId> {
    return new PipelineOneId(redis, t, await redis.get(oneIdKeys.epoch(t)));
  }

  /** The epoch was read atomically with the candidates (LeadStore.preload), which is "before" them. */
  static at(redis: Redis, t: string, epoch: string | null): PipelineOneId {
    return new PipelineOneId(redis, t, epoch);
  }

  options(ids: readonly string[]): Promise<Pick<OneIdOptions, 'manualLinks' | 'separations'>> {
    return loadOneIdOptions(this.redis, this.t, ids);
  }

  /**
   * As options(ids), from actions already read for `readFor`; when those are not exactly `ids`
   * (a sealed record whose record_id is not its key), read them again rather than guess.
   */
  optionsPreloaded(ids: readonly string[], readFor: readonly string[], actions: readonly string[]): Promise<Pick<OneIdOptions, 'manualLinks' | 'separations'>> {
    if (ids.length !== readFor.length || ids.some((id, i) => id !== readFor[i])) return this.options(ids);
    const parsed = actions.map((x) => JSON.parse(x) as StoredAction);
    return Promise.resolve(parsed.length ? optionsTouching(parsed, new Set(ids)) : {});
  }

  /** Call right before the commit. */
  async check(): Promise<void> {
    if ((await this.redis.get(oneIdKeys.epoch(this.t))) !== this.epoch) throw new OneIdRaceError(this.t);
  }
}

/** MULTI steps that store an action (and index it under each record it names). */
export function queueAction(m: ReturnType<Redis['multi']>, t: string, a: StoredAction): void {
  m.hset(oneIdKeys.actions(t), a.id, JSON.stringify(a));
  for (const id of new Set(actionRecordIds(a))) m.sadd(oneIdKeys.actionsOf(t, id), a.id);
}

/**
 * Puts a resolved lead's suggestions and unique-identifier conflicts in the review queue.
 * Idempotent (deterministic ids, ZADD NX), so a redelivered entry adds nothing; a pair an
 * operator already decided keeps its decision.
 */
export async function recordIdentityReviews(redis: Redis, pii: PiiKeys, t: string, leadId: string, d: ResolveDecision | null, opts: OneIdOptions, now: number): Promise<number> {
  if (!d) return 0;
  const items = reviewsOf(leadId, d, opts.separations ?? [], (kind, value) => hashPii(pii, `${kind}:${value}`), now);
  if (items.length === 0) return 0;
  const m = redis.multi();
  for (const r of items) {
    m.hsetnx(oneIdKeys.reviews(t), r.review_id, JSON.stringify(r));
    m.sadd(oneIdKeys.reviewsOf(t, r.record_a), r.review_id);
    m.sadd(oneIdKeys.reviewsOf(t, r.record_b), r.review_id);
  }
  const res = await m.exec();
  // Only items new to the hash are pending: a decided pair raised again stays decided.
  const fresh = items.filter((_, i) => res?.[i * 3]?.[1] === 1);
  if (fresh.length) await redis.zadd(oneIdKeys.pending(t), 'NX', ...fresh.flatMap((r) => [String(r.at), r.review_id]));
  return fresh.length;
}

export async function getReview(redis: Redis, t: string, id: string): Promise<IdentityReview | null> {
  const raw = await redis.hget(oneIdKeys.reviews(t), id);
  return raw ? (JSON.parse(raw) as IdentityReview) : null;
}

export async function pendingReviews(redis: Redis, t: string, page: number, size: number): Promise<{ items: IdentityReview[]; total: number }> {
  const [total, ids] = await Promise.all([redis.zcard(oneIdKeys.pending(t)), redis.zrevrange(oneIdKeys.pending(t), (page - 1) * size, page * size - 1)]);
  if (ids.length === 0) return { items: [], total };
  const raw = await redis.hmget(oneIdKeys.reviews(t), ...ids);
  return { items: raw.filter((x): x is string => !!x).map((x) => JSON.parse(x) as IdentityReview), total };
}

/** Pending reviews that mention any of the records. */
export async function reviewsAbout(redis: Redis, t: string, ids: readonly string[]): Promise<IdentityReview[]> {
  if (ids.length === 0) return [];
  const rids = await redis.sunion(...ids.map((id) => oneIdKeys.reviewsOf(t, id)));
  if (rids.length === 0) return [];
  const raw = await redis.hmget(oneIdKeys.reviews(t), ...rids);
  return raw.filter((x): x is string => !!x).map((x) => JSON.parse(x) as IdentityReview).filter((r) => r.status === 'pending');
}

export function queueReviewDecision(m: ReturnType<Redis['multi']>, t: string, r: IdentityReview): void {
  m.hset(oneIdKeys.reviews(t), r.review_id, JSON.stringify(r));
  m.zrem(oneIdKeys.pending(t), r.review_id);
}

const UNLOCK_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * One identity operation per tenant at a time (merges and unmerges read several identities and
 * rewrite them; two at once could each re-point the other's members). The TTL frees the lock if
 * a process dies; waiting is bounded so a request fails with a clear 409 instead of hanging.
 */
export async function withTenantLock<T>(redis: Redis, t: string, token: string, fn: () => Promise<T>, waitMs = 3000, ttlMs = 15_000): Promise<T> {
  const end = Date.now() + waitMs;
  while ((await redis.set(oneIdKeys.lock(t), token, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (Date.now() > end) throw new IdentityLockedError(t);
    await new Promise((r) => setTimeout(r, 25));
  }
  try {
    return await fn();
  } finally {
    await redis.eval(UNLOCK_LUA, 1, oneIdKeys.lock(t), token);
  }
}
