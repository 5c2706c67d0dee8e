// Spreadsheet import, pure part (spec 000 §五.1 文件导入, §九.1): one sheet row → the payload
// object `{header: cell}` the scene's data_mapping_rules read (the same applyMapping every other
// source goes through), or the row's errors. No I/O here: parsing the file is parse.ts, Redis
// and the job are import-store.ts / import-job.ts.
import { createHash } from 'node:crypto';
import { maskEmail, maskPhone } from '../../../../common/pii.js';
import { applyMapping, type DataMappingRules } from '../domain/mapping.js';

/** A cell as the mapping sees it: spreadsheet numbers stay numbers, dates become ISO strings. */
export type Cell = string | number | boolean | null;

/** One reported row problem. `value` is masked: an error report never carries a phone number or e-mail in clear. */
export interface ImportRowError {
  row: number;
  field: string;
  rule: string;
  message: string;
  value?: string;
}

export type CellResult = { ok: true; value: Cell } | { ok: false; rule: string; message: string };

/**
 * What an xlsx (exceljs) or CSV cell holds, reduced to a Cell. A formula counts as the value Excel
 * last computed and saved (what the user saw); a formula without one is refused rather than
 * evaluated, and Excel error values (#N/A) are refused.
 */
export function cellValue(v: unknown, maxChars: number): CellResult {
  if (v === null || v === undefined) return { ok: true, value: null };
  if (typeof v === 'string') {
    return v.length > maxChars ? { ok: false, rule: 'max_cell_length', message: `cell longer than ${maxChars} characters` } : { ok: true, value: v };
  }
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, rule: 'cell_error', message: 'not a finite number' };
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { ok: false, rule: 'cell_error', message: 'invalid date' } : { ok: true, value: v.toISOString() };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      if (o.result === undefined || o.result === null) return { ok: false, rule: 'formula', message: 'formula cell without a saved result (formulas are not evaluated)' };
      return cellValue(o.result, maxChars);
    }
    if ('error' in o) return { ok: false, rule: 'cell_error', message: `cell holds the error ${String(o.error)}` };
    if (Array.isArray(o.richText)) return cellValue(o.richText.map((p: unknown) => (p && typeof p === 'object' ? String((p as { text?: unknown }).text ?? '') : '')).join(''), maxChars);
    if (typeof o.text === 'string') return cellValue(o.text, maxChars);
  }
  return { ok: false, rule: 'cell_error', message: 'unsupported cell content' };
}

export type HeaderResult = { ok: true; headers: (string | null)[] } | { ok: false; reason: string; message: string };

/** The first row names the columns; an empty header leaves its column out, a repeated one makes the file ambiguous. */
export function readHeaders(raw: readonly unknown[], maxChars: number): HeaderResult {
  const headers: (string | null)[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const c = cellValue(raw[i], Math.min(maxChars, 256));
    if (!c.ok) return { ok: false, reason: 'bad_header', message: `header of column ${i + 1}: ${c.message}` };
    let h = c.value === null ? '' : String(c.value);
    if (i === 0) h = h.replace(/^\uFEFF/, '');
    h = h.trim();
    if (!h) { headers.push(null); continue; }
    if (seen.has(h)) return { ok: false, reason: 'duplicate_header', message: `column header "${h}" appears more than once` };
    seen.add(h);
    headers.push(h);
  }
  if (seen.size === 0) return { ok: false, reason: 'no_headers', message: 'the first row must name the columns' };
  return { ok: true, headers };
}

export type RowPayload = { blank: true } | { blank: false; payload: Record<string, Cell>; errors: ImportRowError[] };

/** Cells of one row under their headers. A row with nothing in it is blank (skipped, not counted). */
export function rowPayload(row: number, headers: readonly (string | null)[], cells: readonly unknown[], maxChars: number): RowPayload {
  const payload: Record<string, Cell> = Object.create(null) as Record<string, Cell>;
  const errors: ImportRowError[] = [];
  let any = false;
  for (let i = 0; i < cells.length; i++) {
    const raw = cells[i];
    const c = cellValue(raw, maxChars);
    const filled = !(raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === ''));
    if (filled) any = true;
    const h = headers[i];
    if (!h) continue; // a column without a header is not data the mapping can name
    if (!c.ok) { errors.push({ row, field: h, rule: c.rule, message: c.message }); continue; }
    if (c.value !== null && !(typeof c.value === 'string' && c.value.trim() === '')) payload[h] = c.value;
  }
  if (!any) return { blank: true };
  // A plain object again: applyMapping reads own keys only, but JSON and logs expect a normal prototype.
  return { blank: false, payload: { ...payload }, errors };
}

/** Mask for any cell shown in an error report: e-mails and digit runs that could be a number are hidden. */
export function maskCell(v: Cell | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  if (s.includes('@')) return maskEmail(s);
  const digits = s.replace(/\D/g, '');
  if (digits.length >= 5) return maskPhone(s);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** A parser's message may quote the file (csv-parse does): numbers and e-mails in it are masked. */
export function scrubText(text: string): string {
  return text
    .replace(/[^\s"'<>@,;]+@[^\s"'<>@,;]+/g, (m) => maskEmail(m))
    .replace(/\+?\d[\d\s-]{3,}\d/g, (m) => (m.replace(/\D/g, '').length >= 5 ? maskPhone(m) : m));
}

function sourceValue(rules: DataMappingRules, target: string, payload: Record<string, Cell>): Cell | undefined {
  const rule = rules.fields.find((f) => f.target === target);
  if (!rule) return undefined;
  for (const s of Array.isArray(rule.source) ? rule.source : [rule.source]) {
    const v = Object.prototype.hasOwnProperty.call(payload, s) ? payload[s] : undefined;
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/**
 * The scene's mapping over the row. Unlike POST /leads/ingestions (which rejects only missing
 * required fields and lets the worker log the rest), an import rejects a row on any mapping error
 * and on any placeholder identifier (13800000000, test@test.com): the operator gets the row back
 * in the report to fix it, instead of a junk lead in the pool.
 */
export function checkRow(row: number, rules: DataMappingRules | null, payload: Record<string, Cell>, defaultRegion: string): ImportRowError[] {
  if (!rules) return [];
  const m = applyMapping(rules, payload, { defaultRegion });
  const out: ImportRowError[] = [];
  for (const e of m.errors) {
    const value = maskCell(sourceValue(rules, e.field, payload));
    out.push({ row, field: e.field, rule: e.rule, message: e.message, ...(value !== undefined ? { value } : {}) });
  }
  for (const j of m.junk) {
    const value = maskCell(sourceValue(rules, j.field, payload));
    out.push({ row, field: j.field, rule: `junk:${j.reason}`, message: `${j.field} is a placeholder value`, ...(value !== undefined ? { value } : {}) });
  }
  return out;
}

/**
 * The lead id of an import row: time-ordered by the import's creation (OneID names an identity
 * after its smallest record id) and otherwise derived from (tenant, import, row), so a job that
 * runs again after a crash names the same leads and the pipeline skips those that exist.
 */
export function importLeadId(tenantId: string, importId: string, row: number, createdAt: number): string {
  return `ld_${createdAt.toString(36).padStart(9, '0')}${createHash('sha256').update(`${tenantId}\n${importId}\n${row}`).digest('hex').slice(0, 10)}`;
}

/** Spreadsheet programs run cells starting with these as formulas (CSV injection): such cells get a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(v: string | number | undefined): string {
  let s = v === undefined ? '' : String(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The error report as CSV (UTF-8 with BOM so Excel shows Chinese text), one line per row error. */
export function errorsCsv(errors: readonly ImportRowError[]): string {
  const lines = ['row,field,rule,message,value'];
  for (const e of errors) lines.push([e.row, e.field, e.rule, e.message, e.value].map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
