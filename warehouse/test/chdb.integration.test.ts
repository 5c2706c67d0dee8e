// The warehouse contract on the embedded backend (always runs: chDB is in-process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { ChdbWarehouse } from '../src/edges/chdb.js';
import { warehouseContract } from './warehouse.contract.js';

// One chDB data directory per process (libchdb binds one path at a time).
const dir = mkdtempSync(join(tmpdir(), 'cunke-chdb-contract-'));
after(() => rmSync(dir, { recursive: true, force: true }));

warehouseContract({
  name: 'chdb',
  open: (database) => new ChdbWarehouse({ path: dir, database }),
  skip: false,
});
