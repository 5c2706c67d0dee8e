// Signed webhooks per platform and public-ingestion rate limits (issue 5 item 1) against the real
// stack: a signed delivery becomes a lead through the pipeline worker; forged, tampered, stale and
// replayed deliveries are refused in the platform's shape; secrets rotate and never show; bad
// payloads are dead-lettered whole; per-IP, per-scene and per-key budgets answer 429 + Retry-After.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { isolatedRedisUrl, namespace } from '../../test/support/services.js';
import { deadLetterKeys } from '../src/leads/dead-letters/dead-letter-store.js';
import { openIngestBody } from '../src/leads/pipeline/ingest-body.js';
import { until } from '../../test/support/wait.js';

let api: TestApi;
const A = namespace('wa');
const B = namespace('wb');
const k: Record<string, string> = {};
const SECRET = `whsec-${namespace('s')}-0123456789`;
const NEW_SECRET = `whsec-${namespace('n')}-abcdefghij`;
const B_SECRET = `whsec-${namespace('b')}-bbbbbbbbbb`;
const DOUYIN_SECRET = `dy-${namespace('d')}-0123456789`;

const mapping = { fields: [
  { target: 'name', source: 'lead.name' }, { target: 'phone', source: 'lead.phone', required: true },
  { target: 'email', source: 'lead.email' }, { target: 'company', source: 'lead.company' },
] };

const webhookScene = (name: string, secrets: string[], extra: Record<string, unknown> = {}) => ({
  scene_name: name, scene_type: 'WEB_FORM', data_mapping_rules: mapping,
  scene_specific_params: { form_id: 'landing', webhook: { profile: 'cunke', secrets, ...extra } },
});

interface Delivery {
  body: string;
  secret: string;
  ts?: number;
  nonce?: string;
  headers?: Record<string, string>;
  /** Sign this instead of `body` (tampering). */
  signed?: string;
}

const cunkeHeaders = (d: Delivery): Record<string, string> => {
  const ts = String(d.ts ?? Math.floor(Date.now() / 1000));
  const sig = createHmac('sha256', d.secret).update(`${ts}.${d.signed ?? d.body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-cunke-timestamp': ts, 'x-cunke-signature': `sha256=${sig}`, ...(d.nonce ? { 'x-cunke-nonce': d.nonce } : {}), ...(d.headers ?? {}) };
};

async function post(target: TestApi, path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${target.url}/api/v1/webhooks/${path}`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const deliver = (path: string, d: Delivery, target = api) => post(target, path, d.body, cunkeHeaders(d));

const leadsOf = async (sceneId: string, key = k.supervisorA!) => {
  const r = await api.call('GET', `/api/v1/leads?scene_config_id=${sceneId}&size=100`, { key });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data.records as { lead_id: string; lead_data: Record<string, unknown>; external_lead_id: string | null; source: string }[];
};

const payload = (phone: string, name = '张三') => JSON.stringify({ lead: { name, phone, email: 'zs@corp.example', company: '某某公司' }, form: 'landing' });

let sceneA = '';

before(async () => {
  api = await startTestApi({ redisUrl: isolatedRedisUrl() });
  k.supervisorA = await api.keyFor(A, 'supervisor');
  k.integratorA = await api.keyFor(A, 'integrator');
  k.supervisorB = await api.keyFor(B, 'supervisor');
  const c = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: webhookScene('landing webhook', [SECRET]) });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  sceneA = c.body.data.scene_config_id;
});

after(async () => {
  await api?.close();
});

describe('signed webhooks', () => {
  test('a signed delivery answers in the platform shape and becomes a lead with mapped fields', async () => {
    const r = await deliver(`web_form/${sceneA}`, { body: payload('138 0013 8111'), secret: SECRET, headers: { 'x-cunke-event-id': `evt-${namespace()}` } });
    assert.equal(r.status, 202, r.text);
    assert.deepEqual(JSON.parse(r.text), { code: 'OK', message: 'accepted', data: null });
    const lead = await until('webhook lead', async () => (await leadsOf(sceneA)).find((l) => l.lead_data.phone === '+8613800138111'));
    assert.equal(lead.lead_data.name, '张三');
    assert.equal(lead.lead_data.company, '某某公司');
    assert.equal(lead.source, 'WEB_FORM');
    assert.ok(lead.external_lead_id?.startsWith('evt-'), 'the platform event id is the external lead id');
  });

  test('forged, missing, tampered and stale signatures are 401 in the platform shape, counted, and make no lead', async () => {
    const before = (await leadsOf(sceneA)).length;
    const forged = await deliver(`web_form/${sceneA}`, { body: payload('13800138222'), secret: 'not-the-secret-at-all-xxxx' });
    assert.equal(forged.status, 401);
    assert.deepEqual(JSON.parse(forged.text), { code: 'SIGNATURE_INVALID', message: 'signature verification failed', data: null });
    const missing = await post(api, `web_form/${sceneA}`, payload('13800138222'), { 'content-type': 'application/json' });
    assert.equal(missing.status, 401);
    const tampered = await deliver(`web_form/${sceneA}`, { body: payload('13800138333'), signed: payload('13800138222'), secret: SECRET });
    assert.equal(tampered.status, 401);
    const stale = await deliver(`web_form/${sceneA}`, { body: payload('13800138444'), secret: SECRET, ts: Math.floor(Date.now() / 1000) - 3600 });
    assert.equal(stale.status, 401);
    // Give the worker time to (wrongly) process anything before asserting nothing appeared.
    const probe = await deliver(`web_form/${sceneA}`, { body: payload('13800138555'), secret: SECRET });
    assert.equal(probe.status, 202);
    await until('probe lead', async () => (await leadsOf(sceneA)).find((l) => l.lead_data.phone === '+8613800138555'));
    const phones = (await leadsOf(sceneA)).map((l) => l.lead_data.phone);
    assert.equal(phones.length, before + 1);
    for (const p of ['+8613800138222', '+8613800138333', '+8613800138444']) assert.ok(!phones.includes(p), `${p} must not be a lead`);
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    const count = (reason: string) => Number(new RegExp(`cunke_webhook_signature_rejections_total\\{profile="cunke",reason="${reason}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    assert.ok(count('bad_signature') >= 2, metrics.split('\n').filter((l) => l.includes('webhook')).join('\n'));
    assert.ok(count('missing_signature') >= 1);
    assert.ok(count('timestamp_out_of_window') >= 1);
  });

  test('a replayed delivery, or a retry of the same event with a new timestamp, is acknowledged as duplicate and stays one lead', async () => {
    const d: Delivery = { body: payload('13900139001', '李四'), secret: SECRET, ts: Math.floor(Date.now() / 1000), nonce: namespace('n') };
    const first = await deliver(`web_form/${sceneA}`, d);
    assert.equal(first.status, 202);
    const again = await deliver(`web_form/${sceneA}`, d);
    assert.equal(again.status, 200);
    assert.deepEqual(JSON.parse(again.text), { code: 'DUPLICATE', message: 'already received', data: null });
    const evt = `evt-${namespace()}`;
    const e1 = await deliver(`web_form/${sceneA}`, { body: payload('13900139002', '王五'), secret: SECRET, ts: Math.floor(Date.now() / 1000) - 5, headers: { 'x-cunke-event-id': evt } });
    const e2 = await deliver(`web_form/${sceneA}`, { body: payload('13900139002', '王五'), secret: SECRET, headers: { 'x-cunke-event-id': evt } });
    assert.deepEqual([e1.status, e2.status], [202, 200]);
    await until('both leads', async () => {
      const ls = await leadsOf(sceneA);
      return ls.some((l) => l.lead_data.phone === '+8613900139001') && ls.some((l) => l.lead_data.phone === '+8613900139002');
    });
    await new Promise((r) => setTimeout(r, 500));
    const ls = await leadsOf(sceneA);
    assert.equal(ls.filter((l) => l.lead_data.phone === '+8613900139001').length, 1);
    assert.equal(ls.filter((l) => l.lead_data.phone === '+8613900139002').length, 1);
  });

  test('secrets are sealed: GET shows them masked, logs and the warehouse never hold them; rotation keeps both valid', async () => {
    const g = await api.call('GET', `/api/v1/scenes/configurations/${sceneA}`, { key: k.supervisorA });
    assert.equal(g.status, 200);
    assert.deepEqual(g.body.data.scene_specific_params.webhook.secrets, [`****${SECRET.slice(-4)}`]);
    assert.equal(g.body.data.scene_specific_params.form_id, 'landing');
    const list = await api.call('GET', '/api/v1/scenes/configurations', { key: k.supervisorA });
    assert.ok(!JSON.stringify(list.body).includes(SECRET) && !JSON.stringify(g.body).includes(SECRET));
    // Rotation: the new secret first, the old one kept by its mask.
    const rot = await api.call('PUT', `/api/v1/scenes/configurations/${sceneA}`, { key: k.supervisorA, body: { scene_specific_params: { form_id: 'landing', webhook: { profile: 'cunke', secrets: [NEW_SECRET, `****${SECRET.slice(-4)}`] } } } });
    assert.equal(rot.status, 200, JSON.stringify(rot.body));
    assert.deepEqual(rot.body.data.scene_specific_params.webhook.secrets, [`****${NEW_SECRET.slice(-4)}`, `****${SECRET.slice(-4)}`]);
    assert.equal((await deliver(`web_form/${sceneA}`, { body: payload('13600136001'), secret: NEW_SECRET })).status, 202);
    assert.equal((await deliver(`web_form/${sceneA}`, { body: payload('13600136002'), secret: SECRET })).status, 202);
    // End of the rotation: the old secret stops working.
    const end = await api.call('PUT', `/api/v1/scenes/configurations/${sceneA}`, { key: k.supervisorA, body: { scene_specific_params: { form_id: 'landing', webhook: { secrets: [`****${NEW_SECRET.slice(-4)}`] } } } });
    assert.equal(end.status, 200, JSON.stringify(end.body));
    assert.equal((await deliver(`web_form/${sceneA}`, { body: payload('13600136003'), secret: SECRET })).status, 401);
    assert.equal((await deliver(`web_form/${sceneA}`, { body: payload('13600136004'), secret: NEW_SECRET })).status, 202);
    // Bad webhook settings are 422 with every failing field.
    const bad = await api.call('PUT', `/api/v1/scenes/configurations/${sceneA}`, { key: k.supervisorA, body: { scene_specific_params: { webhook: { profile: 'fax', secrets: ['short', '****zzzz'] } } } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors!.map((e) => e.field).sort(), ['body.scene_specific_params.webhook.profile', 'body.scene_specific_params.webhook.secrets[0]', 'body.scene_specific_params.webhook.secrets[1]']);
    const rows = await until('scene versions in the warehouse', async () => {
      const r = await api.deps.warehouse.query<{ scene_specific_params: string }>(
        `SELECT scene_specific_params FROM ${api.deps.warehouse.tables.dimSceneConfig} WHERE tenant_id = {t:String} AND scene_config_id = {id:String}`, { t: A, id: sceneA });
      return r.length >= 3 ? r : null;
    });
    for (const r of rows) assert.ok(!r.scene_specific_params.includes(SECRET) && !r.scene_specific_params.includes(NEW_SECRET), 'no clear secret in dim_scene_config');
    assert.ok(!api.logLines.some((l) => l.includes(SECRET) || l.includes(NEW_SECRET)), 'no clear secret in the logs');
    assert.ok(!api.logLines.some((l) => l.includes('13600136001')), 'no phone number in the logs');
  });

  test('a disabled scene is refused in the platform shape; a wrong type in the path or an unknown scene is 404', async () => {
    const c = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: { ...webhookScene('off', [SECRET]), is_enabled: false } });
    const off = c.body.data.scene_config_id as string;
    const r = await deliver(`web_form/${off}`, { body: payload('13500135001'), secret: SECRET });
    assert.equal(r.status, 403);
    assert.equal(JSON.parse(r.text).code, 'SCENE_DISABLED');
    const wrongType = await deliver(`order_sync/${sceneA}`, { body: payload('13500135002'), secret: NEW_SECRET });
    assert.equal(wrongType.status, 404);
    assert.equal(JSON.parse(wrongType.text).errorCode, 'NOT_FOUND');
    assert.equal((await deliver(`douyin_leads/${sceneA}`, { body: payload('13500135002'), secret: NEW_SECRET })).status, 404);
    assert.equal((await deliver(`web_form/sc_${namespace()}`, { body: payload('13500135002'), secret: NEW_SECRET })).status, 404);
    assert.equal((await deliver(`fax/${sceneA}`, { body: payload('13500135002'), secret: NEW_SECRET })).status, 404);
    await new Promise((r2) => setTimeout(r2, 300));
    assert.ok(!(await leadsOf(sceneA)).some((l) => l.lead_data.phone === '+8613500135002'));
    assert.equal((await leadsOf(off)).length, 0);
  });

  test('tenant B cannot push into tenant A\'s scene with its own secret', async () => {
    const c = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorB, body: webhookScene('b hook', [B_SECRET]) });
    assert.equal(c.status, 201);
    const sceneB = c.body.data.scene_config_id as string;
    const intoA = await deliver(`web_form/${sceneA}`, { body: payload('13400134001'), secret: B_SECRET });
    assert.equal(intoA.status, 401);
    const own = await deliver(`web_form/${sceneB}`, { body: payload('13400134002'), secret: B_SECRET });
    assert.equal(own.status, 202);
    const lead = await until('B lead', async () => (await leadsOf(sceneB, k.supervisorB)).find((l) => l.lead_data.phone === '+8613400134002'));
    assert.ok(lead);
    assert.ok(!(await leadsOf(sceneA)).some((l) => l.lead_data.phone === '+8613400134001' || l.lead_data.phone === '+8613400134002'));
    assert.equal((await api.call('GET', `/api/v1/leads/${lead.lead_id}`, { key: k.supervisorA })).status, 404);
  });

  test('a body that is not JSON, or lacks a required field, is dead-lettered whole with a clear platform-shaped error; a JSON one replays', async () => {
    const c = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: webhookScene('dlq', [SECRET]) });
    const id = c.body.data.scene_config_id as string;
    const notJson = 'name=张三&phone=13300133001';
    const r = await post(api, `web_form/${id}`, notJson, cunkeHeaders({ body: notJson, secret: SECRET, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    assert.equal(r.status, 422, r.text);
    const body = JSON.parse(r.text) as { code: string; message: string };
    assert.equal(body.code, 'INVALID_PAYLOAD');
    assert.match(body.message, /not JSON/);
    const noPhone = JSON.stringify({ lead: { name: '赵六', email: 'zl@corp.example' } });
    const r2 = await deliver(`web_form/${id}`, { body: noPhone, secret: SECRET });
    assert.equal(r2.status, 422);
    assert.match(JSON.parse(r2.text).message, /phone/);
    const entries = await api.deps.redis.xrange(deadLetterKeys.stream(A), '-', '+');
    const letters = entries.map(([dlId, f]) => ({ dlId, ...Object.fromEntries(Array.from({ length: f.length / 2 }, (_, i) => [f[2 * i], f[2 * i + 1]])) }) as Record<string, string>)
      .filter((f) => f.stage === 'webhook' && JSON.parse(f.fields!).scene === id);
    assert.equal(letters.length, 2);
    const rawLetter = letters.find((l) => /not JSON/.test(l.reason!))!;
    const raw = JSON.parse(rawLetter.fields!) as Record<string, string>;
    assert.ok(!raw.body!.includes('13300133001') && !Buffer.from(raw.body!, 'base64').toString('utf8').includes('13300133001'), 'sealed at rest');
    assert.equal(Buffer.from(openIngestBody(api.deps.pii, raw.body!), 'base64').toString('utf8'), notJson, 'the raw body is kept byte for byte');
    const missingLetter = letters.find((l) => /required/.test(l.reason!))!;
    assert.equal(openIngestBody(api.deps.pii, (JSON.parse(missingLetter.fields!) as Record<string, string>).body!), noPhone);
    // Listed with the pipeline's dead letters; once the mapping no longer requires a phone, the JSON one replays into a lead.
    const listed = await api.call('GET', '/api/v1/leads/dead-letters?stage=webhook&size=100', { key: k.supervisorA });
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.ok(listed.body.data.records.some((d: { id: string }) => d.id === missingLetter.dlId));
    const relaxed = { fields: mapping.fields.map((f) => ({ ...f, required: false })) };
    assert.equal((await api.call('PUT', `/api/v1/scenes/configurations/${id}`, { key: k.supervisorA, body: { data_mapping_rules: relaxed } })).status, 200);
    const replay = await api.call('POST', `/api/v1/leads/dead-letters/${missingLetter.dlId}/replay`, { key: k.supervisorA });
    assert.equal(replay.status, 202, JSON.stringify(replay.body));
    const lead = await until('replayed lead', async () => (await leadsOf(id)).find((l) => l.lead_data.name === '赵六'));
    assert.equal(lead.lead_id, replay.body.data.lead_id);
    const refused = await api.call('POST', `/api/v1/leads/dead-letters/${rawLetter.dlId}/replay`, { key: k.supervisorA });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.errors![0]!.rule, 'not_json');
  });

  test('the raw bytes are verified whatever the content type (or none); an oversized body is 413', async () => {
    const body = payload('13300133111');
    const headers = cunkeHeaders({ body, secret: NEW_SECRET });
    delete headers['content-type'];
    const res = await fetch(`${api.url}/api/v1/webhooks/web_form/${sceneA}`, { method: 'POST', headers, body: new TextEncoder().encode(body) });
    assert.equal(res.status, 202, await res.text());
    // Whitespace a JSON re-serialisation would drop is part of what was signed.
    const spaced = `{ "lead" : { "phone" : "13300133112" } }`;
    assert.equal((await post(api, `web_form/${sceneA}`, spaced, { ...cunkeHeaders({ body: spaced, secret: NEW_SECRET }), 'content-type': 'text/plain' })).status, 202);
    await until('both leads', async () => {
      const phones = (await leadsOf(sceneA)).map((l) => l.lead_data.phone);
      return phones.includes('+8613300133111') && phones.includes('+8613300133112');
    });
    const big = JSON.stringify({ lead: { phone: '13300133113' }, pad: 'x'.repeat(api.config.webhookBodyLimitBytes) });
    const tooBig = await deliver(`web_form/${sceneA}`, { body: big, secret: NEW_SECRET });
    assert.equal(tooBig.status, 413);
    assert.equal(JSON.parse(tooBig.text).errorCode, 'PAYLOAD_TOO_LARGE');
  });

  test('property: unsigned or badly signed requests of any shape never answer 5xx and never make a lead', async () => {
    const before = (await leadsOf(sceneA)).length;
    const header = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), fc.constantFrom('sha256=', 'v1=abc', '9'.repeat(13), '0', '-1', ''));
    await fc.assert(fc.asyncProperty(
      fc.record({ ts: header, sig: header, nonce: header, evt: header }, { requiredKeys: [] }),
      fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 3 }), fc.constant(payload('13800138999'))),
      fc.constantFrom('web_form', 'douyin_leads', 'order_sync', 'WEB_FORM', 'x'),
      async (h, body, slug) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        // fetch refuses control characters in header values; the server never sees those.
        const safe = (v: string | undefined) => v !== undefined && /^[\x20-\x7e]*$/.test(v);
        if (safe(h.ts)) headers['x-cunke-timestamp'] = h.ts!;
        if (safe(h.sig)) headers['x-cunke-signature'] = h.sig!;
        if (safe(h.nonce)) headers['x-cunke-nonce'] = h.nonce!;
        if (safe(h.evt)) headers['x-cunke-event-id'] = h.evt!;
        const r = await post(api, `${slug}/${sceneA}`, body, headers);
        assert.ok(r.status < 500, `${r.status} ${r.text}`);
        assert.ok([400, 401, 404, 422].includes(r.status), `${r.status} ${r.text}`);
      },
    ), { numRuns: 60 });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await leadsOf(sceneA)).length, before);
  });

  test('the douyin_leads profile: timestamp + nonce + body signing, answers {code: 0}', async () => {
    const c = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: {
      scene_name: '抖音线索', scene_type: 'SOCIAL_MEDIA_LEAD', data_mapping_rules: { fields: [{ target: 'phone', source: 'telphone', required: true }, { target: 'name', source: 'name' }] },
      scene_specific_params: { webhook: { secrets: [DOUYIN_SECRET], event_id_path: 'clue_id' } },
    } });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const id = c.body.data.scene_config_id as string;
    const body = JSON.stringify({ clue_id: `c-${namespace()}`, telphone: '13200132001', name: '钱七' });
    const sign = (ts: string, nonce: string) => createHmac('sha256', DOUYIN_SECRET).update(`${ts}${nonce}${body}`).digest('base64');
    const ts = String(Math.floor(Date.now() / 1000));
    const r = await post(api, `douyin_leads/${id}`, body, { 'content-type': 'application/json', 'x-timestamp': ts, 'x-nonce': 'n1', 'x-signature': sign(ts, 'n1') });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(JSON.parse(r.text), { code: 0, message: 'success' });
    // The platform retries with a new nonce: the clue id makes it a duplicate.
    const retry = await post(api, `douyin_leads/${id}`, body, { 'content-type': 'application/json', 'x-timestamp': ts, 'x-nonce': 'n2', 'x-signature': sign(ts, 'n2') });
    assert.equal(retry.status, 200);
    const forged = await post(api, `douyin_leads/${id}`, body, { 'content-type': 'application/json', 'x-timestamp': ts, 'x-nonce': 'n3', 'x-signature': sign(ts, 'n1') });
    assert.equal(forged.status, 401);
    assert.deepEqual(JSON.parse(forged.text), { code: 40001, message: 'invalid signature' });
    await until('douyin lead', async () => (await leadsOf(id)).length === 1);
    await new Promise((r2) => setTimeout(r2, 500));
    assert.equal((await leadsOf(id)).length, 1);
  });
});

describe('public ingestion rate limits', () => {
  let limited: TestApi;

  before(async () => {
    // A second instance on the same Redis with low budgets (no workers: the first one processes).
    limited = await startTestApi({ redisUrl: api.config.redisUrl, webhookRatePerScene: 3, webhookRatePerIp: 5, leadIngestRatePerKey: 3, leadIngestRatePerIp: 5, publicRateWindowS: 60 }, { warehouse: api.deps.warehouse as never, runWriters: false });
    // The budgets are shared by every instance on this Redis: start from the earlier tests' count of zero.
    const used = await api.deps.redis.keys('cunke:rl:pub:*');
    if (used.length) await api.deps.redis.del(...used);
  });

  after(async () => {
    await limited?.close();
  });

  test('webhooks: per scene, then per source IP, 429 with Retry-After and the standard envelope; forged floods count too', async () => {
    const mk = async (name: string) => (await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: webhookScene(name, [SECRET]) })).body.data.scene_config_id as string;
    const x = await mk('rl x');
    const y = await mk('rl y');
    await until('scenes visible to the second instance', async () => {
      const r = await deliver(`web_form/${x}`, { body: payload('13100131001'), secret: 'forged-secret-0123456789' }, limited);
      return r.status === 401;
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await deliver(`web_form/${x}`, { body: payload(`1310013100${i + 2}`), secret: SECRET }, limited)).status);
    assert.deepEqual(statuses, [202, 202, 429], 'three per scene: one forged + two signed, then refused');
    const r = await deliver(`web_form/${x}`, { body: payload('13100131009'), secret: SECRET }, limited);
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers.get('retry-after')) >= 1 && Number(r.headers.get('retry-after')) <= 60, `retry-after ${r.headers.get('retry-after')}`);
    const env = JSON.parse(r.text) as { code: number; errorCode: string; detail: string };
    assert.deepEqual([env.code, env.errorCode], [429, 'RATE_LIMITED']);
    assert.match(env.detail, /per-scene/);
    // Another scene from the same address: the per-IP budget (5) has 2 left.
    const other: number[] = [];
    for (let i = 0; i < 3; i++) other.push((await deliver(`web_form/${y}`, { body: payload(`1310013101${i}`), secret: SECRET }, limited)).status);
    assert.deepEqual(other, [202, 202, 429]);
    const ip = await deliver(`web_form/${y}`, { body: payload('13100131019'), secret: SECRET }, limited);
    assert.match(JSON.parse(ip.text).detail, /per-ip/);
    assert.ok(ip.headers.get('retry-after'));
  });

  test('behind a trusted proxy (API_TRUST_PROXY) each forwarded client has its own per-IP budget', async () => {
    const proxied = await startTestApi({ redisUrl: api.config.redisUrl, apiTrustProxy: '127.0.0.1', webhookRatePerScene: 100, webhookRatePerIp: 2, publicRateWindowS: 60 }, { warehouse: api.deps.warehouse as never, runWriters: false });
    try {
      const z = (await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: webhookScene('rl proxy', [SECRET]) })).body.data.scene_config_id as string;
      const from = (ip: string, i: number) => deliver(`web_form/${z}`, { body: payload(`1320013${String(i).padStart(4, '0')}`), secret: SECRET, headers: { 'x-forwarded-for': ip } }, proxied);
      await until('scene visible to the proxied instance', async () => (await from('198.51.100.200', 0)).status === 202);
      const one = [(await from('198.51.100.1', 1)).status, (await from('198.51.100.1', 2)).status, (await from('198.51.100.1', 3)).status];
      assert.deepEqual(one, [202, 202, 429], 'the forwarded client spends its own budget');
      assert.equal((await from('198.51.100.2', 4)).status, 202, 'another client behind the same proxy is not limited by the first');
    } finally {
      await proxied.close();
    }
  });

  test('POST /leads/ingestions: per API key and per source IP, both enforced', async () => {
    const c = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: { scene_name: 'api', scene_type: 'API_IMPORT', data_mapping_rules: mapping } });
    const id = c.body.data.scene_config_id as string;
    const key1 = await limited.keyFor(A, 'integrator');
    const key2 = await limited.keyFor(A, 'integrator');
    const ingest = (key: string, i: number) => limited.call('POST', '/api/v1/leads/ingestions', { key, body: { scene_config_id: id, lead: { phone: `1300013${String(i).padStart(4, '0')}` } } });
    await until('scene visible to the second instance', async () => (await limited.call('GET', `/api/v1/scenes/configurations/${id}`, { key: k.supervisorA })).status === 200);
    const first: number[] = [];
    for (let i = 0; i < 4; i++) first.push((await ingest(key1, i)).status);
    assert.deepEqual(first, [202, 202, 202, 429]);
    const refused = await ingest(key1, 9);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.errorCode, 'RATE_LIMITED');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.match(String((refused.body as { detail?: string }).detail), /per-key/);
    // Another key from the same address has its own key budget but shares the address's (5, 3 used).
    const second: { status: number; detail?: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await ingest(key2, 100 + i);
      second.push({ status: r.status, detail: (r.body as { detail?: string }).detail });
    }
    assert.deepEqual(second.map((s) => s.status), [202, 202, 429], 'a fresh key is not limited by another key, but the address is');
    assert.match(String(second[2]!.detail), /per-ip/);
  });
});
