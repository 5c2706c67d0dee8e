// Many agents in one process (the `simulate` command): each with its own broker connection and
// its own outbox directory under $CUNKE_DATA_DIR/agents/{tenant}/{device}/. Starts are spread
// out so a thousand devices do not hit the broker in the same millisecond.
import { join } from 'node:path';
import type { Logger } from '../../../common/logger.js';
import type { Agent } from '../agent.js';
import { createAgent } from '../create-agent.js';
import { deriveSeed } from '../domain/rng.js';
import type { DeviceCredential } from '../edges/registry.js';
import { newCounters, type AgentCounters } from '../runtime/counters.js';

export interface FleetOptions {
  devices: DeviceCredential[];
  mqttUrl: string;
  dataDir: string;
  timeScale: number;
  callsPerMinute: number;
  /** Task ids the autonomous calls are tagged with (see AgentOptions.demoTaskIds). */
  demoTaskIds: readonly string[];
  heartbeatS: number;
  outboxMaxEvents: number;
  /** RECORDING_REANNOUNCE_S (default 600). */
  recordingReannounceS?: number;
  fsync: boolean;
  seed: number;
  /** Spread the starts over this long (default min(2 s, 5 ms per device)). */
  startSpreadMs?: number;
  logger: Logger;
}

export interface FleetStats {
  devices: number;
  connected: number;
  outboxDepth: number;
  counters: AgentCounters;
}

export function agentDir(dataDir: string, tenantId: string, deviceId: string): string {
  return join(dataDir, 'agents', tenantId, deviceId);
}

export class Fleet {
  readonly agents: Agent[] = [];
  private stopped = false;

  constructor(private readonly options: FleetOptions) {}

  async start(): Promise<void> {
    const { devices, logger } = this.options;
    const spread = this.options.startSpreadMs ?? Math.min(2000, devices.length * 5);
    for (const [i, device] of devices.entries()) {
      if (this.stopped) return;
      const agent = await createAgent({
        tenantId: device.tenantId,
        deviceId: device.deviceId,
        mqtt: { url: this.options.mqttUrl, username: device.username, password: device.password },
        outbox: { dir: agentDir(this.options.dataDir, device.tenantId, device.deviceId), fsync: this.options.fsync },
        seed: deriveSeed(this.options.seed, `${device.tenantId}/${device.deviceId}`),
        timeScale: this.options.timeScale,
        heartbeatIntervalS: this.options.heartbeatS,
        callsPerMinute: this.options.callsPerMinute,
        demoTaskIds: this.options.demoTaskIds,
        outboxMaxEvents: this.options.outboxMaxEvents,
        ...(this.options.recordingReannounceS !== undefined ? { recordingReannounceS: this.options.recordingReannounceS } : {}),
        logger,
      });
      if (this.stopped) {
        // stop() ran while this one was opening its outbox: it never started, just release it.
        await agent.stop();
        return;
      }
      this.agents.push(agent);
      agent.start();
      if (spread > 0 && i < devices.length - 1) await new Promise((r) => setTimeout(r, spread / devices.length));
    }
  }

  stats(): FleetStats {
    const counters = newCounters();
    let connected = 0;
    let outboxDepth = 0;
    for (const agent of this.agents) {
      const s = agent.stats();
      if (s.connected) connected++;
      outboxDepth += s.outboxDepth;
      for (const key of Object.keys(counters) as (keyof AgentCounters)[]) counters[key] += s.counters[key];
    }
    return { devices: this.agents.length, connected, outboxDepth, counters };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.agents.map((a) => a.stop()));
  }
}
