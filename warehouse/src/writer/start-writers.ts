// The two feeds a warehouse-owning process drains: device events (from the gateway) and entity
// rows (audit log, tenants, users, keys from the API and admin CLIs). One place that wires them
// so the writer process, the API in embedded mode and the tests run the same thing.
import type { Redis } from 'ioredis';
import type { Config } from '../../../common/config.js';
import { DEAD_LETTER_STREAM, ENTITY_STREAM, FEED_GROUP, FEED_STREAM } from '../../../common/feed.js';
import type { Logger } from '../../../common/logger.js';
import { createPhoneProtector, piiKeysFromHex } from '../../../common/pii.js';
import { createWriterMetrics, type WriterMetrics } from '../metrics.js';
import type { Warehouse } from '../warehouse.js';
import { FeedWriter, type FeedWriterOptions } from './feed-writer.js';

export interface FeedWriters {
  device: FeedWriter;
  entity: FeedWriter;
  /** Settles when both loops end; rejects when either fails (entries then stay pending). */
  running: Promise<void>;
  stop(): Promise<void>;
}

export interface StartWritersOptions {
  config: Config;
  redis: Redis;
  warehouse: Warehouse;
  log: Logger;
  /** Consumer name in both groups; stable per host so a restart resumes its own pending entries. */
  consumer: string;
  metrics?: WriterMetrics;
  /** Stream names and tuning overrides (tests use their own streams). */
  device?: Partial<FeedWriterOptions>;
  entity?: Partial<FeedWriterOptions>;
}

export function startFeedWriters(o: StartWritersOptions): FeedWriters {
  const metrics = o.metrics ?? createWriterMetrics();
  const protectPhone = createPhoneProtector(piiKeysFromHex(o.config.piiHashKey, o.config.piiEncKey), o.config.phoneDefaultRegion);
  const base = {
    group: FEED_GROUP,
    consumer: o.consumer,
    deadLetterStream: DEAD_LETTER_STREAM,
    deadLetterMaxLen: o.config.deadLetterMaxLen,
    batchMaxRows: o.config.writerBatchMaxRows,
    flushIntervalMs: o.config.writerFlushIntervalMs,
  };
  const blocking: Redis[] = [];
  const make = (stream: string, overrides: Partial<FeedWriterOptions> = {}) => {
    // Each writer blocks on its own connection; the non-blocking one is shared.
    const blockingRedis = o.redis.duplicate();
    blocking.push(blockingRedis);
    return new FeedWriter(
      { redis: o.redis, blockingRedis, warehouse: o.warehouse, protectPhone, log: o.log, metrics },
      { ...base, stream, ...overrides },
    );
  };
  const device = make(FEED_STREAM, o.device);
  // Entity rows are few and someone is usually waiting to read them back (an audit query, a
  // key list after a rebuild): a short flush interval costs nothing here.
  const entity = make(ENTITY_STREAM, { flushIntervalMs: Math.min(200, o.config.writerFlushIntervalMs), ...o.entity });
  const running = Promise.all([device.run(), entity.run()]).then(() => undefined);
  return {
    device,
    entity,
    running,
    async stop() {
      await Promise.all([device.stop(), entity.stop()]);
      await running.catch(() => undefined);
      for (const r of blocking) r.disconnect();
    },
  };
}
