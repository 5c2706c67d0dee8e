// Outbox append throughput: how many durable appends per second one device can make, with
// fdatasync group commit, without fsync, and in memory; and how many appends share one fsync.
//   npx tsx device-agent/bench/outbox-bench.ts [--events N] [--concurrency C]
// Concurrency = appends in flight at once (a device emits events one by one, so 1 is "one
// caller awaiting each append"; 64 is a burst, e.g. a restart replaying or many agents' worth).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openFileOutbox } from '../src/outbox/file-outbox.js';
import { MemoryOutbox } from '../src/outbox/memory-outbox.js';
import type { Outbox } from '../src/outbox/outbox.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '1,16,256' } } });
const total = Number(values.events);
const payload = Buffer.alloc(160, 7); // a typical encoded CallEvent envelope

async function run(outbox: Outbox, concurrency: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < total) {
      next++;
      await outbox.append(() => payload);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return total / ((performance.now() - t0) / 1000);
}

const rows: Record<string, unknown>[] = [];
for (const concurrency of values.concurrency.split(',').map(Number)) {
  for (const kind of ['file+fsync', 'file', 'memory'] as const) {
    const dir = await mkdtemp(join(tmpdir(), 'cunke-outbox-bench-'));
    const outbox = kind === 'memory' ? new MemoryOutbox() : await openFileOutbox({ dir, fsync: kind === 'file+fsync' });
    const perS = await run(outbox, concurrency);
    const rounds = 'syncRounds' in outbox ? (outbox as { syncRounds: number }).syncRounds : NaN;
    rows.push({ kind, concurrency, appendsPerS: Math.round(perS), appendsPerWrite: +(total / rounds).toFixed(1) });
    await outbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
console.table(rows);
