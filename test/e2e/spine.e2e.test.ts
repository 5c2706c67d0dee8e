// The call-event spine end to end on real services: device-agent -> Mosquitto (MQTT 5,
// protobuf) -> gateway process -> Redis (dedupe, state, feed) -> writer -> chDB.
// Each test uses a tenant of its own, so counts are exact whatever ran before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEAD_LETTER_STREAM } from '../../common/feed.js';
import { startAgent, type Agent, type CallSummary } from '../../device-agent/src/index.js';
import type { DeviceCredentials } from '../../deploy/local/broker-accounts.js';
import { stackPaths } from '../../deploy/local/stack-env.js';
import { deviceTopic } from '../../proto/src/index.js';
import { getCallRecords, getCallRecord, countCallRecords } from '../../warehouse/src/queries/call-records.js';
import { callMessages, shuffle, seededRandom, type CallOutcome } from '../support/events.js';
import { readBrokerDropped } from '../../deploy/local/broker-stats.js';
import { connectDevice, publishQos1 } from '../support/mqtt.js';
import { namespace } from '../support/services.js';
import { startSpine, type Spine } from '../support/spine.js';
import { sleep, waitFor } from '../support/wait.js';

let spine: Spine;

before(async () => {
  spine = await startSpine();
});
after(async () => {
  await spine?.close();
});

const EXPECTED_STATUS: Record<string, string> = {
  NO_ANSWER: 'NO_ANSWER', USER_BUSY: 'BUSY', CALL_REJECTED: 'REJECTED', INVALID_NUMBER: 'INVALID_NUMBER',
  NETWORK_FAILURE: 'FAILED', UNREACHABLE: 'FAILED', CANCELLED: 'CANCELLED',
};
const expectedStatus = (s: CallSummary) => (s.answered ? 'ANSWERED' : EXPECTED_STATUS[s.cause] ?? 'FAILED');

function agentFor(d: DeviceCredentials, seed: number, outboxDir?: string, ackPersistIntervalMs?: number): Promise<Agent> {
  return startAgent({
    tenantId: d.tenantId,
    deviceId: d.deviceId,
    mqtt: { url: spine.config.mqttUrl, username: d.username, password: d.password },
    outbox: outboxDir ? { dir: outboxDir, ackPersistIntervalMs } : 'memory',
    seed,
    timeScale: 0.0005,
    heartbeatIntervalS: 3600,
  });
}

/** Devices of a fresh tenant, each publishing `perDevice` calls (raw, QoS 1) from its own connection. */
async function publishCalls(prefix: string, deviceCount: number, perDevice: number, outcome: (i: number) => CallOutcome) {
  const tenant = namespace(prefix);
  const devices = await spine.provision(tenant, deviceCount);
  const t0 = Date.now() - 600_000;
  const perDeviceCalls = devices.map((d, di) => Array.from({ length: perDevice }, (_, i) => callMessages({ tenantId: tenant, deviceId: d.deviceId, outcome: outcome(i), startMs: t0 + di * 1e6 + i * 1000 })));
  const clients = await Promise.all(devices.map((d) => connectDevice(spine.config, d, prefix)));
  const publishing = Promise.all(clients.map(async (client, di) => {
    for (const call of perDeviceCalls[di]!) for (const m of call) assert.equal(await publishQos1(client, m.topic, m.payload), 0);
  })).finally(() => Promise.all(clients.map((c) => c.endAsync())));
  return { tenant, calls: perDeviceCalls.flat(), publishing };
}

async function assertRecordsMatch(tenantId: string, summaries: CallSummary[]): Promise<void> {
  const records = await getCallRecords(spine.warehouse, tenantId, {}, { limit: 100_000 });
  assert.equal(records.length, summaries.length, 'exactly one record per call');
  const byCall = new Map(records.map((r) => [r.call_id, r]));
  for (const s of summaries) {
    const r = byCall.get(s.callId);
    assert.ok(r, `call ${s.callId} has a record`);
    assert.equal(r.status, expectedStatus(s), `status of ${s.callId} (${s.cause}, answered=${s.answered})`);
    assert.equal(Number(r.talk_ms), s.talkDurationMs);
    assert.equal(Number(r.ring_ms), s.ringDurationMs);
    assert.equal(Number(r.total_ms), s.totalDurationMs);
    assert.equal(r.phone_masked.slice(-4), s.phoneNumber.slice(-4));
    assert.doesNotMatch(JSON.stringify(r), new RegExp(s.phoneNumber.replace(/\D/g, '').slice(-11)), 'no clear phone number in the record');
  }
}

test('many simulated devices calling: exactly the expected call records, no event lost or doubled', async () => {
  const tenant = namespace('many');
  const devices = await spine.provision(tenant, 20);
  const agents = await Promise.all(devices.map((d, i) => agentFor(d, 1000 + i)));
  const summaries = (await Promise.all(agents.map(async (agent, i) => {
    const out: CallSummary[] = [];
    for (let c = 0; c < 10; c++) out.push(await agent.placeCall({ phoneNumber: `1380013${String(i * 100 + c).padStart(4, '0')}`, taskId: 'task-e2e' }));
    return out;
  }))).flat();
  const events = summaries.reduce((n, s) => n + s.events.length, 0);
  await spine.waitForCalls(tenant, summaries.length, events);
  await assertRecordsMatch(tenant, summaries);
  const statuses = new Set(summaries.map(expectedStatus));
  assert.ok(statuses.size >= 4, `the simulator produced a realistic mix of outcomes: ${[...statuses]}`);
  await Promise.all(agents.map((a) => a.stop()));
});

test('the same events delivered twice and shuffled still make exactly one correct record each', async () => {
  const tenant = namespace('dup');
  const [device] = await spine.provision(tenant, 1);
  const outcomes: CallOutcome[] = ['answered', 'no_answer', 'busy', 'rejected', 'failed'];
  const t0 = Date.now() - 3_600_000;
  const calls = Array.from({ length: 30 }, (_, i) => callMessages({ tenantId: tenant, deviceId: device!.deviceId, outcome: outcomes[i % 5]!, startMs: t0 + i * 60_000, talkMs: 10_000 + i * 1000, withRecording: true }));
  const all = calls.flat();
  const client = await connectDevice(spine.config, device!);
  for (const m of shuffle([...all, ...all], seededRandom(42))) assert.equal(await publishQos1(client, m.topic, m.payload), 0);
  await client.endAsync();
  await spine.waitForCalls(tenant, 30, all.length);
  const records = await getCallRecords(spine.warehouse, tenant, {}, { limit: 100 });
  const want: Record<CallOutcome, string> = { answered: 'ANSWERED', no_answer: 'NO_ANSWER', busy: 'BUSY', rejected: 'REJECTED', failed: 'FAILED' };
  const byStatus = records.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  assert.deepEqual(byStatus, Object.fromEntries(outcomes.map((o) => [want[o], 6])));
  for (const r of records.filter((x) => x.status === 'ANSWERED')) {
    assert.ok(r.recording_id.startsWith('rec-'), 'the recording that arrived after ENDED is on the record');
    assert.ok(r.answered_at && r.ended_at && r.dialing_at, 'every step time is known');
  }
});

test('an agent killed mid-stream and restarted on its outbox replays what was not acknowledged: no loss, no double', async () => {
  const tenant = namespace('crash');
  const [device] = await spine.provision(tenant, 1);
  const dir = mkdtempSync(join(tmpdir(), 'cunke-e2e-outbox-'));
  // The acknowledgement cursor is persisted lazily; crashing before it was written is the case
  // where a restart must replay events the broker already has.
  const first = await agentFor(device!, 7, dir, 60_000);
  const done: CallSummary[] = [];
  // One line per device: calls follow each other, as on a real phone.
  const calling = (async () => {
    for (let i = 0; i < 40; i++) done.push(await first.placeCall({ phoneNumber: `1390000${String(i).padStart(4, '0')}` }));
  })().catch(() => undefined);
  // Let some calls complete and some events wait in the outbox, then pull the plug.
  await waitFor('a few completed calls', async () => done.length >= 3);
  await first.crash();
  const completed = [...done];
  const second = await agentFor(device!, 8, dir);
  const more: CallSummary[] = [];
  for (let i = 0; i < 5; i++) more.push(await second.placeCall({ phoneNumber: `1370000${String(i).padStart(4, '0')}` }));
  await second.waitForDrain(30_000);
  assert.ok(second.counters.replayed > 0, 'the restarted agent replayed events from its outbox');
  await sleep(1_000);
  // Every call that completed before the crash, and every call after it, is recorded exactly once;
  // calls cut by the crash are recorded as far as they got (IN_PROGRESS), never duplicated.
  for (const s of [...completed, ...more]) {
    const r = await waitFor(`record of ${s.callId}`, () => getCallRecord(spine.warehouse, tenant, s.callId));
    assert.equal(r.status, expectedStatus(s));
  }
  const records = await getCallRecords(spine.warehouse, tenant, {}, { limit: 1000 });
  assert.equal(new Set(records.map((r) => r.call_id)).size, records.length);
  await second.stop();
  await calling;
});

test('the gateway killed mid-stream and restarted: nothing acknowledged by the broker is lost', async () => {
  const { tenant, calls, publishing } = await publishCalls('gwkill', 4, 150, (i) => (i % 2 ? 'answered' : 'no_answer'));
  await waitFor('the gateway to be mid-stream', async () => (await spine.gateway.metric('cunke_gateway_messages_total', { outcome: 'recorded' })) > 300);
  await spine.gateway.kill();
  await sleep(500);
  await spine.restartGateway();
  await publishing;
  await spine.waitForCalls(tenant, calls.length, calls.flat().length, 90_000);
  const answered = await countCallRecords(spine.warehouse, tenant, { status: 'ANSWERED' });
  assert.equal(answered, calls.length / 2);
});

test('Redis killed (SIGKILL) mid-stream and restarted: acks wait for it, nothing is lost or doubled', async () => {
  const { tenant, calls, publishing } = await publishCalls('rdkill', 2, 100, (i) => (i % 2 ? 'answered' : 'busy'));
  const before = await spine.gateway.metric('cunke_gateway_messages_total', { outcome: 'recorded' });
  await waitFor('the gateway to be mid-stream', async () => (await spine.gateway.metric('cunke_gateway_messages_total', { outcome: 'recorded' })) > before + 200);
  // A process crash, not a clean shutdown: AOF (appendfsync everysec) has every acknowledged
  // write in the page cache already.
  const pid = Number(readFileSync(stackPaths(spine.config).redisPid, 'utf8'));
  process.kill(pid, 'SIGKILL');
  await sleep(1_500);
  execFileSync('bash', ['deploy/local/stack.sh', 'up'], { env: process.env, stdio: 'ignore' });
  await publishing;
  await spine.waitForCalls(tenant, calls.length, calls.flat().length, 90_000);
  assert.notEqual(Number(readFileSync(stackPaths(spine.config).redisPid, 'utf8')), pid, 'Redis really was restarted');
});

test('garbage, truncated and forged messages are refused or dead-lettered and counted, and never block the valid ones', async () => {
  const tenant = namespace('bad');
  const [a, b] = await spine.provision(tenant, 2);
  const before = await spine.gateway.metric('cunke_gateway_rejects_total', { code: 'GW_ERR_DECODE_FAILED' });
  const [valid] = callMessages({ tenantId: tenant, deviceId: a!.deviceId, callId: 'after-garbage', outcome: 'busy', startMs: Date.now() - 10_000 });
  const truncated = valid!.payload.subarray(0, valid!.payload.length - 4);
  const client = await connectDevice(spine.config, a!);
  assert.equal(await publishQos1(client, deviceTopic(tenant, a!.deviceId, 'evt'), Buffer.from('\u0000\u00ffnot a protobuf envelope')), 0);
  assert.equal(await publishQos1(client, valid!.topic, truncated), 0);
  for (const m of callMessages({ tenantId: tenant, deviceId: a!.deviceId, callId: 'after-garbage', outcome: 'busy', startMs: Date.now() - 10_000 })) await publishQos1(client, m.topic, m.payload);
  await waitFor('both rejects counted', async () => (await spine.gateway.metric('cunke_gateway_rejects_total', { code: 'GW_ERR_DECODE_FAILED' })) >= before + 2);
  const dead = await spine.redis.xrevrange(DEAD_LETTER_STREAM, '+', '-', 'COUNT', 50);
  assert.ok(dead.filter(([, f]) => f.includes(`cunke/v1/${tenant}/dev/${a!.deviceId}/evt`)).length >= 2, 'kept in the dead-letter stream with topic and code');
  await client.endAsync().catch(() => undefined);

  // Device a publishing on device b's topic: the broker refuses it (MQTT 5 reason 135, and
  // Mosquitto then drops the connection); the gateway never sees it.
  const forger = await connectDevice(spine.config, a!, 'forger');
  const [forged] = callMessages({ tenantId: tenant, deviceId: b!.deviceId, callId: 'forged-call', outcome: 'answered', startMs: Date.now() - 10_000 });
  const code = await publishQos1(forger, forged!.topic, forged!.payload).catch(() => 135);
  assert.equal(code, 135);
  forger.end(true);

  await spine.waitForCalls(tenant, 1);
  const record = await getCallRecord(spine.warehouse, tenant, 'after-garbage');
  assert.equal(record?.status, 'BUSY', 'the valid call after the garbage is recorded');
  assert.equal(await getCallRecord(spine.warehouse, tenant, 'forged-call'), null);
});

test('dead letters are listed without their payloads, and a replay keeps what still fails', async () => {
  const tenant = namespace('dlq');
  const [d] = await spine.provision(tenant, 1);
  const client = await connectDevice(spine.config, d!);
  const [call] = callMessages({ tenantId: tenant, deviceId: d!.deviceId, outcome: 'busy', startMs: Date.now() - 1000, phoneNumber: '13912345678' });
  // Valid bytes on a topic naming another device of the tenant would be refused by the broker,
  // so the dead letter here is a truncated copy of a real event (it carries the phone number).
  assert.equal(await publishQos1(client, call!.topic, call!.payload.subarray(0, call!.payload.length - 2)), 0);
  await client.endAsync();
  const topic = deviceTopic(tenant, d!.deviceId, 'evt');
  const cli = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'gateway/src/dead-letters.ts', ...args], { env: process.env, encoding: 'utf8' });
  const listed = await waitFor('the dead letter', async () => {
    const out = cli('list', '--code', 'GW_ERR_DECODE_FAILED');
    return out.includes(topic) ? out : null;
  });
  assert.doesNotMatch(listed, /13912345678/, 'no payload or phone number in the listing');
  assert.match(cli('replay', '--code', 'GW_ERR_DECODE_FAILED'), /still failing [1-9]/);
  assert.ok(cli('list').includes(topic), 'a dead letter that still fails stays');
});

test('an event encoded by protoc and published by mosquitto_pub ends up as a call record', async () => {
  const tenant = namespace('protoc');
  const [d] = await spine.provision(tenant, 1);
  const dir = mkdtempSync(join(tmpdir(), 'cunke-e2e-protoc-'));
  const eventId = Array.from({ length: 16 }, (_, i) => `\\x${((i * 17 + 3) & 0xff).toString(16).padStart(2, '0')}`).join('');
  writeFileSync(join(dir, 'ev.txt'), [
    `device_id: "${d!.deviceId}" tenant_id: "${tenant}" seq: 1 device_time_ms: ${Date.now() - 5_000}`,
    `event_id: "${eventId}"`,
    'call { call_id: "protoc-call" phone_number: "+86 138 0013 8001" direction: CALL_DIRECTION_OUTBOUND',
    '  ended { cause: HANGUP_CAUSE_USER_BUSY ring_duration_ms: 3000 total_duration_ms: 3000 } }',
  ].join('\n'));
  const bin = execFileSync('protoc', ['-I', 'proto', '--encode=cunke.device.v1.DeviceEnvelope', 'proto/cunke/device/v1/device.proto'], { input: execFileSync('cat', [join(dir, 'ev.txt')]) });
  writeFileSync(join(dir, 'ev.bin'), bin);
  const port = new URL(spine.config.mqttUrl).port;
  execFileSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-V', 'mqttv5', '-q', '1', '-u', d!.username, '-P', d!.password, '-i', `protoc-${tenant}`, '-t', deviceTopic(tenant, d!.deviceId, 'evt'), '-f', join(dir, 'ev.bin')]);
  await spine.waitForCalls(tenant, 1, 1);
  const r = await getCallRecord(spine.warehouse, tenant, 'protoc-call');
  assert.equal(r?.status, 'BUSY');
  assert.equal(r?.phone_masked, '138****8001');
  assert.equal(Number(r?.ring_ms), 3000);
});

test('the broker dropped no message during the whole run', async () => {
  assert.equal(await readBrokerDropped(spine.config), 0);
});
