// The warehouse writer with its own temporary chDB directory, in the calling process: what the
// end-to-end tests and bench:ingest read their results from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { Config } from '../../common/config.js';
import { DEAD_LETTER_STREAM, FEED_GROUP, FEED_STREAM } from '../../common/feed.js';
import { createPhoneProtector, piiKeysFromHex } from '../../common/pii.js';
import { ChdbWarehouse } from '../../warehouse/src/edges/chdb.js';
import { migrate } from '../../warehouse/src/migrate.js';
import { FeedWriter, type FeedWriterOptions } from '../../warehouse/src/writer/feed-writer.js';

export interface EmbeddedWriter {
  warehouse: ChdbWarehouse;
  /** A non-blocking connection to the same Redis, for the caller's own checks. */
  redis: Redis;
  stop(): Promise<void>;
}

export async function startEmbeddedWriter(config: Config, consumer: string, options: Partial<FeedWriterOptions> = {}): Promise<EmbeddedWriter> {
  const chdbDir = mkdtempSync(join(tmpdir(), 'cunke-chdb-'));
  const warehouse = new ChdbWarehouse({ path: chdbDir, database: 'cunke' });
  await migrate(warehouse);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const blockingRedis = redis.duplicate();
  const writer = new FeedWriter(
    {
      redis, blockingRedis, warehouse,
      log: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
      protectPhone: createPhoneProtector(piiKeysFromHex(config.piiHashKey, config.piiEncKey), config.phoneDefaultRegion),
    },
    {
      stream: FEED_STREAM, group: FEED_GROUP, consumer, deadLetterStream: DEAD_LETTER_STREAM, deadLetterMaxLen: 10_000,
      batchMaxRows: config.writerBatchMaxRows, flushIntervalMs: config.writerFlushIntervalMs, ...options,
    },
  );
  const writing = writer.run();
  return {
    warehouse,
    redis,
    async stop() {
      await writer.stop();
      await writing.catch(() => undefined);
      blockingRedis.disconnect();
      redis.disconnect();
      await warehouse.close();
      rmSync(chdbDir, { recursive: true, force: true });
    },
  };
}
