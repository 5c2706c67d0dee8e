import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { maskPayload, maskText } from './payload-mask.js';

test('whole-value phones in any format and e-mails are masked; other values are kept', () => {
  const out = maskPayload({
    scene_config_id: 'sc_1', form_id: 'contact_us_form_v1', count: 3, ok: true, none: null,
    submission_data: { name: '张三', phone: '138 0013 8001', tel: '+86-139-1234-5678', email: 'ZhangSan@Example.com', mobile: 13700001111 },
    list: [{ contact: '(010) 6552 9988' }, 'x@y.io'],
  });
  assert.deepEqual(out, {
    scene_config_id: 'sc_1', form_id: 'contact_us_form_v1', count: 3, ok: true, none: null,
    submission_data: { name: '张三', phone: '138****8001', tel: '139****5678', email: 'Z***@Example.com', mobile: '137****1111' },
    list: [{ contact: '106****9988' }, 'x***@y.io'],
  });
});

test('phones and e-mails inside free text are masked, the rest of the text kept', () => {
  assert.equal(maskText('请拨 138 0013 8001 或发邮件到 li.si@corp.cn，谢谢'), '请拨 138****8001 或发邮件到 l***@corp.cn，谢谢');
  assert.equal(maskText('订单 12 件，价格 99.5'), '订单 12 件，价格 99.5');
});

test('keys that are phone numbers are masked too', () => {
  assert.deepEqual(maskPayload({ '13800138001': 'x' }), { '138****8001': 'x' });
});

test('hostile depth is cut, not recursed without bound', () => {
  let deep: unknown = '13800138001';
  for (let i = 0; i < 200; i++) deep = [deep];
  assert.ok(!JSON.stringify(maskPayload(deep)).includes('13800138001'));
});

test('property: no mobile number survives masking wherever it sits in the payload', () => {
  const mobile = fc.tuple(fc.constantFrom('138', '139', '150', '186', '177'), fc.integer({ min: 0, max: 99_999_999 }))
    .map(([p, n]) => `${p}${String(n).padStart(8, '0')}`);
  const formatted = fc.tuple(mobile, fc.constantFrom('plain', 'spaced', 'plus', 'dashed', 'text', 'number')).map(([m, f]) => ({ m, v:
    f === 'plain' ? m : f === 'spaced' ? `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}` : f === 'plus' ? `+86${m}`
      : f === 'dashed' ? `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}` : f === 'text' ? `联系我 ${m} 谢谢` : Number(m) }));
  const doc = fc.tuple(formatted, fc.json(), fc.constantFrom('a', 'b.c', 'list')).map(([p, j, where]) => ({ p, doc: where === 'list' ? [JSON.parse(j), p.v] : { junk: JSON.parse(j), [where]: { v: p.v } } }));
  fc.assert(fc.property(doc, ({ p, doc: d }) => {
    const s = JSON.stringify(maskPayload(d));
    assert.ok(!s.includes(p.m), `${p.m} leaked in ${s}`);
  }), { numRuns: 300 });
});

test('property: e-mail addresses never survive masking', () => {
  fc.assert(fc.property(fc.emailAddress(), fc.string(), (e, pre) => {
    const s = JSON.stringify(maskPayload({ email: e, note: `${pre} ${e}` }));
    assert.ok(!s.includes(e), `${e} leaked in ${s}`);
  }), { numRuns: 300 });
});
