// Channels and tag definitions (issue 5 item 2, spec 000 §四.4/§四.5/§九.3) against the real
// stack: CRUD with versions in the warehouse, tenant isolation, permissions, deletes refused while
// an enabled scene uses them, and scene saves refused (422, every bad reference by JSON path)
// when they name users, tags or channels that do not exist.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { isolatedRedisUrl, namespace } from '../../test/support/services.js';
import { until } from '../../test/support/wait.js';

let api: TestApi;
const A = namespace('ca');
const B = namespace('cb');
const k: Record<string, string> = {};
let u1 = '';
let gone = '';

before(async () => {
  api = await startTestApi({ redisUrl: isolatedRedisUrl() });
  k.supervisorA = await api.keyFor(A, 'supervisor');
  k.analystA = await api.keyFor(A, 'analyst');
  k.integratorA = await api.keyFor(A, 'integrator');
  k.supervisorB = await api.keyFor(B, 'supervisor');
  u1 = (await api.deps.identity.createUser(A, { name: 'agent 1', role: 'supervisor' })).userId;
  gone = (await api.deps.identity.createUser(A, { name: 'left the company', role: 'supervisor' })).userId;
  await api.deps.identity.updateUser(A, gone, { status: 'DISABLED' });
});

after(async () => {
  await api?.close();
});

const scene = (over: Record<string, unknown> = {}) => ({
  scene_name: 'form', scene_type: 'WEB_FORM', source_channel_default_id: 'baidu',
  data_mapping_rules: { fields: [{ target: 'phone', source: 'phone' }, { target: 'message', source: 'message' }] },
  auto_tagging_rules: [{ id: 'hot', when: { field: 'message', op: 'contains', value: '急' }, actions: { add: ['高意向'] } }],
  assignment_rules: { rule_id: 'rr', pool: [u1], chain: [{ type: 'round_robin' }] },
  ...over,
});

describe('channels', () => {
  test('create, read, list paged, update (new version), tenant isolation, 403/422/409; every version in dim_channel', async () => {
    const c = await api.call('POST', '/api/v1/channels', { key: k.supervisorA, body: { channel_id: 'baidu', name: '百度推广', channel_type: 'PAID_SEARCH' } });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    assert.deepEqual([c.body.data.channel_id, c.body.data.version, c.body.data.is_active, c.body.data.tenant_id], ['baidu', 1, true, undefined]);
    assert.equal((await api.call('POST', '/api/v1/channels', { key: k.supervisorA, body: { channel_id: 'baidu', name: 'again' } })).status, 409, 'an existing id');
    const gen = await api.call('POST', '/api/v1/channels', { key: k.supervisorA, body: { name: '线下展会', channel_type: 'OFFLINE_EVENT' } });
    assert.match(gen.body.data.channel_id, /^ch_[0-9a-f]{20}$/);
    const bad = await api.call('POST', '/api/v1/channels', { key: k.supervisorA, body: { channel_id: 'has space', name: '', channel_type: 'TV' } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors!.map((e) => e.field).sort(), ['body.channel_id', 'body.channel_type', 'body.name']);
    assert.equal((await api.call('POST', '/api/v1/channels', { key: k.analystA, body: { name: 'x' } })).status, 403);
    assert.equal((await api.call('GET', '/api/v1/channels/baidu', { key: k.analystA })).status, 200, 'analysts read');
    assert.equal((await api.call('GET', '/api/v1/channels/baidu', { key: k.integratorA })).status, 403);

    const page = await api.call('GET', '/api/v1/channels?size=1&sort=name&order=asc', { key: k.supervisorA });
    assert.equal(page.status, 200);
    assert.deepEqual([page.body.data.total, page.body.data.pages, page.body.data.records.length], [2, 2, 1]);
    const page2 = await api.call('GET', '/api/v1/channels?size=1&page=2&sort=name&order=asc', { key: k.supervisorA });
    assert.deepEqual(new Set([page.body.data.records[0].name, page2.body.data.records[0].name]), new Set(['百度推广', '线下展会']));
    const filtered = await api.call('GET', '/api/v1/channels?channel_type=PAID_SEARCH', { key: k.supervisorA });
    assert.deepEqual(filtered.body.data.records.map((r: { channel_id: string }) => r.channel_id), ['baidu']);

    const u = await api.call('PUT', '/api/v1/channels/baidu', { key: k.supervisorA, body: { name: '百度 SEM' } });
    assert.deepEqual([u.status, u.body.data.version, u.body.data.name, u.body.data.channel_type], [200, 2, '百度 SEM', 'PAID_SEARCH']);
    assert.equal((await api.call('PUT', '/api/v1/channels/baidu', { key: k.supervisorA, body: { channel_id: 'other' } })).status, 422, 'the id is fixed');

    assert.equal((await api.call('GET', '/api/v1/channels/baidu', { key: k.supervisorB })).status, 404, 'another tenant');
    assert.equal((await api.call('PUT', '/api/v1/channels/baidu', { key: k.supervisorB, body: { name: 'mine' } })).status, 404);
    assert.equal((await api.call('DELETE', '/api/v1/channels/baidu', { key: k.supervisorB })).status, 404);
    assert.equal((await api.call('GET', '/api/v1/channels', { key: k.supervisorB })).body.data.total, 0);
    // Tenant B may use the same id for its own channel.
    assert.equal((await api.call('POST', '/api/v1/channels', { key: k.supervisorB, body: { channel_id: 'baidu', name: 'B 的百度' } })).status, 201);
    assert.equal((await api.call('GET', '/api/v1/channels/baidu', { key: k.supervisorA })).body.data.name, '百度 SEM');

    // A delete is refused while an enabled scene uses the channel, allowed once the scene is disabled.
    assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: '高意向' } })).status, 201);
    const s = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: scene() });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    const refused = await api.call('DELETE', '/api/v1/channels/baidu', { key: k.supervisorA });
    assert.equal(refused.status, 409);
    assert.match(JSON.stringify(refused.body), new RegExp(s.body.data.scene_config_id));
    assert.equal((await api.call('PUT', `/api/v1/scenes/configurations/${s.body.data.scene_config_id}`, { key: k.supervisorA, body: { is_enabled: false } })).status, 200);
    assert.equal((await api.call('DELETE', '/api/v1/channels/baidu', { key: k.supervisorA })).status, 200);
    assert.equal((await api.call('GET', '/api/v1/channels/baidu', { key: k.supervisorA })).status, 404);

    const rows = await until('three channel versions in the warehouse', async () => {
      const r = await api.deps.warehouse.query<{ version: string; deleted: number; name: string }>(
        `SELECT version, deleted, name FROM ${api.deps.warehouse.tables.dimChannel} WHERE tenant_id = {t:String} AND channel_id = 'baidu' ORDER BY version`, { t: A });
      return r.length === 3 ? r : null;
    });
    assert.deepEqual(rows.map((r) => [Number(r.version), Number(r.deleted), r.name]), [[1, 0, '百度推广'], [2, 0, '百度 SEM'], [3, 1, '百度 SEM']]);
  });
});

describe('tag definitions', () => {
  test('unique names per tenant, rename and delete refused while an enabled scene uses the tag; versions in dim_lead_tag_definition', async () => {
    const c = await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: 'VIP', tag_group: '客户等级' } });
    assert.equal(c.status, 201);
    const id = c.body.data.tag_id as string;
    assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: 'VIP' } })).status, 409, 'names are unique');
    assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorB, body: { name: 'VIP' } })).status, 201, 'per tenant');
    assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: 'a,b' } })).status, 422);
    assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: k.analystA, body: { name: 'x' } })).status, 403);
    assert.equal((await api.call('GET', `/api/v1/lead-tags/${id}`, { key: k.supervisorB })).status, 404);
    const grp = await api.call('GET', `/api/v1/lead-tags?tag_group=${encodeURIComponent('客户等级')}`, { key: k.analystA });
    assert.deepEqual(grp.body.data.records.map((r: { name: string }) => r.name), ['VIP']);

    const r1 = await api.call('PUT', `/api/v1/lead-tags/${id}`, { key: k.supervisorA, body: { name: '贵宾' } });
    assert.deepEqual([r1.status, r1.body.data.version, r1.body.data.name], [200, 2, '贵宾']);
    // The old name is free again, the new one is taken.
    const other = await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: 'VIP' } });
    assert.equal(other.status, 201);
    assert.equal((await api.call('PUT', `/api/v1/lead-tags/${other.body.data.tag_id}`, { key: k.supervisorA, body: { name: '贵宾' } })).status, 409);

    const s = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: scene({
      source_channel_default_id: null,
      auto_tagging_rules: [{ id: 'v', when: { field: 'message', op: 'exists' }, actions: { add: ['贵宾'] } }],
    }) });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    assert.equal((await api.call('PUT', `/api/v1/lead-tags/${id}`, { key: k.supervisorA, body: { name: 'VVIP' } })).status, 409, 'rename of a used tag');
    assert.equal((await api.call('PUT', `/api/v1/lead-tags/${id}`, { key: k.supervisorA, body: { tag_group: '等级' } })).status, 200, 'other fields may change');
    assert.equal((await api.call('DELETE', `/api/v1/lead-tags/${id}`, { key: k.supervisorA })).status, 409);
    assert.equal((await api.call('DELETE', `/api/v1/scenes/configurations/${s.body.data.scene_config_id}`, { key: k.supervisorA })).status, 200);
    assert.equal((await api.call('DELETE', `/api/v1/lead-tags/${id}`, { key: k.supervisorA })).status, 200);
    assert.equal((await api.call('GET', `/api/v1/lead-tags/${id}`, { key: k.supervisorA })).status, 404);
    assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: '贵宾' } })).status, 201, 'a deleted name is free');

    const rows = await until('four tag versions in the warehouse', async () => {
      const r = await api.deps.warehouse.query<{ version: string; deleted: number; name: string; tag_group: string }>(
        `SELECT version, deleted, name, tag_group FROM ${api.deps.warehouse.tables.dimLeadTagDefinition} WHERE tenant_id = {t:String} AND tag_id = {id:String} ORDER BY version`, { t: A, id });
      return r.length === 4 ? r : null;
    });
    assert.deepEqual(rows.map((r) => [Number(r.version), Number(r.deleted), r.name, r.tag_group]), [[1, 0, 'VIP', '客户等级'], [2, 0, '贵宾', '客户等级'], [3, 0, '贵宾', '等级'], [4, 1, '贵宾', '等级']]);
  });
});

describe('scene references (spec 000 §九.3)', () => {
  test('unknown or disabled users, undefined tags, unknown/inactive/other-tenant channels: one 422 naming each by path', async () => {
    await api.call('POST', '/api/v1/channels', { key: k.supervisorA, body: { channel_id: 'expo', name: '展会', is_active: false } });
    await api.call('POST', '/api/v1/channels', { key: k.supervisorB, body: { channel_id: 'b_only', name: 'B' } });
    const body = scene({
      source_channel_default_id: 'expo',
      auto_tagging_rules: [{ id: 't', when: { field: 'message', op: 'exists' }, actions: { add: ['高意向', '不存在'], remove: ['也不存在'] } }],
      assignment_rules: { rule_id: 'r', pool: [u1, 'nobody', gone], chain: [{ type: 'user', user_id: 'ghost' }, { type: 'round_robin' }] },
    });
    const r = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body });
    assert.equal(r.status, 422);
    assert.deepEqual(r.body.errors!.map((e) => [e.field, e.rule]).sort(), [
      ['body.assignment_rules.chain[0].user_id', 'exists'], ['body.assignment_rules.pool[1]', 'exists'], ['body.assignment_rules.pool[2]', 'exists'],
      ['body.auto_tagging_rules[0].actions.add[1]', 'exists'], ['body.auto_tagging_rules[0].actions.remove[0]', 'exists'], ['body.source_channel_default_id', 'exists'],
    ].sort());
    // Shape errors and reference errors come in one list.
    const both = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: { ...body, scene_type: 'FAX', source_channel_default_id: 'b_only' } });
    const fields = both.body.errors!.map((e) => e.field);
    assert.ok(fields.includes('body.scene_type') && fields.includes('body.source_channel_default_id'), fields.join(','));
    // An update is checked on what it changes.
    assert.equal((await api.call('POST', '/api/v1/channels', { key: k.supervisorA, body: { channel_id: 'ok', name: 'ok' } })).status, 201);
    const s = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: scene({ source_channel_default_id: 'ok' }) });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    const up = await api.call('PUT', `/api/v1/scenes/configurations/${s.body.data.scene_config_id}`, { key: k.supervisorA, body: { assignment_rules: { rule_id: 'r', pool: [gone], chain: [{ type: 'random' }] } } });
    assert.deepEqual([up.status, up.body.errors?.map((e) => e.field)], [422, ['body.assignment_rules.pool[0]']]);
    assert.equal((await api.call('PUT', `/api/v1/scenes/configurations/${s.body.data.scene_config_id}`, { key: k.supervisorA, body: { scene_name: 'renamed' } })).status, 200);
  });
});
