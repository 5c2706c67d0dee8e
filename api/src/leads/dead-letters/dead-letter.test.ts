import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEAD_INGEST_STREAM, LEAD_SIGNAL_STREAM, parseDeadLetter, planReplay, presentDeadLetter } from './dead-letter.js';

const ingestFields = { t: 'ta', lead: 'ld_1', scene: 'sc_1', src: 'API_IMPORT', ext: '', body: JSON.stringify({ contact: { mobile: '13800138001' } }), at: '1' };
const raw = (extra: Record<string, string>) => Object.entries({ stream: LEAD_INGEST_STREAM, id: '5-0', t: 'ta', reason: 'scene_not_found: gone', ...extra }).flat();

test('an entry written before `stage` existed takes it from its source stream', () => {
  assert.equal(parseDeadLetter('9-0', raw({ fields: JSON.stringify(ingestFields) }), null).stage, 'ingest');
  assert.equal(parseDeadLetter('9-0', raw({ stream: LEAD_SIGNAL_STREAM }), null).stage, 'signal');
  const d = parseDeadLetter('1700000000000-3', raw({ stage: 'tagging', lead: 'ld_7' }), null);
  assert.deepEqual([d.stage, d.leadId, d.receivedAt, d.sourceId, d.fields], ['tagging', 'ld_7', 1700000000000, '5-0', null]);
});

test('an ingest dead letter replays its original entry, same lead id; stage failures of stored leads are refused', () => {
  const d = parseDeadLetter('9-0', raw({ stage: 'ingest', fields: JSON.stringify(ingestFields) }), null);
  assert.deepEqual(planReplay(d), { kind: 'enqueue', stream: LEAD_INGEST_STREAM, fields: ingestFields, leadId: 'ld_1' });
  const tag = planReplay(parseDeadLetter('9-0', raw({ stage: 'tagging', lead: 'ld_7' }), null));
  assert.equal(tag.kind, 'refuse');
  assert.equal(tag.kind === 'refuse' && tag.rule, 'lead_exists');
  assert.equal(planReplay(parseDeadLetter('9-0', raw({ stage: 'webhook', fields: '{}' }), null)).kind, 'refuse');
  assert.equal(planReplay(parseDeadLetter('9-0', raw({ stage: 'ingest', fields: 'not json' }), null)).kind, 'refuse');
  // An entry naming another tenant than the stream it sits in is never re-enqueued.
  assert.equal(planReplay(parseDeadLetter('9-0', raw({ stage: 'ingest', fields: JSON.stringify({ ...ingestFields, t: 'tb' }) }), null)).kind, 'refuse');
});

test('the payload and the reason are masked unless the caller may see PII', () => {
  const d = parseDeadLetter('9-0', raw({ reason: 'error: bad 13912345678', fields: JSON.stringify(ingestFields) }), JSON.stringify({ at: 1, by: 'u', leadId: 'ld_1' }));
  const masked = presentDeadLetter(d, false, 'CN');
  assert.equal(masked.status, 'REPLAYED');
  assert.equal(masked.reason, 'error: bad 139****5678');
  assert.deepEqual((masked.payload as { body: unknown }).body, { contact: { mobile: '138****8001' } });
  const full = presentDeadLetter(d, true, 'CN');
  assert.deepEqual((full.payload as { body: unknown }).body, { contact: { mobile: '13800138001' } });
});
