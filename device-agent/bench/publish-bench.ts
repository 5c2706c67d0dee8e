// Publish rate of one agent: N events queued while offline, then drained to a real broker
// through the publisher (QoS 1, in-flight window, outbox acks), compared in the same run with a
// bare mqtt.js client publishing the same payloads with the same window (the ceiling).
//   MQTT_URL=mqtt://127.0.0.1:1885 npx tsx device-agent/bench/publish-bench.ts [--events N] [--window W] [--file]
//        [--username U --password P]
// The broker is the configured one (MQTT_URL); without credentials it must allow anonymous clients.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { loadConfig } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { deviceTopic, newEventId } from '../../proto/src/index.js';
import { createAgent } from '../src/create-agent.js';
import { encodeEnvelope, heartbeatPayload } from '../src/domain/envelopes.js';
import { openFileOutbox } from '../src/outbox/file-outbox.js';
import { MemoryOutbox } from '../src/outbox/memory-outbox.js';
import type { Outbox } from '../src/outbox/outbox.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '50000' }, window: { type: 'string', default: '64' }, file: { type: 'boolean', default: false },
    username: { type: 'string' }, password: { type: 'string' },
  },
});
const total = Number(values.events);
const windowSize = Number(values.window);
const url = loadConfig().mqttUrl;
const tenantId = 'bench';
const deviceId = `pub-${process.pid}`;
const auth = { username: values.username, password: values.password };
const device = { tenantId, deviceId };
const payloadFor = (seq: number) => encodeEnvelope(device, { eventId: newEventId(), seq, deviceTimeMs: Date.now() }, heartbeatPayload({ batteryPct: 80, outboxDepth: 0 }));

// An observer subscribed with a persistent session so the broker has a subscriber (no 0x10).
const observer = await mqtt.connectAsync(url, { protocolVersion: 5, clientId: `bench-obs-${process.pid}`, clean: true, ...auth });
let received = 0;
observer.on('message', () => received++);
await observer.subscribeAsync(deviceTopic(tenantId, deviceId, 'evt'), { qos: 1 });

async function viaAgent(): Promise<{ perS: number; ms: number }> {
  const dir = values.file ? await mkdtemp(join(tmpdir(), 'cunke-pub-bench-')) : '';
  const outbox: Outbox = values.file ? await openFileOutbox({ dir }) : new MemoryOutbox();
  await Promise.all(Array.from({ length: total }, () => outbox.append(payloadFor)));
  const agent = await createAgent({
    tenantId, deviceId, mqtt: { url, ...auth }, outbox, inflightWindow: windowSize, heartbeatIntervalS: 3600,
    logger: createLogger('bench', 'warn'),
  });
  const t0 = performance.now();
  agent.start();
  await agent.waitForDrain(600_000);
  const ms = performance.now() - t0;
  await agent.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  return { perS: Math.round(total / (ms / 1000)), ms: Math.round(ms) };
}

async function viaBareClient(): Promise<{ perS: number; ms: number }> {
  const payloads = Array.from({ length: total }, (_, i) => Buffer.from(payloadFor(i + 1)));
  const client = await mqtt.connectAsync(url, { protocolVersion: 5, clientId: `bench-bare-${process.pid}`, ...auth });
  const topic = deviceTopic(tenantId, deviceId, 'evt');
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    let acked = 0;
    const pump = () => {
      while (sent < total && sent - acked < windowSize) {
        client.publish(topic, payloads[sent++] as Buffer, { qos: 1 }, () => {
          acked++;
          if (acked === total) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const ms = performance.now() - t0;
  await client.endAsync();
  return { perS: Math.round(total / (ms / 1000)), ms: Math.round(ms) };
}

const bare = await viaBareClient();
const agent = await viaAgent();
await new Promise((r) => setTimeout(r, 500));
await observer.endAsync();
console.table([
  { path: 'bare mqtt.js, same window', events: total, ms: bare.ms, perS: bare.perS },
  { path: `agent (${values.file ? 'file' : 'memory'} outbox)`, events: total, ms: agent.ms, perS: agent.perS },
]);
console.log(`agent / bare = ${(agent.perS / bare.perS).toFixed(2)}; observer received ${received} of ${2 * total + 1}+`);
