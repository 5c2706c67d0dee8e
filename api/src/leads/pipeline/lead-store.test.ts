import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPii, piiKeysFromHex } from '../../../../common/pii.js';
import { identifierKeys, newLeadId } from './lead-store.js';

const keys = piiKeysFromHex('11'.repeat(32), '22'.repeat(32));
const rec = { record_id: 'x', source: 's', at: 1, strategy: null, mobile: '+8613800138001', email: 'A.B@Example.com', unionid: 'wx1', name: '张 三', company: '某某 公司' };

test('identity index keys: one hashed key per identifier, case/spacing-insensitive, junk fields left out', () => {
  const k = identifierKeys(keys, rec, new Set());
  assert.equal(k.length, 4);
  assert.ok(k.includes(hashPii(keys, 'mobile:+8613800138001')));
  assert.deepEqual(identifierKeys(keys, { ...rec, email: 'a.b@example.com', name: '张三', company: '某某公司' }, new Set()), k);
  assert.ok(k.every((x) => !x.includes('138')), 'no key names the number');
  assert.equal(identifierKeys(keys, rec, new Set(['phone', 'name'])).length, 2);
  assert.deepEqual(identifierKeys(keys, { ...rec, mobile: null, email: null, unionid: null, company: null }, new Set()), []);
});

test('lead ids sort by creation time, so the first record of a person names the identity', () => {
  const a = newLeadId(1_764_800_000_000);
  const b = newLeadId(1_764_800_000_001);
  assert.ok(a < b);
  assert.match(a, /^ld_[0-9a-z]{9}[0-9a-f]{10}$/);
});
