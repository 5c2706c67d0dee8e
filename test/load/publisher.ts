// Load generator for bench:ingest, run as its own process so it does not share a thread with
// what it measures. Each simulated device publishes complete calls (5 steps each) on its own
// topic with its own credentials, QoS 1, with a bounded window of unacknowledged publishes.
// Protocol with the parent: argv[2] = JSON options; prints "ready", waits for "go\n" on stdin,
// publishes, prints one JSON line with its timings.
import mqtt, { type MqttClient } from 'mqtt';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { DeviceEnvelope, deviceTopic, newEventId } from '../../proto/src/index.js';

interface Options {
  url: string;
  devices: { tenantId: string; deviceId: string; username: string; password: string }[];
  callsPerDevice: number;
  window: number;
  /** Total events/s across all devices; 0 = as fast as the window allows. */
  ratePerS?: number;
}

const opts = JSON.parse(process.argv[2]!) as Options;
const STEPS: Record<string, unknown>[] = [
  { dialing: {} },
  { ringing: {} },
  { answered: {} },
  { hangup: { cause: 1, party: 2 } },
  { ended: { cause: 1, ringDurationMs: 8000, talkDurationMs: 30000, totalDurationMs: 38000 } },
];

function connect(d: Options['devices'][number]): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(opts.url, { protocolVersion: 5, clientId: `bench-${d.tenantId}-${d.deviceId}`, username: d.username, password: d.password, clean: true, reconnectPeriod: 0 });
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });
}

async function runDevice(client: MqttClient, d: Options['devices'][number]): Promise<number> {
  const topic = deviceTopic(d.tenantId, d.deviceId, 'evt');
  let seq = 0;
  let inFlight = 0;
  let sent = 0;
  const total = opts.callsPerDevice * STEPS.length;
  await new Promise<void>((resolve, reject) => {
    let callId = randomUUID();
    // Paced mode: this device may have sent `allowance()` events by now.
    const perDevice = opts.ratePerS ? opts.ratePerS / opts.devices.length : 0;
    const t0 = Date.now();
    const allowance = () => (perDevice ? Math.floor(((Date.now() - t0) / 1000) * perDevice) + 1 : Infinity);
    if (perDevice) setInterval(() => pump(), 5).unref();
    const pump = () => {
      while (inFlight < opts.window && sent < total && sent < allowance()) {
        const step = STEPS[sent % STEPS.length]!;
        if (sent % STEPS.length === 0) callId = randomUUID();
        const payload = DeviceEnvelope.encode(DeviceEnvelope.fromObject({
          tenantId: d.tenantId, deviceId: d.deviceId, eventId: newEventId(), seq: ++seq, deviceTimeMs: Date.now(),
          call: { callId, taskId: 'bench', phoneNumber: '13800138001', direction: 1, ...step },
        })).finish();
        sent++;
        inFlight++;
        client.publish(topic, Buffer.from(payload), { qos: 1 }, (err) => {
          if (err) return reject(err);
          inFlight--;
          if (sent === total && inFlight === 0) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  return total;
}

const clients = await Promise.all(opts.devices.map(connect));
console.log('ready');
const rl = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => rl.once('line', () => resolve()));
const startedAt = Date.now();
const counts = await Promise.all(clients.map((c, i) => runDevice(c, opts.devices[i]!)));
const finishedAt = Date.now();
console.log(JSON.stringify({ startedAt, finishedAt, published: counts.reduce((a, b) => a + b, 0) }));
await Promise.all(clients.map((c) => c.endAsync()));
rl.close();
