// Request ids, request logging without PII, and Prometheus metrics for the API.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';

const SENSITIVE_QUERY = /^(phone|phonenumber|phone_number|mobile|email|token|key|apikey|api_key|secret|password|callerid)$/i;

/** The URL as logged: query values of personal or secret parameters replaced. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of [...params.keys()]) if (SENSITIVE_QUERY.test(name)) params.set(name, '[redacted]');
  return `${url.slice(0, q)}?${params.toString()}`;
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{8,128}$/;

/** Honours a caller's X-Request-Id (for tracing across systems) when it is well-formed. */
export function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export const requestSerializers = {
  req: (req: FastifyRequest) => ({ method: req.method, url: loggableUrl(req.url), remoteAddress: req.ip }),
};

export interface ApiMetrics {
  requests: Counter<'route' | 'method' | 'status'>;
  duration: Histogram<'route' | 'method'>;
  auditFailures: Counter;
}

export function createApiMetrics(registry: Registry): ApiMetrics {
  const registers = [registry];
  return {
    requests: new Counter({ name: 'cunke_api_requests_total', help: 'API requests by route template, method and status.', labelNames: ['route', 'method', 'status'], registers }),
    duration: new Histogram({
      name: 'cunke_api_request_seconds', help: 'API request duration by route template.', labelNames: ['route', 'method'], registers,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
    auditFailures: new Counter({ name: 'cunke_api_audit_failures_total', help: 'Audit rows that could not be appended to the entity feed.', registers }),
  };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function installObservability(app: FastifyInstance, registry: Registry, metrics: ApiMetrics, allowRemoteMetrics: boolean): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    // Route templates, never raw URLs: bounded label cardinality and no ids or numbers in metrics.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ route, method: request.method, status: String(reply.statusCode) });
    metrics.duration.observe({ route, method: request.method }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!allowRemoteMetrics && !LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      return reply.code(404).send({ code: 404, message: 'not found', errorCode: 'NOT_FOUND', data: null });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
