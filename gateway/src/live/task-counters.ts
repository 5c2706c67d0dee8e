// Task counters for the live feed. They are absolute values read from Redis, not increments
// derived from call deltas: a snapshot can already include a batch whose feed entry is appended
// just after it (ingest appends after the state is written), and an increment applied on top of
// such a snapshot would count twice. Values read after the entries that touched a task are at
// least as new as those entries, so a client that replaces its counters never goes backwards.
import type { Redis } from 'ioredis';
import { keys } from '../domain/redis-keys.js';
import { countedTaskId, type TaskDelta } from './domain/deltas.js';
import type { FeedEntry } from './domain/coalesce.js';
import { taskCounters } from './domain/snapshot.js';

/** Appends to the last entry one task delta per task whose counters these entries changed. */
export async function attachTaskCounters(redis: Redis, tenantId: string, entries: FeedEntry[]): Promise<void> {
  const last = entries[entries.length - 1];
  if (!last) return;
  const taskIds = new Set<string>();
  for (const e of entries) for (const d of e.deltas) {
    const id = countedTaskId(d);
    if (id) taskIds.add(id);
  }
  if (taskIds.size === 0) return;
  const ids = [...taskIds];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hgetall(keys.task(tenantId, id));
  const results = (await pipeline.exec()) ?? [];
  ids.forEach((id, i) => {
    const [err, hash] = results[i] ?? [new Error('no reply'), null];
    if (err || !hash) return;
    const { taskId, ...counters } = taskCounters(id, hash as Record<string, string>);
    const delta: TaskDelta = { t: 'task', taskId, ...counters };
    last.deltas.push(delta);
  });
}
