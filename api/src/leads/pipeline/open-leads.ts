// A user's load (spec 000 §五.5 "按负载") is the number of open leads assigned to them. Kept as a
// set of lead ids per user plus a lead → owner hash, synced after every write of a lead (pipeline
// commit, manual assignment, status change): the sync is idempotent and atomic, so a redelivered
// write or a reassignment never counts a lead twice, and a closed lead leaves its owner's set.
import type { ChainableCommander, Redis } from 'ioredis';
import type { LeadStatus } from '../domain/lead.js';

/** A lead stops counting against its owner once it has an outcome. */
const CLOSED: ReadonlySet<LeadStatus> = new Set(['CONVERTED', 'CLOSED', 'DISQUALIFIED']);

export const openLeadKeys = {
  owner: (t: string) => `cunke:lead:owner:${t}`,
  /** Prefix; the user id follows. */
  open: (t: string) => `cunke:lead:open:${t}:`,
};

/** The owner a lead counts against, or '' when it counts against no one. */
export function openOwner(lead: { status: LeadStatus; assigned_to_user_id: string | null }): string {
  return lead.assigned_to_user_id && !CLOSED.has(lead.status) ? lead.assigned_to_user_id : '';
}

/** KEYS: owner hash. ARGV: open-set prefix, lead id, owner ('' = none). Key names are derived in the script: every key is one tenant's, on one Redis. */
const SYNC_LUA = `
local old = redis.call('HGET', KEYS[1], ARGV[2])
if old and old ~= ARGV[3] then redis.call('SREM', ARGV[1] .. old, ARGV[2]) end
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], ARGV[2])
else
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
  redis.call('SADD', ARGV[1] .. ARGV[3], ARGV[2])
end
return 1
`;

type Lead = { tenant_id: string; lead_id: string; status: LeadStatus; assigned_to_user_id: string | null };

/** Queues the sync on a MULTI (pipeline commit) or runs it (after an update). */
export function syncOpenLead(r: Redis | ChainableCommander, lead: Lead): unknown {
  return r.eval(SYNC_LUA, 1, openLeadKeys.owner(lead.tenant_id), openLeadKeys.open(lead.tenant_id), lead.lead_id, openOwner(lead));
}

export async function openLeadCounts(redis: Redis, t: string, userIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (userIds.length === 0) return out;
  const res = await redis.pipeline(userIds.map((u) => ['scard', `${openLeadKeys.open(t)}${u}`])).exec();
  userIds.forEach((u, i) => out.set(u, Number(res?.[i]?.[1] ?? 0)));
  return out;
}
