// The device agent against a real MQTT 5 broker (Mosquitto). The broker comes from the config
// (MQTT_URL, or the local stack's stack.env under `npm test`); device credentials come from the
// deploy module (ensureDevices). Without a stack (no stack.env), the broker must allow anonymous
// clients, or AGENT_TEST_USERNAME/AGENT_TEST_PASSWORD give one account for both agent and
// observer. A TCP proxy between agent and broker plays the outages.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import { loadConfig, type Config } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { DeviceEnvelope, DeviceStatus, Presence, bytesToUuid, deviceTopic } from '../../proto/src/index.js';
import { createAgent, publishRawEnvelope, type Agent, type AgentOptions } from '../src/index.js';
import { TcpProxy } from './tcp-proxy.js';

const config: Config = loadConfig(process.env, { logLevel: process.env.LOG_LEVEL ?? 'warn' });
const log = createLogger('device-agent-itest', config.logLevel);
const brokerUrl = new URL(config.mqttUrl);
const TENANT = 'itagent';
const FAST_BACKOFF = { baseMs: 100, capMs: 1000, floorMs: 50 };

interface Account { username: string; password: string }

async function brokerReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(brokerUrl.port || 1883), brokerUrl.hostname);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Device credentials from the deploy module, or the env/anonymous fallback. */
async function deviceAccount(deviceId: string): Promise<Account & { provisioned: boolean }> {
  try {
    const { ensureDevices } = await import('../../deploy/local/broker-accounts.js');
    const [cred] = await ensureDevices(config, TENANT, [deviceId]);
    if (cred) return { username: cred.username, password: cred.password, provisioned: true };
  } catch (err) {
    log.debug({ err: (err as Error).message }, 'no local stack accounts; using env/anonymous credentials');
  }
  return { username: process.env.AGENT_TEST_USERNAME ?? `${TENANT}.${deviceId}`, password: process.env.AGENT_TEST_PASSWORD ?? '', provisioned: false };
}

async function observerAccount(): Promise<Account> {
  try {
    const { gatewayCredentials } = await import('../../deploy/local/broker-accounts.js');
    const cred = gatewayCredentials(config);
    if (cred.password) return cred;
  } catch {
    // no stack: fall through
  }
  return { username: process.env.AGENT_TEST_USERNAME ?? 'agent-itest-observer', password: process.env.AGENT_TEST_PASSWORD ?? '' };
}

interface Received {
  topic: string;
  payload: Buffer;
}

/** A gateway-like subscriber on one device's topics. */
async function observe(deviceId: string): Promise<{ client: MqttClient; received: Received[] }> {
  const account = await observerAccount();
  const client = await mqtt.connectAsync(config.mqttUrl, {
    protocolVersion: 5, clientId: `itest-obs-${randomBytes(4).toString('hex')}`, clean: true, reconnectPeriod: 0, ...account,
  });
  const received: Received[] = [];
  client.on('message', (topic, payload) => received.push({ topic, payload }));
  await client.subscribeAsync([deviceTopic(TENANT, deviceId, 'evt'), deviceTopic(TENANT, deviceId, 'status')], { qos: 1 });
  return { client, received };
}

const envelopes = (received: Received[]) =>
  received.filter((r) => r.topic.endsWith('/evt')).map((r) => {
    const e = DeviceEnvelope.decode(r.payload);
    return { seq: e.seq, eventId: bytesToUuid(e.eventId), heartbeat: !!e.heartbeat, callId: e.call?.callId ?? '' };
  });
const statuses = (received: Received[]) => received.filter((r) => r.topic.endsWith('/status')).map((r) => DeviceStatus.decode(r.payload));

async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** First arrival of each seq, in arrival order: must be increasing (in-order delivery). */
function firstArrivals(list: { seq: number }[]): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const e of list) if (!seen.has(e.seq)) { seen.add(e.seq); out.push(e.seq); }
  return out;
}

describe('device agent against a real broker', { concurrency: false }, () => {
  let reachable = false;
  const dirs: string[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];

  before(async () => {
    reachable = await brokerReachable();
  });
  after(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  async function setup(deviceId: string) {
    const account = await deviceAccount(deviceId);
    const proxy = new TcpProxy(brokerUrl.hostname, Number(brokerUrl.port || 1883));
    const port = await proxy.listen();
    cleanups.push(() => proxy.close());
    const dir = await mkdtemp(join(tmpdir(), 'cunke-agent-itest-'));
    dirs.push(dir);
    const obs = await observe(deviceId);
    cleanups.push(() => obs.client.endAsync());
    const options: AgentOptions = {
      tenantId: TENANT, deviceId,
      mqtt: { url: `mqtt://127.0.0.1:${port}`, username: account.username, password: account.password, reconnectBackoff: FAST_BACKOFF },
      outbox: { dir }, seed: 11, timeScale: 0.001, heartbeatIntervalS: 1, logger: log,
    };
    const start = async (): Promise<Agent> => {
      const agent = await createAgent(options);
      cleanups.push(() => agent.stop());
      agent.start();
      return agent;
    };
    return { account, proxy, dir, obs, options, start };
  }

  it('events appended while the broker is unreachable are delivered in order once it is back', async (t) => {
    if (!reachable) return t.skip(`no broker at ${config.mqttUrl}`);
    const deviceId = `down-${randomBytes(3).toString('hex')}`;
    const { proxy, obs, start } = await setup(deviceId);
    proxy.setMode('down');
    const agent = await start();
    const summaries = [];
    for (let i = 0; i < 3; i++) summaries.push(await agent.placeCall({ phoneNumber: `1380013800${i}`, taskId: 'it-task' }));
    await new Promise((r) => setTimeout(r, 1500)); // a heartbeat or two more
    assert.equal(agent.connected, false);
    const queued = agent.outboxDepth();
    assert.ok(queued >= 10, `queued ${queued}`);
    assert.equal(envelopes(obs.received).length, 0, 'nothing reached the broker');

    proxy.setMode('up');
    await agent.waitForDrain(30_000);
    const lastSeq = agent.stats().lastSeq;
    await waitUntil('all envelopes at the observer', () => new Set(envelopes(obs.received).map((e) => e.seq)).size >= lastSeq);
    const arrivals = firstArrivals(envelopes(obs.received));
    assert.deepEqual(arrivals, [...arrivals].sort((a, b) => a - b), 'first arrivals in seq order');
    assert.deepEqual(arrivals.slice(0, queued), Array.from({ length: queued }, (_, i) => i + 1), 'no gap');
    const ids = new Set(envelopes(obs.received).map((e) => e.eventId));
    for (const s of summaries) for (const id of s.eventIds) assert.ok(ids.has(id), `call event ${id} delivered`);
    assert.equal(agent.counters.pubackErrors, 0);
    const online = statuses(obs.received).filter((s) => s.presence === Presence.PRESENCE_ONLINE);
    assert.ok(online.length >= 1, 'ONLINE published after connecting');

    // Duplicate delivery helper: the same envelope again, from a separate connection.
    const first = obs.received.find((r) => r.topic.endsWith('/evt'));
    assert.ok(first);
    const rc = await publishRawEnvelope({ url: config.mqttUrl, tenantId: TENANT, deviceId, ...(await deviceAccount(deviceId)) }, first.payload);
    assert.ok(rc === 0 || rc === 0x10, `raw publish reason code ${rc}`);
    const eventId = bytesToUuid(DeviceEnvelope.decode(first.payload).eventId);
    await waitUntil('duplicate at the observer', () => envelopes(obs.received).filter((e) => e.eventId === eventId).length >= 2, 10_000);
    await agent.stop();
    const last = statuses(obs.received).pop();
    await waitUntil('OFFLINE after stop', () => statuses(obs.received).pop()?.presence === Presence.PRESENCE_OFFLINE, 5000);
    assert.ok(last);
  });

  it('a crash with PUBACKs outstanding: the will fires, and a restart replays what was not acknowledged', async (t) => {
    if (!reachable) return t.skip(`no broker at ${config.mqttUrl}`);
    const deviceId = `crash-${randomBytes(3).toString('hex')}`;
    const { proxy, obs, start } = await setup(deviceId);
    const first = await start();
    await waitUntil('connected', () => first.connected, 10_000);
    const call1 = await first.placeCall({ phoneNumber: '13900139001' });
    await first.waitForDrain(10_000);

    proxy.setMode('stall'); // the broker gets our events; we never see its PUBACKs
    const call2 = await first.placeCall({ phoneNumber: '13900139002' });
    await waitUntil('call 2 at the broker', () => envelopes(obs.received).some((e) => e.callId === call2.callId && e.seq === call2.events[call2.events.length - 1]?.seq), 10_000);
    assert.ok(first.outboxDepth() >= call2.events.length, 'unacknowledged in the outbox');
    const lastSeqBefore = first.stats().lastSeq;
    const onlineBefore = statuses(obs.received).filter((s) => s.presence === Presence.PRESENCE_ONLINE).pop();
    await first.crash();
    proxy.cutAll(); // the process is gone: its TCP connection dies with it

    await waitUntil('will: OFFLINE', () => statuses(obs.received).some((s) => s.presence === Presence.PRESENCE_OFFLINE && s.sessionId === onlineBefore?.sessionId), 10_000);

    proxy.setMode('up');
    const second = await start();
    await second.waitForDrain(30_000);
    const got = envelopes(obs.received);
    const seqs = new Set(got.map((e) => e.seq));
    for (let s = 1; s <= lastSeqBefore; s++) assert.ok(seqs.has(s), `seq ${s} of the crashed run was delivered`);
    const ids = new Set(got.map((e) => e.eventId));
    for (const id of [...call1.eventIds, ...call2.eventIds]) assert.ok(ids.has(id), `call event ${id} delivered`);
    assert.ok(second.counters.replayed >= call2.events.length, `replayed ${second.counters.replayed}`);
    assert.ok(second.stats().lastSeq > lastSeqBefore, 'seq continues after the restart');
    const online = statuses(obs.received).filter((s) => s.presence === Presence.PRESENCE_ONLINE).pop();
    assert.notEqual(online?.sessionId, onlineBefore?.sessionId, 'a new session id per connection');
    await second.stop();
  });

  it('a broker that refuses the device (ACL): events are kept, reconnects back off', async (t) => {
    if (!reachable) return t.skip(`no broker at ${config.mqttUrl}`);
    const owner = `acl-${randomBytes(3).toString('hex')}`;
    const account = await deviceAccount(owner);
    if (!account.provisioned) return t.skip('needs the local stack (ACLs); the broker allows anonymous writes');
    const dir = await mkdtemp(join(tmpdir(), 'cunke-agent-itest-'));
    dirs.push(dir);
    // The credentials of `owner`, publishing as another device: the ACL refuses its topics.
    // Mosquitto 2.0 answers PUBACK 135 (not authorized), and after a refused retained publish it
    // also drops the connection; either way nothing may be acknowledged or lost.
    const agent = await createAgent({
      tenantId: TENANT, deviceId: `${owner}-x`,
      mqtt: { url: config.mqttUrl, ...account, clientId: `dev-${TENANT}-${owner}`, reconnectBackoff: FAST_BACKOFF },
      outbox: { dir }, seed: 3, timeScale: 0.001, heartbeatIntervalS: 3600, logger: log,
    });
    cleanups.push(() => agent.stop());
    agent.start();
    await agent.placeCall({ phoneNumber: '13600136000' }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 4000));
    const c = agent.counters;
    assert.ok(c.pubackErrors + c.disconnects >= 1, 'the refusal was noticed');
    assert.equal(c.acked, 0);
    assert.equal(agent.outboxDepth(), c.appended, 'every refused event is kept for a later retry');
    // Backoff grows although each CONNECT succeeds: ~0.1+0.2+0.4+0.8+1+1 s, not one per 100 ms.
    assert.ok(c.connects <= 10, `connects in 4 s: ${c.connects}`);
    await agent.stop();
  });
});
