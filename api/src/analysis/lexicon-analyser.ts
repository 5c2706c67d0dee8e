// The offline default analyser: Chinese lexicon rules over the customer's side of a two-party
// transcript ("客服：…\n客户：…"). Deterministic and pure, so the same transcript and rules give
// the same result on every run and every instance.
//
// Intent: each customer line is scanned for phrases (longest first, non-overlapping); a positive
// cue with a negator just before it (不感兴趣, 没什么兴趣, 别发资料) counts as a refusal. Later lines
// weigh more (0.5 → 1.0), because a customer's last word ("算了，不需要") outweighs an early
// question. The weighted sum goes through a logistic curve centred so that "nothing said" is LOW,
// one medium cue is MEDIUM and one strong cue is HIGH.
// Sentiment: the same scan with the sentiment lexicon over the customer's lines.
// Keywords: lexicon hits in order of appearance, then frequent two-character terms.
import {
  INTENT_LABELS, type AnalysisInput, type AnalysisResult, type AnalysisRules, type Analyser, type IntentLevel,
  type Sentiment, type TenantRules,
} from './analyser.js';

export const DEFAULT_RULES: AnalysisRules = {
  intent: {
    价格: 3, 多少钱: 3, 怎么收费: 3, 报价: 3, 合作: 3, 感兴趣: 3, 有兴趣: 3, 发资料: 3, 发个资料: 3, 发一下资料: 3,
    加微信: 3, 加个微信: 3, 约个时间: 3, 什么时候能: 2, 怎么买: 3, 想了解: 2, 了解一下: 2, 可以试试: 2,
    考虑一下: 1.5, 考虑考虑: 1.5, 再说: 1.5, 回头再: 1.5, 看看再: 1.5, 问问: 1, 商量: 1,
    不需要: -3, 不用了: -3, 没兴趣: -3, 没有兴趣: -3, 没什么兴趣: -3, 不感兴趣: -3, 别打了: -4, 不要再打: -4, 骚扰: -4, 已经有了: -2, 太贵: -1.5, 没时间: -1.5, 在忙: -1,
  },
  sentiment: {
    好的: 1, 可以: 1, 谢谢: 1, 不错: 1.5, 满意: 1.5, 太好了: 2, 挺好: 1.5, 感兴趣: 1, 合作: 0.5, 麻烦你: 0.5,
    烦: -2, 别打了: -3, 不要再打: -3, 骚扰: -3, 投诉: -3, 生气: -2, 滚: -3, 不需要: -1, 没兴趣: -1, 不感兴趣: -1, 不行: -1, 太贵: -1,
  },
  negators: ['不', '没', '别', '无'],
  highThreshold: 0.7,
  mediumThreshold: 0.4,
};

/** Tenant overrides merged over the defaults (weight 0 deletes a phrase). */
export function mergeRules(tenant: TenantRules, base: AnalysisRules = DEFAULT_RULES): AnalysisRules {
  const merge = (a: Record<string, number>, b: Record<string, number> | undefined): Record<string, number> => {
    const out = { ...a, ...(b ?? {}) };
    for (const [k, w] of Object.entries(out)) if (w === 0) delete out[k];
    return out;
  };
  const high = tenant.highThreshold ?? base.highThreshold;
  return {
    intent: merge(base.intent, tenant.intent),
    sentiment: merge(base.sentiment, tenant.sentiment),
    negators: tenant.negators ?? base.negators,
    highThreshold: high,
    // A tenant that raises only the high bar must not end up with MEDIUM above it.
    mediumThreshold: Math.min(tenant.mediumThreshold ?? base.mediumThreshold, high - 0.01),
  };
}

export type Speaker = 'CUSTOMER' | 'AGENT' | 'UNKNOWN';

const SPEAKER = /^\s*(客户|顾客|用户|客人|客服|坐席|销售|业务员|agent|customer)\s*[:：]\s*/i;
const AGENT_NAMES = new Set(['客服', '坐席', '销售', '业务员', 'agent']);

export interface Utterance {
  speaker: Speaker;
  text: string;
}

export function parseTranscript(transcript: string): Utterance[] {
  const out: Utterance[] = [];
  for (const raw of transcript.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    const m = SPEAKER.exec(raw);
    if (!m) {
      out.push({ speaker: 'UNKNOWN', text: raw.trim() });
      continue;
    }
    const who = m[1]!.toLowerCase();
    out.push({ speaker: AGENT_NAMES.has(who) ? 'AGENT' : 'CUSTOMER', text: raw.slice(m[0].length).trim() });
  }
  return out;
}

/** The lines the customer said; a transcript without any speaker labels is taken as all customer. */
export function customerLines(utterances: readonly Utterance[]): string[] {
  const labelled = utterances.some((u) => u.speaker !== 'UNKNOWN');
  return utterances.filter((u) => (labelled ? u.speaker === 'CUSTOMER' : true)).map((u) => u.text);
}

export interface Hit {
  phrase: string;
  weight: number;
  /** A positive cue preceded by a negator: its weight was turned into a refusal. */
  negated: boolean;
  at: number;
}

/** How far before a cue a negator still applies: 不感兴趣 (1), 没什么兴趣 (3), 不太想了解 (2). */
const NEGATION_WINDOW = 3;

/** Longest-first, non-overlapping phrase matches of one line, in order of position. */
export function scanLine(line: string, lexicon: Record<string, number>, negators: readonly string[]): Hit[] {
  const phrases = Object.keys(lexicon).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const taken = new Array<boolean>(line.length).fill(false);
  const hits: Hit[] = [];
  for (const phrase of phrases) {
    let from = 0;
    for (;;) {
      const at = line.indexOf(phrase, from);
      if (at < 0) break;
      from = at + 1;
      let free = true;
      for (let i = at; i < at + phrase.length; i++) if (taken[i]) free = false;
      if (!free) continue;
      for (let i = at; i < at + phrase.length; i++) taken[i] = true;
      const w = lexicon[phrase]!;
      // A negator is only looked for before positive cues; clause punctuation ends its reach.
      const before = line.slice(Math.max(0, at - NEGATION_WINDOW), at).split(/[，,。.！!？?；;、\s]/).pop() ?? '';
      const negated = w > 0 && negators.some((n) => before.includes(n));
      hits.push({ phrase, weight: negated ? -w : w, negated, at });
    }
  }
  return hits.sort((a, b) => a.at - b.at);
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function intentScore(lines: readonly string[], rules: AnalysisRules): { score: number; hits: Hit[] } {
  let raw = 0;
  const hits: Hit[] = [];
  lines.forEach((line, i) => {
    const recency = lines.length === 1 ? 1 : 0.5 + (0.5 * i) / (lines.length - 1);
    for (const h of scanLine(line, rules.intent, rules.negators)) {
      raw += h.weight * recency;
      hits.push(h);
    }
  });
  // Centre 1: no cue → 0.27 (LOW); one medium cue (1.5) → 0.62; one strong cue (3) → 0.88.
  return { score: round3(logistic(raw - 1)), hits };
}

export function levelOf(score: number, rules: AnalysisRules): IntentLevel {
  return score >= rules.highThreshold ? 'HIGH' : score >= rules.mediumThreshold ? 'MEDIUM' : 'LOW';
}

export function sentimentOf(lines: readonly string[], rules: AnalysisRules): Sentiment {
  let raw = 0;
  for (const line of lines) for (const h of scanLine(line, rules.sentiment, rules.negators)) raw += h.weight;
  return raw >= 1 ? 'POSITIVE' : raw <= -1 ? 'NEGATIVE' : 'NEUTRAL';
}

const STOP_CHARS = new Set([...'的了吗呢吧啊呀哦嗯我你您他她它们是在有这那就也都和与个不没要会能说好一些么什哪谁很还再对']);
const CJK = /^[\u4e00-\u9fff]{2}$/;

/** Two-character terms said at least twice, most frequent first (ties: first said first). */
export function frequentTerms(text: string, max: number): string[] {
  const counts = new Map<string, { n: number; first: number }>();
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) {
    const term = chars[i]! + chars[i + 1]!;
    if (!CJK.test(term) || STOP_CHARS.has(chars[i]!) || STOP_CHARS.has(chars[i + 1]!)) continue;
    const c = counts.get(term);
    if (c) c.n++;
    else counts.set(term, { n: 1, first: i });
  }
  return [...counts.entries()]
    .filter(([, c]) => c.n >= 2)
    .sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first)
    .slice(0, max)
    .map(([t]) => t);
}

const SENTIMENT_ZH: Readonly<Record<Sentiment, string>> = { POSITIVE: '积极', NEUTRAL: '平稳', NEGATIVE: '消极' };
const MAX_KEYWORDS = 10;

export function analyseTranscript(input: AnalysisInput): AnalysisResult {
  const rules = mergeRules(input.tenantRules);
  const transcription = input.transcript.trim();
  const utterances = parseTranscript(transcription);
  const lines = customerLines(utterances);
  const { score, hits } = intentScore(lines, rules);
  const level = levelOf(score, rules);
  const sentiment = sentimentOf(lines, rules);

  const keywords: string[] = [];
  for (const h of hits) if (!keywords.includes(h.phrase)) keywords.push(h.phrase);
  const hitText = keywords.join('');
  for (const t of frequentTerms(utterances.map((u) => u.text).join('\n'), MAX_KEYWORDS)) {
    // A term inside a lexicon hit (资料 of 发资料) adds nothing.
    if (keywords.length >= MAX_KEYWORDS) break;
    if (!hitText.includes(t) && !keywords.includes(t)) keywords.push(t);
  }

  let summary: string;
  if (utterances.length === 0) {
    summary = '无有效通话内容，无法判断客户意向。';
  } else {
    const interest = hits.filter((h) => h.weight > 0).map((h) => h.phrase);
    const refusal = hits.filter((h) => h.weight < 0).map((h) => (h.negated ? `否定「${h.phrase}」` : h.phrase));
    const parts = [`客户${INTENT_LABELS[level]}（意向分${score.toFixed(2)}），情绪${SENTIMENT_ZH[sentiment]}`];
    if (interest.length > 0) parts.push(`关注：${[...new Set(interest)].slice(0, 5).join('、')}`);
    if (refusal.length > 0) parts.push(`拒绝信号：${[...new Set(refusal)].slice(0, 5).join('、')}`);
    parts.push(`共${utterances.length}轮对话，客户发言${lines.length}次`);
    summary = `${parts.join('；')}。`;
  }
  return { sentiment, intention: INTENT_LABELS[level], intentionLevel: level, intentionScore: score, keywords: keywords.slice(0, MAX_KEYWORDS), summary, transcription };
}

export class LexiconAnalyser implements Analyser {
  readonly name = 'offline';
  async analyse(input: AnalysisInput): Promise<AnalysisResult> {
    return analyseTranscript(input);
  }
}
