// Assignee profiles, load and the assignment dry run (issue 5 items 2 and 6) against the real
// stack: profiles drive the pipeline's strategies end to end (skill routing, away users skipped,
// least_load on the real open-lead count), and the dry run replays past leads without moving the
// live round-robin counter.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { isolatedRedisUrl, namespace } from '../../test/support/services.js';
import { leadKeys } from '../src/leads/pipeline/lead-store.js';
import { until } from '../../test/support/wait.js';

let api: TestApi;
const A = namespace('aa');
const B = namespace('ab');
const k: Record<string, string> = {};
const u: string[] = [];
let phoneSeq = 0;
const phone = () => `139${String(Date.now() % 1e4).padStart(4, '0')}${String(1000 + phoneSeq++).slice(-4)}`;

const getLead = async (id: string) => {
  const r = await api.call('GET', `/api/v1/leads/${id}`, { key: k.supervisorA });
  return r.status === 200 ? r.body.data : null;
};

/** Ingests one lead and waits until the pipeline stored it. */
async function ingest(sceneId: string, message = 'hello'): Promise<{ lead_id: string; assigned_to_user_id: string | null; processing_log: { stage: string; detail: string }[] }> {
  const r = await api.call('POST', '/api/v1/leads/ingestions', { key: k.integratorA, body: { scene_config_id: sceneId, phone: phone(), message } });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  return until('lead processed', () => getLead(r.body.data.lead_id));
}

async function createScene(name: string, assignment_rules: unknown, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: {
    scene_name: name, scene_type: 'API_IMPORT',
    data_mapping_rules: { fields: [{ target: 'phone', source: 'phone', type: 'phone' }, { target: 'message', source: 'message' }] },
    assignment_rules, ...extra,
  } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.data.scene_config_id;
}

const putProfile = async (userId: string, body: unknown, key = k.supervisorA) => api.call('PUT', `/api/v1/leads/assignees/${userId}`, { key, body });
const loadOf = async (userId: string) => (await api.call('GET', `/api/v1/leads/assignees/${userId}`, { key: k.supervisorA })).body.data.load as number;

before(async () => {
  api = await startTestApi({ redisUrl: isolatedRedisUrl() });
  k.supervisorA = await api.keyFor(A, 'supervisor');
  k.analystA = await api.keyFor(A, 'analyst');
  k.integratorA = await api.keyFor(A, 'integrator');
  k.supervisorB = await api.keyFor(B, 'supervisor');
  for (let i = 0; i < 8; i++) u.push((await api.deps.identity.createUser(A, { name: `agent ${i}`, role: 'supervisor' })).userId);
  assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: 'english' } })).status, 201);
});

after(async () => {
  await api?.close();
});

describe('assignee profiles', () => {
  test('GET defaults, PUT (new version, fields kept), 422 for bad zones and times, 404 across tenants, 403 without lead:assign', async () => {
    const g = await api.call('GET', `/api/v1/leads/assignees/${u[0]}`, { key: k.analystA });
    assert.equal(g.status, 200);
    assert.deepEqual([g.body.data.status, g.body.data.version, g.body.data.load, g.body.data.account_status, g.body.data.skills], ['active', 0, 0, 'ACTIVE', []]);
    const p1 = await putProfile(u[0]!, { skills: ['english', 'mandarin'], regions: ['上海'], max_load: 50, time_zone: 'Asia/Shanghai', working_hours: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' }] });
    assert.equal(p1.status, 200, JSON.stringify(p1.body));
    const p2 = await putProfile(u[0]!, { weight: 3 });
    assert.deepEqual([p2.body.data.version, p2.body.data.weight, p2.body.data.skills, p2.body.data.max_load], [2, 3, ['english', 'mandarin'], 50]);
    const bad = await putProfile(u[0]!, { time_zone: 'Mars/Base', working_hours: [{ days: [9], start: '25:00', end: '18:00' }] });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors!.map((e) => e.field), ['body.time_zone', 'body.working_hours[0].start', 'body.working_hours[0].days[0]']);
    assert.equal((await putProfile(u[0]!, { status: 'disabled' })).status, 422, 'disabled belongs to the account');
    assert.equal((await putProfile('nobody', { weight: 1 })).status, 404);
    assert.equal((await api.call('GET', `/api/v1/leads/assignees/${u[0]}`, { key: k.supervisorB })).status, 404, 'another tenant');
    assert.equal((await putProfile(u[0]!, { weight: 1 }, k.analystA)).status, 403);
    assert.equal((await api.call('GET', `/api/v1/leads/assignees/${u[0]}`, { key: k.supervisorA })).body.data.weight, 3, 'refused writes changed nothing');
    await putProfile(u[0]!, { skills: [], regions: [], max_load: null, working_hours: [], weight: 1 });
    const rows = await until('three profile versions in the warehouse', async () => {
      const r = await api.deps.warehouse.query<{ version: string; skills: string[]; max_load: string; weight: number }>(
        `SELECT version, skills, max_load, weight FROM ${api.deps.warehouse.tables.dimLeadAssignee} WHERE tenant_id = {t:String} AND user_id = {u:String} ORDER BY version`, { t: A, u: u[0]! });
      return r.length === 3 ? r : null;
    });
    assert.deepEqual(rows.map((r) => [Number(r.version), r.skills, Number(r.max_load), Number(r.weight)]), [[1, ['english', 'mandarin'], 50, 1], [2, ['english', 'mandarin'], 50, 3], [3, [], -1, 1]]);
  });
});

describe('profiles in the pipeline', () => {
  test('skill routing: leads tagged english go to the one user with that skill; others fall through to round robin', async () => {
    assert.equal((await putProfile(u[1]!, { skills: ['english'] })).status, 200);
    const scene = await createScene('skills', { rule_id: 'sk', pool: [u[0], u[1], u[2]], chain: [{ type: 'skill' }, { type: 'round_robin' }] }, {
      auto_tagging_rules: [{ id: 'en', when: { field: 'message', op: 'contains', value: 'english' }, actions: { add: ['english'] } }],
    });
    for (let i = 0; i < 4; i++) {
      const l = await ingest(scene, `need an english speaker ${i}`);
      assert.equal(l.assigned_to_user_id, u[1], `lead ${i}`);
      assert.match(l.processing_log.find((e) => e.stage === 'assignment')!.detail, /by skill/);
    }
    const others = [await ingest(scene, 'hi'), await ingest(scene, 'hi'), await ingest(scene, 'hi')];
    assert.deepEqual(new Set(others.map((l) => l.assigned_to_user_id)), new Set([u[0], u[1], u[2]]), 'untagged leads go round robin over the pool');
  });

  test('an away user is skipped, and gets leads again once back', async () => {
    const scene = await createScene('away', { rule_id: 'aw', pool: [u[3], u[4]], chain: [{ type: 'round_robin' }] });
    assert.equal((await putProfile(u[3]!, { status: 'away' })).status, 200);
    for (let i = 0; i < 3; i++) assert.equal((await ingest(scene)).assigned_to_user_id, u[4]);
    await putProfile(u[3]!, { status: 'active' });
    const back = [await ingest(scene), await ingest(scene)];
    assert.ok(back.some((l) => l.assigned_to_user_id === u[3]), 'round robin includes the returned user');
  });

  test('least_load reads the real open-lead count; closing a lead lowers it; capacity is respected', async () => {
    const fixed = await createScene('fixed', { rule_id: 'fx', pool: [u[5]], chain: [{ type: 'user', user_id: u[5] }] });
    const held = [await ingest(fixed), await ingest(fixed), await ingest(fixed)];
    assert.ok(held.every((l) => l.assigned_to_user_id === u[5]));
    assert.equal(await loadOf(u[5]!), 3);
    const ll = await createScene('least', { rule_id: 'll', pool: [u[5], u[6]], chain: [{ type: 'least_load' }] });
    assert.deepEqual([(await ingest(ll)).assigned_to_user_id, (await ingest(ll)).assigned_to_user_id, (await ingest(ll)).assigned_to_user_id], [u[6], u[6], u[6]]);
    assert.equal(await loadOf(u[6]!), 3);
    // Closing two of u5's leads makes u5 the least loaded.
    for (const l of held.slice(0, 2)) assert.equal((await api.call('PUT', `/api/v1/leads/${l.lead_id}`, { key: k.supervisorA, body: { status: 'CLOSED' } })).status, 200);
    assert.equal(await loadOf(u[5]!), 1);
    assert.equal((await ingest(ll)).assigned_to_user_id, u[5]);
    // Manual reassignment moves the load.
    assert.equal((await api.call('POST', `/api/v1/leads/${held[2]!.lead_id}/assign`, { key: k.supervisorA, body: { user_id: u[6] } })).status, 200);
    assert.deepEqual([await loadOf(u[5]!), await loadOf(u[6]!)], [1, 4]);
    // At capacity nobody is eligible: the lead is queued.
    await putProfile(u[5]!, { max_load: 1 });
    await putProfile(u[6]!, { max_load: 4 });
    const capped = await createScene('capped', { rule_id: 'cp', pool: [u[5], u[6]], chain: [{ type: 'least_load' }], fallback_queue: 'overflow' });
    const q = await ingest(capped);
    assert.equal(q.assigned_to_user_id, null);
    assert.match(q.processing_log.find((e) => e.stage === 'assignment')!.detail, /queued overflow/);
  });
});

describe('assignment dry run', () => {
  test('round robin over N past leads: the expected split, compared with the actual one; the live counter does not move', async () => {
    const pool = [u[0]!, u[2]!, u[7]!];
    const scene = await createScene('dry', { rule_id: 'dry', pool, chain: [{ type: 'round_robin' }] });
    const leads = [];
    for (let i = 0; i < 6; i++) leads.push(await ingest(scene));
    const counter = leadKeys.roundRobin(A, 'dry:0:all');
    assert.equal(await api.deps.redis.get(counter), '6');
    const keysBefore = (await api.deps.redis.keys(leadKeys.roundRobin(A, '*'))).sort();

    const same = await api.call('POST', `/api/v1/scenes/configurations/${scene}/assignment-dry-run`, { key: k.analystA, body: {} });
    assert.equal(same.status, 200, JSON.stringify(same.body));
    assert.equal(same.body.data.total, 6);
    assert.deepEqual(same.body.data.per_user, Object.fromEntries(pool.map((id) => [id, 2])));
    assert.deepEqual(same.body.data.actual.per_user, Object.fromEntries(pool.map((id) => [id, 2])));

    const draft = await api.call('POST', `/api/v1/scenes/configurations/${scene}/assignment-dry-run`, { key: k.supervisorA, body: {
      assignment_rules: { rule_id: 'draft', pool: [u[0], u[2]], chain: [{ type: 'round_robin' }] },
    } });
    assert.equal(draft.status, 200);
    assert.deepEqual(draft.body.data.per_user, { [u[0]!]: 3, [u[2]!]: 3 });
    assert.deepEqual(draft.body.data.change, { [u[0]!]: 1, [u[2]!]: 1, [u[7]!]: -2 });
    assert.deepEqual([draft.body.data.unassigned, draft.body.data.queued], [0, {}]);

    // An away user in the draft is reported, and the leads queue when no one is left.
    await putProfile(u[7]!, { status: 'away' });
    const away = await api.call('POST', `/api/v1/scenes/configurations/${scene}/assignment-dry-run`, { key: k.supervisorA, body: {
      assignment_rules: { rule_id: 'd2', pool: [u[7]], chain: [{ type: 'round_robin' }], fallback_queue: 'night' }, limit: 4,
    } });
    assert.deepEqual([away.body.data.total, away.body.data.queued, away.body.data.skipped[u[7]!]], [4, { night: 4 }, { away: 4 }]);
    await putProfile(u[7]!, { status: 'active' });

    const window = await api.call('POST', `/api/v1/scenes/configurations/${scene}/assignment-dry-run`, { key: k.supervisorA, body: { from: new Date(Date.now() + 60_000).toISOString() } });
    assert.equal(window.body.data.total, 0, 'no leads after from');

    assert.equal(await api.deps.redis.get(counter), '6', 'the live counter did not move');
    assert.deepEqual((await api.deps.redis.keys(leadKeys.roundRobin(A, '*'))).sort(), keysBefore, 'no counter was created');
    const next = await ingest(scene);
    assert.equal(next.assigned_to_user_id, [...pool].sort()[6 % 3], 'the next live lead continues the live sequence (ticket 6 over the sorted pool)');

    const bad = await api.call('POST', `/api/v1/scenes/configurations/${scene}/assignment-dry-run`, { key: k.supervisorA, body: {
      assignment_rules: { rule_id: 'x', pool: 'all', chain: [{ type: 'teleport' }] }, from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z',
    } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors!.map((e) => e.field), ['body.assignment_rules.pool', 'body.assignment_rules.chain[0].type', 'body.to']);
    assert.equal((await api.call('POST', `/api/v1/scenes/configurations/${scene}/assignment-dry-run`, { key: k.supervisorB, body: {} })).status, 404);
    assert.equal((await api.call('POST', `/api/v1/scenes/configurations/${scene}/assignment-dry-run`, { key: k.integratorA, body: {} })).status, 403);
  });
});
