// Runs the shared Outbox contract against every implementation.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openFileOutbox } from './file-outbox.js';
import { MemoryOutbox } from './memory-outbox.js';
import { runOutboxContract } from './outbox-contract.js';

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cunke-outbox-'));
  dirs.push(dir);
  return dir;
}

runOutboxContract('MemoryOutbox', { open: async () => new MemoryOutbox() });

for (const fsync of [true, false]) {
  const opened = new WeakMap<object, string>();
  runOutboxContract(`FileOutbox (fsync ${fsync})`, {
    async open() {
      const dir = await freshDir();
      // Tiny segments so rolling and segment deletion run inside the contract too.
      const outbox = await openFileOutbox({ dir, fsync, segmentMaxBytes: 256 });
      opened.set(outbox, dir);
      return outbox;
    },
    async reopen(outbox) {
      const dir = opened.get(outbox);
      if (!dir) throw new Error('unknown outbox');
      await outbox.close();
      const next = await openFileOutbox({ dir, fsync, segmentMaxBytes: 256 });
      opened.set(next, dir);
      return next;
    },
  });
}
