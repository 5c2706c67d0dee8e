// The device's notion of "now" for device_time_ms. With timeScale = 1 it is the wall clock. A
// simulator compresses calls (timeScale 0.001 plays a 45 s talk in 45 ms) but must still report
// realistic durations, and the timestamps of a call's steps must be as far apart as those
// durations say. So device time runs at 1/timeScale while a call is in progress and at wall speed
// otherwise, and never goes backwards. Pure: wall time is an argument.

export class DeviceClock {
  private deviceBase: number;
  private wallBase: number;
  private rate = 1;
  private last = 0;

  constructor(wallNowMs: number) {
    this.deviceBase = wallNowMs;
    this.wallBase = wallNowMs;
  }

  /** Device time at wall time `wallMs`, monotonic across calls. */
  read(wallMs: number): number {
    const t = Math.round(this.deviceBase + (wallMs - this.wallBase) * this.rate);
    if (t > this.last) this.last = t;
    return this.last;
  }

  /** Changes how fast device time runs from `wallMs` on (1 = real time). */
  setRate(wallMs: number, rate: number): void {
    this.deviceBase = this.read(wallMs);
    this.wallBase = wallMs;
    this.rate = rate;
  }

  /** Moves device time forward to at least `deviceMs` (a step was stamped at that time). */
  advanceTo(wallMs: number, deviceMs: number): void {
    if (deviceMs > this.read(wallMs)) {
      this.deviceBase = deviceMs;
      this.wallBase = wallMs;
      this.last = deviceMs;
    }
  }
}
