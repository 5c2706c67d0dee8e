import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { DataMappingRules } from '../domain/mapping.js';
import { cellValue, checkRow, errorsCsv, importLeadId, maskCell, readHeaders, rowPayload, scrubText } from './rows.js';

const RULES: DataMappingRules = {
  fields: [
    { target: 'name', source: '姓名' }, { target: 'phone', source: ['手机', 'phone'], required: true },
    { target: 'email', source: '邮箱' }, { target: 'company', source: '公司' },
  ],
};

test('cellValue: formulas count as their saved result; without one, or an error value, the cell is refused', () => {
  assert.deepEqual(cellValue({ formula: 'A1&B1', result: '13912345678' }, 100), { ok: true, value: '13912345678' });
  assert.deepEqual(cellValue({ sharedFormula: 'A2', result: 42 }, 100), { ok: true, value: 42 });
  assert.equal((cellValue({ formula: 'HYPERLINK("http://x")' }, 100) as { rule: string }).rule, 'formula');
  assert.equal((cellValue({ error: '#N/A' }, 100) as { rule: string }).rule, 'cell_error');
  assert.deepEqual(cellValue({ richText: [{ text: '张' }, { text: '三' }] }, 100), { ok: true, value: '张三' });
  assert.deepEqual(cellValue({ text: 'a@b.cn', hyperlink: 'mailto:a@b.cn' }, 100), { ok: true, value: 'a@b.cn' });
  assert.deepEqual(cellValue(new Date('2026-01-02T03:04:05Z'), 100), { ok: true, value: '2026-01-02T03:04:05.000Z' });
  assert.equal((cellValue('x'.repeat(101), 100) as { rule: string }).rule, 'max_cell_length');
  assert.deepEqual(cellValue(13912345678, 100), { ok: true, value: 13912345678 });
});

test('readHeaders: BOM stripped, blanks skipped, duplicates and an all-empty row refused', () => {
  assert.deepEqual(readHeaders(['\uFEFF姓名', ' 手机 ', '', null, '公司'], 100), { ok: true, headers: ['姓名', '手机', null, null, '公司'] });
  assert.equal((readHeaders(['a', 'b', 'a'], 100) as { reason: string }).reason, 'duplicate_header');
  assert.equal((readHeaders(['', null], 100) as { reason: string }).reason, 'no_headers');
});

test('rowPayload: cells under their headers; blank rows are blank; headerless columns ignored; bad cells reported', () => {
  const h = ['姓名', '手机', null];
  assert.deepEqual(rowPayload(2, h, ['张三', '13912345678', 'stray'], 100), { blank: false, payload: { 姓名: '张三', 手机: '13912345678' }, errors: [] });
  assert.deepEqual(rowPayload(3, h, ['', '  ', null], 100), { blank: true });
  const bad = rowPayload(4, h, ['张三', { formula: 'X' }], 100);
  assert.equal(bad.blank, false);
  if (!bad.blank) assert.deepEqual(bad.errors.map((e) => [e.row, e.field, e.rule]), [[4, '手机', 'formula']]);
});

test('checkRow: required, invalid and placeholder values are row errors with masked values', () => {
  assert.deepEqual(checkRow(2, RULES, { 姓名: '张三', 手机: '13912345678' }, 'CN'), []);
  const missing = checkRow(3, RULES, { 姓名: '李四' }, 'CN');
  assert.deepEqual(missing.map((e) => [e.row, e.field, e.rule]), [[3, 'phone', 'required']]);
  const junk = checkRow(4, RULES, { 手机: '13800000000' }, 'CN');
  assert.equal(junk.length, 1);
  assert.equal(junk[0]!.field, 'phone');
  assert.match(junk[0]!.rule, /junk|type:phone/);
  assert.equal(junk[0]!.value, '138****0000');
  const email = checkRow(5, RULES, { 手机: '13912345678', 邮箱: 'zhang.san@@example' }, 'CN');
  assert.deepEqual(email.map((e) => [e.field, e.rule]), [['email', 'type:email']]);
  assert.ok(!JSON.stringify(email).includes('zhang.san'), 'an e-mail is never echoed in clear');
  assert.deepEqual(checkRow(6, null, { a: 1 }, 'CN'), []);
});

test('maskCell never returns the digits of a number or an e-mail local part', () => {
  fc.assert(fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.constantFrom('', ' ', '+86'), (n, prefix) => {
    assert.equal(maskCell(`${prefix}${n}`), `${n.slice(0, 3)}****${n.slice(-4)}`);
  }));
  assert.equal(maskCell('zhang@example.com'), 'z***@example.com');
  assert.equal(maskCell('上海某公司'), '上海某公司');
});

test('importLeadId: deterministic per (tenant, import, row), distinct across rows, time-ordered by import', () => {
  const a = importLeadId('t1', 'imp_1', 2, 1_700_000_000_000);
  assert.equal(a, importLeadId('t1', 'imp_1', 2, 1_700_000_000_000));
  assert.notEqual(a, importLeadId('t1', 'imp_1', 3, 1_700_000_000_000));
  assert.notEqual(a, importLeadId('t2', 'imp_1', 2, 1_700_000_000_000));
  assert.ok(importLeadId('t1', 'imp_2', 9, 1_700_000_000_001) > a);
  assert.match(a, /^ld_[0-9a-z]{9}[0-9a-f]{10}$/);
  fc.assert(fc.property(fc.integer({ min: 2, max: 100_000 }), fc.integer({ min: 2, max: 100_000 }), (r1, r2) => {
    fc.pre(r1 !== r2);
    return importLeadId('t', 'imp', r1, 1) !== importLeadId('t', 'imp', r2, 1);
  }));
});

test('errorsCsv: BOM, quoting, and formula-looking cells neutralised', () => {
  const csv = errorsCsv([{ row: 2, field: 'phone', rule: 'required', message: 'no value, here' }, { row: 3, field: '=cmd', rule: 'x', message: '@SUM(1)', value: '-1' }]);
  assert.ok(csv.startsWith('\uFEFFrow,field,rule,message,value\r\n'));
  assert.ok(csv.includes('2,phone,required,"no value, here",\r\n'));
  assert.ok(csv.includes("3,'=cmd,x,'@SUM(1),'-1\r\n"));
});

test('scrubText masks numbers and e-mails a parser quotes, and leaves the rest', () => {
  assert.equal(scrubText('Invalid Opening Quote: value is "13912345678" at line 3'), 'Invalid Opening Quote: value is "139****5678" at line 3');
  assert.equal(scrubText('near zhang@corp.cn, line 12'), 'near z***@corp.cn, line 12');
  assert.equal(scrubText('row 1234 has 7 columns'), 'row 1234 has 7 columns');
});
