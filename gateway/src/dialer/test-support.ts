// Test and benchmark cleanup (not used by the dialer): the global sets that name tasks outlive
// dropKeys of a namespace, and a stale member makes every dialer look at a task that is gone.
import type { Redis } from 'ioredis';
import { taskKeys } from '../../../common/call-tasks/model.js';
import { dialKeys } from './redis-keys.js';

export async function forgetSetMembers(redis: Redis, ns: string): Promise<void> {
  if (!/[a-z0-9]{6,}/.test(ns)) throw new Error(`refusing to clean set members matching ${ns}: not a test namespace`);
  for (const set of [taskKeys.running(), dialKeys.active()]) {
    const members = (await redis.smembers(set)).filter((m) => m.includes(ns));
    if (members.length > 0) await redis.srem(set, ...members);
  }
}
