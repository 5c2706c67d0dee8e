import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySceneInput, validateSceneInput } from './scene-validate.js';

test('scene input: create needs a name and a known type; every bad rule set is named', () => {
  const fields = validateSceneInput({
    scene_type: 'FAX', deduplication_strategy: 'SOMETIMES',
    data_mapping_rules: { fields: [{ target: 'nope', source: 'x' }] },
    auto_tagging_rules: [{ id: 'a', when: { field: 'message', op: 'eq', value: 1 }, actions: { add: ['t'] } }, { id: 'a', when: { field: 'message', op: 'eq', value: 2 }, actions: { add: ['u'] } }],
    assignment_rules: { rule_id: 'r', pool: ['u1'], chain: [{ type: 'teleport' }] },
  }, 'create').map((e) => e.field);
  assert.ok(fields.includes('body.scene_name'));
  assert.ok(fields.includes('body.scene_type'));
  assert.ok(fields.includes('body.deduplication_strategy'));
  assert.ok(fields.includes('body.auto_tagging_rules[1].id'), fields.join(','));
  assert.ok(fields.some((f) => f.startsWith('body.data_mapping_rules')), fields.join(','));
  assert.ok(fields.some((f) => f.startsWith('body.assignment_rules')), fields.join(','));
  assert.deepEqual(validateSceneInput({ is_enabled: false }, 'update'), []);
  assert.deepEqual(validateSceneInput({ scene_name: 'x', scene_type: 'WEB_FORM', auto_tagging_rules: 'no' }, 'create').map((e) => e.field), ['body.auto_tagging_rules']);
});

test('scene input: an update keeps unspecified fields, bumps the version and keeps created_at', () => {
  const v1 = applySceneInput(null, { scene_name: ' 表单 ', scene_type: 'WEB_FORM', deduplication_strategy: 'BY_PHONE' }, { tenant_id: 't', scene_config_id: 's' }, 1000);
  assert.deepEqual([v1.scene_name, v1.version, v1.is_enabled, v1.created_at], ['表单', 1, true, 1000]);
  const v2 = applySceneInput(v1, { is_enabled: false, source_channel_default_id: null }, v1, 2000);
  assert.deepEqual([v2.scene_name, v2.scene_type, v2.deduplication_strategy, v2.is_enabled, v2.version, v2.created_at, v2.updated_at], ['表单', 'WEB_FORM', 'BY_PHONE', false, 2, 1000, 2000]);
});
