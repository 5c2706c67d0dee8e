// Lead configuration around scenes (issue 5 items 2 and 6): channels, tag definitions, assignee
// profiles and the assignment dry run. One plugin so app.ts registers it in one line.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../../deps.js';
import { leadConfigStores } from '../../leads/catalog/stores.js';
import { assigneeRoutes } from './assignee-routes.js';
import { catalogRoutes } from './catalog-routes.js';

export const leadConfigRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const stores = leadConfigStores(deps.redis);
  await app.register(catalogRoutes, { deps, stores });
  await app.register(assigneeRoutes, { deps, stores });
};
