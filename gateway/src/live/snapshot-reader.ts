// Reads a topic's snapshot with readLiveSnapshot-3.lua: state and the feed position it is
// consistent with, in one atomic step.
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { keys } from '../domain/redis-keys.js';
import { assembleSnapshot, scopeOf, type RawSnapshot, type SnapshotData } from './domain/snapshot.js';
import type { TopicRef } from './domain/topics.js';

const SCRIPT = readFileSync(new URL('./readLiveSnapshot-3.lua', import.meta.url), 'utf8');

/** Feed entries the script looks through at most for recently finished calls. */
const MAX_SCANNED_ENTRIES = 500;

type Flat = string[];
type ScriptReply = [string, [string, Flat][], [string, Flat][], [string, Flat][], [string, string][]];

interface WithSnapshotScript {
  readLiveSnapshot(numKeys: number, ...args: (string | number)[]): Promise<ScriptReply>;
}

export interface Snapshot {
  /** The feed entry id the state is consistent with: deltas after it are news. */
  id: string;
  data: SnapshotData;
}

function record(flat: Flat): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}

export class SnapshotReader {
  constructor(private readonly redis: Redis) {
    if (!('readLiveSnapshot' in redis)) redis.defineCommand('readLiveSnapshot', { lua: SCRIPT });
  }

  async read(tenantId: string, ref: TopicRef): Promise<Snapshot> {
    const scope = scopeOf(ref);
    const reply = await (this.redis as unknown as WithSnapshotScript).readLiveSnapshot(
      3, keys.liveFeed(tenantId), keys.tenantDevices(tenantId), keys.tenantTasks(tenantId),
      keys.device(tenantId, ''), keys.call(tenantId, ''), keys.task(tenantId, ''),
      scope.devices, scope.tasks, scope.call, scope.activeCalls ? '1' : '0', scope.finished, MAX_SCANNED_ENTRIES,
    );
    const [lastId, devices, tasks, calls, recent] = reply;
    const raw: RawSnapshot = {
      lastId,
      devices: devices.map(([id, flat]) => [id, record(flat)]),
      tasks: tasks.map(([id, flat]) => [id, record(flat)]),
      calls: calls.map(([id, flat]) => [id, record(flat)]),
      recent,
    };
    return { id: lastId, data: assembleSnapshot(ref, raw) };
  }
}
