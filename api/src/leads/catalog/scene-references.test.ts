import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectSceneReferences, referenceErrors, scenesReferencing } from './scene-references.js';

const body = {
  source_channel_default_id: 'baidu',
  auto_tagging_rules: [
    { id: 'a', when: { field: 'message', op: 'exists' }, actions: { add: ['hot', 'vip'], remove: ['cold'] } },
    { id: 'b', when: { field: 'message', op: 'exists' }, actions: 'nonsense' },
  ],
  assignment_rules: { rule_id: 'r', pool: ['u1', 'u2'], chain: [{ type: 'user', user_id: 'u3' }, { type: 'value', tiers: [{ min: 0, user_ids: ['u4'] }] }, { type: 'round_robin' }] },
};

test('every user, tag and channel a scene names is found with its JSON path', () => {
  const r = collectSceneReferences(body);
  assert.deepEqual(r.channels, [{ path: 'body.source_channel_default_id', value: 'baidu' }]);
  assert.deepEqual(r.users.map((x) => `${x.path}=${x.value}`), [
    'body.assignment_rules.pool[0]=u1', 'body.assignment_rules.pool[1]=u2',
    'body.assignment_rules.chain[0].user_id=u3', 'body.assignment_rules.chain[1].tiers[0].user_ids[0]=u4',
  ]);
  assert.deepEqual(r.tags.map((x) => `${x.path}=${x.value}`), [
    'body.auto_tagging_rules[0].actions.add[0]=hot', 'body.auto_tagging_rules[0].actions.add[1]=vip', 'body.auto_tagging_rules[0].actions.remove[0]=cold',
  ]);
  assert.deepEqual(collectSceneReferences({ is_enabled: false }), { users: [], tags: [], channels: [] }, 'an update that names nothing checks nothing');
});

test('only the missing references become 422 field errors', () => {
  const errs = referenceErrors(collectSceneReferences(body), { users: new Set(['u1', 'u3', 'u4']), tags: new Set(['hot', 'cold']), channels: new Set() });
  assert.deepEqual(errs.map((e) => [e.field, e.rule]), [
    ['body.assignment_rules.pool[1]', 'exists'], ['body.auto_tagging_rules[0].actions.add[1]', 'exists'], ['body.source_channel_default_id', 'exists'],
  ]);
});

test('scenesReferencing: only enabled scenes hold a channel or tag', () => {
  const scenes = [{ ...body, scene_config_id: 's1', is_enabled: true }, { ...body, scene_config_id: 's2', is_enabled: false }, { scene_config_id: 's3', is_enabled: true }];
  assert.deepEqual(scenesReferencing(scenes, { channel: 'baidu' }), ['s1']);
  assert.deepEqual(scenesReferencing(scenes, { tag: 'cold' }), ['s1']);
  assert.deepEqual(scenesReferencing(scenes, { tag: 'other' }), []);
});
