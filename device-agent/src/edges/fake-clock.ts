// A manual clock for tests: timers fire only when the test advances time, in due order, with
// pending promise callbacks settled between timers so async work scheduled by one timer is done
// before the next fires.
import type { Clock, TimerHandle } from './clock.js';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(private current = 1_700_000_000_000) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), fn };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as { id: number }).id;
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Advances time by `ms`, firing due timers in order and settling promises after each. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
      await settle();
      await settle();
    }
    this.current = target;
    await settle();
  }

  /** Advances until `predicate` holds (checked after every timer), or fails after `maxMs`. */
  async advanceUntil(predicate: () => boolean, maxMs = 3_600_000, stepMs = 100): Promise<void> {
    for (let elapsed = 0; !predicate(); elapsed += stepMs) {
      if (elapsed > maxMs) throw new Error(`advanceUntil: condition not met within ${maxMs} ms of fake time`);
      await this.advance(stepMs);
    }
  }

  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    return best;
  }
}
