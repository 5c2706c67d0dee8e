// Executes recordBatch.lua for a micro-batch of ingest plans.
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { Packr } from 'msgpackr';
import type { IngestPlan } from '../../domain/merge-ops.js';

// Plain MessagePack (no msgpackr record extension), which Redis's Lua cmsgpack reads.
const packer = new Packr({ useRecords: false, variableMapSize: true });

const SCRIPT = readFileSync(new URL('./recordBatch.lua', import.meta.url), 'utf8');

/** ioredis adds a method per defineCommand; this is its shape for our script. */
interface WithRecordBatch {
  recordBatch(numKeys: number, ...args: (string | Buffer | number)[]): Promise<number[]>;
}

export function defineRecordBatch(redis: Redis): void {
  if (!('recordBatch' in redis)) redis.defineCommand('recordBatch', { lua: SCRIPT });
}

export interface RecordBatchOptions {
  stream: string;
  gatewayId: string;
  dedupeTtlS: number;
}

/** Records the plans; resolves to one boolean per plan, true when it was new (not a duplicate). */
export async function recordBatch(redis: Redis, plans: readonly IngestPlan[], opts: RecordBatchOptions, nowMs: number): Promise<boolean[]> {
  if (plans.length === 0) return [];
  const keyArgs: string[] = [opts.stream];
  const items: unknown[] = [];
  for (const plan of plans) {
    keyArgs.push(plan.dedupeKey);
    const targets = plan.targets.map((t) => {
      keyArgs.push(t.key);
      return [t.ttlS, t.ops];
    });
    items.push([plan.kind, plan.dedupeField, targets]);
  }
  const bytes = plans.map((p) => Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength));
  const argv = [opts.gatewayId, nowMs, opts.dedupeTtlS, packer.pack(items), ...bytes];
  const result = await (redis as unknown as WithRecordBatch).recordBatch(keyArgs.length, ...keyArgs, ...argv);
  return result.map((r) => r === 1);
}
