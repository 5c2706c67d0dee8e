// Executes recordBatch.lua for a micro-batch of ingest plans.
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { IngestPlan } from '../../domain/merge-ops.js';

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
  const argv: (string | Buffer | number)[] = [opts.gatewayId, nowMs, opts.dedupeTtlS, plans.length];
  for (const plan of plans) {
    keyArgs.push(plan.dedupeKey);
    argv.push(plan.kind, Buffer.from(plan.bytes.buffer, plan.bytes.byteOffset, plan.bytes.byteLength), plan.targets.length);
    for (const t of plan.targets) {
      keyArgs.push(t.key);
      argv.push(t.ttlS);
    }
    argv.push(plan.ops.length);
    for (const op of plan.ops) argv.push(op.target + 1, op.op, op.field, op.value);
  }
  const result = await (redis as unknown as WithRecordBatch).recordBatch(keyArgs.length, ...keyArgs, ...argv);
  return result.map((r) => r === 1);
}
