// A device that dies mid-call: its call is resolved (DEVICE_LOST, per the task's policy), the
// device slot is freed and the task completes — nothing stays in flight forever.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { writeCompliance } from '../../../common/call-tasks/compliance.js';
import { TaskStore } from '../../../common/call-tasks/task-store.js';
import { createLogger } from '../../../common/logger.js';
import { piiKeysFromHex } from '../../../common/pii.js';
import { ensureDevices } from '../../../deploy/local/broker-accounts.js';
import { createAgent, type Agent } from '../../../device-agent/src/index.js';
import { connectRedis, dropKeys, namespace, testConfig } from '../../../test/support/services.js';
import { forgetSetMembers } from './test-support.js';
import { waitFor } from '../../../test/support/wait.js';
import { startGateway, type GatewayHandle } from '../gateway.js';
import type { NumberState } from './domain/attempts.js';
import { dialKeys } from './redis-keys.js';
import { startDialer, type DialerHandle } from './start-dialer.js';

const ns = namespace('dlost');
const tenant = `t${ns}`;
const config = testConfig({ gatewayId: `gw-${ns}`, gatewayShareGroup: ns, gatewayMqttConnections: 1, gatewayMetricsPort: 0, liveHubPort: 0 });
const log = createLogger('dialer-lost-itest', config.logLevel);
const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
let redis: Redis;
let gateway: GatewayHandle;
let dialer: DialerHandle;
let agent: Agent;

before(async () => {
  redis = await connectRedis(config);
  gateway = await startGateway(config, log, { dialer: false, liveHub: false, collectDefaultMetrics: false });
  const [c] = await ensureDevices(config, tenant, ['dev-1']);
  // Real-time calls: the call is still ringing when the device dies.
  agent = await createAgent({
    tenantId: tenant, deviceId: 'dev-1', mqtt: { url: config.mqttUrl, username: c!.username, password: c!.password, clientId: `${ns}-dev-1` },
    seed: 1, timeScale: 1, heartbeatIntervalS: 5, logger: createLogger('agent', 'silent'),
  });
  agent.start();
  await waitFor('device online', async () => (await redis.hget(`cunke:dev:${tenant}:dev-1`, 'presence')) === 'ONLINE', { timeoutMs: 15_000 });
  await writeCompliance(redis, tenant, { callingWindow: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] }, maxAttemptsPerNumberPerDay: 5 });
  dialer = await startDialer(config, log, new Registry(), {
    tenants: [tenant], scheduler: false, instanceId: `${ns}-d`, tickMs: 50, reconcileMs: 50, refreshMs: 200, settings: { offlineGraceMs: 500 },
  });
});

after(async () => {
  await dialer?.stop();
  await agent?.stop().catch(() => undefined);
  await gateway?.stop();
  await dropKeys(redis, `*${ns}*`);
  await forgetSetMembers(redis, ns);
  redis.disconnect();
});

it('resolves the call of a device that went offline mid-call as DEVICE_LOST and completes the task', async () => {
  const store = new TaskStore(redis, pii, { instance: ns, log, defaultRegion: 'CN' });
  const task = await store.create(tenant, {
    name: 'lost', description: '', callScript: '', scheduledTime: '', callerId: '', deviceIds: ['dev-1'], tags: [], source: 'itest',
    redial: { retryOn: ['NO_ANSWER'], delayS: 0, maxAttempts: 1 }, pacing: { perDevicePerMinute: 60, perTaskPerMinute: 60, ringTimeoutS: 60 },
    phones: ['+8613800138000'],
  }, { kind: 'user', id: 'itest' });
  await store.transition(tenant, task.taskId, 'START', { kind: 'user', id: 'itest' });
  await waitFor('call accepted by the device', async () => {
    const [a] = Object.values(await redis.hgetall(dialKeys.inflight(tenant, task.taskId))).map((j) => JSON.parse(j) as { commandId: string });
    return a && (await redis.hget(`cunke:cmd:${tenant}:${a.commandId}`, 'status')) === '1';
  }, { timeoutMs: 15_000 });
  await agent.crash(); // no DISCONNECT: the broker publishes the device's will (OFFLINE)
  const done = await waitFor('task completed', async () => {
    const t = await store.get(tenant, task.taskId);
    return t?.status === 'COMPLETED' ? t : null;
  }, { timeoutMs: 20_000 });
  assert.equal(done.status, 'COMPLETED');
  const st = JSON.parse((await redis.hget(dialKeys.numbers(tenant, task.taskId), '0'))!) as NumberState;
  assert.deepEqual([st.s, st.a, st.o], ['DONE', 1, 'DEVICE_LOST']);
  assert.equal(await redis.exists(dialKeys.slot(tenant, 'dev-1')), 0);
});
