import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRng } from './rng.js';
import { judgeAttempt, nextRetryDelayMs, UPLOAD_MAX_ATTEMPTS } from './upload-policy.js';

test('2xx is done, 408/429/5xx and network errors retry, other 4xx give up with the status', () => {
  assert.deepEqual(judgeAttempt({ kind: 'http', status: 201 }), { kind: 'done' });
  assert.deepEqual(judgeAttempt({ kind: 'http', status: 200 }), { kind: 'done' });
  for (const s of [408, 429, 500, 502, 503]) assert.deepEqual(judgeAttempt({ kind: 'http', status: s }), { kind: 'retry' }, String(s));
  assert.deepEqual(judgeAttempt({ kind: 'network', message: 'ECONNREFUSED' }), { kind: 'retry' });
  for (const s of [400, 401, 403, 404, 409, 413, 422]) assert.deepEqual(judgeAttempt({ kind: 'http', status: s }), { kind: 'give-up', reason: `HTTP_${s}` });
});

test('retries stop when attempts run out or the URL would expire first', () => {
  const rng = createRng(1);
  assert.ok((nextRetryDelayMs(0, 0, 0, rng) ?? -1) >= 200);
  assert.equal(nextRetryDelayMs(UPLOAD_MAX_ATTEMPTS - 1, 0, 0, rng), null);
  assert.equal(nextRetryDelayMs(0, 1000, 1100, rng), null);
});
