// Per-route budgets for public ingestion (issue 5 item 1: "rate-limited per key and per source
// IP"): several fixed-window counters checked together in Redis, so every API instance shares
// them. On top of the global per-credential limit (rate-limit.ts), which a single API key behind
// many addresses or many keys behind one address would otherwise each get in full.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { ApiError } from '../errors.js';

export interface RateBucket {
  /** Names the budget in the 429's detail: `ip`, `key`, `scene`. */
  name: string;
  id: string;
  limit: number;
}

/**
 * KEYS: one counter per bucket. ARGV: window ms, then one limit per key. A request over any
 * budget counts against none (a refused flood does not starve the key once the window turns);
 * returns 0 on success or the 1-based index of the full bucket and its remaining ms.
 */
const CHECK_LUA = `
for i = 1, #KEYS do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if n >= tonumber(ARGV[i + 1]) then
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[1]); ttl = tonumber(ARGV[1]) end
    return {i, ttl}
  end
end
for i = 1, #KEYS do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
end
return {0, 0}
`;

export type RateDecision = { ok: true } | { ok: false; bucket: string; retryAfterS: number };

export class PublicRateLimiter {
  constructor(private readonly redis: Redis, private readonly prefix = 'cunke:rl:pub:') {}

  async check(route: string, buckets: readonly RateBucket[], windowS: number): Promise<RateDecision> {
    if (buckets.length === 0) return { ok: true };
    const keys = buckets.map((b) => `${this.prefix}${route}:${b.name}:${b.id}`);
    const [index, ttl] = (await this.redis.eval(CHECK_LUA, keys.length, ...keys, String(windowS * 1000), ...buckets.map((b) => String(b.limit)))) as [number, number];
    if (index === 0) return { ok: true };
    return { ok: false, bucket: buckets[index - 1]!.name, retryAfterS: Math.max(1, Math.ceil(ttl / 1000)) };
  }
}

/** A preHandler enforcing `bucketsOf(request)`: 429 RATE_LIMITED with Retry-After. */
export function publicRateLimit(limiter: PublicRateLimiter, route: string, windowS: number, bucketsOf: (request: FastifyRequest) => RateBucket[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const d = await limiter.check(route, bucketsOf(request), windowS);
    if (d.ok) return;
    reply.header('retry-after', String(d.retryAfterS));
    throw new ApiError('RATE_LIMITED', [], `per-${d.bucket} limit of ${route} reached; retry after ${d.retryAfterS} s`);
  };
}
