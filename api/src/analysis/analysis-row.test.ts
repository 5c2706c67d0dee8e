import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analysisVersion, completedRow, failedRow, processingRow } from './analysis-row.js';
import { analyseTranscript } from './lexicon-analyser.js';

const key = { tenantId: 't1', callId: 'c1', recordingId: 'r1', provider: 'offline' };

test('an end row outranks the PROCESSING row of the same millisecond, and any later row outranks both', () => {
  const now = 1_764_000_000_000;
  assert.ok(completedRow(key, analyseTranscript({ transcript: '', language: 'zh-CN', tenantRules: {} }), now).version > processingRow(key, now).version);
  assert.ok(failedRow(key, 'x', now).version > processingRow(key, now).version);
  assert.ok(processingRow(key, now + 1).version > completedRow(key, analyseTranscript({ transcript: '', language: 'zh-CN', tenantRules: {} }), now).version);
  assert.ok(Number.isSafeInteger(analysisVersion('COMPLETED', 4_102_444_800_000)), 'safe until 2100');
});

test('rows carry the result, or the error, and nothing else', () => {
  const r = analyseTranscript({ transcript: '客户：多少钱', language: 'zh-CN', tenantRules: {} });
  const row = completedRow(key, r, 0);
  assert.equal(row.status, 'COMPLETED');
  assert.equal(row.intention_level, 'HIGH');
  assert.equal(row.intention, '高意向');
  assert.deepEqual(row.keywords, ['多少钱']);
  assert.equal(row.error, '');
  const f = failedRow(key, 'NO_TRANSCRIPT', 0);
  assert.deepEqual([f.status, f.error, f.sentiment, f.keywords], ['FAILED', 'NO_TRANSCRIPT', '', []]);
  assert.equal(failedRow(key, 'e'.repeat(2000), 0).error.length, 500);
  assert.equal(processingRow(key, 0).analysed_at, '1970-01-01 00:00:00.000');
});
