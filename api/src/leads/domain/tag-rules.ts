// Auto-tagging rules (spec 000 §四.3 auto_tagging_rules, §五.4: keyword, numeric range, source
// conditions; issue 5 item 5). A rule is data: validated once when a scene is saved, compiled,
// then evaluated per lead. Evaluation never throws: a rule that fails is returned as
// {ruleId, error} so the pipeline dead-letters that rule's outcome and carries on (spec 000 §九.5).
import { STANDARD_LEAD_FIELDS, type LeadData } from './lead.js';
import { parsePath, readPath } from './mapping.js';

export const CONDITION_OPS = ['eq', 'neq', 'in', 'not_in', 'contains', 'not_contains', 'range', 'exists', 'not_exists', 'regex'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; op: ConditionOp; value?: unknown; min?: number; max?: number; case_sensitive?: boolean };

export interface TagRuleDefinition {
  id: string;
  name?: string;
  enabled?: boolean;
  /** Lower runs first; later rules see and may undo earlier rules' tags. */
  priority?: number;
  when: Condition;
  actions: { add?: string[]; remove?: string[] };
}

/** What a rule may look at. `source` is the channel, `scene` the scene type (spec 000 §五.4 "来源"). */
export interface TagContext {
  lead_data: LeadData;
  source_channel_id: string | null;
  scene_type: string | null;
  scene_config_id: string | null;
  tags: readonly string[];
}

export interface RuleDefinitionError {
  path: string;
  message: string;
}

export const TAG_RULE_LIMITS = { maxDepth: 5, maxConditions: 50, maxRegexLength: 200, maxRegexInput: 4096, maxTagsPerAction: 20 } as const;

const ALIASES: Record<string, string> = { source: 'source_channel_id', channel_id: 'source_channel_id', scene: 'scene_type' };
const CONTEXT_ROOTS = new Set(['lead_data', 'source_channel_id', 'scene_type', 'scene_config_id', 'tags']);

/** `phone` → `lead_data.phone`; `source` → `source_channel_id`; `lead_data.custom.x` as written. */
export function resolveFieldPath(field: string): string | null {
  const f = ALIASES[field] ?? field;
  const root = f.split(/[.[]/)[0] ?? '';
  if (CONTEXT_ROOTS.has(root)) return parsePath(f) ? f : null;
  if ((STANDARD_LEAD_FIELDS as readonly string[]).includes(root) || root === 'custom') return parsePath(`lead_data.${f}`) ? `lead_data.${f}` : null;
  return null;
}

// Nested quantifiers ((a+)+, (a*)*) are the classic catastrophic-backtracking shapes; the input cap bounds the rest.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;

function checkRegex(pattern: unknown): string | null {
  if (typeof pattern !== 'string' || pattern === '') return 'regex value must be a non-empty string';
  if (pattern.length > TAG_RULE_LIMITS.maxRegexLength) return `regex longer than ${TAG_RULE_LIMITS.maxRegexLength} characters`;
  if (NESTED_QUANTIFIER.test(pattern) || /\\\d/.test(pattern)) return 'regex uses nested quantifiers or back-references';
  try { new RegExp(pattern, 'u'); } catch (e) { return `regex does not compile: ${(e as Error).message}`; }
  return null;
}

function validateCondition(c: unknown, path: string, depth: number, count: { n: number }, errors: RuleDefinitionError[]): void {
  if (++count.n > TAG_RULE_LIMITS.maxConditions) { if (count.n === TAG_RULE_LIMITS.maxConditions + 1) errors.push({ path, message: `more than ${TAG_RULE_LIMITS.maxConditions} conditions` }); return; }
  if (c === null || typeof c !== 'object' || Array.isArray(c)) return void errors.push({ path, message: 'expected a condition object' });
  const o = c as Record<string, unknown>;
  if ('all' in o || 'any' in o) {
    const k = 'all' in o ? 'all' : 'any';
    if (depth >= TAG_RULE_LIMITS.maxDepth) return void errors.push({ path, message: `nested deeper than ${TAG_RULE_LIMITS.maxDepth}` });
    const list = o[k];
    if (!Array.isArray(list) || list.length === 0) return void errors.push({ path: `${path}.${k}`, message: 'expected a non-empty list' });
    list.forEach((x, i) => validateCondition(x, `${path}.${k}[${i}]`, depth + 1, count, errors));
    return;
  }
  if ('not' in o) {
    if (depth >= TAG_RULE_LIMITS.maxDepth) return void errors.push({ path, message: `nested deeper than ${TAG_RULE_LIMITS.maxDepth}` });
    return validateCondition(o.not, `${path}.not`, depth + 1, count, errors);
  }
  if (typeof o.field !== 'string' || !resolveFieldPath(o.field)) errors.push({ path: `${path}.field`, message: 'unknown field (a lead field, custom.<key>, source, scene, scene_config_id or tags)' });
  const op = o.op;
  if (typeof op !== 'string' || !(CONDITION_OPS as readonly string[]).includes(op)) return void errors.push({ path: `${path}.op`, message: `one of ${CONDITION_OPS.join(', ')}` });
  const v = o.value;
  switch (op as ConditionOp) {
    case 'in': case 'not_in':
      if (!Array.isArray(v) || v.length === 0 || v.length > 500) errors.push({ path: `${path}.value`, message: 'expected a list of 1..500 values' });
      break;
    case 'contains': case 'not_contains':
      if (!(typeof v === 'string' && v !== '') && !(Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== ''))) errors.push({ path: `${path}.value`, message: 'expected a keyword or a list of keywords' });
      break;
    case 'range':
      if ((o.min === undefined && o.max === undefined) || (o.min !== undefined && !Number.isFinite(o.min)) || (o.max !== undefined && !Number.isFinite(o.max))) errors.push({ path, message: 'range needs a numeric min and/or max' });
      else if (typeof o.min === 'number' && typeof o.max === 'number' && o.min > o.max) errors.push({ path, message: 'range min is above max' });
      break;
    case 'regex': {
      const e = checkRegex(v);
      if (e) errors.push({ path: `${path}.value`, message: e });
      break;
    }
    case 'eq': case 'neq':
      if (v === undefined || v === null || typeof v === 'object') errors.push({ path: `${path}.value`, message: 'expected a text, number or boolean value' });
      break;
    case 'exists': case 'not_exists':
      break;
  }
}

const TAG_RE = /^[^\s,][^,]{0,63}$/u;

/** Errors in one rule (scene create/update, spec 000 §九.3). knownTags, when given, must contain every tag used. */
export function validateTagRule(def: unknown, knownTags?: ReadonlySet<string>): RuleDefinitionError[] {
  const errors: RuleDefinitionError[] = [];
  if (def === null || typeof def !== 'object') return [{ path: '', message: 'expected a rule object' }];
  const r = def as Partial<TagRuleDefinition>;
  if (typeof r.id !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(r.id)) errors.push({ path: 'id', message: 'a 1..64 character id of letters, digits, _ . : -' });
  if (r.priority !== undefined && !Number.isInteger(r.priority)) errors.push({ path: 'priority', message: 'a whole number' });
  validateCondition(r.when, 'when', 0, { n: 0 }, errors);
  const a = r.actions;
  if (!a || typeof a !== 'object') errors.push({ path: 'actions', message: 'expected { add?, remove? }' });
  else {
    for (const k of ['add', 'remove'] as const) {
      const list = a[k];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length > TAG_RULE_LIMITS.maxTagsPerAction) { errors.push({ path: `actions.${k}`, message: `a list of at most ${TAG_RULE_LIMITS.maxTagsPerAction} tags` }); continue; }
      list.forEach((t, i) => {
        if (typeof t !== 'string' || !TAG_RE.test(t)) errors.push({ path: `actions.${k}[${i}]`, message: 'a tag name of 1..64 characters without commas' });
        else if (knownTags && !knownTags.has(t)) errors.push({ path: `actions.${k}[${i}]`, message: `tag ${t} does not exist` });
      });
    }
    if (!(a.add?.length || a.remove?.length)) errors.push({ path: 'actions', message: 'a rule must add or remove at least one tag' });
  }
  return errors;
}

export interface CompiledTagRule {
  id: string;
  priority: number;
  test: (ctx: TagContext) => boolean;
  add: string[];
  remove: string[];
}

export class TagRuleError extends Error {
  constructor(readonly ruleId: string, message: string) {
    super(message);
    this.name = 'TagRuleError';
  }
}

const fold = (s: string, cs: boolean | undefined) => (cs ? s.normalize('NFKC') : s.normalize('NFKC').toLowerCase());

function scalarText(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

function looseEq(actual: unknown, expected: unknown, cs: boolean | undefined): boolean {
  if (Array.isArray(actual)) return actual.some((x) => looseEq(x, expected, cs));
  if (typeof expected === 'number') return Number(scalarText(actual) ?? NaN) === expected;
  if (typeof expected === 'boolean') return actual === expected || scalarText(actual) === String(expected);
  const a = scalarText(actual);
  return a !== null && typeof expected === 'string' && fold(a, cs) === fold(expected, cs);
}

function present(v: unknown): boolean {
  return !(v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0));
}

function compileCondition(c: Condition): (ctx: TagContext) => boolean {
  if ('all' in c) { const parts = c.all.map(compileCondition); return (ctx) => parts.every((p) => p(ctx)); }
  if ('any' in c) { const parts = c.any.map(compileCondition); return (ctx) => parts.some((p) => p(ctx)); }
  if ('not' in c) { const inner = compileCondition(c.not); return (ctx) => !inner(ctx); }
  const segs = parsePath(resolveFieldPath(c.field)!)!;
  const get = (ctx: TagContext) => readPath(ctx, segs);
  const cs = c.case_sensitive;
  switch (c.op) {
    case 'eq': return (ctx) => looseEq(get(ctx), c.value, cs);
    case 'neq': return (ctx) => !looseEq(get(ctx), c.value, cs);
    case 'in': { const vs = c.value as unknown[]; return (ctx) => vs.some((v) => looseEq(get(ctx), v, cs)); }
    case 'not_in': { const vs = c.value as unknown[]; return (ctx) => !vs.some((v) => looseEq(get(ctx), v, cs)); }
    case 'exists': return (ctx) => present(get(ctx));
    case 'not_exists': return (ctx) => !present(get(ctx));
    case 'contains': case 'not_contains': {
      const words = (Array.isArray(c.value) ? c.value : [c.value]).map((w) => fold(String(w), cs));
      const hit = (ctx: TagContext) => {
        const v = get(ctx);
        const texts = (Array.isArray(v) ? v : [v]).map(scalarText).filter((t): t is string => t !== null).map((t) => fold(t, cs));
        // An array field (tags) matches whole items; a text field matches keywords inside it.
        return Array.isArray(v) ? words.some((w) => texts.includes(w)) : words.some((w) => texts.some((t) => t.includes(w)));
      };
      return c.op === 'contains' ? hit : (ctx) => !hit(ctx);
    }
    case 'range': return (ctx) => {
      const t = scalarText(get(ctx));
      const n = t === null || t.trim() === '' ? NaN : Number(t);
      return Number.isFinite(n) && (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
    };
    case 'regex': {
      const re = new RegExp(c.value as string, cs ? 'u' : 'iu');
      return (ctx) => {
        const t = scalarText(get(ctx));
        return t !== null && re.test(t.slice(0, TAG_RULE_LIMITS.maxRegexInput));
      };
    }
  }
}

/** Compiles valid rules; invalid ones come back as errors (by rule id) rather than stopping the others. */
export function compileTagRules(defs: readonly unknown[], knownTags?: ReadonlySet<string>): { rules: CompiledTagRule[]; errors: { ruleId: string; errors: RuleDefinitionError[] }[] } {
  const rules: CompiledTagRule[] = [];
  const errors: { ruleId: string; errors: RuleDefinitionError[] }[] = [];
  defs.forEach((d, i) => {
    const id = d && typeof d === 'object' && typeof (d as TagRuleDefinition).id === 'string' ? (d as TagRuleDefinition).id : `#${i}`;
    const errs = validateTagRule(d, knownTags);
    if (errs.length) return void errors.push({ ruleId: id, errors: errs });
    const r = d as TagRuleDefinition;
    if (r.enabled === false) return;
    rules.push({ id: r.id, priority: r.priority ?? 0, test: compileCondition(r.when), add: r.actions.add ?? [], remove: r.actions.remove ?? [] });
  });
  rules.sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rules, errors };
}

export interface TaggingOutcome {
  tags: string[];
  added: string[];
  removed: string[];
  matched: string[];
  errors: { ruleId: string; error: string }[];
}

/** Applies rules in order to the lead's current tags. Never throws. */
export function evaluateTagRules(rules: readonly CompiledTagRule[], ctx: TagContext): TaggingOutcome {
  const tags = new Set(ctx.tags);
  const matched: string[] = [];
  const errors: TaggingOutcome['errors'] = [];
  for (const r of rules) {
    let hit: boolean;
    try {
      hit = r.test({ ...ctx, tags: [...tags] });
    } catch (e) {
      errors.push({ ruleId: r.id, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (!hit) continue;
    matched.push(r.id);
    for (const t of r.add) tags.add(t);
    for (const t of r.remove) tags.delete(t);
  }
  const before = new Set(ctx.tags);
  const final = [...tags];
  return { tags: final, added: final.filter((t) => !before.has(t)), removed: [...before].filter((t) => !tags.has(t)), matched, errors };
}
