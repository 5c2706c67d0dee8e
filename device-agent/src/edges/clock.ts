// Time as an injected dependency (the MQTT.js lesson: injectable timers), so command handling,
// heartbeats and the simulated dialer run under a fake clock in unit tests.

export type TimerHandle = { readonly id: number } | NodeJS.Timeout;

export interface Clock {
  /** Wall-clock milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
