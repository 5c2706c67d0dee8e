// The warehouse writer with its own temporary chDB directory, in the calling process: what the
// end-to-end tests and bench:ingest read their results from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { Config } from '../../common/config.js';
import { ChdbWarehouse } from '../../warehouse/src/edges/chdb.js';
import { migrate } from '../../warehouse/src/migrate.js';
import type { FeedWriterOptions } from '../../warehouse/src/writer/feed-writer.js';
import { startFeedWriters } from '../../warehouse/src/writer/start-writers.js';

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
  // The same wiring as the writer process and the embedded API: device and entity feeds.
  const writers = startFeedWriters({
    config, redis, warehouse, consumer, device: options,
    log: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
  });
  return {
    warehouse,
    redis,
    async stop() {
      await writers.stop();
      redis.disconnect();
      await warehouse.close();
      rmSync(chdbDir, { recursive: true, force: true });
    },
  };
}
