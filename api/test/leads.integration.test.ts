// Lead pipeline first slice (issue 5) against the real stack: scene CRUD with versions and hot
// reload, ingestion → pipeline worker → lead with normalised phone, tags, assignee and log,
// OneID across sources, idempotent re-ingestion, analysis signals, dead letters, 401/403/422.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { leadSignalKeys } from '../../common/call-tasks/model.js';
import { createLogger } from '../../common/logger.js';
import { encryptPii, hashPii } from '../../common/pii.js';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { isolatedRedisUrl, namespace } from '../../test/support/services.js';
import { buildIdentityGraph } from '../src/leads/domain/oneid.js';
import { leadKeys } from '../src/leads/pipeline/lead-store.js';
import { SceneCache } from '../src/leads/scenes/scene-cache.js';
import { SceneStore } from '../src/leads/scenes/scene-store.js';
import { applySceneInput } from '../src/leads/scenes/scene-validate.js';
import { until } from '../../test/support/wait.js';

let api: TestApi;
const A = namespace('la');
const B = namespace('lb');
const k: Record<string, string> = {};
let u1 = '';
let u2 = '';

const webForm = () => ({
  scene_name: '官网表单', scene_type: 'WEB_FORM', source_channel_default_id: 'baidu', deduplication_strategy: 'ONEID',
  data_mapping_rules: { fields: [
    { target: 'name', source: 'submission_data.name' }, { target: 'phone', source: 'submission_data.phone', required: true },
    { target: 'email', source: 'submission_data.email' }, { target: 'company', source: 'submission_data.company' },
    { target: 'message', source: 'submission_data.message' },
  ] },
  auto_tagging_rules: [{ id: 'prodA', when: { field: 'message', op: 'contains', value: '产品A' }, actions: { add: ['产品A意向'] } }],
  assignment_rules: { rule_id: 'rr', pool: [u1, u2], chain: [{ type: 'round_robin' }], fallback_queue: 'pool' },
});

const getLead = async (id: string, key = k.supervisorA!) => {
  const r = await api.call('GET', `/api/v1/leads/${id}`, { key });
  return r.status === 200 ? r.body.data : null;
};

before(async () => {
  api = await startTestApi({ redisUrl: isolatedRedisUrl() });
  k.adminA = await api.keyFor(A, 'admin');
  k.supervisorA = await api.keyFor(A, 'supervisor');
  k.analystA = await api.keyFor(A, 'analyst');
  k.integratorA = await api.keyFor(A, 'integrator');
  k.viewerA = await api.keyFor(A, 'viewer');
  k.supervisorB = await api.keyFor(B, 'supervisor');
  u1 = (await api.deps.identity.createUser(A, { name: 'agent 1', role: 'supervisor' })).userId;
  u2 = (await api.deps.identity.createUser(A, { name: 'agent 2', role: 'supervisor' })).userId;
  // Scenes may only name channels and tags that exist (spec 000 §九.3).
  assert.equal((await api.call('POST', '/api/v1/channels', { key: k.supervisorA, body: { channel_id: 'baidu', name: '百度推广', channel_type: 'PAID_SEARCH' } })).status, 201);
  assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: '产品A意向', tag_group: '意向' } })).status, 201);
});

after(async () => {
  await api?.close();
});

describe('scene configurations', () => {
  test('create, read, update (new version), delete; every version reaches dim_scene_config', async () => {
    const c = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: { ...webForm(), scene_name: 'crud' } });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    const id = c.body.data.scene_config_id as string;
    assert.equal(c.body.data.version, 1);
    assert.equal(c.body.data.scene_type, 'WEB_FORM');
    const g = await api.call('GET', `/api/v1/scenes/configurations/${id}`, { key: k.analystA });
    assert.equal(g.status, 200);
    assert.deepEqual(g.body.data.assignment_rules.pool, [u1, u2]);
    const u = await api.call('PUT', `/api/v1/scenes/configurations/${id}`, { key: k.supervisorA, body: { is_enabled: false } });
    assert.equal(u.status, 200);
    assert.deepEqual([u.body.data.version, u.body.data.is_enabled, u.body.data.scene_name], [2, false, 'crud']);
    const list = await api.call('GET', '/api/v1/scenes/configurations', { key: k.supervisorA });
    assert.ok(list.body.data.some((s: { scene_config_id: string }) => s.scene_config_id === id));
    assert.equal((await api.call('GET', '/api/v1/scenes/configurations', { key: k.supervisorB })).body.data.length, 0, 'another tenant sees none');
    assert.equal((await api.call('GET', `/api/v1/scenes/configurations/${id}`, { key: k.supervisorB })).status, 404);
    assert.equal((await api.call('DELETE', `/api/v1/scenes/configurations/${id}`, { key: k.supervisorA })).status, 200);
    assert.equal((await api.call('GET', `/api/v1/scenes/configurations/${id}`, { key: k.supervisorA })).status, 404);
    const rows = await until('three scene versions in the warehouse', async () => {
      const r = await api.deps.warehouse.query<{ version: string; deleted: number; is_enabled: number }>(
        `SELECT version, deleted, is_enabled FROM ${api.deps.warehouse.tables.dimSceneConfig} WHERE tenant_id = {t:String} AND scene_config_id = {id:String} ORDER BY version`, { t: A, id });
      return r.length === 3 ? r : null;
    });
    assert.deepEqual(rows.map((r) => [Number(r.version), Number(r.deleted), Number(r.is_enabled)]), [[1, 0, 1], [2, 0, 0], [3, 1, 0]]);
  });

  test('invalid rule sets are 422 with every failing field; no key 401; analyst 403', async () => {
    const bad = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: {
      scene_type: 'FAX', data_mapping_rules: { fields: [{ target: 'nope', source: 'a..b' }] },
      auto_tagging_rules: [{ id: 'x', when: { field: 'message', op: 'regex', value: '(a+)+' }, actions: { add: ['t'] } }],
      assignment_rules: { rule_id: 'r', pool: [], chain: [{ type: 'teleport' }] }, deduplication_strategy: 'SOMETIMES',
    } });
    assert.equal(bad.status, 422);
    const fields = bad.body.errors!.map((e) => e.field);
    for (const f of ['body.scene_name', 'body.scene_type', 'body.deduplication_strategy']) assert.ok(fields.includes(f), `${f} in ${fields.join(',')}`);
    for (const prefix of ['body.data_mapping_rules', 'body.auto_tagging_rules[0]', 'body.assignment_rules']) assert.ok(fields.some((f) => f.startsWith(prefix)), `${prefix} in ${fields.join(',')}`);
    assert.equal((await api.call('POST', '/api/v1/scenes/configurations', { body: webForm() })).status, 401);
    assert.equal((await api.call('POST', '/api/v1/scenes/configurations', { key: k.analystA, body: webForm() })).status, 403);
  });

  test('hot reload: a write in one process refreshes another process\'s cache within a second', async () => {
    const log = createLogger('scene-cache-test', 'warn');
    const r1 = new Redis(api.config.redisUrl);
    const r2 = new Redis(api.config.redisUrl);
    const store1 = new SceneStore(r1, 'test-1');
    const cache2 = new SceneCache(new SceneStore(r2, 'test-2'), r2, log);
    await cache2.start();
    try {
      const s1 = applySceneInput(null, { ...webForm(), scene_name: 'hot' }, { tenant_id: A, scene_config_id: `sc_hot_${namespace()}` }, Date.now());
      await store1.write(s1, null, 'test');
      assert.equal((await cache2.byId(A, s1.scene_config_id))?.scene.version, 1);
      const s2 = applySceneInput(s1, { auto_tagging_rules: [{ id: 'vip', when: { field: 'company', op: 'exists' }, actions: { add: ['VIP'] } }] }, s1, Date.now());
      const t0 = Date.now();
      await store1.write(s2, 1, 'test');
      const seen = await until('cache refresh', async () => ((await cache2.byId(A, s1.scene_config_id))?.scene.version === 2 ? true : null), 1000);
      assert.ok(seen);
      assert.equal((await cache2.byId(A, s1.scene_config_id))?.compiledTags[0]?.id, 'vip');
      assert.ok(Date.now() - t0 < 1000);
      await store1.remove(s2, 'test', Date.now());
      await until('cache drop', async () => ((await cache2.byId(A, s1.scene_config_id)) === null ? true : null), 1000);
      // A stale write (old version) loses the compare-and-set.
      await assert.rejects(store1.write(s2, 1, 'test'), /changed concurrently/);
    } finally {
      await cache2.stop();
      r1.disconnect();
      r2.disconnect();
    }
  });
});

describe('ingestion and the pipeline', () => {
  let webId = '';
  let importId = '';

  before(async () => {
    const w = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: webForm() });
    webId = w.body.data.scene_config_id;
    const i = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: {
      scene_name: 'CRM 导入', scene_type: 'API_IMPORT', deduplication_strategy: 'ONEID',
      data_mapping_rules: { fields: [{ target: 'name', source: 'contact.full_name' }, { target: 'phone', source: ['contact.mobile', 'contact.tel'] }, { target: 'email', source: 'contact.mail' }] },
    } });
    importId = i.body.data.scene_config_id;
  });

  test('202, then the lead appears with normalised phone, tags, a round-robin assignee and the processing log', async () => {
    const r = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: {
      scene_config_id: webId, form_id: 'contact_us_form_v1',
      submission_data: { name: '张 三', phone: '138 0013 8001', email: 'ZhangSan@Example.com', company: '某某公司', message: '对产品A感兴趣' },
      meta: { ip_address: '192.168.1.100' },
    } });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.equal(r.body.code, 202);
    const id = r.body.data.lead_id as string;
    const lead = await until('lead processed', () => getLead(id));
    assert.equal(lead.lead_data.phone, '+8613800138001');
    assert.equal(lead.lead_data.name, '张三');
    assert.deepEqual(lead.tags, ['产品A意向']);
    assert.equal(lead.status, 'ASSIGNED');
    assert.ok([u1, u2].includes(lead.assigned_to_user_id));
    assert.deepEqual(lead.processing_log.map((l: { stage: string; outcome: string }) => `${l.stage}:${l.outcome}`), ['mapping:ok', 'identity:ok', 'tagging:ok', 'assignment:ok']);
    const masked = await getLead(id, k.analystA);
    assert.equal(masked.lead_data.phone, '138****8001');
    assert.notEqual(masked.lead_data.email, 'ZhangSan@Example.com');

    // The next lead of the scene goes to the other agent (INCR counter).
    const r2 = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_type: 'WEB_FORM', submission_data: { name: '李四', phone: '13912345678', message: 'hi' } } });
    assert.equal(r2.status, 202);
    const second = await until('second lead', () => getLead(r2.body.data.lead_id));
    assert.notEqual(second.assigned_to_user_id, lead.assigned_to_user_id);
    assert.deepEqual(second.tags, []);

    const list = await api.call('GET', `/api/v1/leads?scene_config_id=${webId}&tags_contain_any=${encodeURIComponent('产品A意向')}`, { key: k.analystA });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.data.records.map((l: { lead_id: string }) => l.lead_id), [id]);
    const mine = await api.call('GET', `/api/v1/leads?assigned_to_user_id=${second.assigned_to_user_id}&status=ASSIGNED`, { key: k.analystA });
    assert.ok(mine.body.data.records.some((l: { lead_id: string }) => l.lead_id === second.lead_id));
    assert.equal((await api.call('GET', '/api/v1/leads', { key: k.supervisorB })).body.data.total, 0);

    const rows = await until('warehouse rows', async () => {
      const wh = api.deps.warehouse;
      const [leadRows, logRows] = await Promise.all([
        wh.query<{ phone_masked: string; phone_hash: string }>(`SELECT phone_masked, phone_hash FROM ${wh.tables.dwdLead} WHERE tenant_id = {t:String} AND lead_id = {id:String}`, { t: A, id }),
        wh.query<{ stage: string }>(`SELECT stage FROM ${wh.tables.leadProcessingLog} WHERE tenant_id = {t:String} AND lead_id = {id:String} ORDER BY seq`, { t: A, id }),
      ]);
      return leadRows.length === 1 && logRows.length === 4 ? { leadRows, logRows } : null;
    });
    assert.equal(rows.leadRows[0]!.phone_masked, '138****8001');
    assert.equal(rows.leadRows[0]!.phone_hash, hashPii(api.deps.pii, '+8613800138001'));
  });

  test('the same person from two sources is one identity (phone in another format, another scene)', async () => {
    const a = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_config_id: webId, submission_data: { name: '王五', phone: '13700001111', message: '' } } });
    const first = await until('first', () => getLead(a.body.data.lead_id));
    const b = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_config_id: importId, contact: { full_name: '王五', tel: '+86 137-0000-1111', mail: 'wangwu@corp.cn' } } });
    const second = await until('second', () => getLead(b.body.data.lead_id));
    assert.equal(second.lead_data.phone, '+8613700001111');
    assert.equal(second.identity_id, first.identity_id);
    assert.equal(second.identity.kind, 'match');
    assert.equal(second.scene_type, 'API_IMPORT');
    // A third source, the call-analysis hand-off, joins the same person by phone.
    await api.deps.redis.xadd(leadSignalKeys.stream(), '*', 'tenantId', A, 'phoneHash', hashPii(api.deps.pii, '+8613700001111'), 'phoneEnc', encryptPii(api.deps.pii, '+8613700001111'),
      'source', 'CALL_ANALYSIS', 'callId', `call-${namespace()}`, 'taskId', '', 'recordingId', 'r1', 'score', '0.9', 'intention', '高意向', 'at', String(Date.now()));
    const fromCall = await until('signal lead', async () => {
      const l = await api.call('GET', '/api/v1/leads?size=50', { key: k.supervisorA });
      return l.body.data.records.find((x: { source: string; lead_data: { phone?: string } }) => x.source === 'CALL_ANALYSIS' && x.lead_data.phone === '+8613700001111');
    });
    assert.equal(fromCall.identity_id, first.identity_id);
    const links = await until('identity links', async () => {
      const r = await api.deps.warehouse.query<{ identifier: string; weight: number; source: string }>(
        `SELECT identifier, weight, source FROM ${api.deps.warehouse.tables.leadIdentityLink} WHERE tenant_id = {t:String} AND identity_id = {i:String}`, { t: A, i: first.identity_id });
      return r.length >= 2 ? r : null;
    });
    assert.ok(links.every((l) => l.identifier === 'mobile' && Number(l.weight) === 1));
  });

  test('a number used by two different names is shared (FAQ Q2): the two people stay apart', async () => {
    const a = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_config_id: webId, submission_data: { name: '孙八', phone: '13722223333' } } });
    const first = await until('first', () => getLead(a.body.data.lead_id));
    const b = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_config_id: importId, contact: { full_name: '周九', mobile: '13722223333' } } });
    const second = await until('second', () => getLead(b.body.data.lead_id));
    assert.notEqual(second.identity_id, first.identity_id);
  });

  test('a number that becomes shared splits the identity it had joined, as the whole-graph answer says', async () => {
    const post = (name: string | null, email?: string) => api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_config_id: importId, contact: { ...(name ? { full_name: name } : {}), mobile: '13644445555', ...(email ? { mail: email } : {}) } } });
    const processed = async (r: Promise<{ body: { data: { lead_id: string } } }>) => {
      const id = (await r).body.data.lead_id;
      return until(id, () => getLead(id));
    };
    const a = await processed(post('郑一'));
    const b = await processed(post(null, 'zheng@corp.cn'));
    assert.equal(b.identity_id, a.identity_id);
    const c = await processed(post('冯二'));
    const recs = [a, b, c].map((l) => ({ record_id: l.lead_id, source: 'API_IMPORT', at: 1, strategy: 'ONEID' as const, mobile: '+8613644445555', email: l.lead_data.email ?? null, name: l.lead_data.name ?? null }));
    const expected = buildIdentityGraph(recs, {});
    const now = await Promise.all([a, b, c].map((l) => getLead(l.lead_id)));
    assert.deepEqual(now.map((l) => l.identity_id), recs.map((r) => expected.clusterOf.get(r.record_id)));
    assert.notEqual(now[2].identity_id, now[0].identity_id, 'the second name is another person');
    assert.notEqual(now[1].identity_id, now[0].identity_id, 'the nameless record joined only through the now-shared number: split off');
  });

  test('re-sending with the same Idempotency-Key returns the first lead id and creates nothing', async () => {
    const body = { scene_config_id: webId, submission_data: { name: '赵六', phone: '13655556666' } };
    const headers = { 'idempotency-key': `idem-${namespace()}` };
    const r1 = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body, headers });
    const r2 = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body, headers });
    assert.equal(r1.status, 202);
    assert.equal(r2.status, 202);
    assert.equal(r2.body.data.lead_id, r1.body.data.lead_id);
    assert.equal(r2.headers.get('idempotent-replayed'), 'true');
    await until('lead', () => getLead(r1.body.data.lead_id));
    const all = await api.call('GET', '/api/v1/leads?size=200', { key: k.supervisorA });
    assert.equal(all.body.data.records.filter((l: { lead_data: { name?: string } }) => l.lead_data.name === '赵六').length, 1);
  });

  test('401, 403 and 422 on ingestion', async () => {
    const body = { scene_config_id: webId, submission_data: { phone: '13800000001' } };
    assert.equal((await api.call('POST', '/api/v1/leads/ingestions', { body })).status, 401);
    assert.equal((await api.call('POST', '/api/v1/leads/ingestions', { key: k.viewerA, body })).status, 403);
    const none = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { submission_data: {} } });
    assert.equal(none.status, 422);
    assert.equal(none.body.errors![0]!.field, 'body.scene_config_id');
    const unknown = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_type: 'QR_CODE_SCAN' } });
    assert.deepEqual(unknown.body.errors!.map((e) => [e.field, e.rule]), [['body.scene_type', 'exists']]);
    const otherTenant = await api.call('POST', '/api/v1/leads/ingestions', { key: k.supervisorB, body });
    assert.equal(otherTenant.status, 422, 'another tenant\'s scene is unknown');
    const noPhone = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_config_id: webId, submission_data: { name: 'x' } } });
    assert.deepEqual(noPhone.body.errors!.map((e) => [e.field, e.rule]), [['body.phone', 'required']]);
  });

  test('manual assignment: new version, logged; unknown user 422', async () => {
    const r = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_config_id: importId, contact: { full_name: '钱七', mobile: '13511112222' } } });
    const lead = await until('lead', () => getLead(r.body.data.lead_id));
    assert.equal(lead.status, 'NEW');
    assert.equal((await api.call('POST', `/api/v1/leads/${lead.lead_id}/assign`, { key: k.supervisorA, body: { user_id: 'nobody' } })).status, 422);
    assert.equal((await api.call('POST', `/api/v1/leads/${lead.lead_id}/assign`, { key: k.analystA, body: { user_id: u1 } })).status, 403);
    const a = await api.call('POST', `/api/v1/leads/${lead.lead_id}/assign`, { key: k.supervisorA, body: { user_id: u1 } });
    assert.equal(a.status, 200);
    assert.deepEqual([a.body.data.status, a.body.data.assigned_to_user_id, a.body.data.version], ['ASSIGNED', u1, 2]);
    assert.match(a.body.data.processing_log.at(-1).detail, /manually/);
    const versions = await until('both lead versions in dwd_lead', async () => {
      const r = await api.deps.warehouse.query<{ version: string; assigned_to_user_id: string }>(
        `SELECT version, assigned_to_user_id FROM ${api.deps.warehouse.tables.dwdLead} WHERE tenant_id = {t:String} AND lead_id = {id:String} ORDER BY version`, { t: A, id: lead.lead_id });
      return r.length === 2 ? r : null;
    });
    assert.deepEqual(versions.map((v) => [Number(v.version), v.assigned_to_user_id]), [[1, ''], [2, u1]]);
  });

  test('PUT /leads/{id}: allowed status moves and notes; a move the table forbids is 409', async () => {
    const r = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_config_id: importId, contact: { full_name: '吴十', mobile: '13533334444' } } });
    const lead = await until('lead', () => getLead(r.body.data.lead_id));
    assert.equal((await api.call('PUT', `/api/v1/leads/${lead.lead_id}`, { key: k.analystA, body: { status: 'QUALIFIED' } })).status, 403);
    const q = await api.call('PUT', `/api/v1/leads/${lead.lead_id}`, { key: k.supervisorA, body: { status: 'QUALIFIED', notes: '有预算' } });
    assert.equal(q.status, 200);
    assert.deepEqual([q.body.data.status, q.body.data.notes, q.body.data.version], ['QUALIFIED', '有预算', 2]);
    assert.equal((await api.call('PUT', `/api/v1/leads/${lead.lead_id}`, { key: k.supervisorA, body: { status: 'CLOSED' } })).status, 200);
    const back = await api.call('PUT', `/api/v1/leads/${lead.lead_id}`, { key: k.supervisorA, body: { status: 'NEW' } });
    assert.equal(back.status, 409);
    assert.equal((await api.call('PUT', `/api/v1/leads/${lead.lead_id}`, { key: k.supervisorA, body: { status: 'LOST' } })).status, 422);
    assert.deepEqual((await getLead(lead.lead_id)).processing_log.filter((e: { stage: string }) => e.stage === 'status').map((e: { detail: string }) => e.detail.split(' by ')[0]), ['NEW -> QUALIFIED', 'QUALIFIED -> CLOSED']);
  });

  test('an entry whose scene is gone goes to the dead-letter stream with the reason', async () => {
    const marker = `lead-${namespace()}`;
    await api.deps.redis.xadd(leadKeys.ingest(), '*', 't', A, 'lead', marker, 'scene', 'sc_missing', 'src', 'API_IMPORT', 'ext', '', 'body', '{}', 'at', String(Date.now()));
    const dead = await until('dead letter', async () => {
      const entries = await api.deps.redis.xrevrange(leadKeys.dlq(A), '+', '-', 'COUNT', 50);
      return entries.find(([, f]) => f.some((v) => v.includes(marker))) ?? null;
    });
    const f = dead[1];
    assert.match(f[f.indexOf('reason') + 1]!, /^scene_not_found/);
    assert.equal(await getLead(marker), null);
  });
});
