// A recording's whole way on the real stack (Mosquitto, Redis, chDB): the test publishes
// MakeCall to a real device-agent, the agent's simulated call ends with RecordingReady, the
// in-process gateway makes it durable and sends UploadRecording with a signed URL, the agent
// PUTs the transcript and the file to the in-process API, which stores them; the recording is
// then downloadable through a signed URL with the SHA-256 the device announced.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { MqttClient } from 'mqtt';
import { recordingKeys } from '../../common/call-tasks/model.js';
import { createLogger } from '../../common/logger.js';
import { recordingKeysFrom, signDownloadToken } from '../../common/recordings/signed-url.js';
import { ensureDevices, gatewayCredentials } from '../../deploy/local/broker-accounts.js';
import { createAgent, type Agent } from '../../device-agent/src/index.js';
import type { CallSummary } from '../../device-agent/src/runtime/call-runner.js';
import { startGateway, type GatewayHandle } from '../../gateway/src/gateway.js';
import { DeviceCommand, deviceTopic } from '../../proto/src/index.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { connectAs, publishQos1 } from '../support/mqtt.js';
import { namespace, testConfig } from '../support/services.js';
import { waitFor } from '../support/wait.js';

const ns = namespace('rec');
const TENANT = ns;
const DEVICE = 'dev-001';
const log = createLogger('recording-itest', process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn');
let dir: string;
let api: TestApi;
let gateway: GatewayHandle;
let agent: Agent;
let control: MqttClient;
const uploadUrls: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunke-rec-e2e-'));
  api = await startTestApi({ recordingDir: dir });
  const config = testConfig({
    gatewayId: `gw-${ns}`, gatewayShareGroup: ns, gatewaySessionExpiryS: 60, gatewayMqttConnections: 2, gatewayMetricsPort: 0,
    liveHubPort: 0, recordingUploadBaseUrl: api.url,
  });
  // Its own feed stream: this test needs the gateway's hot state and commands, not the warehouse.
  gateway = await startGateway(config, log, { collectDefaultMetrics: false, liveHub: false, feedStream: `cunke:feed:${ns}` });
  const [cred] = await ensureDevices(config, TENANT, [DEVICE]);
  agent = await createAgent({
    tenantId: TENANT, deviceId: DEVICE, mqtt: { url: config.mqttUrl, username: cred!.username, password: cred!.password },
    seed: 7, timeScale: 0.001, heartbeatIntervalS: 60, logger: log,
  });
  agent.start();
  const gw = gatewayCredentials(config);
  control = await connectAs(config, gw.username, gw.password, `test-${ns}-control`);
  control.on('message', (_topic, payload) => {
    const c = DeviceCommand.decode(payload);
    if (c.uploadRecording) uploadUrls.push(c.uploadRecording.uploadUrl!);
  });
  await control.subscribeAsync(deviceTopic(TENANT, DEVICE, 'cmd'), { qos: 1 });
  await waitFor('agent connected', async () => agent.connected);
});

after(async () => {
  await agent?.stop();
  await control?.endAsync();
  await gateway?.retire();
  await api?.close();
  await api?.deps.redis.del(`cunke:feed:${ns}`).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a call placed by command ends with its recording uploaded, stored and downloadable', async () => {
  const completed: CallSummary[] = [];
  const decisions: string[] = [];
  agent.on((e) => {
    if (e.type === 'call-completed') completed.push(e.summary);
    if (e.type === 'command') decisions.push(e.decision);
  });
  // Simulated outcomes are random (seeded): dial until a call is answered and recorded.
  let recorded: CallSummary | undefined;
  for (let i = 0; i < 30 && !recorded; i++) {
    const before = completed.length;
    const cmd = DeviceCommand.encode({ commandId: randomUUID(), issuedAtMs: Date.now(), expiresAtMs: Date.now() + 60_000, makeCall: { phoneNumber: '13800138000', timeoutS: 30 } }).finish();
    assert.equal(await publishQos1(control, deviceTopic(TENANT, DEVICE, 'cmd'), Buffer.from(cmd)), 0);
    await waitFor('call completed', async () => completed.length > before, { timeoutMs: 15_000, intervalMs: 20 });
    recorded = completed.find((s) => s.recording);
  }
  assert.ok(recorded?.recording, 'no answered call in 30 attempts');
  const rec = recorded.recording;

  const stored = await waitFor('recording stored by the API', async () => {
    const h = await api.deps.redis.hgetall(recordingKeys.stored(TENANT, recorded.callId));
    return h.storage_key ? h : null;
  }, { timeoutMs: 20_000 }).catch((err: Error) => {
    throw new Error(`${err.message}; upload commands seen: ${JSON.stringify(uploadUrls.map((u) => u.slice(0, 60)))}; decisions ${decisions.join(',')}`);
  });
  assert.equal(stored.recording_id, rec.recordingId);
  assert.equal(stored.sha256, rec.sha256);
  assert.equal(stored.bytes, String(rec.sizeBytes));
  assert.equal(stored.device_id, DEVICE);
  assert.ok(stored.transcript_key, 'the simulated transcript was uploaded too');
  assert.ok(decisions.includes('upload'));
  await waitFor('upload no longer pending on the agent', async () => agent.uploads.pendingCount === 0);

  const keys = recordingKeysFrom(api.deps.tokenSecret);
  const token = signDownloadToken(keys.download, { t: TENANT, c: recorded.callId, r: rec.recordingId, u: 'u-test', k: 'k-test', exp: Date.now() + 60_000 });
  const res = await fetch(`${api.url}/api/v1/recordings/${token}`);
  assert.equal(res.status, 200);
  const body = Buffer.from(await res.arrayBuffer());
  assert.equal(body.length, rec.sizeBytes);
  assert.equal(createHash('sha256').update(body).digest('hex'), rec.sha256);
});
