import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normaliseEmailField, normaliseName, normaliseNameField, normalisePhoneField, phoneJunkReason } from './normalise.js';

test('phones: national and formatted input become E.164; full-width digits too', () => {
  assert.deepEqual(normalisePhoneField('138 0013 8001'), { ok: true, value: '+8613800138001', junk: false });
  assert.deepEqual(normalisePhoneField('+86-138-0013-8001'), { ok: true, value: '+8613800138001', junk: false });
  assert.deepEqual(normalisePhoneField('１３８００１３８００１'), { ok: true, value: '+8613800138001', junk: false });
  assert.deepEqual(normalisePhoneField('(415) 555-0134', 'US'), { ok: true, value: '+14155550134', junk: false });
  const bad = normalisePhoneField('12');
  assert.equal(bad.ok, false);
});

test('phones: placeholders, repeats, sequences, zero and empty are junk', () => {
  for (const [raw, reason] of [
    ['', 'empty'], ['0', 'zero'], ['000000', 'zero'], ['11111111111', 'repeated_digits'], ['12345678901', 'sequential_digits'],
    ['98765432109', 'sequential_digits'], ['13800000000', 'placeholder_number'], ['13911111111', 'placeholder_number'],
    ['13800138000', 'placeholder_number'], ['+86 138 0000 0000', 'placeholder_number'],
  ] as const) assert.equal(phoneJunkReason(raw), reason, raw);
  for (const real of ['13800138001', '+8618612345670', '02161234567']) assert.equal(phoneJunkReason(real), null, real);
  const j = normalisePhoneField('13800000000');
  assert.ok(j.ok && j.junk);
});

test('emails: trimmed, domain lower-cased, invalid rejected, placeholders junk', () => {
  assert.deepEqual(normaliseEmailField('  Zhang.San@Corp.CN '), { ok: true, value: 'Zhang.San@corp.cn', junk: false });
  assert.deepEqual(normaliseEmailField('ｌｉ＠ｃｏｒｐ．ｃｎ'), { ok: true, value: 'li@corp.cn', junk: false });
  for (const bad of ['', 'no-at-sign', '@corp.cn', 'a@b', 'a b@corp.cn', 'a@-corp.cn']) assert.equal(normaliseEmailField(bad).ok, false, bad);
  for (const junk of ['test@test.com', 'a@a.com', 'zhangsan@example.com', 'x@foo.test', 'aaaa@corp.cn', 'noreply@none.com']) {
    const r = normaliseEmailField(junk);
    assert.ok(r.ok && r.junk, junk);
  }
});

test('names: trim, collapse, half-width, Han spacing removed, placeholders junk', () => {
  assert.equal(normaliseName('  张  三 '), '张三');
  assert.equal(normaliseName('Ｊｏｈｎ　　Ｓｍｉｔｈ'), 'John Smith');
  assert.equal(normaliseName('Mary   Ann  李'), 'Mary Ann 李');
  for (const junk of ['测试', 'test', 'N/A', '123', '哈哈哈']) {
    const r = normaliseNameField(junk);
    assert.ok(r.ok && r.junk, junk);
  }
  assert.equal(normaliseNameField('   ').ok, false);
});

test('normalisation is idempotent (property)', () => {
  fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => {
    const once = normaliseName(s);
    assert.equal(normaliseName(once), once);
    const e = normaliseEmailField(s);
    if (e.ok) assert.deepEqual(normaliseEmailField(e.value), e);
  }));
  fc.assert(fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (s) => {
    const p = normalisePhoneField(s);
    if (p.ok) assert.deepEqual(normalisePhoneField(p.value), p);
  }));
});
