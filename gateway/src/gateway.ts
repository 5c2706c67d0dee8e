// Assembles one gateway instance from its configuration. main.ts runs it as a process; tests
// run it in-process. The only place (with main.ts) that constructs I/O clients.
import { Redis } from 'ioredis';
import type { Config } from '../../common/config.js';
import type { Logger } from '../../common/logger.js';
import { createPhoneProtector, piiKeysFromHex } from '../../common/pii.js';
import { serveMetrics } from '../../common/metrics-server.js';
import { IngestSubscriber } from './edges/mqtt/ingest-subscriber.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { Ingest, type IngestOptions } from './pipeline/ingest.js';

export interface GatewayHandle {
  ingest: Ingest;
  metrics: GatewayMetrics;
  redis: Redis;
  /** Graceful: stop taking messages, make everything received durable, close. */
  stop(): Promise<void>;
  /** Abrupt, as a crash: connections dropped, nothing flushed (tests). */
  kill(): void;
  /** Leaves the share group for good: drains what the broker queued for it, deletes its sessions. */
  retire(): Promise<void>;
}

export interface GatewayOverrides {
  feedStream?: string;
  deadLetterStream?: string;
  collectDefaultMetrics?: boolean;
  onRecorded?: IngestOptions['onRecorded'];
}

export async function startGateway(config: Config, log: Logger, overrides: GatewayOverrides = {}): Promise<GatewayHandle> {
  const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
  const metrics = createGatewayMetrics(undefined, overrides.collectDefaultMetrics ?? true);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: false, lazyConnect: true });
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  await redis.connect();

  const ingest = new Ingest({
    gatewayId: config.gatewayId,
    redis,
    log: log.child({ stage: 'ingest' }),
    metrics,
    protectPhone: createPhoneProtector(pii, config.phoneDefaultRegion),
    dedupeTtlS: config.dedupeTtlS,
    callStateTtlS: config.callStateTtlS,
    batchMax: config.gatewayBatchMax,
    batchWaitMs: config.gatewayBatchWaitMs,
    deadLetterMaxLen: config.deadLetterMaxLen,
    feedStream: overrides.feedStream,
    deadLetterStream: overrides.deadLetterStream,
    onRecorded: overrides.onRecorded,
  });
  const subscriber = new IngestSubscriber({
    url: config.mqttUrl,
    username: config.mqttGatewayUsername,
    password: config.mqttGatewayPassword,
    gatewayId: config.gatewayId,
    shareGroup: config.gatewayShareGroup,
    connections: config.gatewayMqttConnections,
    sessionExpiryS: config.gatewaySessionExpiryS,
    log: log.child({ stage: 'mqtt' }),
    metrics,
    handle: (topic, payload, done) => ingest.handle(topic, payload, done),
  });
  await subscriber.start();
  metrics.ready.set(1);
  const metricsServer = await serveMetrics(metrics.registry, config.gatewayMetricsPort, config.metricsHost);
  log.info({ gatewayId: config.gatewayId, metricsPort: config.gatewayMetricsPort }, 'gateway started');

  return {
    ingest,
    metrics,
    redis,
    async stop() {
      await Promise.race([ingest.drain(), new Promise((r) => setTimeout(r, 10_000))]);
      ingest.stop();
      await subscriber.stop();
      metricsServer?.close();
      redis.disconnect();
      log.info('gateway stopped');
    },
    async retire() {
      await subscriber.retire();
      await ingest.drain();
      ingest.stop();
      await subscriber.endSessions();
      metricsServer?.close();
      redis.disconnect();
      log.info('gateway retired: broker sessions deleted');
    },
    kill() {
      ingest.stop();
      subscriber.kill();
      metricsServer?.close();
      redis.disconnect();
    },
  };
}
