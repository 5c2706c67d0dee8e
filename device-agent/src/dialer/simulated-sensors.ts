// Plausible heartbeat readings: battery that drains and charges, signal strength as a random
// walk that drops when the line is in a failure streak. Its own PRNG stream, so how often
// heartbeats are read never changes which calls succeed.
import { bernoulli, standardNormal, uniform, type Rng } from '../domain/rng.js';
import type { DeviceSensors, SensorReading } from './dialer.js';

export class SimulatedSensors implements DeviceSensors {
  private battery: number;
  private charging = false;
  private dbm: number;

  constructor(private readonly rng: Rng, private readonly degraded: () => boolean) {
    this.battery = uniform(rng, 40, 100);
    this.dbm = uniform(rng, -95, -65);
  }

  read(): SensorReading {
    const degraded = this.degraded();
    this.battery += this.charging ? 1.5 : -0.2;
    if (this.battery <= 15) this.charging = true;
    if (this.battery >= 99) this.charging = false;
    this.battery = Math.min(100, Math.max(0, this.battery));
    const target = degraded ? -108 : -80;
    this.dbm += (target - this.dbm) * 0.2 + standardNormal(this.rng) * 2;
    this.dbm = Math.min(-51, Math.max(-120, this.dbm));
    const signalDbm = Math.round(this.dbm);
    return {
      batteryPct: Math.round(this.battery),
      charging: this.charging,
      signalDbm,
      signalLevel: signalDbm >= -75 ? 4 : signalDbm >= -85 ? 3 : signalDbm >= -95 ? 2 : signalDbm >= -105 ? 1 : 0,
      simState: degraded && bernoulli(this.rng, 0.3) ? 'NO_SERVICE' : 'READY',
    };
  }
}
