// Demo mode: the device places calls on its own, as if MakeCall commands arrived at
// `callsPerMinute` (wall time; a Poisson process, so calls do not line up across devices).
// An arrival while the line is busy waits for the line (at most one waits), so a device never
// exceeds what its line can do.
import { exponential, type Rng } from '../domain/rng.js';
import type { Clock, TimerHandle } from '../edges/clock.js';

export interface AutonomousDeps {
  clock: Clock;
  rng: Rng;
  callsPerMinute: number;
  lineFree: () => boolean;
  /** Places one call; false if it could not (e.g. outbox full). */
  place: () => boolean;
}

export class AutonomousCaller {
  private timer: TimerHandle | null = null;
  private waiting = false;
  private running = false;

  constructor(private readonly deps: AutonomousDeps) {}

  start(): void {
    if (this.deps.callsPerMinute <= 0 || this.running) return;
    this.running = true;
    this.scheduleArrival();
  }

  stop(): void {
    this.running = false;
    this.waiting = false;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The line became free: place a waiting call. */
  onLineFree(): void {
    if (!this.running || !this.waiting) return;
    // Next tick, so the previous call's last steps are appended before the next call's first.
    this.deps.clock.setTimeout(() => this.tryPlace(), 0);
  }

  private scheduleArrival(): void {
    const meanMs = 60_000 / this.deps.callsPerMinute;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      if (!this.running) return;
      this.waiting = true;
      this.tryPlace();
      this.scheduleArrival();
    }, exponential(this.deps.rng, meanMs));
  }

  private tryPlace(): void {
    if (!this.running || !this.waiting || !this.deps.lineFree()) return;
    this.waiting = false;
    this.deps.place();
  }
}
