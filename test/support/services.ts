// Connections to the real services the integration tests use. `npm test` starts them through
// deploy/local/stack.sh; their addresses come from the same config as every process.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../common/config.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Gateways in tests run no dialer unless a test asks for one: an unfiltered dialer would drive
  // every RUNNING task in the shared Redis (other suites' tenants included).
  const config = loadConfig(process.env, { logLevel: process.env.LOG_LEVEL ?? 'warn', dialerEnabled: false, ...overrides });
  // The URLs (from the stack's stack.env) are what runs; keep the port settings in line with
  // them for the deploy helpers that address the broker by port.
  return {
    ...config,
    mqttPort: Number(new URL(config.mqttUrl).port) || config.mqttPort,
    redisPort: Number(new URL(config.redisUrl).port) || config.redisPort,
  };
}

/**
 * The test stack's Redis URL with a database of its own (1–15). Every API test process runs
 * warehouse writers on the same feed streams and consumer group; a file that asserts on rows in
 * its own chDB uses this so that test files run side by side cannot take each other's entries.
 */
export function isolatedRedisUrl(config = testConfig()): string {
  const url = new URL(config.redisUrl);
  url.pathname = `/${1 + Math.floor(Math.random() * 15)}`;
  return url.toString();
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
