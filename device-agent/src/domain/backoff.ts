// Reconnect delays: exponential with "full jitter" (AWS architecture blog, 2015). Thousands of
// devices that lost the broker at the same moment must not come back in lock-step, so each delay
// is uniform in [0, min(cap, base * 2^attempt)], with a floor so a flapping link is not hammered.

import type { Rng } from './rng.js';

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  floorMs: number;
}

export const DEFAULT_RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000, floorMs: 100 };

/** Delay before reconnect attempt `attempt` (0 = first retry after a loss). */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, rng: Rng): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(policy.floorMs, Math.round(ceiling * rng.next()));
}
