// Analyser adapter for an external AI service (ANALYSIS_PROVIDER=http). Contract with the
// provider: POST <url> JSON {transcript, language, rules} with `Authorization: Bearer <key>`;
// 200 JSON {sentiment, intentionLevel (or intention 高/中/低意向), intentionScore 0..1, keywords[],
// summary, transcription?}. Each attempt is bounded by a timeout (AbortController); timeouts,
// network errors, 5xx and 429 are retried with exponential backoff, a 429/503 Retry-After
// being honoured (capped). Other 4xx and unparseable bodies are not retried: sending the same
// request again cannot fix them. Every failure is an AnalysisProviderError saying why.
import { backoffMs } from '../../../common/backoff.js';
import {
  INTENT_LABELS, INTENT_LEVELS, SENTIMENTS, type AnalysisInput, type AnalysisResult, type Analyser, type IntentLevel,
} from './analyser.js';

export type ProviderFailure = 'TIMEOUT' | 'NETWORK' | 'HTTP_5XX' | 'RATE_LIMITED' | 'AUTH' | 'REJECTED' | 'MALFORMED';

export class AnalysisProviderError extends Error {
  constructor(
    readonly kind: ProviderFailure,
    readonly retryable: boolean,
    readonly attempts: number,
    message: string,
    readonly status?: number,
    /** The provider's Retry-After, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AnalysisProviderError';
  }
}

export interface HttpAnalyserOptions {
  url: string;
  apiKey: string;
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Longest Retry-After honoured; a provider asking for more gets this. */
  maxRetryAfterMs: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/** Checks a provider's answer; throws MALFORMED naming the first bad field. */
export function parseProviderResult(body: unknown, transcript: string, attempts: number): AnalysisResult {
  const bad = (what: string) => new AnalysisProviderError('MALFORMED', false, attempts, `provider answer: ${what}`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('not a JSON object');
  const b = body as Record<string, unknown>;
  if (!(SENTIMENTS as readonly unknown[]).includes(b.sentiment)) throw bad('sentiment');
  let level: IntentLevel | undefined;
  if ((INTENT_LEVELS as readonly unknown[]).includes(b.intentionLevel)) level = b.intentionLevel as IntentLevel;
  else level = INTENT_LEVELS.find((l) => INTENT_LABELS[l] === b.intention);
  if (!level) throw bad('intentionLevel');
  if (typeof b.intentionScore !== 'number' || !(b.intentionScore >= 0 && b.intentionScore <= 1)) throw bad('intentionScore');
  if (!Array.isArray(b.keywords) || b.keywords.some((k) => typeof k !== 'string')) throw bad('keywords');
  if (typeof b.summary !== 'string') throw bad('summary');
  if (b.transcription !== undefined && typeof b.transcription !== 'string') throw bad('transcription');
  return {
    sentiment: b.sentiment as AnalysisResult['sentiment'],
    intention: INTENT_LABELS[level],
    intentionLevel: level,
    intentionScore: b.intentionScore,
    keywords: (b.keywords as string[]).slice(0, 50),
    summary: b.summary,
    transcription: typeof b.transcription === 'string' ? b.transcription : transcript,
  };
}

export class HttpAnalyser implements Analyser {
  readonly name = 'http';
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: HttpAnalyserOptions) {
    if (!o.url) throw new TypeError('ANALYSIS_HTTP_URL is required with ANALYSIS_PROVIDER=http');
    this.fetch = o.fetch ?? fetch;
    this.sleep = o.sleep ?? defaultSleep;
  }

  async analyse(input: AnalysisInput): Promise<AnalysisResult> {
    const body = JSON.stringify({ transcript: input.transcript, language: input.language, rules: input.tenantRules });
    for (let attempt = 1; ; attempt++) {
      let waitMs: number | null = null;
      try {
        return await this.once(body, input.transcript, attempt);
      } catch (err) {
        const e = err instanceof AnalysisProviderError ? err : new AnalysisProviderError('NETWORK', true, attempt, (err as Error).message);
        if (!e.retryable || attempt > this.o.retries) throw e;
        waitMs = e.retryAfterMs ?? null;
      }
      const backoff = backoffMs(attempt, { baseMs: this.o.backoffBaseMs, maxMs: this.o.backoffMaxMs });
      await this.sleep(waitMs !== null ? Math.min(waitMs, this.o.maxRetryAfterMs) : backoff);
    }
  }

  private async once(body: string, transcript: string, attempt: number): Promise<AnalysisResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.o.timeoutMs);
    try {
      let res: Response;
      let text: string;
      try {
        res = await this.fetch(this.o.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.o.apiKey}` },
          body,
          signal: controller.signal,
        });
        // The body read is inside the timeout too: a provider may stall after the headers.
        text = await res.text();
      } catch (err) {
        if (controller.signal.aborted) throw new AnalysisProviderError('TIMEOUT', true, attempt, `no answer within ${this.o.timeoutMs} ms`);
        throw new AnalysisProviderError('NETWORK', true, attempt, (err as Error).message);
      }
      if (res.status === 429 || res.status === 503 || res.status >= 500) {
        const after = retryAfterMs(res.headers.get('retry-after'), Date.now()) ?? undefined;
        throw new AnalysisProviderError(res.status === 429 ? 'RATE_LIMITED' : 'HTTP_5XX', true, attempt, `provider answered ${res.status}`, res.status, after);
      }
      if (res.status === 401 || res.status === 403) throw new AnalysisProviderError('AUTH', false, attempt, `provider refused the credential (${res.status})`, res.status);
      if (res.status < 200 || res.status >= 300) throw new AnalysisProviderError('REJECTED', false, attempt, `provider answered ${res.status}`, res.status);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new AnalysisProviderError('MALFORMED', false, attempt, 'provider answer is not JSON');
      }
      return parseProviderResult(json, transcript, attempt);
    } finally {
      clearTimeout(timer);
    }
  }
}
