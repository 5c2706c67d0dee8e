// Builds an Agent from options: opens (and recovers) the outbox, the command journal and the
// dead-letter file, and creates the broker transport. The agent's I/O is constructed here, in
// one place, so the Agent class only receives its parts.
import { createLogger, type Logger } from '../../common/logger.js';
import { Agent, type AgentOptions, type AgentParts } from './agent.js';
import { createRng, deriveSeed } from './domain/rng.js';
import { systemClock } from './edges/clock.js';
import { MqttTransport } from './edges/mqtt-transport.js';
import type { Transport } from './edges/transport.js';
import { FileCommandJournal, MemoryCommandJournal } from './outbox/command-journal.js';
import { FileDeadLetters, MemoryDeadLetters } from './outbox/dead-letter.js';
import { openFileOutbox } from './outbox/file-outbox.js';
import { MemoryOutbox } from './outbox/memory-outbox.js';

type State = Omit<AgentParts, 'transport' | 'seed'>;

async function openState(options: AgentOptions, log: Logger): Promise<State> {
  const o = options.outbox ?? 'memory';
  if (o === 'memory') return { outbox: new MemoryOutbox(), journal: new MemoryCommandJournal(), deadLetters: new MemoryDeadLetters() };
  if ('append' in o) return { outbox: o, journal: new MemoryCommandJournal(), deadLetters: new MemoryDeadLetters() };
  const outbox = await openFileOutbox({ ...o, logger: log });
  return { outbox, journal: await FileCommandJournal.open(o.dir), deadLetters: new FileDeadLetters(o.dir) };
}

function mqttTransport(options: AgentOptions, seed: number, log: Logger): Transport {
  if (!options.mqtt) throw new Error('AgentOptions: either mqtt or transport is required');
  const { url, username, password, clientId, sessionExpiryS, keepaliveS, reconnectBackoff } = options.mqtt;
  return new MqttTransport({
    url, username, password, clientId, sessionExpiryS, keepaliveS, backoff: reconnectBackoff,
    tenantId: options.tenantId, deviceId: options.deviceId,
    rng: createRng(deriveSeed(seed, 'reconnect')), clock: options.clock ?? systemClock, logger: log,
  });
}

/** Opens (and recovers) the agent's state. Does not connect: call start(). */
export async function createAgent(options: AgentOptions): Promise<Agent> {
  const log = (options.logger ?? createLogger('device-agent', 'info'))
    .child({ tenantId: options.tenantId, deviceId: options.deviceId });
  const seed = options.seed ?? ((Math.random() * 2 ** 32) >>> 0);
  const state = await openState(options, log);
  const transport = options.transport ?? mqttTransport(options, seed, log);
  return new Agent(options, log, { ...state, transport, seed });
}

/** createAgent() + start(). */
export async function startAgent(options: AgentOptions): Promise<Agent> {
  const agent = await createAgent(options);
  agent.start();
  return agent;
}
