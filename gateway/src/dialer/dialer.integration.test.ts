// The dialer end to end on the real stack: Redis, Mosquitto, an ingest gateway and simulated
// device-agents over MQTT. A task of 300 numbers runs to completion through a STOP/START and a
// crash of the dialer (another instance takes over); what the devices actually dialled is
// checked against the rules: maxAttempts, DNC, final declines, no double dial after restart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { writeCompliance } from '../../../common/call-tasks/compliance.js';
import { taskKeys, type CallTask } from '../../../common/call-tasks/model.js';
import { TaskStore } from '../../../common/call-tasks/task-store.js';
import { createLogger } from '../../../common/logger.js';
import { hashPii, piiKeysFromHex } from '../../../common/pii.js';
import { ensureDevices } from '../../../deploy/local/broker-accounts.js';
import { createAgent, type Agent, type CallSummary } from '../../../device-agent/src/index.js';
import { connectRedis, dropKeys, namespace, testConfig } from '../../../test/support/services.js';
import { forgetSetMembers } from './test-support.js';
import { sleep, waitFor } from '../../../test/support/wait.js';
import { startGateway, type GatewayHandle } from '../gateway.js';
import { Registry } from 'prom-client';
import type { NumberState } from './domain/attempts.js';
import { dialKeys } from './redis-keys.js';
import { startDialer, type DialerHandle } from './start-dialer.js';

const DEVICES = 20;
const PHONES = 300;
const DNC_EVERY = 20; // 15 numbers on the DNC list
const MAX_ATTEMPTS = 3;

const ns = namespace('dial');
const tenant = `t${ns}`;
const config = testConfig({ gatewayId: `gw-${ns}`, gatewayShareGroup: ns, gatewayMqttConnections: 2, gatewayMetricsPort: 0, liveHubPort: 0 });
const log = createLogger('dialer-itest', config.logLevel);
const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);

const phones = Array.from({ length: PHONES }, (_, i) => `+86138${String(10_000_000 + i * 7919).slice(-8)}`);
const dncPhones = new Set(phones.filter((_, i) => i % DNC_EVERY === 7));

interface Started { phone: string; commandId: string; atMs: number; cause: string; answered: boolean }

describe('dialer on the real stack', () => {
  let redis: Redis;
  let gateway: GatewayHandle;
  let store: TaskStore;
  const agents: Agent[] = [];
  const calls: Started[] = [];
  const starts: number[] = [];
  let dialer: DialerHandle | null = null;

  const dialerOverrides = (instanceId: string) => ({
    tenants: [tenant], scheduler: false, instanceId, tickMs: 50, reconcileMs: 50, leaseMs: 2000, refreshMs: 200,
  });

  before(async () => {
    redis = await connectRedis(config);
    gateway = await startGateway(config, log, { dialer: false, liveHub: false, collectDefaultMetrics: false });
    const creds = await ensureDevices(config, tenant, Array.from({ length: DEVICES }, (_, i) => `dev-${i}`));
    for (const [i, c] of creds.entries()) {
      const agent = await createAgent({
        tenantId: tenant, deviceId: c.deviceId, mqtt: { url: config.mqttUrl, username: c.username, password: c.password, clientId: `${ns}-${c.deviceId}` },
        seed: 1000 + i, timeScale: 0.001, heartbeatIntervalS: 5, logger: log,
      });
      agent.on((e) => {
        if (e.type === 'command' && e.decision === 'start-call') starts.push(Date.now());
        if (e.type === 'call-completed') calls.push(callOf(e.summary, Date.now()));
      });
      agent.start();
      agents.push(agent);
    }
    await writeCompliance(redis, tenant, { callingWindow: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] }, maxAttemptsPerNumberPerDay: MAX_ATTEMPTS });
    await redis.sadd(taskKeys.dnc(tenant), ...[...dncPhones].map((p) => hashPii(pii, p)));
    store = new TaskStore(redis, pii, { instance: ns, log, defaultRegion: 'CN' });
    // Every device ONLINE in Redis before the task starts.
    await waitFor('devices online', async () => {
      const p = redis.pipeline();
      for (let i = 0; i < DEVICES; i++) p.hget(`cunke:dev:${tenant}:dev-${i}`, 'presence');
      return ((await p.exec()) ?? []).every(([, v]) => v === 'ONLINE');
    }, { timeoutMs: 20_000 });
  });

  after(async () => {
    dialer?.kill();
    await Promise.all(agents.map((a) => a.stop().catch(() => undefined)));
    await gateway?.stop();
    await dropKeys(redis, `*${ns}*`);
    await forgetSetMembers(redis, ns);
    redis.disconnect();
  });

  it('runs a task to completion through STOP/START and a dialer crash, within every rule', async () => {
    const task = await store.create(tenant, {
      name: 'itest', description: '', callScript: 'hello', scheduledTime: '', callerId: '+8610000000', deviceIds: [], tags: [], source: 'itest',
      redial: { retryOn: ['NO_ANSWER', 'BUSY', 'NETWORK_FAILURE'], delayS: 0, maxAttempts: MAX_ATTEMPTS },
      pacing: { perDevicePerMinute: 6000, perTaskPerMinute: 60000, ringTimeoutS: 30 },
      phones,
    }, { kind: 'user', id: 'itest' });
    const actor = { kind: 'user' as const, id: 'itest' };
    assert.equal((await store.transition(tenant, task.taskId, 'START', actor)).ok, true);
    dialer = await startDialer(config, log, new Registry(), dialerOverrides(`${ns}-a`));

    await waitFor('60 calls started', async () => starts.length >= 60, { timeoutMs: 30_000 });
    assert.equal((await store.transition(tenant, task.taskId, 'STOP', actor)).ok, true);
    await sleep(1_000); // refresh (200 ms) + a tick: dispatch has stopped…
    // …and what was already out has been resolved (drain mode), so no late command is on its way.
    await waitFor('in-flight attempts drained', async () => (await redis.hlen(dialKeys.inflight(tenant, task.taskId))) === 0, { timeoutMs: 20_000 });
    await sleep(300);
    const atStop = starts.length;
    await sleep(1_500);
    assert.equal(starts.length, atStop, 'no call started while the task was STOPPED');

    assert.equal((await store.transition(tenant, task.taskId, 'START', actor)).ok, true);
    await waitFor('dispatch resumed', async () => starts.length > atStop + 20, { timeoutMs: 10_000 });

    await waitFor('200 calls started', async () => starts.length >= 200, { timeoutMs: 30_000 });
    dialer.kill(); // a crash: leases held, attempts in flight
    await sleep(300);
    dialer = await startDialer(config, log, new Registry(), dialerOverrides(`${ns}-b`));

    const done = await waitFor('task completed', async () => {
      const t = await store.get(tenant, task.taskId);
      return t && t.status !== 'RUNNING' ? t : null;
    }, { timeoutMs: 120_000, intervalMs: 250 }) as CallTask;
    assert.equal(done.status, 'COMPLETED');
    await waitFor('every started call completed on its device', async () => calls.length === starts.length, { timeoutMs: 10_000 });

    const states = await redis.hgetall(dialKeys.numbers(tenant, task.taskId));
    const byPhone = new Map<string, Started[]>();
    for (const c of calls) byPhone.set(c.phone, [...(byPhone.get(c.phone) ?? []), c]);
    for (const [i, phone] of phones.entries()) {
      const st = JSON.parse(states[i] ?? '{"s":"PENDING","a":0}') as NumberState;
      const made = (byPhone.get(phone) ?? []).sort((a, b) => a.atMs - b.atMs);
      if (dncPhones.has(phone)) {
        assert.equal(made.length, 0, `DNC number ${i} was dialled`);
        assert.deepEqual([st.s, st.o], ['DROPPED', 'DNC']);
        continue;
      }
      assert.ok(st.s === 'DONE', `number ${i} not final: ${JSON.stringify(st)}`);
      assert.ok(made.length >= 1, `number ${i} never dialled`);
      assert.ok(made.length <= MAX_ATTEMPTS, `number ${i} dialled ${made.length} times`);
      // Every call the devices made was a recorded attempt: a restart never dialled on its own.
      assert.ok(made.length <= st.a, `number ${i}: ${made.length} calls but ${st.a} attempts recorded`);
      assert.equal(new Set(made.map((c) => c.commandId)).size, made.length);
      const declined = made.findIndex((c) => c.cause === 'CALL_REJECTED' && !c.answered);
      if (declined >= 0) assert.equal(declined, made.length - 1, `number ${i} redialled after a decline`);
      if (made.some((c) => c.answered)) assert.equal(st.o, 'ANSWERED');
    }
    // The scenario really exercised retries, declines and answers.
    assert.ok(calls.some((c) => c.cause === 'CALL_REJECTED'));
    assert.ok([...byPhone.values()].some((m) => m.length > 1));
    assert.equal(await redis.hlen(dialKeys.inflight(tenant, task.taskId)), 0);
    log.info({ calls: calls.length, numbers: PHONES }, 'dialer itest done');
  });
});

/** atMs: when the device finished it (one call per number at a time, so this orders a number's calls). */
function callOf(s: CallSummary, atMs: number): Started {
  return { phone: s.phoneNumber, commandId: s.commandId, atMs, cause: s.cause, answered: s.answered };
}
