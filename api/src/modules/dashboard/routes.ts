// The supervisor dashboard: static files (api/src/dashboard/public), public to load; the page
// itself asks for an API key or token and talks to the API and the live hub with it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../dashboard/public');

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, { root: ROOT, prefix: '/dashboard/', decorateReply: false, index: ['index.html'] });
  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.redirect('/dashboard/'));
};
