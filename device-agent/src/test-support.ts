// Helpers shared by the agent's unit tests (not part of the runtime).
import { createLogger } from '../../common/logger.js';
import { DeviceEnvelope, DeviceStatus, bytesToUuid, type cunke } from '../../proto/src/index.js';
import type { Agent, AgentOptions } from './agent.js';
import { createAgent } from './create-agent.js';
import { FakeClock } from './edges/fake-clock.js';
import { MemoryTransport } from './edges/memory-transport.js';

export const silentLogger = createLogger('device-agent-test', 'silent');

export interface Harness {
  agent: Agent;
  clock: FakeClock;
  transport: MemoryTransport;
}

export async function startTestAgent(options: Partial<AgentOptions> = {}, transport = new MemoryTransport()): Promise<Harness> {
  const clock = (options.clock as FakeClock | undefined) ?? new FakeClock();
  const agent = await createAgent({
    tenantId: 't1', deviceId: 'd1', transport, clock, seed: 1, timeScale: 0.001, logger: silentLogger, ...options,
  });
  agent.start();
  return { agent, clock, transport };
}

export type DecodedEnvelope = cunke.device.v1.DeviceEnvelope & { eventUuid: string };

export function envelopesOf(transport: MemoryTransport, topicKind: 'evt' = 'evt'): DecodedEnvelope[] {
  return transport.published
    .filter((m) => m.topic.endsWith(`/${topicKind}`))
    .map((m) => {
      const e = DeviceEnvelope.decode(m.payload) as DecodedEnvelope;
      e.eventUuid = bytesToUuid(e.eventId);
      return e;
    });
}

export function statusesOf(transport: MemoryTransport): cunke.device.v1.DeviceStatus[] {
  return transport.published.filter((m) => m.topic.endsWith('/status')).map((m) => DeviceStatus.decode(m.payload));
}

/** Envelopes by seq, each once (replays removed). */
export function uniqueBySeq(envelopes: DecodedEnvelope[]): DecodedEnvelope[] {
  const bySeq = new Map<number, DecodedEnvelope>();
  for (const e of envelopes) if (!bySeq.has(e.seq)) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
