import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { decodeCsv, guessDelimiter, ImportFileError, sheetRows, type SheetRow } from './parse.js';

const OPTS = { maxCellChars: 1000, maxColumns: 50 };

async function all(gen: AsyncGenerator<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

test('CSV: UTF-8 BOM and Chinese headers, quoted commas and newlines, row numbers as a spreadsheet shows them', async () => {
  const csv = '\uFEFF姓名,手机,备注\r\n张三,13912345678,"你好,世界"\r\n\r\n李四,13912345679,"两\n行"\r\n';
  const rows = await all(sheetRows(Buffer.from(csv, 'utf8'), 'csv', OPTS));
  assert.deepEqual(rows[0], { row: 1, cells: ['姓名', '手机', '备注'] });
  assert.deepEqual(rows[1], { row: 2, cells: ['张三', '13912345678', '你好,世界'] });
  assert.deepEqual(rows[2]?.row, 3); // the empty line is a (blank) row, as in Excel
  assert.deepEqual(rows[3], { row: 4, cells: ['李四', '13912345679', '两\n行'] });
});

test('CSV: GBK bytes are read as GB18030 when not UTF-8; a declared charset wins; ; and tab delimiters', async () => {
  const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0x0a]); // 姓名,手机\n
  assert.equal(decodeCsv(gbk), '姓名,手机\n');
  assert.equal(decodeCsv(gbk, 'gbk'), '姓名,手机\n');
  assert.throws(() => decodeCsv(gbk, 'klingon-8'), ImportFileError);
  assert.equal(guessDelimiter('a;b;c\n1,5;2;3'), ';');
  assert.equal(guessDelimiter('a\tb\n'), '\t');
  assert.equal(guessDelimiter('a\n'), ',');
  const rows = await all(sheetRows(Buffer.from('a;b\n1;2\n'), 'csv', OPTS));
  assert.deepEqual(rows.map((r) => r.cells), [['a', 'b'], ['1', '2']]);
});

test('CSV: an unterminated quote or too many columns fails the file with a reason', async () => {
  await assert.rejects(all(sheetRows(Buffer.from('a,b\n"1,2\n'), 'csv', OPTS)), (e: unknown) => e instanceof ImportFileError && e.reason === 'unparseable_file');
  await assert.rejects(all(sheetRows(Buffer.from(`${Array.from({ length: 51 }, (_, i) => `c${i}`).join(',')}\n`), 'csv', OPTS)), (e: unknown) => e instanceof ImportFileError && e.reason === 'too_many_columns');
  await assert.rejects(all(sheetRows(Buffer.from(`a\n"${'x'.repeat(70_000)}"\n`), 'csv', OPTS)), (e: unknown) => e instanceof ImportFileError && e.reason === 'unparseable_file');
});

test('xlsx: first worksheet streamed with numbers, dates, formulas (with saved results) and sparse cells', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('线索');
  ws.addRow(['姓名', '手机', '日期', '公式']);
  ws.addRow(['张三', 13912345678, new Date('2026-01-02T00:00:00Z'), { formula: 'B2&""', result: '13912345678' }]);
  ws.getCell('A4').value = '王五';
  wb.addWorksheet('other').addRow(['ignored']);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const rows = await all(sheetRows(buf, 'xlsx', OPTS));
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0], { row: 1, cells: ['姓名', '手机', '日期', '公式'] });
  assert.equal(rows[1]!.cells[1], 13912345678);
  assert.ok(rows[1]!.cells[2] instanceof Date);
  assert.deepEqual(rows[1]!.cells[3], { formula: 'B2&""', result: '13912345678' });
  assert.deepEqual(rows[2], { row: 4, cells: ['王五'] });
});

test('xlsx: bytes that are not a workbook fail with unparseable_file', async () => {
  await assert.rejects(all(sheetRows(Buffer.from('this is not a zip file at all'), 'xlsx', OPTS)), (e: unknown) => e instanceof ImportFileError && e.reason === 'unparseable_file');
});
