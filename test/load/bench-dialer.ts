// bench:dialer — the dialer against 1,000 simulated devices on the real stack (Mosquitto, Redis,
// an ingest gateway process, a fleet process). Phase 1: one task of BENCH_NUMBERS numbers,
// started at once; prints MakeCalls dispatched/s, dispatch→ack latency (publish to the ack being
// seen in Redis by the reconciler, so it includes up to one reconcile interval) and speed-to-lead
// (task start → the number's first dial attempt; in a bulk task this is mostly queueing for a
// free device). Phase 2: "hot leads", one-number tasks started while the fleet is idle: START →
// MakeCall published. Prints a table and one JSON line.
//   BENCH_DEVICES (1000), BENCH_NUMBERS (10000), BENCH_TIME_SCALE (0.0005), BENCH_HOT_LEADS (20),
//   BENCH_TIMEOUT_S (300)
import { spawn } from 'node:child_process';
import { Registry } from 'prom-client';
import { writeCompliance } from '../../common/call-tasks/compliance.js';
import { TaskStore } from '../../common/call-tasks/task-store.js';
import { REPO_ROOT } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { piiKeysFromHex } from '../../common/pii.js';
import { ensureDevices } from '../../deploy/local/broker-accounts.js';
import { startDialer } from '../../gateway/src/dialer/start-dialer.js';
import { forgetSetMembers } from '../../gateway/src/dialer/test-support.js';
import { startGatewayProcess } from '../support/gateway-process.js';
import { connectRedis, dropKeys, namespace, testConfig } from '../support/services.js';
import { freePort } from '../support/spine.js';
import { sleep, waitFor } from '../support/wait.js';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 1000);
const NUMBERS = Number(process.env.BENCH_NUMBERS ?? 10_000);
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 0.0005);
const HOT_LEADS = Number(process.env.BENCH_HOT_LEADS ?? 20);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 300);

const config = testConfig({ logLevel: 'warn' });
const log = createLogger('bench-dialer', 'warn');
const ns = namespace('bd');
const tenant = `bench${ns}`;
const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
const redis = await connectRedis(config);
const store = new TaskStore(redis, pii, { instance: ns, log, defaultRegion: 'CN' });
const actor = { kind: 'user' as const, id: 'bench' };

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

process.stderr.write(`provisioning ${DEVICES} devices…\n`);
const creds = await ensureDevices(config, tenant, Array.from({ length: DEVICES }, (_, i) => `d${i}`));
const gateway = await startGatewayProcess({
  GATEWAY_ID: `gw-${ns}`, GATEWAY_SHARE_GROUP: ns, GATEWAY_SESSION_EXPIRY_S: '60', DIALER_ENABLED: 'false', LIVE_HUB_PORT: '0', GATEWAY_MQTT_CONNECTIONS: '8',
}, await freePort());
const fleet = spawn(process.execPath, ['--import', 'tsx', 'test/load/dialer-fleet.ts', JSON.stringify({ url: config.mqttUrl, timeScale: TIME_SCALE, devices: creds })], {
  cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
});
let fleetOut = '';
fleet.stdout!.on('data', (c: Buffer) => (fleetOut += c.toString()));
await waitFor('fleet connected', async () => fleetOut.includes('ready'), { timeoutMs: 120_000, intervalMs: 200 });
await waitFor('devices ONLINE in Redis', async () => {
  const p = redis.pipeline();
  for (const c of creds) p.hget(`cunke:dev:${tenant}:${c.deviceId}`, 'presence');
  return ((await p.exec()) ?? []).every(([, v]) => v === 'ONLINE');
}, { timeoutMs: 60_000, intervalMs: 500 });
await writeCompliance(redis, tenant, { callingWindow: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] }, maxAttemptsPerNumberPerDay: 50 });

const firstDispatch = new Map<string, number>();
const dispatchTimes: number[] = [];
const ackMs: number[] = [];
let dispatched = 0;
let firstAt = 0;
let lastAt = 0;
const dialer = await startDialer(config, log, new Registry(), {
  tenants: [tenant], scheduler: false, instanceId: `${ns}-dialer`, tickMs: 50, reconcileMs: 25,
  observer: {
    dispatched(_t, taskId, index, _attempt, atMs) {
      dispatched++;
      dispatchTimes.push(atMs);
      firstAt ||= atMs;
      lastAt = atMs;
      const k = `${taskId}:${index}`;
      if (!firstDispatch.has(k)) firstDispatch.set(k, atMs);
    },
    acked(_status, ms) {
      ackMs.push(ms);
    },
  },
});

const newTask = (phones: string[]) => store.create(tenant, {
  name: 'bench', description: '', callScript: '', scheduledTime: '', callerId: '', deviceIds: [], tags: [], source: 'bench',
  redial: { retryOn: [], delayS: 0, maxAttempts: 1 }, pacing: { perDevicePerMinute: 6000, perTaskPerMinute: 1_000_000, ringTimeoutS: 30 }, phones,
}, actor);
const phone = (i: number) => `+86139${String(i).padStart(8, '0')}`;

const cleanUp = async () => {
  await dialer.stop().catch(() => undefined);
  fleet.kill('SIGTERM');
  await new Promise((r) => fleet.once('exit', r));
  await gateway.stop();
  await dropKeys(redis, `*${ns}*`);
  await forgetSetMembers(redis, ns);
};

// Phase 1: bulk task.
const bulk = await newTask(Array.from({ length: NUMBERS }, (_, i) => phone(i)));
const startedAt = Date.now();
await store.transition(tenant, bulk.taskId, 'START', actor);
const progress = setInterval(() => {
  void dialer.metrics.inFlight.get().then((g) => process.stderr.write(`  ${((Date.now() - startedAt) / 1000).toFixed(0)} s: dispatched ${dispatched}, acks ${ackMs.length}, in flight ${g.values[0]?.value ?? 0}\n`));
}, 5000);
try {
  await waitFor('bulk task completed', async () => (await store.get(tenant, bulk.taskId))?.status === 'COMPLETED', { timeoutMs: TIMEOUT_S * 1000, intervalMs: 250 });
} catch (err) {
  clearInterval(progress);
  await cleanUp();
  throw err;
} finally {
  clearInterval(progress);
}
const bulkMs = Date.now() - startedAt;
const bulkDispatched = dispatched;
const stl = [...firstDispatch].filter(([k]) => k.startsWith(`${bulk.taskId}:`)).map(([, at]) => at - startedAt);
const dispatchRate = bulkDispatched / Math.max(0.001, (lastAt - firstAt) / 1000);
const bulkAck = [...ackMs];
// The dialer's own pace when devices are free: the best one-second window (the bulk rate above
// is bounded by how fast 1,000 simulated devices on this machine come back free).
let peakPerS = 0;
for (let i = 0, j = 0; i < dispatchTimes.length; i++) {
  while (dispatchTimes[i]! - dispatchTimes[j]! >= 1000) j++;
  peakPerS = Math.max(peakPerS, i - j + 1);
}

// Phase 2: hot leads on an idle fleet.
const hot: number[] = [];
for (let i = 0; i < HOT_LEADS; i++) {
  const t = await newTask([phone(NUMBERS + i)]);
  const at = Date.now();
  await store.transition(tenant, t.taskId, 'START', actor);
  await waitFor('hot lead dialled', async () => firstDispatch.has(`${t.taskId}:0`), { timeoutMs: 10_000, intervalMs: 5 });
  hot.push(firstDispatch.get(`${t.taskId}:0`)! - at);
  await sleep(50 + Math.random() * 200);
}

await cleanUp();
const fleetStats = JSON.parse(fleetOut.trim().split('\n').pop() ?? '{}') as { started?: number; refused?: number };
redis.disconnect();

const result = {
  devices: DEVICES, numbers: NUMBERS, bulkSeconds: +(bulkMs / 1000).toFixed(1), dispatched: bulkDispatched,
  dispatchPerS: Math.round(dispatchRate), peakDispatchPerS: peakPerS,
  ackP50Ms: pct(bulkAck, 50), ackP99Ms: pct(bulkAck, 99),
  speedToLeadBulkP50Ms: pct(stl, 50), speedToLeadBulkP99Ms: pct(stl, 99),
  speedToLeadHotP50Ms: pct(hot, 50), speedToLeadHotP99Ms: pct(hot, 99),
  devicesStartedCalls: fleetStats.started ?? null, devicesRefused: fleetStats.refused ?? null,
};
process.stdout.write([
  `dialer bench: ${DEVICES} devices, ${NUMBERS} numbers (1 attempt each), time scale ${TIME_SCALE}`,
  `  bulk task done in        ${result.bulkSeconds} s`,
  `  MakeCalls dispatched/s   ${result.dispatchPerS} sustained, ${peakPerS} peak (best 1 s)  (${bulkDispatched} dispatched; devices started ${result.devicesStartedCalls}, refused ${result.devicesRefused})`,
  `  dispatch→ack  p50/p99    ${result.ackP50Ms} / ${result.ackP99Ms} ms  (reconcile every 25 ms)`,
  `  speed-to-lead bulk       ${result.speedToLeadBulkP50Ms} / ${result.speedToLeadBulkP99Ms} ms  (task start → first attempt; queueing for devices)`,
  `  speed-to-lead hot lead   ${result.speedToLeadHotP50Ms} / ${result.speedToLeadHotP99Ms} ms  (START of a 1-number task on an idle fleet → MakeCall)`,
  JSON.stringify(result),
  '',
].join('\n'));
process.exit(0);
