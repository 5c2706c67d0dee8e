// Composition root of the warehouse writer process (STYLE.md #1): loads the configuration,
// opens the warehouse and brings its schema up to date, then drains the device and entity feeds into it
// until SIGTERM/SIGINT, when it flushes what it has read and exits.
// With the embedded backend this process owns the chDB data directory: run exactly one.
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { describeConfig, loadConfig } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { serveMetrics } from '../../common/metrics-server.js';
import { openWarehouse } from './edges/open-warehouse.js';
import { createWriterMetrics } from './metrics.js';
import { migrate } from './migrate.js';
import { startFeedWriters } from './writer/start-writers.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('warehouse-writer', config.logLevel);
  log.info({ config: describeConfig(config) }, 'starting');

  const warehouse = openWarehouse(config);
  const applied = await migrate(warehouse, { log });
  log.info({ applied, backend: warehouse.backend, database: warehouse.database }, 'schema up to date');

  const redis = new Redis(config.redisUrl, { lazyConnect: false });
  const metrics = createWriterMetrics(new Registry(), true);
  const server = await serveMetrics(metrics.registry, config.writerMetricsPort, config.metricsHost);
  // Stable per host (a pod name under k8s): a restarted writer resumes its own pending
  // entries at once instead of waiting for the idle-claim of another consumer.
  const writers = startFeedWriters({ config, redis, warehouse, log, metrics, consumer: `writer-${hostname()}` });

  const shutdown = async (signal: string): Promise<void> => {
    log.info({ signal }, 'stopping: flushing what was read');
    await writers.stop();
    server?.close();
    await redis.quit().catch(() => undefined);
    await warehouse.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));

  await writers.running.catch((err: unknown) => {
    log.fatal({ err }, 'writer failed; unacknowledged entries stay pending for the next run');
    process.exit(1);
  });
}

main().catch((err: unknown) => {
  // Before the logger exists (bad configuration, missing PII keys) stderr is all there is.
  process.stderr.write(`warehouse writer failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
