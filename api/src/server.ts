// Assembles one API instance from its configuration: Redis, the warehouse (and, when this
// process owns the embedded chDB, its writers), identity, audit, metrics, then the Fastify
// app. main.ts runs it as a process; tests run it in-process.
import { connect } from 'node:net';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { PrincipalResolver } from '../../common/access/resolve-principal.js';
import { tokenSecretFromHex } from '../../common/access/token.js';
import type { Config } from '../../common/config.js';
import type { Logger } from '../../common/logger.js';
import { piiKeysFromHex } from '../../common/pii.js';
import { openWarehouse } from '../../warehouse/src/edges/open-warehouse.js';
import { createWriterMetrics } from '../../warehouse/src/metrics.js';
import { migrate } from '../../warehouse/src/migrate.js';
import type { Warehouse } from '../../warehouse/src/warehouse.js';
import { startFeedWriters, type FeedWriters } from '../../warehouse/src/writer/start-writers.js';
import { buildApp } from './app.js';
import { AuditTrail } from './audit/audit-trail.js';
import { shouldRunAnalysisWorker, startAnalysis } from './analysis/start.js';
import { shouldRunLeadPipeline, startLeadPipeline } from './leads/pipeline/start.js';
import { shouldRunLeadImports, startLeadImports } from './leads/imports/start.js';
import { rebuildCallTasks } from './call-tasks/rebuild.js';
import { TaskScheduler } from './call-tasks/scheduler.js';
import { TaskStore } from '../../common/call-tasks/task-store.js';
import type { ApiDeps, ReadinessCheck } from './deps.js';
import { IdentityStore } from './identity/identity-store.js';
import { createApiMetrics } from './plugins/observability.js';

export interface ApiHandle {
  app: FastifyInstance;
  deps: ApiDeps;
  /** http://host:port the server listens on. */
  url: string;
  writers: FeedWriters | null;
  stop(): Promise<void>;
}

export interface ApiOverrides {
  /** Use this warehouse instead of opening the configured one (tests share one chDB). */
  warehouse?: Warehouse;
  /** Run the feed writers in this process (default: config API_RUN_WRITER). */
  runWriters?: boolean;
  collectDefaultMetrics?: boolean;
}

const reachable = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);

function brokerCheck(mqttUrl: string): () => Promise<void> {
  const u = new URL(mqttUrl);
  return () => new Promise((resolve, reject) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 1883) });
    socket.once('connect', () => { socket.destroy(); resolve(); });
    socket.once('error', (err) => { socket.destroy(); reject(err); });
  });
}

export async function startApi(config: Config, log: Logger, overrides: ApiOverrides = {}): Promise<ApiHandle> {
  const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
  const tokenSecret = tokenSecretFromHex(config.authTokenSecret);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  await redis.connect();

  const ownsWarehouse = !overrides.warehouse;
  const warehouse = overrides.warehouse ?? openWarehouse(config);
  if (ownsWarehouse) await migrate(warehouse, { log });

  const registry = new Registry();
  if (overrides.collectDefaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const metrics = createApiMetrics(registry);
  const runWriters = overrides.runWriters ?? (config.apiRunWriter === 'auto' ? config.warehouseBackend === 'chdb' : config.apiRunWriter === 'true');
  const instance = `api-${hostname()}`;
  const writers = runWriters
    ? startFeedWriters({ config, redis, warehouse, log: log.child({ stage: 'writer' }), metrics: createWriterMetrics(registry), consumer: `writer-${hostname()}` })
    : null;
  writers?.running.catch((err: unknown) => log.fatal({ err }, 'warehouse writer failed; its entries stay pending'));

  const identity = new IdentityStore(redis, pii, instance);
  identity.attachWarehouse(warehouse);
  // Redis is rebuildable (DESIGN.md): an empty identity index with history in the warehouse
  // means Redis lost its data, so the index is restored before the first request.
  let redisLost = false;
  if ((await redis.scard('cunke:auth:tenants')) === 0) {
    const restored = await identity.rebuild(warehouse);
    if (restored.tenants > 0) log.warn(restored, 'identity index was empty: rebuilt from the warehouse');
    redisLost = restored.tenants > 0;
  }

  const host = reachable(config.apiHost);
  const publicUrl = config.apiPublicUrl || `http://${host}:${config.apiPort}`;
  const readiness: ReadinessCheck[] = [
    { name: 'redis', check: async () => { await redis.ping(); } },
    { name: 'broker', check: brokerCheck(config.mqttUrl) },
    { name: 'warehouse', check: async () => { await warehouse.query('SELECT 1 AS ok'); } },
  ];
  const deps: ApiDeps = {
    config, log, redis, warehouse, pii, tokenSecret, registry, metrics, readiness, identity, publicUrl,
    resolver: new PrincipalResolver(redis, tokenSecret),
    audit: new AuditTrail(redis, instance, log.child({ stage: 'audit' }), metrics.auditFailures),
    liveUrl: `ws://${reachable(config.liveHubHost)}:${config.liveHubPort}/live`,
    tasks: new TaskStore(redis, pii, { instance, log: log.child({ stage: 'call-tasks' }), defaultRegion: config.phoneDefaultRegion }),
    scheduler: new TaskScheduler(config.redisUrl),
  };
  // Call tasks were lost with the same Redis: restore them (and their scheduled starts) too.
  if (redisLost) log.warn(await rebuildCallTasks(warehouse, deps.tasks, deps.scheduler), 'call tasks rebuilt from the warehouse');
  const app = await buildApp(deps);
  // Call analysis (issue 4): the BullMQ worker, in this process when it owns the embedded warehouse.
  const analysis = shouldRunAnalysisWorker(config, runWriters) ? startAnalysis(config, { redis, warehouse, log, writer: instance }) : null;
  // Lead pipeline (issue 5): the ingest/signals stream consumer, under the same rule.
  const leadPipeline = shouldRunLeadPipeline(config, runWriters) ? await startLeadPipeline(deps, log) : null;
  // Lead spreadsheet imports (issue 5 item 1): the BullMQ job worker feeding the ingest stream, same rule.
  const leadImports = shouldRunLeadImports(config, runWriters) ? await startLeadImports(deps, log) : null;
  const address = await app.listen({ host: config.apiHost, port: config.apiPort });
  const url = config.apiPort === 0 ? address.replace('0.0.0.0', '127.0.0.1') : `http://${host}:${config.apiPort}`;
  log.info({ url, runWriters }, 'api listening');

  return {
    app, deps, url, writers,
    async stop() {
      await app.close();
      await analysis?.close();
      await leadImports?.close();
      await leadPipeline?.stop();
      await deps.scheduler.close();
      await writers?.stop();
      redis.disconnect();
      if (ownsWarehouse) await warehouse.close();
    },
  };
}
