// Redis reads for the leads list: a page of the tenant's time-ordered set, the leads created
// since a cut-off, and the documents of a list of ids — never the whole tenant.
import type { Redis } from 'ioredis';
import { leadKeys, type StoredLead } from './lead-store.js';

/** Documents of the given leads in the given order; ids without a document are skipped. */
export async function leadsByIds(redis: Redis, t: string, ids: readonly string[]): Promise<StoredLead[]> {
  if (ids.length === 0) return [];
  const res = await redis.pipeline(ids.flatMap((id) => [['hget', leadKeys.lead(t, id), 'doc'], ['get', leadKeys.identityOf(t, id)]])).exec();
  const out: StoredLead[] = [];
  for (let i = 0; i < ids.length; i++) {
    const doc = res?.[i * 2]?.[1];
    const ident = res?.[i * 2 + 1]?.[1];
    if (typeof doc !== 'string') continue;
    const l = JSON.parse(doc) as StoredLead;
    // A later merge may have re-pointed the lead to another identity; the index is the truth.
    out.push(typeof ident === 'string' ? { ...l, identity_id: ident } : l);
  }
  return out;
}

/** A page of the tenant's leads by created_at (ties by id, as ZRANGE orders members) and the tenant's lead count. */
export async function leadTimePage(redis: Redis, t: string, offset: number, size: number, order: 'asc' | 'desc'): Promise<{ leads: StoredLead[]; total: number }> {
  const key = leadKeys.byTime(t);
  const [total, ids] = await Promise.all([
    redis.zcard(key),
    order === 'asc' ? redis.zrange(key, String(offset), String(offset + size - 1)) : redis.zrevrange(key, offset, offset + size - 1),
  ]);
  return { leads: await leadsByIds(redis, t, ids), total };
}

/** Leads created at or after sinceMs (the ones the warehouse writer may not have flushed yet). */
export async function leadsCreatedSince(redis: Redis, t: string, sinceMs: number): Promise<StoredLead[]> {
  const ids = await redis.zrangebyscore(leadKeys.byTime(t), sinceMs, '+inf');
  return leadsByIds(redis, t, ids);
}
