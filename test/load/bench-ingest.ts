// bench:ingest — sustained call events/s through the whole spine (device -> Mosquitto ->
// gateway -> Redis -> writer -> chDB) and publish -> warehouse-visible latency, against the raw
// ceiling measured in the same run: the same publisher load into a bare mqtt.js QoS 1
// subscriber on the same broker. Saturated latency includes the broker queue the publisher
// builds; a second, paced run at half the sustained rate shows latency without it.
// Prints a table and one JSON line. Also prints the CPU time each process spent per event in
// the saturated phases (from /proc, Linux only): unlike events/s, CPU per event barely moves
// when other work shares the machine, so it is what to compare when a change is small.
//   BENCH_EVENTS (default 100000), BENCH_DEVICES (50), BENCH_WINDOW (64 in flight per device),
//   BENCH_STEADY_RATE (events/s of the paced phase; default half the saturated rate),
//   BENCH_CONNECTIONS (gateway broker connections, default from config),
//   BENCH_GATEWAY_NODE_ARGS (extra node flags for the gateway process, e.g. --cpu-prof)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { REPO_ROOT } from '../../common/config.js';
import { ensureDevices, type DeviceCredentials } from '../../deploy/local/broker-accounts.js';
import { stackPaths } from '../../deploy/local/stack-env.js';
import { readBrokerDropped } from '../../deploy/local/broker-stats.js';
import { DeviceEnvelope } from '../../proto/src/index.js';
import { retireGateway, startGatewayProcess } from '../support/gateway-process.js';
import { namespace, testConfig } from '../support/services.js';
import { freePort } from '../support/spine.js';
import { startEmbeddedWriter } from '../support/embedded-writer.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const DEVICES = Number(process.env.BENCH_DEVICES ?? 50);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 64);
const STEPS_PER_CALL = 5;
const callsPerDevice = Math.max(1, Math.round(EVENTS / DEVICES / STEPS_PER_CALL));
const total = callsPerDevice * DEVICES * STEPS_PER_CALL;

const config = testConfig({ logLevel: 'warn' });

/** CPU seconds (user + system) a process has used so far; NaN when /proc cannot tell. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

function pidFrom(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

const stack = stackPaths(config);
const publisherUs = (pub: PublisherResult, startS: number) => Math.round((((pub.cpuS ?? Number.NaN) - startS) * 1e6) / total);
type CpuPids = Record<string, number | undefined>;
/** Snapshots the CPU of named processes; the returned function gives µs per event since then. */
function cpuMeter(pids: CpuPids): (events: number) => Record<string, number> {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return (events) => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, Math.round(((cpuSeconds(pid) - start[name]!) * 1e6) / events)]));
}

interface PublisherResult {
  startedAt: number;
  finishedAt: number;
  published: number;
  /** The publisher's CPU seconds when it reported (it exits right after). */
  cpuS?: number;
}

/** Starts the publisher process, waits until its devices are connected, returns a trigger. */
type Trigger = (() => Promise<PublisherResult>) & { pid?: number };

async function preparePublisher(devices: DeviceCredentials[], ratePerS = 0, calls = callsPerDevice): Promise<Trigger> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/load/publisher.ts', JSON.stringify({ url: config.mqttUrl, devices, callsPerDevice: calls, window: WINDOW, ratePerS })], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let notify: (() => void) | null = null;
  let buf = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      notify?.();
    }
  });
  const nextLine = async (): Promise<string> => {
    while (lines.length === 0) await new Promise<void>((r) => (notify = r));
    return lines.shift()!;
  };
  if ((await nextLine()) !== 'ready') throw new Error('publisher did not get ready');
  const trigger: Trigger = async () => {
    child.stdin!.write('go\n');
    const result = JSON.parse(await nextLine()) as PublisherResult;
    result.cpuS = cpuSeconds(child.pid);
    child.stdin!.end();
    return result;
  };
  trigger.pid = child.pid;
  return trigger;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function measureRaw(tenant: string, devices: DeviceCredentials[]) {
  const sub = await mqtt.connectAsync(config.mqttUrl, { protocolVersion: 5, clientId: `bench-raw-${tenant}`, username: config.mqttGatewayUsername, password: config.mqttGatewayPassword, clean: true });
  const latencies: number[] = [];
  let lastAt = 0;
  let done: () => void;
  const all = new Promise<void>((r) => (done = r));
  sub.on('message', (_t, payload) => {
    const now = Date.now();
    latencies.push(now - Number(DeviceEnvelope.decode(payload).deviceTimeMs));
    lastAt = now;
    if (latencies.length === total) done();
  });
  await sub.subscribeAsync(`cunke/v1/${tenant}/dev/+/evt`, { qos: 1 });
  const go = await preparePublisher(devices);
  const cpuStart = cpuSeconds(go.pid);
  const cpu = cpuMeter({ mosquitto: pidFrom(stack.mosquittoPid), subscriber: process.pid });
  const pub = await go();
  await all;
  const cpuUsPerEvent = { ...cpu(total), publisher: publisherUs(pub, cpuStart) };
  await sub.endAsync();
  latencies.sort((a, b) => a - b);
  return { eventsPerS: total / ((lastAt - pub.startedAt) / 1000), p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), publishPerS: total / ((pub.finishedAt - pub.startedAt) / 1000), cpuUsPerEvent };
}

async function measureSpine(tenant: string, devices: DeviceCredentials[], paced: { tenant: string; devices: DeviceCredentials[] }) {
  const writer = await startEmbeddedWriter(config, `bench-${tenant}`);
  const { warehouse } = writer;
  const gatewayEnv: Record<string, string> = { GATEWAY_ID: `gw-${tenant}`, GATEWAY_SHARE_GROUP: tenant, GATEWAY_SESSION_EXPIRY_S: '600' };
  if (process.env.BENCH_CONNECTIONS) gatewayEnv.GATEWAY_MQTT_CONNECTIONS = process.env.BENCH_CONNECTIONS;
  // e.g. BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=var/prof" to profile the gateway.
  const gateway = await startGatewayProcess(gatewayEnv, await freePort(), process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean));
  try {
    const recorded = () => gateway.metric('cunke_gateway_messages_total', { outcome: 'recorded' });
    const visible = async (t: string) => Number((await warehouse.query<{ n: string }>(`SELECT count() AS n FROM ${warehouse.tables.odsDeviceEvent} WHERE tenant_id = {t:String}`, { t }))[0]?.n);
    const latency = async (t: string) => (await warehouse.query<{ p50: number; p99: number; n: string; uniq: string }>(
      `SELECT quantile(0.5)(toUnixTimestamp64Milli(inserted_at) - toUnixTimestamp64Milli(device_time)) AS p50,
              quantile(0.99)(toUnixTimestamp64Milli(inserted_at) - toUnixTimestamp64Milli(device_time)) AS p99,
              count() AS n, uniqExact(event_id) AS uniq
       FROM ${warehouse.tables.odsDeviceEvent} WHERE tenant_id = {t:String}`, { t }))[0];

    // 1. Saturation: the publisher as fast as it can; throughput is what the spine sustains.
    const go = await preparePublisher(devices);
    // The benchmark process here is the warehouse writer + chDB (and the 100 ms polling).
    const cpuStart = cpuSeconds(go.pid);
    const cpu = cpuMeter({ mosquitto: pidFrom(stack.mosquittoPid), gateway: gateway.child.pid, redis: pidFrom(stack.redisPid), writer: process.pid });
    const pub = await go();
    let gatewayDoneAt = 0;
    let visibleAt = 0;
    let gatewayCpu: Record<string, number> = {};
    for (;;) {
      if (!gatewayDoneAt && (await recorded()) >= total) {
        gatewayDoneAt = Date.now();
        gatewayCpu = cpu(total);
      }
      if ((await visible(tenant)) >= total) {
        visibleAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // Gateway and broker up to the last acknowledgement; Redis and the writer up to visibility.
    const visibleCpu = cpu(total);
    const cpuUsPerEvent = { publisher: publisherUs(pub, cpuStart), ...visibleCpu, mosquitto: gatewayCpu.mosquitto ?? visibleCpu.mosquitto!, gateway: gatewayCpu.gateway ?? visibleCpu.gateway! };
    const lat = await latency(tenant);
    const eventsPerS = total / ((visibleAt - pub.startedAt) / 1000);

    // 2. Steady load at half that rate for ~20 s: latency without a queue in front of the spine.
    const steadyRate = Number(process.env.BENCH_STEADY_RATE ?? 0) || Math.round(eventsPerS / 2);
    const steadyCalls = Math.max(1, Math.round((steadyRate * 20) / paced.devices.length / STEPS_PER_CALL));
    const steadyTotal = steadyCalls * paced.devices.length * STEPS_PER_CALL;
    const goPaced = await preparePublisher(paced.devices, steadyRate, steadyCalls);
    await goPaced();
    while ((await visible(paced.tenant)) < steadyTotal) await new Promise((r) => setTimeout(r, 100));
    const steady = await latency(paced.tenant);

    const rejects = await gateway.metric('cunke_gateway_rejects_total');
    const batch = { sum: await gateway.metric('cunke_gateway_batch_size_sum'), count: await gateway.metric('cunke_gateway_batch_size_count') };
    return {
      eventsPerS,
      gatewayEventsPerS: total / (((gatewayDoneAt || visibleAt) - pub.startedAt) / 1000),
      p50Ms: Number(lat?.p50), p99Ms: Number(lat?.p99),
      steadyRate, steadyP50Ms: Number(steady?.p50), steadyP99Ms: Number(steady?.p99), steadyDistinct: Number(steady?.uniq), steadyTotal,
      rows: Number(lat?.n), distinct: Number(lat?.uniq), rejects,
      meanBatch: batch.count ? batch.sum / batch.count : 0,
      publishPerS: total / ((pub.finishedAt - pub.startedAt) / 1000),
      cpuUsPerEvent,
    };
  } finally {
    await gateway.stop();
    await retireGateway(gatewayEnv);
    await writer.stop();
  }
}

const run = namespace('bench');
const rawTenant = `${run}raw`;
const spineTenant = `${run}spine`;
const steadyTenant = `${run}steady`;
const ids = Array.from({ length: DEVICES }, (_, i) => `b${String(i).padStart(4, '0')}`);
const rawDevices = await ensureDevices(config, rawTenant, ids);
const spineDevices = await ensureDevices(config, spineTenant, ids);
const steadyDevices = await ensureDevices(config, steadyTenant, ids);

process.stderr.write(`bench:ingest: ${total} events (${DEVICES} devices x ${callsPerDevice} calls x ${STEPS_PER_CALL} steps), window ${WINDOW}\n`);
const raw = await measureRaw(rawTenant, rawDevices);
process.stderr.write(`raw ceiling measured: ${raw.eventsPerS.toFixed(0)} events/s\n`);
const spine = await measureSpine(spineTenant, spineDevices, { tenant: steadyTenant, devices: steadyDevices });
const dropped = await readBrokerDropped(config);

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const cpuTotal = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
const cpuRatio = cpuTotal(raw.cpuUsPerEvent) / cpuTotal(spine.cpuUsPerEvent);
const fmtCpu = (c: Record<string, number>) => {
  return `${Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ')}; total ${cpuTotal(c)}`;
};
console.log(`
| stage | events/s | latency p50 | latency p99 |
|---|---|---|---|
| raw: publisher -> Mosquitto -> bare mqtt.js QoS 1 subscriber | ${fmt(raw.eventsPerS)} | ${fmt(raw.p50Ms)} ms | ${fmt(raw.p99Ms)} ms |
| spine: -> gateway -> Redis (durable, acked) | ${fmt(spine.gatewayEventsPerS)} | | |
| spine: -> warehouse-visible (chDB), saturated | ${fmt(spine.eventsPerS)} | ${fmt(spine.p50Ms)} ms | ${fmt(spine.p99Ms)} ms |
| spine: -> warehouse-visible, steady paced load | ${fmt(spine.steadyRate)} (paced) | ${fmt(spine.steadyP50Ms)} ms | ${fmt(spine.steadyP99Ms)} ms |

ratio spine/raw: ${(spine.eventsPerS / raw.eventsPerS).toFixed(2)} (gateway-acked/raw ${(spine.gatewayEventsPerS / raw.eventsPerS).toFixed(2)})
CPU µs per event, raw: ${fmtCpu(raw.cpuUsPerEvent)}
CPU µs per event, spine (saturated): ${fmtCpu(spine.cpuUsPerEvent)}
CPU ratio raw/spine: ${cpuRatio.toFixed(2)} (the throughput ratio to expect when the shared cores are the limit; robust to outside load)
rows ${spine.rows}, distinct events ${spine.distinct} of ${total} published, rejects ${spine.rejects}, broker dropped ${dropped}, mean gateway batch ${spine.meanBatch.toFixed(1)}
`);
console.log(JSON.stringify({ bench: 'ingest', total, devices: DEVICES, window: WINDOW, raw, spine, ratio: spine.eventsPerS / raw.eventsPerS, cpuRatio, dropped }));
process.exit(spine.distinct === total && spine.steadyDistinct === spine.steadyTotal && dropped === 0 ? 0 : 1);
