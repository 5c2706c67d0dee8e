// Composition root of the warehouse writer process (STYLE.md #1): loads the configuration,
// opens the warehouse and brings its schema up to date, then drains the feed stream into it
// until SIGTERM/SIGINT, when it flushes what it has read and exits.
// With the embedded backend this process owns the chDB data directory: run exactly one.
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { describeConfig, loadConfig } from '../../common/config.js';
import { DEAD_LETTER_STREAM, FEED_GROUP, FEED_STREAM } from '../../common/feed.js';
import { createLogger } from '../../common/logger.js';
import { piiKeysFromHex } from '../../common/pii.js';
import { createPhoneProtector } from '../../common/pii.js';
import { serveMetrics } from '../../common/metrics-server.js';
import { openWarehouse } from './edges/open-warehouse.js';
import { createWriterMetrics } from './metrics.js';
import { migrate } from './migrate.js';
import { FeedWriter } from './writer/feed-writer.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('warehouse-writer', config.logLevel);
  log.info({ config: describeConfig(config) }, 'starting');
  const keys = piiKeysFromHex(config.piiHashKey, config.piiEncKey);

  const warehouse = openWarehouse(config);
  const applied = await migrate(warehouse, { log });
  log.info({ applied, backend: warehouse.backend, database: warehouse.database }, 'schema up to date');

  const redis = new Redis(config.redisUrl, { lazyConnect: false });
  const blockingRedis = redis.duplicate();
  const metrics = createWriterMetrics(new Registry(), true);
  const server = await serveMetrics(metrics.registry, config.writerMetricsPort, config.metricsHost);

  const writer = new FeedWriter(
    { redis, blockingRedis, warehouse, protectPhone: createPhoneProtector(keys, config.phoneDefaultRegion), log, metrics },
    {
      stream: FEED_STREAM,
      group: FEED_GROUP,
      // Stable per host (a pod name under k8s): a restarted writer resumes its own pending
      // entries at once instead of waiting for the idle-claim of another consumer.
      consumer: `writer-${hostname()}`,
      deadLetterStream: DEAD_LETTER_STREAM,
      deadLetterMaxLen: config.deadLetterMaxLen,
      batchMaxRows: config.writerBatchMaxRows,
      flushIntervalMs: config.writerFlushIntervalMs,
    },
  );

  const shutdown = async (signal: string): Promise<void> => {
    log.info({ signal }, 'stopping: flushing what was read');
    await writer.stop();
    server?.close();
    blockingRedis.disconnect();
    await redis.quit().catch(() => undefined);
    await warehouse.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));

  await writer.run().catch((err: unknown) => {
    log.fatal({ err }, 'writer failed; unacknowledged entries stay pending for the next run');
    process.exit(1);
  });
}

main().catch((err: unknown) => {
  // Before the logger exists (bad configuration, missing PII keys) stderr is all there is.
  process.stderr.write(`warehouse writer failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
