// The call-analysis contract (spec 004 §2.5 analysisResult, §4.3 CallAnalysisService): what an
// analyser is given and what it returns, the tenant-tunable rules of the offline analyser and
// their validation. Pure: no I/O client is imported here.

export const SENTIMENTS = ['POSITIVE', 'NEUTRAL', 'NEGATIVE'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const INTENT_LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type IntentLevel = (typeof INTENT_LEVELS)[number];

/** The spec's labels (§2.5 "intention": "高意向"). */
export const INTENT_LABELS: Readonly<Record<IntentLevel, string>> = { HIGH: '高意向', MEDIUM: '中意向', LOW: '低意向' };

export interface AnalysisResult {
  sentiment: Sentiment;
  /** Spec label: 高意向 | 中意向 | 低意向. */
  intention: string;
  intentionLevel: IntentLevel;
  /** 0..1, higher = more interested. */
  intentionScore: number;
  keywords: string[];
  summary: string;
  transcription: string;
}

/**
 * Per-tenant tuning of the offline analyser. Phrase maps are merged over the defaults: a phrase
 * with weight 0 removes a default one. Positive intent weights = interest, negative = refusal.
 */
export interface AnalysisRules {
  intent: Record<string, number>;
  sentiment: Record<string, number>;
  /** Characters that, just before a positive cue, turn it into a refusal (不感兴趣). */
  negators: string[];
  /** intentionScore at or above which a call is HIGH / MEDIUM. */
  highThreshold: number;
  mediumThreshold: number;
}

export type TenantRules = Partial<AnalysisRules>;

export interface AnalysisInput {
  transcript: string;
  /** BCP 47; the offline lexicon is Chinese and is applied whatever this says. */
  language: string;
  tenantRules: TenantRules;
}

export interface Analyser {
  /** Name stored with each result (`provider` column): 'offline', 'http'. */
  readonly name: string;
  analyse(input: AnalysisInput): Promise<AnalysisResult>;
}

export interface RuleProblem {
  field: string;
  rule: string;
  message: string;
}

const MAX_PHRASES = 500;
const MAX_PHRASE_CHARS = 20;
const MAX_WEIGHT = 10;

function checkPhraseMap(value: unknown, field: string, problems: RuleProblem[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ field, rule: 'type', message: 'must be an object of phrase → weight' });
    return;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_PHRASES) problems.push({ field, rule: 'maxProperties', message: `at most ${MAX_PHRASES} phrases` });
  for (const [phrase, weight] of entries) {
    if (phrase.trim() === '' || [...phrase].length > MAX_PHRASE_CHARS) {
      problems.push({ field: `${field}.${phrase}`, rule: 'phrase', message: `phrase must be 1-${MAX_PHRASE_CHARS} characters` });
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || Math.abs(weight) > MAX_WEIGHT) {
      problems.push({ field: `${field}.${phrase}`, rule: 'weight', message: `weight must be a number in [-${MAX_WEIGHT}, ${MAX_WEIGHT}]` });
    }
  }
}

/** Validates tenant rules as received from the API or read back from Redis; lists every problem. */
export function validateTenantRules(value: unknown, base = 'body'): { ok: true; rules: TenantRules } | { ok: false; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [{ field: base, rule: 'type', message: 'must be an object' }] };
  }
  const v = value as Record<string, unknown>;
  const allowed = new Set(['intent', 'sentiment', 'negators', 'highThreshold', 'mediumThreshold']);
  for (const key of Object.keys(v)) if (!allowed.has(key)) problems.push({ field: `${base}.${key}`, rule: 'additionalProperties', message: 'unknown setting' });
  if (v.intent !== undefined) checkPhraseMap(v.intent, `${base}.intent`, problems);
  if (v.sentiment !== undefined) checkPhraseMap(v.sentiment, `${base}.sentiment`, problems);
  if (v.negators !== undefined) {
    if (!Array.isArray(v.negators) || v.negators.length > 20 || v.negators.some((n) => typeof n !== 'string' || n === '' || [...n].length > 3)) {
      problems.push({ field: `${base}.negators`, rule: 'type', message: 'must be up to 20 strings of 1-3 characters' });
    }
  }
  for (const key of ['highThreshold', 'mediumThreshold'] as const) {
    const t = v[key];
    if (t !== undefined && (typeof t !== 'number' || !(t > 0 && t < 1))) problems.push({ field: `${base}.${key}`, rule: 'range', message: 'must be a number in (0, 1)' });
  }
  const high = typeof v.highThreshold === 'number' ? v.highThreshold : undefined;
  const medium = typeof v.mediumThreshold === 'number' ? v.mediumThreshold : undefined;
  if (high !== undefined && medium !== undefined && medium >= high) {
    problems.push({ field: `${base}.mediumThreshold`, rule: 'range', message: 'must be below highThreshold' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules: v as TenantRules };
}
