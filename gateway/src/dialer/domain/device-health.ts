// Device health from its recent attempts: a line whose connect rate collapses while its peers
// connect, or that keeps failing, is cooled down. Pure: windows in, verdict out.

export const HEALTH_WINDOW = 20;
export const MIN_ATTEMPTS_FOR_RATE = 10;
export const COLLAPSED_RATE = 0.05;
/** Peers must connect at least this often for a low rate to be the device's fault. */
export const PEER_HEALTHY_RATE = 0.2;
export const ERROR_STREAK_WINDOW = 10;
export const ERROR_STREAK_MIN = 5;

/** What the health window records per attempt. */
export type HealthMark = 'connected' | 'not-connected' | 'error';

export function pushMark(window: readonly HealthMark[], mark: HealthMark, size = HEALTH_WINDOW): HealthMark[] {
  const next = [...window, mark];
  return next.length > size ? next.slice(next.length - size) : next;
}

export function connectRate(window: readonly HealthMark[]): number {
  if (window.length === 0) return 0;
  return window.filter((m) => m === 'connected').length / window.length;
}

/** Why the device should cool down, or null. `peers` are the other devices' windows. */
export function cooldownReason(window: readonly HealthMark[], peers: readonly (readonly HealthMark[])[]): string | null {
  const recent = window.slice(-ERROR_STREAK_WINDOW);
  const errors = recent.filter((m) => m === 'error').length;
  if (errors >= ERROR_STREAK_MIN) return `${errors} of the last ${recent.length} attempts failed (network failure / refused / no ack)`;
  if (window.length < MIN_ATTEMPTS_FOR_RATE) return null;
  const rate = connectRate(window);
  if (rate >= COLLAPSED_RATE) return null;
  const peerMarks = peers.flat();
  if (peerMarks.length < MIN_ATTEMPTS_FOR_RATE) return null;
  const peerRate = connectRate(peerMarks);
  if (peerRate < PEER_HEALTHY_RATE) return null;
  return `connect rate ${(rate * 100).toFixed(0)}% over ${window.length} attempts while peers connect ${(peerRate * 100).toFixed(0)}%`;
}
