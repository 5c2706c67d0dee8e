// GET /health: liveness (the process answers). GET /health/ready: readiness of what requests
// depend on (Redis, broker, warehouse), 503 naming the failing component. Public by design (load
// balancers and orchestrators probe them) and they reveal no configuration.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../../deps.js';

const TIMEOUT_MS = 2000;

async function probe(check: () => Promise<void>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS); })]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (err as Error).message.slice(0, 100) };
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get('/health', { config: { public: true }, schema: { tags: ['health'], summary: 'Liveness' } }, async (_request, reply) =>
    reply.ok({ status: 'UP' }));

  app.get('/health/ready', { config: { public: true }, schema: { tags: ['health'], summary: 'Readiness of Redis, the broker and the warehouse' } }, async (request, reply) => {
    const results = await Promise.all(deps.readiness.map(async (c) => [c.name, await probe(c.check)] as const));
    const components = Object.fromEntries(results.map(([name, r]) => [name, { status: r.ok ? 'UP' : 'DOWN', latencyMs: r.ms, ...(r.error ? { error: r.error } : {}) }]));
    const up = results.every(([, r]) => r.ok);
    return reply.code(up ? 200 : 503).send({ code: up ? 200 : 503, message: up ? 'UP' : 'DOWN', data: { status: up ? 'UP' : 'DOWN', components } });
  });
};
