// What an upload attempt's outcome means for the next step. Pure.
//   2xx            stored (200 also when the API already had it: uploads are idempotent)
//   408, 429, 5xx  transient: retry with backoff while the URL is valid
//   other 4xx      permanent (forged/expired URL, checksum mismatch, conflict): give up
//   network error  transient
import { backoffDelayMs, type BackoffPolicy } from './backoff.js';
import type { Rng } from './rng.js';

export type AttemptOutcome = { kind: 'http'; status: number } | { kind: 'network'; message: string };

export type UploadVerdict = { kind: 'done' } | { kind: 'retry' } | { kind: 'give-up'; reason: string };

export function judgeAttempt(outcome: AttemptOutcome): UploadVerdict {
  if (outcome.kind === 'network') return { kind: 'retry' };
  const s = outcome.status;
  if (s >= 200 && s < 300) return { kind: 'done' };
  if (s === 408 || s === 429 || s >= 500) return { kind: 'retry' };
  return { kind: 'give-up', reason: `HTTP_${s}` };
}

export const UPLOAD_RETRY_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000, floorMs: 200 };
export const UPLOAD_MAX_ATTEMPTS = 8;

/**
 * Delay before retry `attempt` (0-based), or null when no retry fits: attempts exhausted, or the
 * URL would have expired by then.
 */
export function nextRetryDelayMs(attempt: number, nowMs: number, urlExpiresAtMs: number, rng: Rng, policy = UPLOAD_RETRY_BACKOFF): number | null {
  if (attempt + 1 >= UPLOAD_MAX_ATTEMPTS) return null;
  const delay = backoffDelayMs(policy, attempt, rng);
  if (urlExpiresAtMs > 0 && nowMs + delay >= urlExpiresAtMs) return null;
  return delay;
}
