// Assembles one gateway instance from its configuration. main.ts runs it as a process; tests
// run it in-process. The only place (with main.ts) that constructs I/O clients.
import { Redis } from 'ioredis';
import uWS from 'uWebSockets.js';
import { PrincipalResolver } from '../../common/access/resolve-principal.js';
import { tokenSecretFromHex } from '../../common/access/token.js';
import type { Config } from '../../common/config.js';
import type { Logger } from '../../common/logger.js';
import { createPhoneProtector, piiKeysFromHex } from '../../common/pii.js';
import { serveMetrics } from '../../common/metrics-server.js';
import { startDialer, type DialerHandle } from './dialer/start-dialer.js';
import { startSipIngress } from './sip/start-sip.js';
import { IngestSubscriber } from './edges/mqtt/ingest-subscriber.js';
import { LiveFeedPublisher } from './live/feed-publisher.js';
import { LiveHub } from './live/hub.js';
import { closeListener, listen } from './live/listen.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { Ingest, type IngestOptions, type Recorded } from './pipeline/ingest.js';
import { UploadIssuer } from './recordings/upload-issuer.js';
import { recordingKeysFrom } from '../../common/recordings/signed-url.js';

export interface GatewayHandle {
  ingest: Ingest;
  metrics: GatewayMetrics;
  redis: Redis;
  /** The live hub's port when it runs (LIVE_HUB_PORT != 0), else null. */
  livePort: number | null;
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
  /** How often the live hub re-checks open connections' credentials (tests). */
  liveRevalidateMs?: number;
  /** false: no live hub whatever LIVE_HUB_PORT says (e.g. `--retire`, which must not take the port). */
  liveHub?: boolean;
  /** false: no dialer whatever DIALER_ENABLED says (`--retire`, tests of ingest alone). */
  dialer?: boolean;
}

interface LiveRuntime {
  hub: LiveHub;
  port: number;
  close(): void;
}

/** The live hub on its own Redis connections (one blocking for the feed reads). */
async function startLive(config: Config, log: Logger, metrics: GatewayMetrics, overrides: GatewayOverrides): Promise<LiveRuntime> {
  const tokenSecret = tokenSecretFromHex(config.authTokenSecret);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  const blockingRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  for (const r of [redis, blockingRedis]) r.on('error', (err) => log.warn({ err: err.message }, 'live redis error'));
  await Promise.all([redis.connect(), blockingRedis.connect()]);
  const app = uWS.App();
  const hub = new LiveHub({
    app, redis, blockingRedis, metrics, tokenSecret,
    resolver: new PrincipalResolver(redis, tokenSecret),
    log: log.child({ stage: 'live' }),
    tickMs: config.liveTickMs,
    maxBufferedBytes: config.liveMaxBufferedBytes,
    revalidateMs: overrides.liveRevalidateMs,
  });
  await hub.start();
  let listener;
  try {
    listener = await listen(app, config.liveHubHost, config.liveHubPort);
  } catch (err) {
    await hub.stop();
    redis.disconnect();
    blockingRedis.disconnect();
    throw err;
  }
  const { socket, port } = listener;
  return {
    hub,
    port,
    close() {
      closeListener(socket);
      redis.disconnect();
      blockingRedis.disconnect();
    },
  };
}

export async function startGateway(config: Config, log: Logger, overrides: GatewayOverrides = {}): Promise<GatewayHandle> {
  const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
  const metrics = createGatewayMetrics(undefined, overrides.collectDefaultMetrics ?? true);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: false, lazyConnect: true });
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  await redis.connect();

  const protectPhone = createPhoneProtector(pii, config.phoneDefaultRegion);
  // The feed's source runs on every instance, hub or not: any instance's hub reads every feed.
  const liveFeed = new LiveFeedPublisher({ redis, gatewayId: config.gatewayId, protectPhone, metrics, log: log.child({ stage: 'live-feed' }) });
  // UploadRecording commands for newly recorded RecordingReady steps (issue 4 recordings).
  const apiHost = config.apiHost === '0.0.0.0' || config.apiHost === '::' ? '127.0.0.1' : config.apiHost;
  const uploads = new UploadIssuer({
    mqttUrl: config.mqttUrl, username: config.mqttGatewayUsername, password: config.mqttGatewayPassword, gatewayId: config.gatewayId,
    baseUrl: config.recordingUploadBaseUrl || config.apiPublicUrl || `http://${apiHost}:${config.apiPort}`,
    ttlS: config.recordingUploadTtlS, key: recordingKeysFrom(tokenSecretFromHex(config.authTokenSecret)).upload,
    log: log.child({ stage: 'recordings' }),
  });
  const ingest = new Ingest({
    gatewayId: config.gatewayId,
    redis,
    log: log.child({ stage: 'ingest' }),
    metrics,
    protectPhone,
    dedupeTtlS: config.dedupeTtlS,
    callStateTtlS: config.callStateTtlS,
    batchMax: config.gatewayBatchMax,
    batchWaitMs: config.gatewayBatchWaitMs,
    deadLetterMaxLen: config.deadLetterMaxLen,
    feedStream: overrides.feedStream,
    deadLetterStream: overrides.deadLetterStream,
    onRecorded: (recorded: Recorded[]) => {
      liveFeed.onRecorded(recorded);
      uploads.onRecorded(recorded);
      overrides.onRecorded?.(recorded);
    },
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
  const live = config.liveHubPort === 0 || overrides.liveHub === false ? null
    : await startLive(config, log, metrics, overrides).catch((err: unknown) => {
      redis.disconnect();
      throw err;
    });
  uploads.start();
  await subscriber.start();
  const dialer: DialerHandle | null = config.dialerEnabled && overrides.dialer !== false
    ? await startDialer(config, log, metrics.registry)
    : null;
  const sipIngress = await startSipIngress(config, log, pii, metrics.registry);
  metrics.ready.set(1);
  const metricsServer = await serveMetrics(metrics.registry, config.gatewayMetricsPort, config.metricsHost);
  log.info({ gatewayId: config.gatewayId, metricsPort: config.gatewayMetricsPort, livePort: live?.port ?? null }, 'gateway started');

  const stopLive = async () => {
    if (!live) return;
    await live.hub.stop();
    live.close();
  };
  return {
    ingest,
    metrics,
    redis,
    livePort: live?.port ?? null,
    async stop() {
      await sipIngress?.stop();
      await dialer?.stop();
      await stopLive();
      await Promise.race([ingest.drain(), new Promise((r) => setTimeout(r, 10_000))]);
      ingest.stop();
      await subscriber.stop();
      await uploads.stop();
      metricsServer?.close();
      redis.disconnect();
      log.info('gateway stopped');
    },
    async retire() {
      await sipIngress?.stop();
      await stopLive();
      await subscriber.retire();
      await ingest.drain();
      ingest.stop();
      await uploads.stop();
      await subscriber.endSessions();
      metricsServer?.close();
      redis.disconnect();
      log.info('gateway retired: broker sessions deleted');
    },
    kill() {
      void sipIngress?.stop();
      dialer?.kill();
      live?.hub.kill();
      live?.close();
      ingest.stop();
      subscriber.kill();
      uploads.kill();
      metricsServer?.close();
      redis.disconnect();
    },
  };
}
