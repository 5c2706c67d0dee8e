// A scene's `data_mapping_rules` (spec 000 §四.3, §五.2, §七.1 step 3): turns any source payload
// into the standard lead fields. The spec leaves the rule format open; ours is a list of field
// rules, each reading the first non-empty of one or more paths, with a default, a type and
// per-field errors, so one bad field is reported rather than the lead being dropped.
import { STANDARD_LEAD_FIELDS, type LeadData } from './lead.js';
import { normaliseEmailField, normaliseNameField, normalisePhoneField } from './normalise.js';

export const MAPPING_TYPES = ['string', 'number', 'integer', 'boolean', 'datetime', 'phone', 'email', 'name', 'string[]', 'json'] as const;
export type MappingType = (typeof MAPPING_TYPES)[number];

export interface FieldMappingRule {
  /** A standard field (lead.ts STANDARD_LEAD_FIELDS) or `custom.<key>`. */
  target: string;
  /** Dotted path(s) into the payload: `submission_data.phone`, `answers[0].value`, `items[*].sku`. First non-empty wins. */
  source: string | string[];
  type?: MappingType;
  default?: unknown;
  required?: boolean;
  /** Cap for string values; longer ones are an error, not silently cut. */
  max_length?: number;
}

export interface DataMappingRules {
  fields: FieldMappingRule[];
  /** Copy payload keys no rule reads into lead_data.custom (flat, top level only). */
  keep_unmapped?: boolean;
}

export interface MappingError {
  field: string;
  rule: string;
  message: string;
}

export interface MappingResult {
  lead_data: LeadData;
  errors: MappingError[];
  /** Identifiers recognised as placeholders (kept for display, excluded from OneID). */
  junk: { field: string; reason: string }[];
}

const MAX_PATH_SEGMENTS = 16;

type Segment = { key: string } | { index: number } | { wildcard: true };

/** Parses `a.b[0].c`, `a.0.c` and `a[*].c`; null when malformed. */
export function parsePath(path: string): Segment[] | null {
  if (path === '' || path.length > 256) return null;
  const out: Segment[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[(?:\d+|\*)\])*)$/.exec(part);
    if (!m) return null;
    const [, key, brackets] = m;
    if (key) out.push(/^\d+$/.test(key) ? { index: Number(key) } : key === '*' ? { wildcard: true } : { key });
    else if (!brackets) return null;
    for (const b of (brackets ?? '').matchAll(/\[(\d+|\*)\]/g)) out.push(b[1] === '*' ? { wildcard: true } : { index: Number(b[1]) });
  }
  return out.length > 0 && out.length <= MAX_PATH_SEGMENTS ? out : null;
}

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Value at a parsed path; wildcards collect an array (nested wildcards flatten). Never reads prototype keys. */
export function readPath(payload: unknown, segments: Segment[]): unknown {
  let cur: unknown[] = [payload];
  let many = false;
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || typeof v !== 'object') continue;
      if ('wildcard' in seg) {
        many = true;
        if (Array.isArray(v)) next.push(...v);
        else next.push(...Object.values(v));
      } else if ('index' in seg) {
        if (Array.isArray(v) && seg.index < v.length) next.push(v[seg.index]);
        else if (!Array.isArray(v) && own(v, String(seg.index))) next.push((v as Record<string, unknown>)[String(seg.index)]);
      } else if (!Array.isArray(v) && own(v, seg.key)) next.push((v as Record<string, unknown>)[seg.key]);
    }
    cur = next;
  }
  return many ? cur : cur[0];
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'on', '是', '对', '有']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off', '否', '不', '无']);

type Coerced = { ok: true; value: unknown; junk?: string } | { ok: false; message: string };

function coerce(v: unknown, type: MappingType, defaultRegion: string): Coerced {
  const asText = (): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);
  switch (type) {
    case 'json':
      return { ok: true, value: v };
    case 'string': {
      const s = asText();
      return s === null ? { ok: false, message: 'expected text' } : { ok: true, value: s.trim() };
    }
    case 'string[]': {
      const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[,，;；|]/) : [v];
      const out: string[] = [];
      for (const i of items) {
        if (typeof i !== 'string' && typeof i !== 'number') return { ok: false, message: 'expected a list of text values' };
        const s = String(i).trim();
        if (s) out.push(s);
      }
      return { ok: true, value: out };
    }
    case 'number':
    case 'integer': {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim().replace(/[,，\s]/g, '').replace(/^[¥$€£]/, '')) : NaN;
      if (typeof v === 'string' && v.trim() === '') return { ok: false, message: 'expected a number' };
      if (!Number.isFinite(n)) return { ok: false, message: 'expected a number' };
      if (type === 'integer' && !Number.isInteger(n)) return { ok: false, message: 'expected a whole number' };
      return { ok: true, value: n };
    }
    case 'boolean': {
      if (typeof v === 'boolean') return { ok: true, value: v };
      const s = asText()?.trim().toLowerCase();
      if (s !== undefined && TRUE_WORDS.has(s)) return { ok: true, value: true };
      if (s !== undefined && FALSE_WORDS.has(s)) return { ok: true, value: false };
      return { ok: false, message: 'expected yes/no' };
    }
    case 'datetime': {
      let ms: number;
      if (typeof v === 'number') ms = v < 1e11 ? v * 1000 : v; // epoch seconds vs milliseconds
      else if (typeof v === 'string' && /^\d{9,13}$/.test(v.trim())) ms = Number(v) < 1e11 ? Number(v) * 1000 : Number(v);
      else if (typeof v === 'string') ms = Date.parse(v.trim().replace(/^(\d{4})\/(\d{1,2})\/(\d{1,2})/, '$1-$2-$3'));
      else ms = NaN;
      return Number.isFinite(ms) ? { ok: true, value: new Date(ms).toISOString() } : { ok: false, message: 'expected a date and time' };
    }
    case 'phone':
    case 'email':
    case 'name': {
      const s = asText();
      if (s === null) return { ok: false, message: `expected a ${type}` };
      const r = type === 'phone' ? normalisePhoneField(s, defaultRegion) : type === 'email' ? normaliseEmailField(s) : normaliseNameField(s);
      if (!r.ok) return { ok: false, message: r.message };
      return r.junk ? { ok: true, value: r.value, junk: r.reason } : { ok: true, value: r.value };
    }
  }
}

/** The type a standard field gets when the rule does not say. */
const DEFAULT_TYPES: Partial<Record<string, MappingType>> = { phone: 'phone', email: 'email', name: 'name', lead_value: 'number' };

const CUSTOM_RE = /^custom\.[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Errors in a rule set (for scene create/update, spec 000 §九.3); empty when valid. */
export function validateMappingRules(def: unknown): MappingError[] {
  const errors: MappingError[] = [];
  if (def === null || typeof def !== 'object' || !Array.isArray((def as DataMappingRules).fields)) {
    return [{ field: 'data_mapping_rules', rule: 'shape', message: 'expected { fields: [...] }' }];
  }
  const seen = new Set<string>();
  (def as DataMappingRules).fields.forEach((r, i) => {
    const at = `data_mapping_rules.fields[${i}]`;
    if (r === null || typeof r !== 'object') return void errors.push({ field: at, rule: 'shape', message: 'expected an object' });
    const target = (r as FieldMappingRule).target;
    if (typeof target !== 'string' || !((STANDARD_LEAD_FIELDS as readonly string[]).includes(target) || CUSTOM_RE.test(target))) {
      errors.push({ field: `${at}.target`, rule: 'target', message: 'must be a standard lead field or custom.<key>' });
    } else if (seen.has(target)) errors.push({ field: `${at}.target`, rule: 'unique', message: `${target} is mapped twice` });
    else seen.add(target);
    const sources = Array.isArray(r.source) ? r.source : [r.source];
    if (sources.length === 0) errors.push({ field: `${at}.source`, rule: 'source', message: 'at least one path is required' });
    sources.forEach((s, j) => {
      const segs = typeof s === 'string' ? parsePath(s) : null;
      if (!segs) errors.push({ field: `${at}.source${Array.isArray(r.source) ? `[${j}]` : ''}`, rule: 'path', message: 'not a valid path (a.b[0].c, max 16 segments)' });
      else if (segs.some((g) => 'key' in g && FORBIDDEN_KEYS.has(g.key))) errors.push({ field: `${at}.source`, rule: 'path', message: 'path uses a reserved key' });
    });
    if (r.type !== undefined && !(MAPPING_TYPES as readonly string[]).includes(r.type)) errors.push({ field: `${at}.type`, rule: 'type', message: `one of ${MAPPING_TYPES.join(', ')}` });
    if (r.max_length !== undefined && !(Number.isInteger(r.max_length) && r.max_length > 0)) errors.push({ field: `${at}.max_length`, rule: 'max_length', message: 'a positive whole number' });
    if (r.target === 'lead_value' && r.type !== undefined && r.type !== 'number' && r.type !== 'integer') errors.push({ field: `${at}.type`, rule: 'type', message: 'lead_value is a number' });
  });
  return errors;
}

function firstTopLevelKey(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

/** Applies validated rules; never throws on payload content. */
export function applyMapping(rules: DataMappingRules, payload: unknown, opts: { defaultRegion?: string } = {}): MappingResult {
  const region = opts.defaultRegion ?? 'CN';
  const lead: LeadData = {};
  const custom: Record<string, unknown> = {};
  const errors: MappingError[] = [];
  const junk: MappingResult['junk'] = [];
  const read = new Set<string>();
  for (const r of rules.fields) {
    const sources = Array.isArray(r.source) ? r.source : [r.source];
    let raw: unknown;
    for (const s of sources) {
      read.add(firstTopLevelKey(s));
      const segs = parsePath(s);
      if (!segs) continue;
      const v = readPath(payload, segs);
      if (!isEmpty(v)) { raw = v; break; }
    }
    if (isEmpty(raw)) raw = r.default;
    if (isEmpty(raw)) {
      if (r.required) errors.push({ field: r.target, rule: 'required', message: `no value at ${sources.join(' | ')}` });
      continue;
    }
    const type = r.type ?? DEFAULT_TYPES[r.target] ?? 'string';
    const c = coerce(raw, type, region);
    if (!c.ok) { errors.push({ field: r.target, rule: `type:${type}`, message: c.message }); continue; }
    if (r.max_length !== undefined && typeof c.value === 'string' && c.value.length > r.max_length) {
      errors.push({ field: r.target, rule: 'max_length', message: `longer than ${r.max_length} characters` });
      continue;
    }
    if (c.junk) junk.push({ field: r.target, reason: c.junk });
    if (r.target.startsWith('custom.')) custom[r.target.slice(7)] = c.value;
    else (lead as Record<string, unknown>)[r.target] = c.value;
  }
  if (rules.keep_unmapped && payload !== null && typeof payload === 'object' && !Array.isArray(payload)) {
    for (const [k, v] of Object.entries(payload)) if (!read.has(k) && !FORBIDDEN_KEYS.has(k) && !(k in custom)) custom[k] = v;
  }
  if (Object.keys(custom).length > 0) lead.custom = custom;
  return { lead_data: lead, errors, junk };
}
