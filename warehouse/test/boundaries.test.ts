// Import boundary (STYLE.md #2): domain/ is pure — no I/O client, no environment, no clock —
// so it stays unit-testable in microseconds and usable from the gateway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DOMAIN = new URL('../src/domain/', import.meta.url).pathname;
const FORBIDDEN = [/from 'ioredis'/, /from 'chdb/, /from '@clickhouse\//, /from 'node:(fs|net|http|https|child_process)'/, /process\.env/, /Date\.now\(/, /new Date\(\)/];

test('domain/ imports no I/O and reads no environment or clock', () => {
  const files = readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 5);
  for (const f of files) {
    const text = readFileSync(join(DOMAIN, f), 'utf8');
    for (const pattern of FORBIDDEN) assert.ok(!pattern.test(text), `${f} matches ${pattern}`);
  }
});
