// Idempotency-Key on creates (POST routes that declare `config.idempotency`): the first request
// with a key runs and its response is kept for 24 h; a retry with the same key and the same
// request gets that response again (header Idempotent-Replayed: true) instead of a second
// create; the same key on a different request is a 422; a retry while the first is still
// running is a 409. 5xx responses are not kept, so the client can retry them. A route can
// redact what is kept (an API key's secret is shown once, never replayed).
// Keys are scoped by tenant and credential: two clients never collide on a key.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { ApiError, invalidField } from '../errors.js';

const TTL_S = 24 * 3600;
const IN_FLIGHT_TTL_S = 60;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

interface Stored {
  fingerprint: string;
  status?: number;
  body?: string;
}

function fingerprint(request: FastifyRequest): string {
  return createHash('sha256').update(request.method).update('\0').update(request.url).update('\0').update(JSON.stringify(request.body ?? null)).digest('hex');
}

export function installIdempotency(app: FastifyInstance, redis: Redis): void {
  app.addHook('preHandler', async (request, reply) => {
    const spec = request.routeOptions.config.idempotency;
    const header = request.headers['idempotency-key'];
    if (!spec || header === undefined || !request.principal) return;
    const key = Array.isArray(header) ? header[0] ?? '' : header;
    if (!KEY_PATTERN.test(key)) throw invalidField('headers.idempotency-key', 'pattern', 'must be 8-128 characters of A-Z a-z 0-9 _ . : -');
    const redisKey = `cunke:idem:${request.principal.tenantId}:${request.principal.keyId}:${key}`;
    const fp = fingerprint(request);
    const claimed = await redis.set(redisKey, JSON.stringify({ fingerprint: fp } satisfies Stored), 'EX', IN_FLIGHT_TTL_S, 'NX');
    if (claimed === 'OK') {
      (request as FastifyRequest & { idemKey?: string }).idemKey = redisKey;
      return;
    }
    const raw = await redis.get(redisKey);
    const stored = raw ? (JSON.parse(raw) as Stored) : null;
    if (!stored) throw new ApiError('IDEMPOTENCY_IN_PROGRESS'); // expired between the two calls: let the client retry
    if (stored.fingerprint !== fp) throw new ApiError('IDEMPOTENCY_KEY_REUSED', [{ field: 'headers.idempotency-key', rule: 'idempotency', message: 'already used for a different request' }]);
    if (stored.status === undefined || stored.body === undefined) throw new ApiError('IDEMPOTENCY_IN_PROGRESS');
    return replay(reply, stored.status, stored.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const redisKey = (request as FastifyRequest & { idemKey?: string }).idemKey;
    if (!redisKey) return payload;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await redis.del(redisKey);
    } else {
      // Redacted before it is kept, not when replayed: a one-time secret never sits in Redis.
      const redact = request.routeOptions.config.idempotency?.redactReplay;
      const body = redact ? JSON.stringify(redact(JSON.parse(payload))) : payload;
      await redis.set(redisKey, JSON.stringify({ fingerprint: fingerprint(request), status: reply.statusCode, body } satisfies Stored), 'EX', TTL_S);
    }
    return payload;
  });
}

function replay(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('idempotent-replayed', 'true').type('application/json; charset=utf-8').send(body);
}
