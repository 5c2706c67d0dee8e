// Periodic heartbeat timer. The interval can change at run time (ConfigUpdate); the new one
// applies from now on. Runs on wall time, not device time: it paces the link, not the simulation.
import type { Clock, TimerHandle } from '../edges/clock.js';

export const MIN_HEARTBEAT_S = 1;
export const MAX_HEARTBEAT_S = 3600;

export class HeartbeatTimer {
  private timer: TimerHandle | null = null;
  private intervalS: number;

  constructor(private readonly clock: Clock, intervalS: number, private readonly beat: () => void) {
    this.intervalS = HeartbeatTimer.clamp(intervalS);
  }

  static clamp(intervalS: number): number {
    return Math.min(MAX_HEARTBEAT_S, Math.max(MIN_HEARTBEAT_S, Math.round(intervalS)));
  }

  get interval(): number {
    return this.intervalS;
  }

  /** Beats now, then every interval. */
  start(): void {
    this.stop();
    this.beat();
    this.schedule();
  }

  setInterval(intervalS: number): void {
    this.intervalS = HeartbeatTimer.clamp(intervalS);
    if (this.timer) {
      this.clock.clearTimeout(this.timer);
      this.schedule();
    }
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.beat();
      this.schedule();
    }, this.intervalS * 1000);
  }
}
