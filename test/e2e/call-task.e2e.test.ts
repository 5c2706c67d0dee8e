// Issue 4's "done means", end to end on the real stack: a supervisor creates a call task over the
// REST API, simulated device-agents run it through the dialer over MQTT, the supervisor stops and
// resumes it, and afterwards every call is in the warehouse with its recording (uploaded by the
// device, downloadable through a signed URL) and its analysis; the task's statistics agree with
// the records. Everything real: Mosquitto, Redis, chDB, the API, the gateway's ingest, recording
// uploads and the dialer, the analysis worker.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Registry } from 'prom-client';
import { recordingKeys } from '../../common/call-tasks/model.js';
import { createLogger } from '../../common/logger.js';
import { ensureDevices } from '../../deploy/local/broker-accounts.js';
import { createAgent, type Agent } from '../../device-agent/src/index.js';
import { startDialer, type DialerHandle } from '../../gateway/src/dialer/start-dialer.js';
import { forgetSetMembers } from '../../gateway/src/dialer/test-support.js';
import { startGateway, type GatewayHandle } from '../../gateway/src/gateway.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { dropKeys, isolatedRedisUrl, namespace, testConfig } from '../support/services.js';
import { sleep, waitFor } from '../support/wait.js';

const DEVICES = 20;
const PHONES = 1_000;
const ns = namespace('ct');
const tenant = `t${ns}`;
const log = createLogger('call-task-e2e', process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn');
const phones = Array.from({ length: PHONES }, (_, i) => `139${String(20_000_000 + i * 104_729).slice(-8)}`);

let dir: string;
let api: TestApi;
let gateway: GatewayHandle;
let dialer: DialerHandle;
let supervisor: string;
let analyst: string;
const agents: Agent[] = [];
/** Calls the devices really started for a task command, with the time they started. */
const started: { atMs: number }[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunke-ct-e2e-'));
  // A Redis database of its own, so the records this test waits for stay with its warehouse.
  const redisUrl = isolatedRedisUrl();
  api = await startTestApi({ recordingDir: dir, redisUrl });
  const config = testConfig({
    redisUrl,
    gatewayId: `gw-${ns}`, gatewayShareGroup: ns, gatewaySessionExpiryS: 60, gatewayMqttConnections: 2, gatewayMetricsPort: 0,
    liveHubPort: 0, recordingUploadBaseUrl: api.url,
  });
  gateway = await startGateway(config, log, { dialer: false, liveHub: false, collectDefaultMetrics: false });
  // The dialer only looks at this test's tenant (other suites' tasks share the Redis).
  dialer = await startDialer(config, log, new Registry(), { tenants: [tenant], scheduler: false, instanceId: `${ns}-dialer`, tickMs: 50, reconcileMs: 50, leaseMs: 2000, refreshMs: 200 });
  supervisor = await api.keyFor(tenant, 'supervisor');
  analyst = await api.keyFor(tenant, 'analyst');

  const creds = await ensureDevices(config, tenant, Array.from({ length: DEVICES }, (_, i) => `dev-${i}`));
  for (const [i, c] of creds.entries()) {
    const agent = await createAgent({
      tenantId: tenant, deviceId: c.deviceId, mqtt: { url: config.mqttUrl, username: c.username, password: c.password, clientId: `${ns}-${c.deviceId}` },
      seed: 4242 + i, timeScale: 0.001, heartbeatIntervalS: 5, logger: log,
    });
    agent.on((e) => {
      if (e.type === 'command' && e.decision === 'start-call') started.push({ atMs: Date.now() });
    });
    agent.start();
    agents.push(agent);
  }
  await waitFor('devices online', async () => {
    const res = await api.call('GET', '/api/v1/devices?size=50', { key: supervisor });
    return (res.body.data?.records ?? []).filter((d: { presence: string }) => d.presence === 'ONLINE').length === DEVICES;
  }, { timeoutMs: 30_000 });
});

after(async () => {
  dialer?.kill();
  await Promise.all(agents.map((a) => a.stop().catch(() => undefined)));
  await gateway?.retire();
  if (api) {
    await dropKeys(api.deps.redis, `*${ns}*`);
    await forgetSetMembers(api.deps.redis, ns);
    await api.close();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const taskPath = (id: number) => `/api/v1/lead-generation/call-tasks/${id}`;

test('a supervisor runs a call task over the API and finds every call with its recording and analysis', async () => {
  // Calling hours are the callee's local time; the suite may run at any hour, so the tenant allows all day.
  const compliance = await api.call('PUT', '/api/v1/lead-generation/compliance', {
    key: supervisor, body: { callingWindow: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] }, maxAttemptsPerNumberPerDay: 3 },
  });
  assert.equal(compliance.status, 200, JSON.stringify(compliance.body));

  // An analyst may read tasks but not create them.
  const body = {
    name: '新产品推广外呼任务', description: 'e2e', phoneNumbers: phones, callScript: '您好，这里是存客宝', callerId: '059212345678',
    tags: ['e2e'], source: '电话外呼',
    redialPolicy: { retryOn: ['NO_ANSWER', 'BUSY'], delayS: 0, maxAttempts: 2 },
    pacing: { perDevicePerMinute: 60, perTaskPerMinute: 600, ringTimeoutS: 30 },
  };
  assert.equal((await api.call('POST', '/api/v1/lead-generation/call-tasks', { key: analyst, body })).status, 403);
  const created = await api.call('POST', '/api/v1/lead-generation/call-tasks', { key: supervisor, body });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const taskId = created.body.data.taskId as number;
  assert.equal(typeof taskId, 'number');
  assert.equal(created.body.data.status, 'RUNNING', 'a task without scheduledTime starts at once');

  // Watch it run, then stop it: no call starts while it is STOPPED, and a stopped task cannot be cancelled.
  await waitFor('calls under way', async () => started.length >= 15, { timeoutMs: 30_000 });
  const stopped = await api.call('PUT', `${taskPath(taskId)}/status`, { key: supervisor, body: { action: 'STOP' } });
  assert.deepEqual([stopped.status, stopped.body.data], [200, { taskId, status: 'STOPPED' }]);
  await sleep(1_500); // the dialer sees STOP within its refresh, and resolves what was already out
  const atStop = started.length;
  await sleep(1_500);
  assert.equal(started.length, atStop, 'no call started while the task was STOPPED');
  const cancel = await api.call('PUT', `${taskPath(taskId)}/cancel`, { key: supervisor });
  assert.equal(cancel.status, 409);
  assert.equal(cancel.body.errorCode, 'TASK_STATE_CONFLICT');

  const resumed = await api.call('PUT', `${taskPath(taskId)}/status`, { key: supervisor, body: { action: 'START' } });
  assert.deepEqual([resumed.status, resumed.body.data], [200, { taskId, status: 'RUNNING' }]);

  const done = await waitFor('task completed', async () => {
    const d = (await api.call('GET', taskPath(taskId), { key: supervisor })).body.data;
    return d && d.status !== 'RUNNING' ? d : null;
  }, { timeoutMs: 300_000, intervalMs: 500 });
  assert.equal(done.status, 'COMPLETED');
  assert.ok(done.completedTime, 'completedTime is set');
  assert.equal(done.totalCalls, started.length, 'totalCalls counts every call the devices made');
  assert.ok(done.totalCalls >= PHONES, 'every number was dialled at least once');
  assert.ok(done.totalCalls <= PHONES * 2, 'no number beyond maxAttempts');

  // Every call is a record in the warehouse, and the task's statistics agree with the records.
  const page = async (query: string, n = 1) =>
    (await api.call('GET', `/api/v1/lead-generation/call-records?taskId=${taskId}&size=200&page=${n}${query}`, { key: supervisor })).body.data;
  const everyRecord = async (query: string) => {
    const first = await page(query);
    const rest = await Promise.all(Array.from({ length: first.pages - 1 }, (_, i) => page(query, i + 2)));
    return [first, ...rest].flatMap((p) => p.records);
  };
  await waitFor('every call in the warehouse', async () => (await page('')).total === done.totalCalls, { timeoutMs: 60_000, intervalMs: 500 });
  const records = await waitFor('every call ended in the warehouse', async () => {
    const all = await everyRecord('');
    return all.every((r: { status: string }) => r.status !== 'IN_PROGRESS') ? all : null;
  }, { timeoutMs: 30_000, intervalMs: 1_000 });
  assert.equal(new Set(records.map((r: { recordId: string }) => r.recordId)).size, done.totalCalls, 'one record per call');
  const answered = records.filter((r: { status: string }) => r.status === 'ANSWERED');
  assert.ok(answered.length > 0, 'some calls were answered');
  assert.equal(done.successfulCalls, answered.length, 'successfulCalls = answered records');
  assert.ok(records.every((r: { phoneNumber: string }) => phones.some((p) => r.phoneNumber.endsWith(p.slice(-8)))), 'records carry the task\'s numbers');

  // Every answered call's recording is uploaded by its device and analysed.
  await waitFor('every answered call analysed', async () => (await page('&analysisStatus=COMPLETED')).total === answered.length, { timeoutMs: 180_000, intervalMs: 1_000 });
  const analysed = await everyRecord('&analysisStatus=COMPLETED');
  for (const r of analysed) {
    assert.ok(r.recordingUrl, `record ${r.recordId} has a recording`);
    assert.ok(['高意向', '中意向', '低意向'].includes(r.analysisResult.intention), JSON.stringify(r.analysisResult));
  }
  const intended = new Set(analysed.filter((r: { analysisResult: { intention: string } }) => r.analysisResult.intention === '高意向').map((r: { phoneNumber: string }) => r.phoneNumber));
  const final = (await api.call('GET', taskPath(taskId), { key: supervisor })).body.data;
  assert.equal(final.intendedCustomers, intended.size, 'intendedCustomers = distinct high-intent callees');

  // One record in full: the detail carries the analysis, the recording downloads intact and seeks.
  const one = analysed[0];
  const detail = (await api.call('GET', `/api/v1/lead-generation/call-records/${one.recordId}`, { key: supervisor })).body.data;
  assert.ok(detail.analysisResult.transcription.includes('客户'), 'the transcription is the device\'s dialogue');
  assert.ok(Array.isArray(detail.analysisResult.keywords));
  assert.ok(detail.analysisResult.summary.length > 0);
  const link = await api.call('GET', `/api/v1/lead-generation/call-records/${one.recordId}/recording`, { key: supervisor });
  assert.equal(link.status, 200);
  const url = new URL(link.body.data.recordingUrl, api.url);
  const audio = await fetch(url);
  assert.equal(audio.status, 200);
  const bytes = Buffer.from(await audio.arrayBuffer());
  const stored = await api.deps.redis.hgetall(recordingKeys.stored(tenant, detail.callId));
  assert.equal(createHash('sha256').update(bytes).digest('hex'), stored.sha256, 'the bytes the device announced');
  const range = await fetch(url, { headers: { range: 'bytes=0-99' } });
  assert.equal(range.status, 206);
  assert.equal(Buffer.from(await range.arrayBuffer()).length, 100);
  // An analyst may list records but not download recordings.
  assert.equal((await api.call('GET', `/api/v1/lead-generation/call-records/${one.recordId}/recording`, { key: analyst })).status, 403);
});
