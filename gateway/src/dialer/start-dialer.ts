// Builds a running dialer from the configuration: its Redis and broker connections, the task
// store, metrics on the given registry. The gateway starts it (DIALER_ENABLED); tests and the
// benchmark start it alone.
import { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { TaskStore } from '../../../common/call-tasks/task-store.js';
import type { Config } from '../../../common/config.js';
import type { Logger } from '../../../common/logger.js';
import { piiKeysFromHex } from '../../../common/pii.js';
import { CommandPublisher } from './command-publisher.js';
import { Dialer, type DialerOptions } from './dialer.js';
import { isKnownTimeZone } from './domain/timezones.js';
import { createDialerMetrics, type DialerMetrics } from './metrics.js';

export class DialerConfigError extends Error {
  constructor(readonly setting: string, value: string) {
    super(`${setting}=${value} is not an IANA time zone`);
    this.name = 'DialerConfigError';
  }
}

export interface DialerHandle {
  dialer: Dialer;
  metrics: DialerMetrics;
  stop(): Promise<void>;
  kill(): void;
}

export type DialerOverrides = Partial<Pick<DialerOptions, 'tenants' | 'scheduler' | 'queuePrefix' | 'observer' | 'instanceId' | 'tickMs' | 'reconcileMs' | 'leaseMs' | 'refreshMs'>> & {
  settings?: Partial<DialerOptions['settings']>;
};

export async function startDialer(config: Config, log: Logger, registry: Registry, overrides: DialerOverrides = {}): Promise<DialerHandle> {
  if (!isKnownTimeZone(config.dialerDefaultTimezone)) throw new DialerConfigError('DIALER_DEFAULT_TIMEZONE', config.dialerDefaultTimezone);
  const dlog = log.child({ stage: 'dialer' });
  const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
  const instanceId = overrides.instanceId ?? `${config.gatewayId}-dialer`;
  const storeRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  storeRedis.on('error', (err) => dlog.warn({ err: err.message }, 'task store redis error'));
  await storeRedis.connect();
  const tasks = new TaskStore(storeRedis, pii, { instance: instanceId, log: dlog, defaultRegion: config.phoneDefaultRegion });
  const publisher = new CommandPublisher({
    url: config.mqttUrl, username: config.mqttGatewayUsername, password: config.mqttGatewayPassword, clientId: `${instanceId}-cmd`, log: dlog,
  });
  const metrics = createDialerMetrics(registry);
  const dialer = new Dialer({
    redisUrl: config.redisUrl, instanceId, gatewayId: config.gatewayId, tasks, publisher, pii, metrics, log: dlog,
    tickMs: overrides.tickMs ?? config.dialerTickMs, reconcileMs: overrides.reconcileMs ?? config.dialerReconcileMs,
    leaseMs: overrides.leaseMs ?? config.dialerLeaseMs, refreshMs: overrides.refreshMs, tenants: overrides.tenants, scheduler: overrides.scheduler, queuePrefix: overrides.queuePrefix, observer: overrides.observer,
    settings: {
      ackTimeoutMs: config.dialerAckTimeoutMs, ackGraceMs: 2_000, offlineGraceMs: config.dialerOfflineGraceMs, silentMs: config.dialerSilentMs,
      cooldownMs: config.dialerCooldownS * 1000, defaultTimeZone: config.dialerDefaultTimezone, starvedAfterMs: 60_000, slotTtlMs: 3 * 3600_000,
      ...overrides.settings,
    },
  });
  try {
    await publisher.start();
    await dialer.start();
  } catch (err) {
    publisher.kill();
    dialer.kill();
    storeRedis.disconnect();
    throw err;
  }
  return {
    dialer,
    metrics,
    async stop() {
      await dialer.stop();
      await publisher.stop();
      storeRedis.disconnect();
    },
    kill() {
      dialer.kill();
      publisher.kill();
      storeRedis.disconnect();
    },
  };
}
