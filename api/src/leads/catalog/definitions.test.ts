import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyChannelInput, applyTagInput, validateChannelInput, validateTagInput } from './definitions.js';

test('channel input: name required, known type, id shape; id is fixed after creation', () => {
  assert.deepEqual(validateChannelInput({ name: '百度推广', channel_type: 'PAID_SEARCH', channel_id: 'baidu' }, 'create'), []);
  assert.deepEqual(validateChannelInput({ channel_id: ' bad id', channel_type: 'TV' }, 'create').map((e) => e.field), ['body.channel_id', 'body.name', 'body.channel_type']);
  assert.deepEqual(validateChannelInput({ is_active: false }, 'update'), []);
  assert.deepEqual(validateChannelInput({ channel_id: 'x' }, 'update').map((e) => e.rule), ['readonly']);
  const v1 = applyChannelInput(null, { name: ' 百度 ' }, { tenant_id: 't', channel_id: 'baidu' }, 1000);
  assert.deepEqual([v1.name, v1.channel_type, v1.is_active, v1.version], ['百度', null, true, 1]);
  const v2 = applyChannelInput(v1, { is_active: false }, v1, 2000);
  assert.deepEqual([v2.name, v2.is_active, v2.version, v2.created_at, v2.updated_at], ['百度', false, 2, 1000, 2000]);
});

test('tag input: a name the rule engine accepts; group optional', () => {
  assert.deepEqual(validateTagInput({ name: '产品A意向', tag_group: '意向' }, 'create'), []);
  assert.deepEqual(validateTagInput({ name: 'a,b' }, 'create').map((e) => e.rule), ['pattern']);
  assert.deepEqual(validateTagInput({}, 'create').map((e) => e.rule), ['required']);
  assert.deepEqual(validateTagInput({ tag_group: null }, 'update'), []);
  const g = applyTagInput(applyTagInput(null, { name: 'vip', tag_group: ' ' }, { tenant_id: 't', tag_id: 'tg' }, 1), { name: 'VIP' }, { tenant_id: 't', tag_id: 'tg' }, 2);
  assert.deepEqual([g.name, g.tag_group, g.version], ['VIP', null, 2]);
});
