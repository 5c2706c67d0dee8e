import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyMapping, parsePath, readPath, validateMappingRules, type DataMappingRules } from './mapping.js';

const webForm: DataMappingRules = {
  fields: [
    { target: 'name', source: 'submission_data.name', required: true },
    { target: 'phone', source: ['submission_data.phone', 'submission_data.mobile'] },
    { target: 'email', source: 'submission_data.email' },
    { target: 'company', source: 'submission_data.company', default: '待确认' },
    { target: 'message', source: 'submission_data.message', max_length: 20 },
    { target: 'lead_value', source: 'order.amount' },
    { target: 'custom.skus', source: 'order.items[*].sku', type: 'string[]' },
    { target: 'custom.first_answer', source: 'answers[0].value' },
    { target: 'custom.consent', source: 'meta.consent', type: 'boolean' },
    { target: 'custom.submitted_at', source: 'meta.ts', type: 'datetime' },
  ],
};

test('mapping: the spec 000 §6.2 web form payload maps to standard fields', () => {
  const r = applyMapping(webForm, {
    scene_type: 'WEB_FORM',
    submission_data: { name: ' 张  三 ', mobile: '138 0013 8001', email: 'ZS@Corp.CN', message: '对产品A感兴趣' },
    order: { amount: '¥1,280.50', items: [{ sku: 'A1' }, { sku: 'B2' }] },
    answers: [{ value: 'budget>10w' }],
    meta: { consent: '是', ts: 1764795600 },
  });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.lead_data, {
    name: '张三', phone: '+8613800138001', email: 'ZS@corp.cn', company: '待确认', message: '对产品A感兴趣', lead_value: 1280.5,
    custom: { skus: ['A1', 'B2'], first_answer: 'budget>10w', consent: true, submitted_at: '2025-12-03T21:00:00.000Z' },
  });
});

test('mapping: each bad field is its own error; good fields still map', () => {
  const r = applyMapping(webForm, { submission_data: { phone: 'call me', email: 'nope', message: 'x'.repeat(21) }, order: { amount: 'lots' }, meta: { consent: 'maybe', ts: 'yesterday' } });
  assert.deepEqual(r.errors.map((e) => `${e.field}/${e.rule}`).sort(), [
    'custom.consent/type:boolean', 'custom.submitted_at/type:datetime', 'email/type:email', 'lead_value/type:number', 'message/max_length', 'name/required', 'phone/type:phone',
  ]);
  assert.equal(r.lead_data.company, '待确认');
});

test('mapping: junk identifiers are kept but reported', () => {
  const r = applyMapping(webForm, { submission_data: { name: '李四', phone: '13800000000', email: 'test@test.com' } });
  assert.deepEqual(r.junk, [{ field: 'phone', reason: 'placeholder_number' }, { field: 'email', reason: 'placeholder_email' }]);
});

test('mapping: keep_unmapped copies unread top-level keys, never prototype keys', () => {
  const payload = JSON.parse('{"submission_data":{"name":"王五"},"utm_source":"baidu","__proto__":{"polluted":1}}');
  const r = applyMapping({ ...webForm, keep_unmapped: true }, payload);
  assert.deepEqual(r.lead_data.custom, { utm_source: 'baidu' });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('mapping rules validation names every bad rule', () => {
  const errs = validateMappingRules({ fields: [
    { target: 'nickname', source: 'a' }, { target: 'phone', source: 'a..b' }, { target: 'phone', source: 'x' },
    { target: 'custom.x', source: 'constructor.prototype' }, { target: 'email', source: 'e', type: 'date' }, { target: 'lead_value', source: 'v', type: 'string' },
  ] });
  assert.deepEqual(errs.map((e) => `${e.field}/${e.rule}`), [
    'data_mapping_rules.fields[0].target/target', 'data_mapping_rules.fields[1].source/path', 'data_mapping_rules.fields[2].target/unique',
    'data_mapping_rules.fields[3].source/path', 'data_mapping_rules.fields[4].type/type', 'data_mapping_rules.fields[5].type/type',
  ]);
  assert.deepEqual(validateMappingRules(webForm), []);
  assert.equal(validateMappingRules(null).length, 1);
});

test('paths: dotted, bracketed and numeric forms agree; mapping never throws on any payload (property)', () => {
  const obj = { a: [{ b: 1 }, { b: 2 }] };
  assert.equal(readPath(obj, parsePath('a[1].b')!), 2);
  assert.equal(readPath(obj, parsePath('a.1.b')!), 2);
  assert.deepEqual(readPath(obj, parsePath('a[*].b')!), [1, 2]);
  assert.equal(readPath(obj, parsePath('a.length')!), undefined);
  fc.assert(fc.property(fc.jsonValue(), (payload) => {
    const r = applyMapping(webForm, payload);
    assert.ok(Array.isArray(r.errors));
  }));
});
