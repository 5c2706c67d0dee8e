// Retry delay after `attempt` consecutive failures (1-based): exponential, capped. No jitter:
// used by server processes (gateway, writer) retrying one shared resource, not by fleets.
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export function backoffMs(attempt: number, { baseMs, maxMs }: BackoffOptions): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}
