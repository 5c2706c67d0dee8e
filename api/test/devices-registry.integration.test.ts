// Device control (spec 004 §4.4) against the real dev stack: credentials the API issues are
// provisioned into the running Mosquitto (its password file and ACL) and work there at once,
// only on the device's own topics; rotation and disable take effect on the broker; the registry
// reaches the warehouse and the audit trail; no password is ever logged or stored in clear.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import { deviceRegistryKeys, registryAllowsDispatch } from '../../common/call-tasks/model.js';
import { managedAccountsFile, syncBrokerAccounts } from '../../deploy/local/broker-accounts.js';
import { stackPaths } from '../../deploy/local/stack-env.js';
import { keys } from '../../gateway/src/domain/redis-keys.js';
import { deviceRow } from '../src/devices/device-registry.js';
import type { AuditEntry } from '../src/audit/audit-trail.js';
import { mapEntityRow } from '../../warehouse/src/domain/entity-rows.js';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { publishQos1 } from '../../test/support/mqtt.js';
import { namespace } from '../../test/support/services.js';
import { waitFor } from '../../test/support/wait.js';

let api: TestApi;
const A = namespace('dva');
const B = namespace('dvb');
const k = { adminA: '', analystA: '', adminB: '' };
const issued: string[] = [];
const clients: MqttClient[] = [];

// The audit rows the API writes. They are read here, not from the warehouse: every API process
// on the shared dev stack consumes the one entity feed, so another process's writer may store them.
const audited: AuditEntry[] = [];

before(async () => {
  api = await startTestApi();
  const record = api.deps.audit.record.bind(api.deps.audit);
  api.deps.audit.record = (r) => { audited.push(r); record(r); };
  k.adminA = await api.keyFor(A, 'admin');
  k.analystA = await api.keyFor(A, 'analyst');
  k.adminB = await api.keyFor(B, 'admin');
});
after(async () => {
  for (const c of clients) c.end(true);
  await api?.close();
});

interface Creds { username: string; password: string; mqttUrl: string; topics: { evt: string; status: string; cmd: string } }

type Login = { ok: true; client: MqttClient } | { ok: false; reasonCode: number | undefined };

/** MQTT 5 login as a device would; refused logins resolve with their CONNACK reason code. */
function login(url: string, username: string, password: string): Promise<Login> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, { protocolVersion: 5, username, password, clientId: `t-${namespace('c')}`, clean: true, reconnectPeriod: 0, connectTimeout: 5_000 });
    const refused = (err: Error) => { client.end(true); resolve({ ok: false, reasonCode: (err as { code?: number }).code }); };
    client.once('error', refused);
    client.once('connect', () => {
      client.off('error', refused);
      client.on('error', () => undefined); // a later error shows as a failed publish or a 'close'
      clients.push(client);
      resolve({ ok: true, client });
    });
  });
}

async function register(tenantKey: string, deviceId: string, extra: Record<string, unknown> = {}): Promise<Creds> {
  const r = await api.call('POST', '/api/v1/devices', { key: tenantKey, body: { deviceId, name: `Phone ${deviceId}`, ...extra } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  issued.push(r.body.data.credentials.password);
  return r.body.data.credentials as Creds;
}

async function rotate(tenantKey: string, deviceId: string): Promise<Creds> {
  const r = await api.call('POST', `/api/v1/devices/${deviceId}/credentials`, { key: tenantKey });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  issued.push(r.body.data.credentials.password);
  return r.body.data.credentials as Creds;
}

const refused = (l: Login) => !l.ok && (l.reasonCode === 134 || l.reasonCode === 135);

describe('device registry', () => {
  test('registered credentials log in to the real broker and reach only the device\'s own topics', async () => {
    const c = await register(k.adminA, 'ph-1', { labels: { site: 'sh-01' } });
    assert.equal(c.username, `${A}.ph-1`);
    assert.deepEqual(c.topics, { evt: `cunke/v1/${A}/dev/ph-1/evt`, status: `cunke/v1/${A}/dev/ph-1/status`, cmd: `cunke/v1/${A}/dev/ph-1/cmd` });
    assert.match(c.password, /^[A-Za-z0-9_-]{32}$/);

    const l = await login(api.config.mqttUrl, c.username, c.password);
    assert.ok(l.ok, `login refused: ${l.ok ? '' : String(l.reasonCode)}`);
    assert.equal(await publishQos1(l.client, c.topics.evt, Buffer.from('x')), 0);
    l.client.end(true);
    for (const topic of [`cunke/v1/${A}/dev/ph-other/evt`, `cunke/v1/${B}/dev/ph-1/evt`, c.topics.cmd]) {
      const other = await login(api.config.mqttUrl, c.username, c.password);
      assert.ok(other.ok);
      const result = await Promise.race([
        publishQos1(other.client, topic, Buffer.from('forged')),
        new Promise<'closed'>((resolve) => other.client.once('close', () => resolve('closed'))),
      ]);
      // Mosquitto 2.0.11: PUBACK 135 (not authorized) to MQTT 5 clients, then it disconnects them.
      assert.ok(result === 135 || result === 'closed', `publish to ${topic} answered ${result}`);
      other.client.end(true);
    }

    const d = (await api.call('GET', '/api/v1/devices/ph-1', { key: k.analystA })).body.data;
    assert.deepEqual([d.registered, d.name, d.status, d.labels, d.credentialVersion, d.credentialsActive, d.presence], [true, 'Phone ph-1', 'ENABLED', { site: 'sh-01' }, 1, true, 'UNKNOWN']);
    assert.equal(d.credentials, undefined);
    assert.equal(registryAllowsDispatch(await api.deps.redis.hget(deviceRegistryKeys.device(A, 'ph-1'), 'status') ?? undefined), true);
  });

  test('an idempotent replay of a registration does not reveal the password again; a second registration is 409', async () => {
    const headers = { 'idempotency-key': `reg-${namespace()}` };
    const body = { deviceId: 'ph-idem', name: 'Idem' };
    const first = await api.call('POST', '/api/v1/devices', { key: k.adminA, body, headers });
    assert.equal(first.status, 201);
    issued.push(first.body.data.credentials.password);
    const again = await api.call('POST', '/api/v1/devices', { key: k.adminA, body, headers });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.data.credentials.password, null);
    assert.equal(again.body.data.credentials.username, first.body.data.credentials.username);
    const dup = await api.call('POST', '/api/v1/devices', { key: k.adminA, body });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.errorCode, 'CONFLICT');
    // Unique per tenant, not globally.
    await register(k.adminB, 'ph-idem');
  });

  test('rotation: the old password is refused at once, the new one works', async () => {
    const old = await register(k.adminA, 'ph-rot');
    const fresh = await rotate(k.adminA, 'ph-rot');
    assert.notEqual(fresh.password, old.password);
    assert.ok(refused(await login(api.config.mqttUrl, old.username, old.password)));
    // The local stack's own provisioning (simulator accounts) rewrites the same files: it keeps API-issued accounts.
    await syncBrokerAccounts(api.config);
    const l = await login(api.config.mqttUrl, fresh.username, fresh.password);
    assert.ok(l.ok);
    assert.equal(await publishQos1(l.client, fresh.topics.evt, Buffer.from('x')), 0);
    l.client.end(true);
    assert.equal((await api.call('GET', '/api/v1/devices/ph-rot', { key: k.adminA })).body.data.credentialVersion, 2);
  });

  test('disable revokes the account and disconnects the device; enable needs a rotation to log in again', async () => {
    const c = await register(k.adminA, 'ph-off');
    const l = await login(api.config.mqttUrl, c.username, c.password);
    assert.ok(l.ok);
    const closed = new Promise<void>((resolve) => l.client.once('close', () => resolve()));
    const off = await api.call('PATCH', '/api/v1/devices/ph-off', { key: k.adminA, body: { status: 'DISABLED', name: 'Retired' } });
    assert.equal(off.status, 200);
    assert.deepEqual([off.body.data.status, off.body.data.name, off.body.data.credentialsActive], ['DISABLED', 'Retired', false]);
    // Mosquitto 2 re-checks connected clients when it reloads the password file.
    await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('still connected 5 s after disable')), 5_000))]);
    assert.ok(refused(await login(api.config.mqttUrl, c.username, c.password)));
    assert.equal(registryAllowsDispatch(await api.deps.redis.hget(deviceRegistryKeys.device(A, 'ph-off'), 'status') ?? undefined), false);
    assert.equal((await api.call('POST', '/api/v1/devices/ph-off/credentials', { key: k.adminA })).status, 409);

    const on = await api.call('PATCH', '/api/v1/devices/ph-off', { key: k.adminA, body: { status: 'ENABLED' } });
    assert.deepEqual([on.body.data.status, on.body.data.credentialsActive], ['ENABLED', false]);
    assert.ok(refused(await login(api.config.mqttUrl, c.username, c.password)));
    const fresh = await rotate(k.adminA, 'ph-off');
    const back = await login(api.config.mqttUrl, fresh.username, fresh.password);
    assert.ok(back.ok);
    back.client.end(true);
    const listed = (await api.call('GET', '/api/v1/devices?status=ENABLED&size=200', { key: k.adminA })).body.data.records.map((d: { deviceId: string }) => d.deviceId);
    assert.ok(listed.includes('ph-off'));
  });

  test('devices seen on the broker but never registered are listed with registered=false', async () => {
    await api.deps.redis.sadd(keys.tenantDevices(A), 'sim-0001');
    await api.deps.redis.hset(keys.device(A, 'sim-0001'), 'presence', 'ONLINE', 'last_seen_ms', String(Date.now()));
    const all = (await api.call('GET', '/api/v1/devices?size=200', { key: k.analystA })).body.data;
    const sim = all.records.find((d: { deviceId: string }) => d.deviceId === 'sim-0001');
    assert.deepEqual([sim.registered, sim.name, sim.status, sim.presence], [false, null, null, 'ONLINE']);
    const unregistered = (await api.call('GET', '/api/v1/devices?registered=false', { key: k.analystA })).body.data.records;
    assert.deepEqual(unregistered.map((d: { deviceId: string }) => d.deviceId), ['sim-0001']);
    assert.equal((await api.call('GET', '/api/v1/devices/sim-0001', { key: k.analystA })).body.data.registered, false);
    // Registered devices without traffic yet are listed too.
    assert.ok(all.records.some((d: { deviceId: string; registered: boolean; presence: string }) => d.deviceId === 'ph-rot' && d.registered && d.presence === 'UNKNOWN'));
  });

  test('401, 403, 404 and 422 paths', async () => {
    assert.equal((await api.call('POST', '/api/v1/devices', { body: { deviceId: 'x1', name: 'x' } })).status, 401);
    assert.equal((await api.call('POST', '/api/v1/devices', { key: k.analystA, body: { deviceId: 'x1', name: 'x' } })).status, 403);
    assert.equal((await api.call('PATCH', '/api/v1/devices/ph-1', { key: k.analystA, body: { name: 'y' } })).status, 403);
    assert.equal((await api.call('POST', '/api/v1/devices/ph-1/credentials', { key: k.analystA })).status, 403);
    // Another tenant's device does not exist for this caller.
    assert.equal((await api.call('PATCH', '/api/v1/devices/ph-1', { key: k.adminB, body: { name: 'y' } })).status, 404);
    assert.equal((await api.call('POST', '/api/v1/devices/ph-1/credentials', { key: k.adminB })).status, 404);
    assert.equal((await api.call('GET', '/api/v1/devices/ph-rot', { key: k.adminB })).status, 404);
    assert.equal((await api.call('PATCH', '/api/v1/devices/nope', { key: k.adminA, body: { status: 'DISABLED' } })).status, 404);
    const bad = await api.call('POST', '/api/v1/devices', { key: k.adminA, body: { deviceId: 'bad/id', name: '', labels: { ok: { nested: 1 } }, extra: true } });
    assert.equal(bad.status, 422);
    assert.deepEqual([...new Set(bad.body.errors!.map((e) => e.field))].sort(), ['body.deviceId', 'body.extra', 'body.labels.ok', 'body.name']);
    const emptyPatch = await api.call('PATCH', '/api/v1/devices/ph-1', { key: k.adminA, body: {} });
    assert.equal(emptyPatch.status, 422);
    assert.equal((await api.call('PATCH', '/api/v1/devices/ph-1', { key: k.adminA, body: { status: 'GONE' } })).status, 422);
    // None of the refused requests changed ph-1.
    assert.equal((await api.call('GET', '/api/v1/devices/ph-1', { key: k.adminA })).body.data.name, 'Phone ph-1');
  });

  test('every change is audited; versions reach dim_device where the newest wins', async () => {
    const mine = audited.filter((r) => r.tenant_id === A && r.resource_type === 'device');
    const actions = (id: string) => mine.filter((r) => r.resource_id === id).map((r) => `${r.action}:${r.status_code}`);
    assert.deepEqual(actions('ph-off'), ['device.register:201', 'device.update:200', 'device.credentials.rotate:409', 'device.update:200', 'device.credentials.rotate:201']);
    assert.ok(actions('ph-idem').includes('device.register:409'));
    assert.ok(mine.some((r) => r.resource_id === 'ph-off' && r.detail === 'name,status=DISABLED'));
    assert.ok(audited.some((r) => r.tenant_id === A && r.outcome === 'DENIED' && r.status_code === 403));

    // The registry hash carries the version the warehouse row gets; each change bumps it.
    const h = await api.deps.redis.hgetall(deviceRegistryKeys.device(A, 'ph-off'));
    assert.deepEqual([h.status, h.credential_version, h.name], ['ENABLED', '2', 'Retired']);
    assert.match(h.password_hash ?? '', /^\$7\$101\$/);

    // The rows the registry feeds are accepted by the writer's check and by migration 013, and
    // ReplacingMergeTree(version) keeps the newest.
    const wh = api.deps.warehouse;
    const base = { name: 'P', labels: { a: 'b' }, createdMs: Date.now(), credentialVersion: 1, passwordHash: '$7$x' };
    const rows = [
      deviceRow(A, 'wh-1', { ...base, status: 'ENABLED' }, 10, Date.now()),
      deviceRow(A, 'wh-1', { ...base, status: 'DISABLED', passwordHash: '' }, 12, Date.now()),
      deviceRow(A, 'wh-1', { ...base, status: 'ENABLED', name: 'Older' }, 11, Date.now()),
    ];
    for (const row of rows) {
      const mapped = mapEntityRow({ id: '1-0', kind: 'r', bytes: Buffer.from(JSON.stringify(row)), receivedAtMs: Date.now(), gatewayId: 'api', table: 'dimDevice' });
      assert.equal(mapped.type, 'row');
    }
    await wh.insert(wh.tables.dimDevice, rows);
    const [latest] = await wh.query<{ status: string; name: string; labels: string }>(
      `SELECT status, name, labels FROM ${wh.tables.dimDevice} FINAL WHERE tenant_id = {t:String} AND device_id = 'wh-1'`, { t: A });
    assert.deepEqual(latest, { status: 'DISABLED', name: 'P', labels: '{"a":"b"}' });
  });

  test('no issued password appears in the logs, the registry or the broker\'s files', async () => {
    assert.ok(issued.length >= 7);
    const paths = stackPaths(api.config);
    const haystacks = {
      logs: api.logLines.join('\n'),
      passwd: readFileSync(paths.passwdFile, 'utf8'),
      managed: readFileSync(managedAccountsFile(api.config), 'utf8'),
      devicesJson: readFileSync(paths.devicesFile, 'utf8'),
      redis: JSON.stringify(await api.deps.redis.hgetall(deviceRegistryKeys.device(A, 'ph-rot'))),
    };
    for (const pw of issued) {
      for (const [where, text] of Object.entries(haystacks)) assert.ok(!text.includes(pw), `a password appears in ${where}`);
    }
    assert.ok(api.logLines.length > 0);
  });
});
