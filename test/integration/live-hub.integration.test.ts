// The live hub on real services: a gateway (in this process, plus one child process for the
// cross-instance test) on the test stack's Redis and Mosquitto, dashboards as `ws` clients.
// Device events go through the broker and ingest; bulk deltas for the slow-consumer test are
// appended to the tenant's live feed by the same publisher ingest uses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Redis } from 'ioredis';
import type { MqttClient } from 'mqtt';
import { pino } from 'pino';
import WebSocket from 'ws';
import { ensureDevices } from '../../deploy/local/broker-accounts.js';
import { startGateway, type GatewayHandle } from '../../gateway/src/gateway.js';
import { keys } from '../../gateway/src/domain/redis-keys.js';
import { LiveFeedPublisher } from '../../gateway/src/live/feed-publisher.js';
import type { LiveDelta } from '../../gateway/src/live/domain/deltas.js';
import { deviceState, taskCounters } from '../../gateway/src/live/domain/snapshot.js';
import { compareStreamIds } from '../../gateway/src/live/domain/stream-id.js';
import { createPhoneProtector, piiKeysFromHex } from '../../common/pii.js';
import type { Config } from '../../common/config.js';
import { callMessages, heartbeatMessage, type CallOutcome } from '../support/events.js';
import { retireGateway, startGatewayProcess } from '../support/gateway-process.js';
import { connectDevice, publishQos1 } from '../support/mqtt.js';
import { createPrincipal, dropPrincipals, mintToken, revokeKey } from '../support/principals.js';
import { connectRedis, dropKeys, namespace, testConfig } from '../support/services.js';
import { freePort } from '../support/spine.js';
import { sleep, waitFor } from '../support/wait.js';
import { admission, LiveClient } from '../load/live-ws-client.js';

const ns = namespace('lh');
const MAX_BUFFERED = 65_536;
let redis: Redis;
let config: Config;
let gw: GatewayHandle;
let url: string;
const tenants: string[] = [];
const clients: LiveClient[] = [];

function tenant(suffix: string): string {
  const t = `${ns}${suffix}`;
  tenants.push(t);
  return t;
}

async function viewer(tenantId: string, role: 'viewer' | 'supervisor' = 'viewer'): Promise<LiveClient> {
  const p = await createPrincipal(redis, { tenantId, role });
  const c = await LiveClient.connect(url, { credential: mintToken(config.authTokenSecret, p) });
  clients.push(c);
  await c.next((m) => m.type === 'hello');
  return c;
}

async function publishAll(client: MqttClient, wires: { topic: string; payload: Buffer }[]): Promise<void> {
  for (const w of wires) assert.equal(await publishQos1(client, w.topic, w.payload), 0);
}

const deltasOf = (c: LiveClient, topic: string) => c.onTopic(topic).filter((m) => m.type === 'deltas').flatMap((m) => m.deltas!);

before(async () => {
  redis = await connectRedis();
  config = testConfig({
    liveHubPort: await freePort(), gatewayId: `gw-${ns}-a`, gatewayShareGroup: ns, gatewayMqttConnections: 2,
    gatewayMetricsPort: 0, gatewaySessionExpiryS: 600, liveMaxBufferedBytes: MAX_BUFFERED,
  });
  gw = await startGateway(config, pino({ level: process.env.LOG_LEVEL ?? 'warn' }), {
    collectDefaultMetrics: false, liveRevalidateMs: 250, feedStream: `${ns}:feed`, deadLetterStream: `${ns}:dlq`,
  });
  url = `ws://127.0.0.1:${gw.livePort}/live`;
});

after(async () => {
  for (const c of clients) c.close();
  await gw?.retire();
  for (const t of tenants) {
    await dropPrincipals(redis, t);
    await dropKeys(redis, `cunke:*:${t}*`);
  }
  await dropKeys(redis, `${ns}*`);
  redis.disconnect();
});

describe('upgrade', () => {
  test('what the credential shows is refused at the upgrade (401, 403); what its key record shows closes the socket before any message (4401, 4403)', async () => {
    const t = tenant('auth');
    const secret = config.authTokenSecret;
    const ok = await createPrincipal(redis, { tenantId: t, role: 'viewer' });
    const revoked = await createPrincipal(redis, { tenantId: t, role: 'supervisor' });
    await revokeKey(redis, revoked.keyId);
    const disabled = await createPrincipal(redis, { tenantId: t, role: 'supervisor', userStatus: 'DISABLED' });
    const integrator = await createPrincipal(redis, { tenantId: t, role: 'integrator' });
    const narrowed = await createPrincipal(redis, { tenantId: t, role: 'supervisor', scopes: ['device:view'] });

    assert.equal(await admission(url), 'http 401', 'no credential');
    assert.equal(await admission(url, { credential: 'not-a-credential' }), 'http 401', 'malformed');
    assert.equal(await admission(url, { credential: mintToken(secret, ok, { secretHexOverride: 'ab'.repeat(32) }) }), 'http 401', 'signed with another secret');
    assert.equal(await admission(url, { credential: mintToken(secret, ok, { nowMs: Date.now() - 7_200_000, ttlS: 60 }) }), 'http 401', 'expired');
    assert.equal(await admission(url, { credential: `${mintToken(secret, ok).slice(0, -3)}AAA` }), 'http 401', 'tampered');
    assert.equal(await admission(url, { credential: mintToken(secret, integrator) }), 'http 403', 'token without live:view');

    assert.equal(await admission(url, { credential: mintToken(secret, revoked) }), 'close 4401', 'token of a revoked key');
    assert.equal(await admission(url, { credential: revoked.apiKey, via: 'header' }), 'close 4401', 'revoked API key');
    assert.equal(await admission(url, { credential: `${ok.apiKey.slice(0, -4)}AAAA`, via: 'header' }), 'close 4401', 'API key with a wrong secret');
    assert.equal(await admission(url, { credential: mintToken(secret, disabled) }), 'close 4401', 'disabled user');
    assert.equal(await admission(url, { credential: mintToken(secret, narrowed) }), 'close 4403', 'key narrowed to scopes without live:view');
    assert.equal(await admission(url, { credential: mintToken(secret, ok) }), 'hello');

    const failures = await gw.metrics.liveAuthFailures.get();
    const reasons = new Set(failures.values.filter((v) => v.value > 0).map((v) => v.labels.reason));
    for (const r of ['MISSING', 'MALFORMED', 'BAD_SIGNATURE', 'EXPIRED', 'REVOKED', 'UNKNOWN_KEY', 'DISABLED', 'NO_LIVE_VIEW']) assert.ok(reasons.has(r), `counted ${r}: ${[...reasons]}`);
  });

  test('requests sent before the key record was checked are answered once it was', async () => {
    const t = tenant('early');
    const p = await createPrincipal(redis, { tenantId: t, role: 'viewer' });
    const c = await LiveClient.connect(url, { credential: mintToken(config.authTokenSecret, p) });
    clients.push(c);
    c.subscribe('tenant'); // at once, as a browser does on open
    await c.next((m) => m.type === 'snapshot' && m.topic === 'tenant');
    assert.equal(c.messages[0]?.type, 'hello', 'the hello comes first');
  });

  test('a token in the subprotocol (as browsers send it) or an API key in the Authorization header opens the feed', async () => {
    const t = tenant('open');
    const p = await createPrincipal(redis, { tenantId: t, role: 'viewer' });
    const viaProtocol = await LiveClient.connect(url, { credential: mintToken(config.authTokenSecret, p) });
    clients.push(viaProtocol);
    assert.equal(viaProtocol.ws.protocol, 'cunke.live.v1');
    const hello = await viaProtocol.next((m) => m.type === 'hello');
    assert.equal(hello.tenantId, t);
    assert.deepEqual(hello.permissions, ['device:view', 'live:view']);
    assert.ok(typeof hello.expiresAt === 'string' && Date.parse(hello.expiresAt) > Date.now());
    const viaHeader = await LiveClient.connect(url, { credential: p.apiKey, via: 'header' });
    clients.push(viaHeader);
    assert.equal((await viaHeader.next((m) => m.type === 'hello')).expiresAt, null);
    // Offering subprotocols without ours is refused before authentication.
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(url, ['chat']);
      ws.once('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => { ws.close(); resolve(101); });
    });
    assert.equal(status, 400);
  });

  test('open connections are closed when their token expires (4001) or their key is revoked (4401)', async () => {
    const t = tenant('close');
    const shortLived = await createPrincipal(redis, { tenantId: t, role: 'viewer' });
    // Token expiry has one-second resolution: issued 1 s ago with a 2 s lifetime, it has about 1 s left.
    const expiring = await LiveClient.connect(url, { credential: mintToken(config.authTokenSecret, shortLived, { nowMs: Date.now() - 1000, ttlS: 2 }) });
    const toRevoke = await createPrincipal(redis, { tenantId: t, role: 'viewer' });
    const revoked = await LiveClient.connect(url, { credential: mintToken(config.authTokenSecret, toRevoke) });
    const keeps = await viewer(t);
    await revokeKey(redis, toRevoke.keyId);
    assert.equal(await withTimeout(expiring.closed, 5_000), 4001);
    assert.equal(await withTimeout(revoked.closed, 5_000), 4401);
    keeps.send({ op: 'ping', ref: 'still-here' });
    assert.equal((await keeps.next((m) => m.type === 'pong')).ref, 'still-here');
  });
});

describe('protocol', () => {
  test('bad requests get coded errors and the connection stays usable', async () => {
    const c = await viewer(tenant('proto'));
    c.ws.send('not json');
    assert.equal((await c.next((m) => m.type === 'error')).code, 'LIVE_ERR_BAD_MESSAGE');
    c.send({ op: 'subscribe', topic: 'tenant/someone-else' });
    const bad = await c.next((m) => m.type === 'error' && m.code === 'LIVE_ERR_BAD_TOPIC');
    assert.equal(bad.topic, 'tenant/someone-else');
    c.subscribe('device/d1');
    await c.next((m) => m.type === 'snapshot' && m.topic === 'device/d1');
    c.send({ op: 'unsubscribe', topic: 'device/d1' });
    await c.next((m) => m.type === 'unsubscribed' && m.topic === 'device/d1');
  });
});

describe('isolation', () => {
  test("a tenant's dashboards never get another tenant's events, even for a device id both use", async () => {
    const [a, b] = [tenant('isoa'), tenant('isob')];
    const [devA] = await ensureDevices(config, a, ['dev-001']);
    const [devB] = await ensureDevices(config, b, ['dev-001']);
    const ca = await viewer(a);
    const cb = await viewer(b);
    for (const c of [ca, cb]) {
      c.subscribe('tenant');
      c.subscribe('device/dev-001');
      await c.next((m) => m.type === 'snapshot' && m.topic === 'device/dev-001');
    }
    const t0 = Date.now() - 60_000;
    const [mqttA, mqttB] = await Promise.all([connectDevice(config, devA!, 'iso'), connectDevice(config, devB!, 'iso')]);
    await Promise.all([
      publishAll(mqttA, [...callMessages({ tenantId: a, deviceId: 'dev-001', callId: 'call-of-a', outcome: 'answered', startMs: t0 }), heartbeatMessage(a, 'dev-001', t0, { batteryPct: 77 })]),
      publishAll(mqttB, [...callMessages({ tenantId: b, deviceId: 'dev-001', callId: 'call-of-b', outcome: 'busy', startMs: t0 }), heartbeatMessage(b, 'dev-001', t0, { batteryPct: 11 })]),
    ]);
    await Promise.all([mqttA.endAsync(), mqttB.endAsync()]);
    const sawOwn = (c: LiveClient, callId: string, battery: number) => waitFor(`${callId} on its dashboard`, async () => {
      const ds = deltasOf(c, 'device/dev-001');
      return ds.some((d) => d.callId === callId && d.step === 'ended') && ds.some((d) => (d.health as { batteryPct?: number } | undefined)?.batteryPct === battery);
    });
    await sawOwn(ca, 'call-of-a', 77);
    await sawOwn(cb, 'call-of-b', 11);
    await sleep(300);
    const textA = JSON.stringify(ca.messages);
    const textB = JSON.stringify(cb.messages);
    assert.doesNotMatch(textA, /call-of-b|"batteryPct":11/);
    assert.doesNotMatch(textB, /call-of-a|"batteryPct":77/);
  });
});

describe('ordering', () => {
  test('snapshot first, then every delta after it in feed order: none before, none missing, none twice', async () => {
    const t = tenant('ord');
    const devices = await ensureDevices(config, t, ['dev-001', 'dev-002', 'dev-003']);
    const mqtt = await Promise.all(devices.map((d) => connectDevice(config, d, 'ord')));
    const outcomes: CallOutcome[] = ['answered', 'no_answer', 'busy', 'answered', 'failed'];
    const t0 = Date.now() - 3_600_000;
    const calls = devices.map((d, di) => Array.from({ length: 20 }, (_, i) => callMessages({
      tenantId: t, deviceId: d.deviceId, taskId: i % 2 ? 'task-odd' : 'task-even', outcome: outcomes[i % 5]!, startMs: t0 + di * 1e6 + i * 60_000, talkMs: 1000 * i,
    })));
    const total = calls.flat(2).length;
    let published = 0;
    const publishing = Promise.all(mqtt.map(async (client, di) => {
      for (const call of calls[di]!) for (const w of call) {
        assert.equal(await publishQos1(client, w.topic, w.payload), 0);
        published++;
      }
    }));
    // Dashboards join before, during and near the end of the traffic.
    const joined: LiveClient[] = [];
    for (const share of [0, 0.3, 0.6, 0.9]) {
      await waitFor(`${share * 100}% published`, async () => published >= share * total, { timeoutMs: 30_000, intervalMs: 5 });
      const c = await viewer(t);
      for (const topic of ['tenant', 'device/dev-002', 'task/task-odd']) c.subscribe(topic);
      joined.push(c);
    }
    await publishing;
    await Promise.all(mqtt.map((c) => c.endAsync()));

    // A PUBACK means durable; the feed append follows it without being awaited.
    const readFeed = async () => (await redis.xrange(keys.liveFeed(t), '-', '+'))
      .map(([id, fields]) => ({ id, deltas: JSON.parse(fields[fields.indexOf('d') + 1]!) as LiveDelta[] }));
    const callDeltas = (es: { deltas: LiveDelta[] }[]) => es.reduce((n, e) => n + e.deltas.filter((d) => d.t === 'call').length, 0);
    await waitFor('every recorded event on the feed', async () => callDeltas(await readFeed()) >= total);
    const entries = await readFeed();
    const lastId = entries[entries.length - 1]!.id;
    assert.equal(callDeltas(entries), total, 'one call delta per recorded event');
    for (const [i, c] of joined.entries()) {
      // Caught up: its last delta is the feed's last entry, or its snapshot already was.
      await waitFor('the dashboard caught up with the feed', async () =>
        (deltasOf(c, 'tenant').at(-1)?.id ?? c.onTopic('tenant')[0]?.id) === lastId, { timeoutMs: 15_000 }).catch((err: Error) => {
        const state = c.messages.filter((m) => m.type !== 'deltas').map((m) => `${m.type}:${m.topic ?? ''}:${m.id ?? m.code ?? ''}`);
        throw new Error(`${err.message}: dashboard ${i} (${state.join(' ')}), last tenant delta ${deltasOf(c, 'tenant').at(-1)?.id}, feed ends ${lastId}`);
      });
      for (const topic of ['tenant', 'device/dev-002', 'task/task-odd']) {
        const frames = c.onTopic(topic);
        assert.equal(frames[0]?.type, 'snapshot', `${topic}: the snapshot comes first`);
        assert.equal(frames.filter((f) => f.type === 'snapshot').length, 1);
        const snapshotId = frames[0]!.id!;
        const got = deltasOf(c, topic).filter((d) => d.t !== 'task');
        const want = entries.filter((e) => compareStreamIds(e.id, snapshotId) > 0)
          .flatMap((e) => e.deltas.filter((d) => onTopic(d, topic)).map((d) => ({ id: e.id, ...d })));
        assert.deepEqual(got, want, `${topic} after ${snapshotId}: exactly the feed's deltas after the snapshot, in order`);
      }
      // The dashboard's view, snapshot + deltas, is the state in Redis.
      assertConverged(c, await readState(t, ['dev-001', 'dev-002', 'dev-003']));
    }
    const counters = taskCounters('task-odd', await redis.hgetall(keys.task(t, 'task-odd')));
    assert.equal(counters.dialed, 30);
    for (const c of joined) {
      const latest = [...c.onTopic('task/task-odd')].reverse().flatMap((m) => (m.type === 'snapshot' ? (m.data as { tasks: unknown[] }).tasks : [...(m.deltas ?? [])].reverse().filter((d) => d.t === 'task')))[0];
      assert.deepEqual(latest && { ...latest, id: undefined, t: undefined }, { ...counters, id: undefined, t: undefined }, 'the last task counters a dashboard got are the final ones');
    }
  });
});

function onTopic(d: LiveDelta, topic: string): boolean {
  if (topic === 'tenant') return true;
  if (topic.startsWith('device/')) return d.t !== 'task' && 'deviceId' in d && d.deviceId === topic.slice(7);
  if (topic.startsWith('task/')) return d.t === 'call' && d.taskId === topic.slice(5);
  return false;
}

async function readState(t: string, deviceIds: string[]) {
  const out = new Map<string, ReturnType<typeof deviceState>>();
  for (const id of deviceIds) out.set(id, deviceState(id, await redis.hgetall(keys.device(t, id))));
  return out;
}

/** Applies the tenant topic's device deltas to its snapshot as a dashboard does and compares with Redis. */
function assertConverged(c: LiveClient, expected: Map<string, ReturnType<typeof deviceState>>): void {
  const frames = c.onTopic('tenant');
  const held = new Map<string, Record<string, { clock: number } | unknown>>();
  for (const d of (frames[0]!.data as { devices: ReturnType<typeof deviceState>[] }).devices) held.set(d.deviceId, { ...d });
  for (const d of deltasOf(c, 'tenant')) {
    if (d.t !== 'device') continue;
    const cur = held.get(d.deviceId as string) ?? {};
    for (const g of ['line', 'health', 'presence']) {
      const incoming = d[g] as { clock: number } | undefined;
      const have = cur[g] as { clock: number } | undefined;
      if (incoming && (!have || incoming.clock >= have.clock)) cur[g] = incoming;
    }
    held.set(d.deviceId as string, cur);
  }
  for (const [id, want] of expected) {
    assert.deepEqual(held.get(id)?.line, want.line, `line of ${id}`);
  }
}

describe('slow consumers', () => {
  test('a dashboard that stops reading is cut off with bounded memory, then resynced once it drains', async () => {
    const t = tenant('slow');
    const slowOne = await viewer(t);
    const healthy = await viewer(t);
    for (const c of [slowOne, healthy]) {
      c.subscribe('tenant');
      await c.next((m) => m.type === 'snapshot');
    }
    const publisher = new LiveFeedPublisher({
      redis, gatewayId: 'test', metrics: gw.metrics, log: pino({ level: 'silent' }),
      protectPhone: createPhoneProtector(piiKeysFromHex(config.piiHashKey, config.piiEncKey), 'CN'),
    });
    let seq = 0;
    const burst = async (entries: number, perEntry: number) => {
      for (let i = 0; i < entries; i++) {
        const deltas: LiveDelta[] = Array.from({ length: perEntry }, () => ({ t: 'device', deviceId: `dev-${seq++ % 50}`, lastSeenMs: seq, line: { state: 'IDLE', callId: '', clock: seq } }));
        await publisher.append(new Map([[t, deltas]]));
      }
    };
    slowOne.pause();
    // Enough to fill the socket buffers in between and pass the hub's limit, at a rate the healthy one keeps up with.
    await waitFor('the hub to cut the slow dashboard off', async () => {
      await burst(20, 100);
      await sleep(60);
      return (await gw.metrics.liveSlowConsumers.get()).values[0]?.value === 1;
    }, { timeoutMs: 60_000, intervalMs: 0 });
    const bound = MAX_BUFFERED + 1024 * 1024; // the limit plus at most one tick of frames
    const maxBuffered = async () => (await gw.metrics.liveMaxBufferedBytes.get()).values[0]?.value ?? 0;
    assert.ok((await maxBuffered()) < bound, `backlog ${await maxBuffered()} within the limit plus a tick`);
    // Cut off: more traffic does not grow its backlog.
    for (let i = 0; i < 10; i++) {
      await burst(20, 100);
      await sleep(60);
      assert.ok((await maxBuffered()) < bound, `backlog stays bounded: ${await maxBuffered()}`);
    }
    const healthyBefore = deltasOf(healthy, 'tenant').length;
    const from = slowOne.messages.length;
    slowOne.resume();
    const resync = await slowOne.next((m) => m.type === 'resync', 15_000, from);
    assert.deepEqual([resync.reason, resync.topics], ['slow', ['tenant']]);
    const snapshot = await slowOne.next((m) => m.type === 'snapshot', 10_000, slowOne.messages.indexOf(resync));
    await burst(3, 5);
    const lastId = (await redis.xrevrange(keys.liveFeed(t), '+', '-', 'COUNT', 1))[0]![0];
    const fresh = await slowOne.next((m) => m.type === 'deltas' && m.deltas!.some((d) => d.id === lastId), 10_000, slowOne.messages.indexOf(snapshot));
    assert.ok(compareStreamIds(fresh.deltas![0]!.id, snapshot.id!) > 0, 'deltas after the fresh snapshot are newer than it');
    assert.equal(healthy.messages.filter((m) => m.type === 'resync').length, 0, 'the healthy dashboard was never cut off');
    const all = deltasOf(healthy, 'tenant');
    await waitFor('the healthy dashboard got everything', async () => deltasOf(healthy, 'tenant').at(-1)?.id === lastId);
    assert.ok(deltasOf(healthy, 'tenant').length > healthyBefore && all.length > 0);
    assert.equal((await gw.metrics.liveResyncs.get()).values.find((v) => v.labels.reason === 'slow')?.value, 1);
  });
});

describe('cross-instance fan-out', () => {
  test('events ingested by either of two gateway instances reach dashboards connected to each', async () => {
    const t = tenant('xi');
    const hubB = await freePort();
    const envB = {
      GATEWAY_ID: `gw-${ns}-b`, GATEWAY_SHARE_GROUP: ns, GATEWAY_MQTT_CONNECTIONS: '2', GATEWAY_SESSION_EXPIRY_S: '600', LIVE_HUB_PORT: String(hubB),
    };
    const b = await startGatewayProcess(envB, await freePort());
    try {
      const onA = await viewer(t);
      const principal = await createPrincipal(redis, { tenantId: t, role: 'viewer' });
      const onB = await LiveClient.connect(`ws://127.0.0.1:${hubB}/live`, { credential: mintToken(config.authTokenSecret, principal) });
      clients.push(onB);
      for (const c of [onA, onB]) {
        c.subscribe('tenant');
        await c.next((m) => m.type === 'snapshot');
      }
      const devices = await ensureDevices(config, t, ['dev-001', 'dev-002', 'dev-003', 'dev-004']);
      const t0 = Date.now() - 600_000;
      const wires = devices.map((d, i) => Array.from({ length: 10 }, (_, k) => callMessages({ tenantId: t, deviceId: d.deviceId, outcome: 'answered', startMs: t0 + i * 1e5 + k * 1000 })).flat());
      const recordedBefore = await b.metric('cunke_gateway_messages_total', { outcome: 'recorded' });
      const mqtt = await Promise.all(devices.map((d) => connectDevice(config, d, 'xi')));
      await Promise.all(mqtt.map((client, i) => publishAll(client, wires[i]!)));
      await Promise.all(mqtt.map((c) => c.endAsync()));
      const expected = wires.flat().length;
      const steps = (c: LiveClient) => new Set(deltasOf(c, 'tenant').filter((d) => d.t === 'call').map((d) => `${d.callId}/${d.step}`));
      for (const [name, c] of [['A', onA], ['B', onB]] as const) {
        await waitFor(`every call step on the dashboard of instance ${name}`, async () => steps(c).size === expected, { timeoutMs: 20_000 });
      }
      assert.deepEqual(steps(onA), steps(onB));
      // Both instances took a share of the traffic, so each dashboard saw the other instance's work.
      const byGateway = new Set((await redis.xrange(keys.liveFeed(t), '-', '+')).map(([, f]) => f[f.indexOf('g') + 1]));
      assert.deepEqual(byGateway, new Set([`gw-${ns}-a`, `gw-${ns}-b`]));
      assert.ok((await b.metric('cunke_gateway_messages_total', { outcome: 'recorded' })) > recordedBefore);
    } finally {
      await b.stop();
      await retireGateway(envB);
    }
  });
});

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);
}
