// Rate limiting backed by Redis, so every API instance shares one budget per credential (per
// source address for unauthenticated calls). Runs after authentication so the budget is the
// key's, not the NAT's in front of a call center.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { ApiError } from '../errors.js';

export async function installRateLimit(app: FastifyInstance, redis: Redis, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: perMinute,
    timeWindow: 60_000,
    redis,
    nameSpace: 'cunke:rl:',
    keyGenerator: (request) => (request.principal ? `k:${request.principal.keyId}` : `ip:${request.ip}`),
    // Health probes and metrics scrapes are never throttled.
    allowList: (request) => request.routeOptions.config.public === true && !request.url.startsWith('/api/'),
    errorResponseBuilder: () => new ApiError('RATE_LIMITED'),
  });
}
