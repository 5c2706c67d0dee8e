// The dashboard's live state (api/src/dashboard/public/app.js: applySnapshot, applyDelta,
// summarize) fed with what a real hub sends, checked against Redis: the page's numbers are the
// platform's, whether the page was open during the traffic (snapshot + deltas) or opened after
// it (snapshot only). The page itself in a browser is the API's Playwright test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { REPO_ROOT, type Config } from '../../common/config.js';
import { ensureDevices } from '../../deploy/local/broker-accounts.js';
import { startGateway, type GatewayHandle } from '../../gateway/src/gateway.js';
import { keys } from '../../gateway/src/domain/redis-keys.js';
import { callMessages, heartbeatMessage, statusMessage } from '../support/events.js';
import { connectDevice, publishQos1 } from '../support/mqtt.js';
import { createPrincipal, dropPrincipals, mintToken } from '../support/principals.js';
import { connectRedis, dropKeys, namespace, testConfig } from '../support/services.js';
import { freePort } from '../support/spine.js';
import { waitFor } from '../support/wait.js';
import { LiveClient, type LiveMessage } from '../load/live-ws-client.js';

interface Summary {
  devicesOnline: number;
  devicesOffline: number;
  devicesInCall: number;
  callsInProgress: number;
  activeCalls: { callId: string; deviceId: string; phoneMasked?: string; taskId?: string }[];
  tasks: { taskId: string; dialed: number; connected: number; ended: number; talkMs: number; talkCalls: number; connectRate: number | null; avgTalkMs: number | null }[];
  finished: { callId: string; result: string; talkMs: number; phoneMasked: string }[];
}

/** The page's state functions; app.js is plain JavaScript, so its module is typed here. */
interface DashboardState {
  createState(): unknown;
  applySnapshot(state: unknown, snapshot: LiveMessage): unknown;
  applyDelta(state: unknown, delta: unknown): unknown;
  summarize(state: unknown): Summary;
}

const ns = namespace('ld');
const tenant = `${ns}t`;
let redis: Redis;
let config: Config;
let gw: GatewayHandle;
let page: DashboardState;

before(async () => {
  // A computed specifier: the module is JavaScript outside the type-checked tree.
  page = (await import(pathToFileURL(join(REPO_ROOT, 'api/src/dashboard/public/app.js')).href)) as DashboardState;
  redis = await connectRedis();
  config = testConfig({ liveHubPort: await freePort(), gatewayId: `gw-${ns}`, gatewayShareGroup: ns, gatewayMqttConnections: 2, gatewayMetricsPort: 0, gatewaySessionExpiryS: 600 });
  gw = await startGateway(config, pino({ level: process.env.LOG_LEVEL ?? 'warn' }), { collectDefaultMetrics: false, feedStream: `${ns}:feed`, deadLetterStream: `${ns}:dlq` });
});

after(async () => {
  await gw?.retire();
  await dropPrincipals(redis, tenant);
  await dropKeys(redis, `cunke:*:${tenant}*`);
  await dropKeys(redis, `${ns}*`);
  redis.disconnect();
});

/** What a page holding this client's messages shows. */
function view(client: LiveClient): Summary {
  const state = page.createState();
  for (const m of client.onTopic('tenant')) {
    if (m.type === 'snapshot') page.applySnapshot(state, m);
    else if (m.type === 'deltas') for (const d of m.deltas!) page.applyDelta(state, d);
  }
  return page.summarize(state);
}

async function dashboard(): Promise<LiveClient> {
  const p = await createPrincipal(redis, { tenantId: tenant, role: 'viewer' });
  const c = await LiveClient.connect(`ws://127.0.0.1:${gw.livePort}/live`, { credential: mintToken(config.authTokenSecret, p) });
  c.subscribe('tenant');
  await c.next((m) => m.type === 'snapshot');
  return c;
}

test("the page's numbers are Redis's, live and after a fresh load", async () => {
  const open = await dashboard();
  const devices = await ensureDevices(config, tenant, ['dev-001', 'dev-002', 'dev-003', 'dev-004']);
  const mqtt = await Promise.all(devices.map((d) => connectDevice(config, d, 'page')));
  const t0 = Date.now() - 600_000;
  const send = async (i: number, wires: { topic: string; payload: Buffer }[]) => {
    for (const w of wires) assert.equal(await publishQos1(mqtt[i]!, w.topic, w.payload), 0);
  };
  // Four devices come online; dev-004 goes offline again (its will).
  await Promise.all(devices.map((d, i) => send(i, [statusMessage(tenant, d.deviceId, true, t0, `s-${i}`), heartbeatMessage(tenant, d.deviceId, t0 + 1, { batteryPct: 60 + i })])));
  await send(3, [statusMessage(tenant, 'dev-004', false, t0, 's-3')]);
  // Finished calls on two tasks, with every outcome the page names.
  const outcomes = ['answered', 'no_answer', 'busy', 'rejected', 'failed', 'answered'] as const;
  await Promise.all([0, 1].map((i) => send(i, outcomes.flatMap((outcome, k) => callMessages({
    tenantId: tenant, deviceId: devices[i]!.deviceId, callId: `call-${i}-${k}`, taskId: `task-${k % 2}`, outcome, startMs: t0 + 1000 + k * 100_000, talkMs: 20_000 + k * 1000,
  })))));
  // dev-003 is in a call right now: dialing and answered, not ended.
  const ongoing = callMessages({ tenantId: tenant, deviceId: 'dev-003', callId: 'call-live', taskId: 'task-1', outcome: 'answered', startMs: t0 + 900_000, phoneNumber: '13912345678' });
  await send(2, ongoing.slice(0, 3));
  await Promise.all(mqtt.map((c) => c.endAsync()));

  // A PUBACK means durable; the feed append follows it without being awaited.
  await waitFor('the last step on the feed', async () => (await redis.xrange(keys.liveFeed(tenant), '-', '+')).some(([, f]) => f.join().includes('"callId":"call-live","deviceId":"dev-003","taskId":"task-1","step":"answered"')));
  const lastId = (await redis.xrevrange(keys.liveFeed(tenant), '+', '-', 'COUNT', 1))[0]![0];
  await waitFor('the open page has every delta', async () => open.onTopic('tenant').some((m) => m.deltas?.some((d) => d.id === lastId)));
  const later = await dashboard();

  const live = view(open);
  const fresh = view(later);
  for (const [name, s] of [['open during the traffic', live], ['opened after it', fresh]] as const) {
    assert.deepEqual([s.devicesOnline, s.devicesOffline, s.devicesInCall, s.callsInProgress], [3, 1, 1, 1], `${name}: online, offline, in call, calls in progress`);
    assert.deepEqual(s.activeCalls.map((c) => [c.callId, c.deviceId, c.phoneMasked, c.taskId]), [['call-live', 'dev-003', '139****5678', 'task-1']], name);
    for (const task of s.tasks) {
      const inRedis = await redis.hgetall(keys.task(tenant, task.taskId));
      assert.deepEqual([task.dialed, task.connected, task.ended, task.talkMs, task.talkCalls], ['dialed', 'connected', 'ended', 'talk_ms', 'talk_calls'].map((f) => Number(inRedis[f] ?? 0)), `${name}: ${task.taskId}`);
      assert.equal(task.connectRate, task.connected / task.dialed);
      assert.equal(task.avgTalkMs, task.talkMs / task.talkCalls);
    }
    assert.deepEqual(s.tasks.map((x) => [x.taskId, x.dialed, x.connected]), [['task-0', 6, 2], ['task-1', 7, 3]], `${name}: per-task counters`);
    assert.equal(s.finished.length, 12, `${name}: every finished call once`);
    const results = s.finished.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.result]: (acc[f.result] ?? 0) + 1 }), {});
    assert.deepEqual(results, { ANSWERED: 4, NO_ANSWER: 2, BUSY: 2, REJECTED: 2, FAILED: 2 }, name);
    assert.ok(s.finished.every((f) => /^\d{3}\*{4}\d{4}$/.test(f.phoneMasked)), 'masked numbers only');
  }
  open.close();
  later.close();
});
