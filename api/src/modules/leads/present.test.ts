import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encryptPii, piiKeysFromHex } from '../../../../common/pii.js';
import type { StoredLead } from '../../leads/pipeline/lead-store.js';
import { matchesLead, presentLead } from './present.js';

const keys = piiKeysFromHex('11'.repeat(32), '22'.repeat(32));
const lead = (o: Partial<StoredLead> = {}): StoredLead => ({
  tenant_id: 't', lead_id: 'ld_1', identity_id: 'ld_1', scene_config_id: 'sc', scene_type: 'WEB_FORM', source: 'WEB_FORM', source_channel_id: 'baidu',
  external_lead_id: null, status: 'ASSIGNED', lead_data: { name: '张三' }, phone_hash: 'h', phone_enc: encryptPii(keys, '+8613800138001'), phone_masked: '138****8001',
  email_hash: '', email_enc: '', email_masked: '', tags: ['a', 'b'], assigned_to_user_id: 'u1', assignment_time: 5, identity: null, log: [],
  created_at: Date.parse('2026-12-01T00:00:00Z'), updated_at: 10, version: 1, ...o,
});

test('present: phone masked without pii:view, clear with it; no e-mail key when there is none', () => {
  assert.equal((presentLead(lead(), null, false).lead_data as { phone: string }).phone, '138****8001');
  assert.equal((presentLead(lead(), keys, false).lead_data as { phone: string }).phone, '+8613800138001');
  assert.equal('email' in (presentLead(lead(), keys, false).lead_data as object), false);
  assert.equal('processing_log' in presentLead(lead(), null, false), false);
});

test('filters: each filter narrows, tags_contain_any is any-of', () => {
  const l = lead();
  assert.equal(matchesLead(l, {}), true);
  assert.equal(matchesLead(l, { tags_contain_any: 'x, b' }), true);
  assert.equal(matchesLead(l, { tags_contain_any: 'x,y' }), false);
  assert.equal(matchesLead(l, { status: 'NEW' }), false);
  assert.equal(matchesLead(l, { assigned_to_user_id: 'u2' }), false);
  assert.equal(matchesLead(l, { channel_id: 'baidu', scene_config_id: 'sc' }), true);
  assert.equal(matchesLead(l, { start_date: '2026-12-02T00:00:00Z' }), false);
  assert.equal(matchesLead(l, { end_date: '2026-11-30T00:00:00Z' }), false);
});
