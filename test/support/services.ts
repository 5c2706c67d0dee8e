// Connections to the real services the integration tests use. `npm test` starts them through
// deploy/local/stack.sh; their addresses come from the same config as every process.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../common/config.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  const config = loadConfig(process.env, { logLevel: process.env.LOG_LEVEL ?? 'warn', ...overrides });
  // The URLs (from the stack's stack.env) are what runs; keep the port settings in line with
  // them for the deploy helpers that address the broker by port.
  return {
    ...config,
    mqttPort: Number(new URL(config.mqttUrl).port) || config.mqttPort,
    redisPort: Number(new URL(config.redisUrl).port) || config.redisPort,
  };
}

/** A short random namespace so parallel test files never share keys or streams. */
export function namespace(prefix = 't'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

export async function connectRedis(config = testConfig()): Promise<Redis> {
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await redis.connect();
  return redis;
}

/** Deletes the keys of one test namespace; refuses patterns that could touch other data. */
export async function dropKeys(redis: Redis, pattern: string): Promise<void> {
  if (!/[a-z0-9]{6,}/.test(pattern)) throw new Error(`refusing to delete keys matching ${pattern}: not a test namespace`);
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (found.length > 0) await redis.unlink(...found);
  } while (cursor !== '0');
}
