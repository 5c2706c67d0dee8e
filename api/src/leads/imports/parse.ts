// Streams the rows of an uploaded CSV or .xlsx file (first worksheet), one `{row, cells}` at a
// time, so a 100k-row file never becomes one array of objects. Row numbers are those a
// spreadsheet program shows (the header is row 1). A file that cannot be read throws
// ImportFileError with a reason the import's status carries.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { scrubText } from './rows.js';

export type ImportFileKind = 'csv' | 'xlsx';

export class ImportFileError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export interface SheetRow {
  row: number;
  cells: unknown[];
}

export interface ParseOptions {
  maxCellChars: number;
  maxColumns: number;
}

const CHUNK = 64 * 1024;

/**
 * UTF-8 (with or without BOM) first; a file that is not valid UTF-8 is read as GB18030 (a superset
 * of GBK/GB2312, what Chinese Excel writes with "CSV" on Windows) unless the upload named a charset.
 */
export function decodeCsv(buf: Buffer, charset?: string): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  const cs = charset?.toLowerCase();
  if (cs && cs !== 'utf-8' && cs !== 'utf8') {
    try {
      return new TextDecoder(cs === 'gbk' || cs === 'gb2312' ? 'gb18030' : cs).decode(buf);
    } catch {
      throw new ImportFileError('unsupported_charset', `charset ${charset} is not supported`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** The header line's most frequent of comma, tab and semicolon (Excel in some locales writes `;`). */
export function guessDelimiter(text: string): string {
  const nl = text.search(/\r?\n/);
  const first = nl < 0 ? text : text.slice(0, nl);
  let best = ',';
  let bestN = 0;
  for (const d of [',', '\t', ';']) {
    const n = first.split(d).length - 1;
    if (n > bestN) { best = d; bestN = n; }
  }
  return best;
}

async function* csvRows(buf: Buffer, opts: ParseOptions, charset?: string): AsyncGenerator<SheetRow> {
  const text = decodeCsv(buf, charset);
  const parser = parse({
    delimiter: guessDelimiter(text), bom: true, relax_column_count: true, skip_empty_lines: false,
    // Bounds memory on a runaway quote: a record longer than this fails the file instead of swallowing it.
    max_record_size: opts.maxCellChars * 64,
  });
  // Fed in chunks so a big file does not hold the event loop for the whole parse.
  const source = Readable.from((function* () { for (let i = 0; i < text.length; i += CHUNK) yield text.slice(i, i + CHUNK); })());
  source.pipe(parser);
  source.on('error', (err) => parser.destroy(err));
  let row = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      row++;
      if (rec.length > opts.maxColumns) throw new ImportFileError('too_many_columns', `row ${row} has ${rec.length} columns (at most ${opts.maxColumns})`);
      yield { row, cells: rec };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('unparseable_file', `CSV could not be parsed near row ${row + 1}: ${scrubText((err as Error).message)}`);
  } finally {
    source.destroy();
  }
}

async function* xlsxRows(buf: Buffer, opts: ParseOptions): AsyncGenerator<SheetRow> {
  let started = false;
  let sheet = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
      sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
    });
    for await (const ws of reader) {
      sheet = true;
      // exceljs types worksheets of the reader loosely; each is an async iterable of rows.
      for await (const r of ws as unknown as AsyncIterable<{ number: number; values: unknown }>) {
        started = true;
        // row.values is 1-based (index 0 unused) and sparse.
        const values = Array.isArray(r.values) ? r.values.slice(1) : [];
        if (values.length > opts.maxColumns) throw new ImportFileError('too_many_columns', `row ${r.number} has ${values.length} columns (at most ${opts.maxColumns})`);
        yield { row: r.number, cells: Array.from(values, (v: unknown) => v) };
      }
      return; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('unparseable_file', `Excel file could not be read${started ? ' to the end' : ''}: ${scrubText((err as Error).message)}`);
  }
  // exceljs reads a zip without workbook parts as an empty book: that is not a workbook.
  if (!sheet) throw new ImportFileError('unparseable_file', 'not an Excel workbook (no worksheet found)');
  if (!started) throw new ImportFileError('empty_file', 'the first worksheet has no rows');
}

export function sheetRows(buf: Buffer, kind: ImportFileKind, opts: ParseOptions, charset?: string): AsyncGenerator<SheetRow> {
  return kind === 'csv' ? csvRows(buf, opts, charset) : xlsxRows(buf, opts);
}
