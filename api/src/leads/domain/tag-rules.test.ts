import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileTagRules, evaluateTagRules, validateTagRule, type TagContext, type TagRuleDefinition } from './tag-rules.js';

const ctx = (lead_data: TagContext['lead_data'], extra: Partial<TagContext> = {}): TagContext => ({ lead_data, source_channel_id: 'baidu', scene_type: 'WEB_FORM', scene_config_id: 'sc1', tags: [], ...extra });

const rules: TagRuleDefinition[] = [
  { id: 'product-a', when: { field: 'message', op: 'contains', value: ['产品A', 'product a'] }, actions: { add: ['产品A意向'] } },
  { id: 'price', when: { any: [{ field: 'message', op: 'contains', value: '价格' }, { field: 'message', op: 'regex', value: '多少钱|报价' }] }, actions: { add: ['价格咨询'] } },
  { id: 'high-value', when: { all: [{ field: 'lead_value', op: 'range', min: 100000 }, { field: 'scene', op: 'in', value: ['ORDER_SYNC', 'WEB_FORM'] }] }, actions: { add: ['高价值订单'] } },
  { id: 'paid', when: { field: 'source', op: 'eq', value: 'BAIDU' }, actions: { add: ['广告来源'] } },
  { id: 'no-phone', priority: 10, when: { not: { field: 'phone', op: 'exists' } }, actions: { add: ['缺联系方式'], remove: ['广告来源'] } },
  { id: 'vip-custom', when: { field: 'custom.level', op: 'eq', value: 3 }, actions: { add: ['VIP'] } },
];

test('tagging: keyword, regex, numeric range, source, scene, AND/OR/NOT, custom fields (spec 000 §五.4)', () => {
  const { rules: compiled, errors } = compileTagRules(rules);
  assert.deepEqual(errors, []);
  const out = evaluateTagRules(compiled, ctx({ phone: '+8613800138001', message: '对产品A感兴趣, 报价多少?', lead_value: 120000, custom: { level: '3' } }, { tags: ['老客户'] }));
  assert.deepEqual(out.tags.sort(), ['VIP', '产品A意向', '价格咨询', '广告来源', '老客户', '高价值订单'].sort());
  assert.deepEqual(out.removed, []);
  assert.deepEqual(out.errors, []);
  const low = evaluateTagRules(compiled, ctx({ message: 'hello', lead_value: 99999 }, { tags: ['广告来源'] }));
  assert.deepEqual(low.tags, ['缺联系方式']);
  assert.deepEqual(low.removed, ['广告来源']);
  assert.deepEqual(low.matched, ['paid', 'no-phone']);
});

test('tagging: a tags field matches whole tags; numeric strings satisfy ranges; missing numbers never do', () => {
  const { rules: c } = compileTagRules([
    { id: 't', when: { field: 'tags', op: 'contains', value: 'vip' }, actions: { add: ['x'] } },
    { id: 'r', when: { field: 'custom.score', op: 'range', min: 1, max: 5 }, actions: { add: ['y'] } },
  ]);
  assert.deepEqual(evaluateTagRules(c, ctx({ custom: { score: ' 4 ' } }, { tags: ['VIP'] })).tags.sort(), ['VIP', 'x', 'y']);
  assert.deepEqual(evaluateTagRules(c, ctx({ custom: { score: '' } }, { tags: ['vipish'] })).tags, ['vipish']);
});

test('tagging: validation lists every error with its path; bad rules do not stop good ones', () => {
  let deep: unknown = { field: 'name', op: 'exists' };
  for (let i = 0; i < 7; i++) deep = { all: [deep] };
  const errs = validateTagRule({ id: 'bad rule', when: { any: [{ field: 'nope', op: 'eq', value: 1 }, { field: 'name', op: 'regex', value: '(a+)+$' }, { field: 'name', op: 'like' }, { field: 'lead_value', op: 'range', min: 5, max: 1 }] }, actions: { add: ['a,b'] } }, new Set(['x']));
  assert.deepEqual(errs.map((e) => e.path), ['id', 'when.any[0].field', 'when.any[1].value', 'when.any[2].op', 'when.any[3]', 'actions.add[0]']);
  assert.ok(validateTagRule({ id: 'deep', when: deep, actions: { add: ['x'] } }).some((e) => /deeper/.test(e.message)));
  assert.ok(validateTagRule({ id: 'long', when: { field: 'name', op: 'regex', value: 'a'.repeat(201) }, actions: { add: ['x'] } }).length === 1);
  assert.deepEqual(validateTagRule({ id: 'unknown-tag', when: { field: 'name', op: 'exists' }, actions: { add: ['ghost'] } }, new Set(['x'])).map((e) => e.message), ['tag ghost does not exist']);
  const { rules: c, errors } = compileTagRules([{ id: 'broken', when: {}, actions: {} }, rules[0]]);
  assert.equal(errors[0]!.ruleId, 'broken');
  assert.equal(c.length, 1);
});

test('tagging: a rule that fails at run time is reported as {ruleId, error} and the rest still apply', () => {
  const { rules: c } = compileTagRules(rules);
  const exploding = { id: 'exploding', priority: -1, add: ['never'], remove: [], test: () => { throw new Error('lookup service down'); } };
  const out = evaluateTagRules([exploding, ...c], ctx({ phone: '+8613800138001', message: '产品A' }));
  assert.deepEqual(out.errors, [{ ruleId: 'exploding', error: 'lookup service down' }]);
  assert.ok(out.tags.includes('产品A意向'));
});

test('tagging: evaluation never throws on any lead data (property)', () => {
  const { rules: c } = compileTagRules(rules);
  fc.assert(fc.property(fc.dictionary(fc.constantFrom('name', 'phone', 'message', 'lead_value', 'custom'), fc.jsonValue()), fc.array(fc.string()), (data, tags) => {
    const out = evaluateTagRules(c, ctx(data as TagContext['lead_data'], { tags }));
    assert.deepEqual(out.errors, []);
  }));
});
