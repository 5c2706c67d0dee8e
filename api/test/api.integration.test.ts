// The API against real Redis and chDB: authentication (401) vs permission (403) vs tenancy
// (404) on every route, validation (422 with every field), paging, call-record filters and PII
// masking, idempotent creates, key revocation, audit trail, Redis-backed rate limiting, health,
// metrics and log redaction. Data reaches the warehouse the way the gateway sends it: protobuf
// entries on the feed stream, written by the API's own writer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FEED_STREAM } from '../../common/feed.js';
import { issueToken } from '../../common/access/token.js';
import { keys } from '../../gateway/src/domain/redis-keys.js';
import { LineState } from '../../proto/src/index.js';
import { countCallRecords } from '../../warehouse/src/queries/call-records.js';
import { feedFields } from '../../warehouse/test/fixtures.js';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { callMessages, type CallOutcome } from '../../test/support/events.js';
import { namespace } from '../../test/support/services.js';
import { waitFor } from '../../test/support/wait.js';

const T0 = Date.UTC(2026, 10, 20, 8, 0, 0);
const OUTCOMES: CallOutcome[] = ['answered', 'no_answer', 'busy', 'answered', 'rejected', 'failed'];
const LIST = '/api/v1/lead-generation/call-records';

let api: TestApi;
const A = namespace('ta');
const B = namespace('tb');
const k: Record<string, string> = {};

async function seedCalls(tenantId: string, count: number, phoneOf: (i: number) => string): Promise<void> {
  const pipe = api.deps.redis.pipeline();
  for (let i = 0; i < count; i++) {
    const msgs = callMessages({
      tenantId, deviceId: `dev-${i % 3}`, taskId: `task-${(i % 2) + 1}`, phoneNumber: phoneOf(i),
      outcome: OUTCOMES[i % OUTCOMES.length]!, startMs: T0 + i * 60_000, talkMs: 10_000 + i * 1000,
    });
    for (const m of msgs) pipe.xadd(FEED_STREAM, '*', ...feedFields('e', m.payload, T0 + i * 60_000 + 100));
  }
  await pipe.exec();
}

before(async () => {
  api = await startTestApi();
  k.adminA = await api.keyFor(A, 'admin');
  k.supervisorA = await api.keyFor(A, 'supervisor');
  k.analystA = await api.keyFor(A, 'analyst');
  k.viewerA = await api.keyFor(A, 'viewer');
  k.adminB = await api.keyFor(B, 'admin');
  await seedCalls(A, 24, (i) => (i === 5 ? '13912345678' : `1380013800${i % 10}`));
  await seedCalls(B, 3, () => '13912345678');
  for (const [t, d, presence, line] of [[A, 'dev-0', 'ONLINE', LineState.LINE_STATE_IN_CALL], [A, 'dev-1', 'OFFLINE', LineState.LINE_STATE_IDLE], [B, 'dev-9', 'ONLINE', LineState.LINE_STATE_IDLE]] as const) {
    await api.deps.redis.multi().sadd(keys.tenantDevices(t), d)
      .hset(keys.device(t, d), 'presence', presence, 'presence_since_ms', String(T0), 'last_seen_ms', String(T0 + 5000), 'line_state', String(line), 'hb_clock', '1', 'battery_pct', '77')
      .exec();
  }
  await waitFor('seeded call records', async () =>
    (await countCallRecords(api.deps.warehouse, A)) === 24 && (await countCallRecords(api.deps.warehouse, B)) === 3, { timeoutMs: 30_000 });
});

after(async () => {
  await api?.close();
});

describe('authentication and permissions', () => {
  const routes: [string, string, keyof typeof k][] = [
    ['GET', LIST, 'viewerA'],
    ['GET', `${LIST}/1`, 'viewerA'],
    ['GET', '/api/v1/devices', 'integratorLess'],
    ['GET', '/api/v1/devices/dev-0', 'integratorLess'],
    ['GET', '/api/v1/users', 'supervisorA'],
    ['POST', '/api/v1/users', 'supervisorA'],
    ['PATCH', '/api/v1/users/u_aaaaaaaaaaaa', 'supervisorA'],
    ['GET', '/api/v1/api-keys', 'supervisorA'],
    ['POST', '/api/v1/api-keys', 'supervisorA'],
    ['DELETE', '/api/v1/api-keys/aaaaaaaaaaaa', 'supervisorA'],
    ['GET', '/api/v1/audit-logs', 'supervisorA'],
    ['POST', '/api/v1/auth/tokens', 'integratorLess'],
    ['GET', '/api/v1/auth/me', 'none'],
    ['GET', '/api/v1/roles', 'none'],
  ];

  before(async () => {
    // A key narrowed to call-record reading: it lacks device:view and live:view.
    k.integratorLess = await api.keyFor(A, 'admin', ['lead:call:view']);
  });

  for (const [method, path, lacking] of routes) {
    test(`${method} ${path}: 401 without or with a bad credential${lacking === 'none' ? '' : ', 403 without the permission'}`, async () => {
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const none = await api.call(method, path, { body });
      assert.equal(none.status, 401);
      assert.equal(none.body.errorCode, 'AUTH_REQUIRED');
      for (const bad of ['ck_aaaaaaaaaaaa_' + 'x'.repeat(43), 'garbage', 'ck1.e30.AAAA']) {
        const r = await api.call(method, path, { key: bad, body });
        assert.equal(r.status, 401, bad);
        assert.equal(r.body.errorCode, 'AUTH_INVALID');
      }
      if (lacking !== 'none') {
        const r = await api.call(method, path, { key: k[lacking], body });
        assert.equal(r.status, 403, `${lacking} on ${method} ${path}`);
        assert.equal(r.body.errorCode, 'FORBIDDEN');
        assert.equal(r.body.code, 403);
      }
    });
  }

  test('a key with a forged secret is refused like an unknown one', async () => {
    const forged = k.adminA!.slice(0, -4) + 'AAAA';
    const r = await api.call('GET', '/api/v1/auth/me', { key: forged });
    assert.equal(r.status, 401);
  });

  test('a token works until it expires; a tampered or expired token is 401', async () => {
    const issued = await api.call('POST', '/api/v1/auth/tokens', { key: k.supervisorA, body: {} });
    assert.equal(issued.status, 201);
    const token = issued.body.data.token as string;
    assert.match(token, /^ck1\./);
    assert.equal(issued.body.data.tenantId, A);
    assert.match(issued.body.data.liveUrl, /^ws:\/\//);
    assert.equal((await api.call('GET', LIST, { key: token })).status, 200);
    const tampered = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    assert.equal((await api.call('GET', LIST, { key: tampered })).status, 401);
    const me = (await api.call('GET', '/api/v1/auth/me', { key: k.supervisorA })).body.data;
    const expired = issueToken(api.deps.tokenSecret, { tid: A, uid: me.userId, kid: me.keyId, perms: me.permissions }, Date.now() - 3_600_000, 60).token;
    const r = await api.call('GET', LIST, { key: expired });
    assert.equal(r.status, 401);
    // A token cannot mint more tokens: only a key can.
    assert.equal((await api.call('POST', '/api/v1/auth/tokens', { key: token, body: {} })).status, 401);
  });

  test('a revoked key, its tokens, and a disabled user stop working at once', async () => {
    const key = await api.keyFor(A, 'analyst');
    const token = (await api.call('POST', '/api/v1/auth/tokens', { key, body: {} })).body.data.token as string;
    const keyId = key.split('_')[1]!;
    assert.equal((await api.call('GET', LIST, { key })).status, 200);
    const revoked = await api.call('DELETE', `/api/v1/api-keys/${keyId}`, { key: k.adminA });
    assert.equal(revoked.status, 200);
    assert.ok(revoked.body.data.revokedAt);
    assert.equal((await api.call('GET', LIST, { key })).status, 401);
    assert.equal((await api.call('GET', LIST, { key: token })).status, 401);
    // Revoking again is harmless; another tenant cannot see or revoke it.
    assert.equal((await api.call('DELETE', `/api/v1/api-keys/${keyId}`, { key: k.adminA })).status, 200);
    assert.equal((await api.call('DELETE', `/api/v1/api-keys/${keyId}`, { key: k.adminB })).status, 404);

    const other = await api.keyFor(A, 'analyst');
    const me = (await api.call('GET', '/api/v1/auth/me', { key: other })).body.data;
    assert.equal((await api.call('PATCH', `/api/v1/users/${me.userId}`, { key: k.adminA, body: { status: 'DISABLED' } })).status, 200);
    api.deps.resolver.forget(me.keyId);
    assert.equal((await api.call('GET', LIST, { key: other })).status, 401);
  });
});

describe('call records', () => {
  test('lists only the caller\'s tenant, newest first, with the spec\'s page shape', async () => {
    const r = await api.call('GET', `${LIST}?size=10`, { key: k.analystA });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ['code', 'data', 'message']);
    assert.equal(r.body.message, '操作成功');
    const page = r.body.data;
    assert.deepEqual({ total: page.total, size: page.size, current: page.current, pages: page.pages }, { total: 24, size: 10, current: 1, pages: 3 });
    assert.equal(page.records.length, 10);
    const starts = page.records.map((x: { startTime: string }) => x.startTime);
    assert.deepEqual(starts, [...starts].sort().reverse());
    assert.equal(starts[0], new Date(T0 + 23 * 60_000).toISOString());
    const b = await api.call('GET', LIST, { key: k.adminB });
    assert.equal(b.body.data.total, 3);
  });

  test('paging edges: last partial page, page past the end, size 1, ascending order', async () => {
    const last = (await api.call('GET', `${LIST}?size=10&page=3`, { key: k.analystA })).body.data;
    assert.equal(last.records.length, 4);
    const past = (await api.call('GET', `${LIST}?size=10&page=4`, { key: k.analystA })).body.data;
    assert.deepEqual({ n: past.records.length, total: past.total, current: past.current }, { n: 0, total: 24, current: 4 });
    const one = (await api.call('GET', `${LIST}?size=1&sort=startTime&order=asc`, { key: k.analystA })).body.data;
    assert.equal(one.pages, 24);
    assert.equal(one.records[0].startTime, new Date(T0).toISOString());
    // Walking every page of 7 yields each record exactly once.
    const seen = new Set<string>();
    for (let p = 1; p <= 4; p++) {
      for (const rec of (await api.call('GET', `${LIST}?size=7&page=${p}&sort=duration&order=asc`, { key: k.analystA })).body.data.records) seen.add(rec.recordId);
    }
    assert.equal(seen.size, 24);
  });

  test('filters: task, status, device, time range (inclusive), phone number in any format', async () => {
    const get = async (q: string) => (await api.call('GET', `${LIST}?${q}`, { key: k.analystA })).body.data;
    assert.equal((await get('taskId=task-1')).total, 12);
    const answered = await get('status=ANSWERED&size=50');
    assert.equal(answered.total, 8);
    assert.ok(answered.records.every((r: { status: string; duration: number }) => r.status === 'ANSWERED' && r.duration > 0));
    assert.equal((await get('deviceId=dev-0')).total, 8);
    const range = await get(`startTime=${new Date(T0 + 60_000).toISOString()}&endTime=${new Date(T0 + 3 * 60_000).toISOString()}`);
    assert.equal(range.total, 3);
    for (const phone of ['13912345678', '+86 139 1234 5678', '+8613912345678']) {
      const r = await get(`phoneNumber=${encodeURIComponent(phone)}`);
      assert.equal(r.total, 1, phone);
    }
    assert.equal((await get('analysisStatus=PENDING')).total, 24);
    assert.equal((await get('analysisStatus=COMPLETED')).total, 0);
  });

  test('phone numbers are masked unless the caller holds pii:view', async () => {
    const q = `${LIST}?phoneNumber=13912345678`;
    const masked = (await api.call('GET', q, { key: k.analystA })).body.data.records[0];
    assert.equal(masked.phoneNumber, '139****5678');
    const clear = (await api.call('GET', q, { key: k.supervisorA })).body.data.records[0];
    assert.equal(clear.phoneNumber, '+8613912345678');
  });

  test('detail by recordId; another tenant\'s record is 404, not 403', async () => {
    const rec = (await api.call('GET', `${LIST}?size=1`, { key: k.analystA })).body.data.records[0];
    assert.match(rec.recordId, /^\d+$/);
    const d = await api.call('GET', `${LIST}/${rec.recordId}`, { key: k.analystA });
    assert.equal(d.status, 200);
    assert.equal(d.body.data.callId, rec.callId);
    assert.equal(d.body.data.recordId, rec.recordId);
    const cross = await api.call('GET', `${LIST}/${rec.recordId}`, { key: k.adminB });
    assert.equal(cross.status, 404);
    assert.equal(cross.body.errorCode, 'NOT_FOUND');
    assert.equal((await api.call('GET', `${LIST}/12345`, { key: k.analystA })).status, 404);
  });

  test('422 lists every failing field; English on request', async () => {
    const r = await api.call('GET', `${LIST}?page=0&size=1000&order=sideways&status=MAYBE&startTime=yesterday`, { key: k.analystA, headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } });
    assert.equal(r.status, 422);
    assert.equal(r.body.message, 'Validation failed');
    const fields = r.body.errors!.map((e) => e.field).sort();
    assert.deepEqual(fields, ['query.order', 'query.page', 'query.size', 'query.startTime', 'query.status']);
    const range = await api.call('GET', `${LIST}?startTime=2026-01-02T00:00:00Z&endTime=2026-01-01T00:00:00Z`, { key: k.analystA });
    assert.equal(range.status, 422);
    assert.equal(range.body.errors![0]!.field, 'query.endTime');
    const phone = await api.call('GET', `${LIST}?phoneNumber=12ab`, { key: k.analystA });
    assert.deepEqual(phone.body.errors!.map((e) => e.field), ['query.phoneNumber']);
    assert.equal((await api.call('GET', `${LIST}/99999999999999999999999`, { key: k.analystA })).status, 422);
    // ajv turns '1e309' into Infinity and then skips its range checks; found by the fuzz test.
    const inf = await api.call('GET', `${LIST}?page=1e309&size=1e309`, { key: k.analystA });
    assert.equal(inf.status, 422);
    assert.deepEqual(inf.body.errors!.map((e) => e.field).sort(), ['query.page', 'query.size']);
  });
});

describe('devices', () => {
  test('live presence from Redis, scoped to the tenant', async () => {
    const list = (await api.call('GET', '/api/v1/devices', { key: k.analystA })).body.data;
    assert.deepEqual(list.records.map((d: { deviceId: string }) => d.deviceId), ['dev-1', 'dev-0']);
    const online = (await api.call('GET', '/api/v1/devices?presence=ONLINE', { key: k.analystA })).body.data.records;
    assert.deepEqual(online.map((d: { deviceId: string; lineState: string; batteryPct: number }) => [d.deviceId, d.lineState, d.batteryPct]), [['dev-0', 'IN_CALL', 77]]);
    assert.equal((await api.call('GET', '/api/v1/devices/dev-9', { key: k.analystA })).status, 404);
    assert.equal((await api.call('GET', '/api/v1/devices/dev-9', { key: k.adminB })).status, 200);
  });
});

describe('identity, idempotency and audit', () => {
  test('an API key is shown once, listed without its secret, and records its last use', async () => {
    const created = await api.call('POST', '/api/v1/api-keys', { key: k.adminA, body: { name: 'crm pull', scopes: ['lead:call:view'] } });
    assert.equal(created.status, 201);
    const key = created.body.data.key as string;
    assert.match(key, /^ck_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    assert.equal((await api.call('GET', LIST, { key })).status, 200);
    assert.equal((await api.call('GET', '/api/v1/devices', { key })).status, 403); // scoped below its owner
    const listed = (await api.call('GET', '/api/v1/api-keys', { key: k.adminA })).body.data.records.find((x: { keyId: string }) => x.keyId === created.body.data.keyId);
    assert.ok(listed);
    assert.equal(JSON.stringify(listed).includes(key.split('_')[2]!), false);
    assert.ok(listed.lastUsedAt, 'last-used time recorded');
  });

  test('Idempotency-Key: a retried create returns the first result, a different body is 422, secrets are not replayed', async () => {
    const idem = `idem-${namespace()}`;
    const body = { name: 'Ops Lead', email: 'Ops.Lead@Example.com', role: 'supervisor' };
    const first = await api.call('POST', '/api/v1/users', { key: k.adminA, body, headers: { 'idempotency-key': idem } });
    assert.equal(first.status, 201);
    assert.equal(first.body.data.emailMasked, 'o***@example.com');
    const again = await api.call('POST', '/api/v1/users', { key: k.adminA, body, headers: { 'idempotency-key': idem } });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.body.data.userId, first.body.data.userId);
    const users = (await api.call('GET', '/api/v1/users', { key: k.adminA })).body.data.records;
    assert.equal(users.filter((u: { name: string }) => u.name === 'Ops Lead').length, 1);
    const reused = await api.call('POST', '/api/v1/users', { key: k.adminA, body: { ...body, name: 'Other' }, headers: { 'idempotency-key': idem } });
    assert.equal(reused.status, 422);
    assert.equal(reused.body.errorCode, 'IDEMPOTENCY_KEY_REUSED');

    const keyIdem = `idem-${namespace()}`;
    const k1 = await api.call('POST', '/api/v1/api-keys', { key: k.adminA, body: { name: 'once' }, headers: { 'idempotency-key': keyIdem } });
    const k2 = await api.call('POST', '/api/v1/api-keys', { key: k.adminA, body: { name: 'once' }, headers: { 'idempotency-key': keyIdem } });
    assert.equal(k2.body.data.keyId, k1.body.data.keyId);
    assert.match(k1.body.data.key, /^ck_/);
    assert.equal(k2.body.data.key, null);
  });

  test('malformed, oversized and unexpected bodies get clear 4xx errors', async () => {
    const badJson = await api.call('POST', '/api/v1/users', { key: k.adminA, body: '{"name": ' });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.body.errorCode, 'BAD_REQUEST');
    const extra = await api.call('POST', '/api/v1/users', { key: k.adminA, body: { name: 'x', role: 'root', admin: true } });
    assert.equal(extra.status, 422);
    assert.deepEqual(extra.body.errors!.map((e) => e.field).sort(), ['body.admin', 'body.role']);
    const big = await api.call('POST', '/api/v1/users', { key: k.adminA, body: { name: 'x'.repeat(api.config.apiBodyLimitBytes), role: 'viewer' } });
    assert.equal(big.status, 413);
    const type = await api.call('POST', '/api/v1/users', { key: k.adminA, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(type.status, 415);
  });

  test('the audit log records who read which record from where, and refusals', async () => {
    const rec = (await api.call('GET', `${LIST}?size=1`, { key: k.supervisorA })).body.data.records[0];
    await api.call('GET', `${LIST}/${rec.recordId}`, { key: k.supervisorA, headers: { 'user-agent': 'audit-test/1.0' } });
    await api.call('GET', '/api/v1/users', { key: k.supervisorA });
    const supervisor = (await api.call('GET', '/api/v1/auth/me', { key: k.supervisorA })).body.data;
    const entries = await waitFor('audit rows in the warehouse', async () => {
      const r = (await api.call('GET', `/api/v1/audit-logs?actorUserId=${supervisor.userId}&size=50`, { key: k.adminA })).body.data;
      const view = r.records.find((e: { action: string }) => e.action === 'call-record.view');
      const denied = r.records.find((e: { outcome: string }) => e.outcome === 'DENIED');
      return view && denied ? { view, denied } : null;
    }, { timeoutMs: 15_000 });
    assert.equal(entries.view.resourceId, rec.recordId);
    assert.equal(entries.view.resourceType, 'call_record');
    assert.equal(entries.view.ip, '127.0.0.1');
    assert.equal(entries.view.userAgent, 'audit-test/1.0');
    assert.equal(entries.view.actorKeyId, supervisor.keyId);
    assert.equal(entries.denied.statusCode, 403);
    // Tenant B sees none of A's audit trail.
    const b = (await api.call('GET', `/api/v1/audit-logs?actorUserId=${supervisor.userId}`, { key: k.adminB })).body.data;
    assert.equal(b.total, 0);
  });
});

describe('operations', () => {
  test('health: liveness and readiness of Redis, broker and warehouse', async () => {
    const live = await api.call('GET', '/health');
    assert.equal(live.status, 200);
    const ready = await api.call('GET', '/health/ready');
    assert.equal(ready.status, 200);
    assert.deepEqual(Object.keys(ready.body.data.components).sort(), ['broker', 'redis', 'warehouse']);
  });

  test('/metrics, the OpenAPI document and the docs page are served', async () => {
    const m = await fetch(`${api.url}/metrics`);
    assert.match(await m.text(), /cunke_api_requests_total\{route="\/api\/v1\/lead-generation\/call-records"/);
    const doc = (await api.call('GET', '/openapi.json')).body as unknown as { paths: Record<string, Record<string, { description?: string }>> };
    assert.ok(doc.paths['/api/v1/lead-generation/call-records']?.get);
    assert.match(doc.paths['/api/v1/lead-generation/call-records/{recordId}']!.get!.description ?? '', /lead:call:record:view/);
    assert.equal((await fetch(`${api.url}/docs/`)).status, 200);
  });

  test('rate limits are shared by every API instance through Redis', async () => {
    const limited = await startTestApi({ apiRateLimitPerMinute: 5 }, { warehouse: api.deps.warehouse as never, runWriters: false });
    const second = await startTestApi({ apiRateLimitPerMinute: 5 }, { warehouse: api.deps.warehouse as never, runWriters: false });
    try {
      const key = await limited.keyFor(A, 'analyst');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.call('GET', '/api/v1/auth/me', { key })).status);
      for (let i = 0; i < 3; i++) statuses.push((await second.call('GET', '/api/v1/auth/me', { key })).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
      const r = await second.call('GET', '/api/v1/auth/me', { key });
      assert.equal(r.body.errorCode, 'RATE_LIMITED');
      assert.ok(r.headers.get('retry-after'));
    } finally {
      await limited.close();
      await second.close();
    }
  });

  test('no phone number, e-mail or credential reaches a log line', async () => {
    await api.call('GET', `${LIST}?phoneNumber=13912345678`, { key: k.analystA });
    await api.call('POST', '/api/v1/users', { key: k.adminA, body: { name: 'Log Check', email: 'secret.person@example.com', role: 'viewer' } });
    await api.call('GET', LIST, { key: 'ck_aaaaaaaaaaaa_' + 'y'.repeat(43) });
    const logs = api.logLines.join('');
    assert.ok(logs.includes('incoming request'), 'the API logs requests');
    for (const leak of ['13912345678', 'secret.person', k.analystA!, k.adminA!.split('_')[2]!, 'y'.repeat(43)]) {
      assert.equal(logs.includes(leak), false, `log contains ${leak.slice(0, 6)}…`);
    }
  });
});
