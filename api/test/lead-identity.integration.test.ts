// OneID over the API (issue 5 item 4) against the real stack: leads go through the real pipeline
// worker; then identity view and explain, the review queue (name+company suggestions), merge
// preview / merge / unmerge with re-derived identities and tags, separations honoured by the
// pipeline for later leads, warehouse action rows, and the 403/404/422 answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { leadSignalKeys } from '../../common/call-tasks/model.js';
import { encryptPii, hashPii } from '../../common/pii.js';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { isolatedRedisUrl, namespace } from '../../test/support/services.js';
import { OneIdRaceError, oneIdKeys, PipelineOneId } from '../src/leads/identity/identity-store.js';
import { leadKeys } from '../src/leads/pipeline/lead-store.js';
import { until } from '../../test/support/wait.js';

let api: TestApi;
const A = namespace('ia');
const B = namespace('ib');
const k: Record<string, string> = {};
let webId = '';

const getLead = async (id: string, key = k.supervisorA!) => {
  const r = await api.call('GET', `/api/v1/leads/${id}`, { key });
  return r.status === 200 ? r.body.data : null;
};

/** A web-form lead through the real ingestion route and pipeline; returns the processed lead. */
async function webLead(d: { name?: string; phone: string; email?: string; company?: string }) {
  const r = await api.call('POST', '/api/v1/leads/ingestions', { key: k.supervisorA, body: { scene_config_id: webId, submission_data: d } });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  return until(`lead ${r.body.data.lead_id}`, () => getLead(r.body.data.lead_id));
}

const identityOf = async (id: string) => (await getLead(id)).identity_id as string;
const post = (path: string, body: unknown, key = k.supervisorA) => api.call('POST', `/api/v1${path}`, { key, body });

before(async () => {
  api = await startTestApi({ redisUrl: isolatedRedisUrl() });
  k.supervisorA = await api.keyFor(A, 'supervisor');
  k.analystA = await api.keyFor(A, 'analyst');
  k.viewerA = await api.keyFor(A, 'viewer');
  k.supervisorB = await api.keyFor(B, 'supervisor');
  // Scene tag rules may only add defined tags (the tag catalogue, /lead-tags).
  const tag = await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: 'B2B' } });
  if (tag.status !== 404) assert.equal(tag.status, 201, JSON.stringify(tag.body));
  const w = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: {
    scene_name: '官网表单', scene_type: 'WEB_FORM', deduplication_strategy: 'ONEID',
    data_mapping_rules: { fields: [
      { target: 'name', source: 'submission_data.name' }, { target: 'phone', source: 'submission_data.phone', required: true },
      { target: 'email', source: 'submission_data.email' }, { target: 'company', source: 'submission_data.company' },
    ] },
    // Depends on the identity: a lead without a company of its own is B2B while its identity has one.
    auto_tagging_rules: [{ id: 'b2b', when: { field: 'company', op: 'exists' }, actions: { add: ['B2B'] } }],
  } });
  assert.equal(w.status, 201, JSON.stringify(w.body));
  webId = w.body.data.scene_config_id;
});

after(async () => {
  await api?.close();
});

describe('OneID identity over the API', () => {
  let x = '';
  let y = '';

  test('same mobile from a web form and a call is one identity; explain shows the mobile link (1.0), values masked', async () => {
    const form = await webLead({ name: '赵一', phone: '13790461827', company: '甲公司' });
    x = form.lead_id;
    await api.deps.redis.xadd(leadSignalKeys.stream(), '*', 'tenantId', A, 'phoneHash', hashPii(api.deps.pii, '+8613790461827'), 'phoneEnc', encryptPii(api.deps.pii, '+8613790461827'),
      'source', 'CALL_ANALYSIS', 'callId', `call-${namespace()}`, 'taskId', '', 'recordingId', 'r1', 'score', '0.9', 'intention', '高意向', 'at', String(Date.now()));
    const call = await until('call lead', async () => {
      const l = await api.call('GET', '/api/v1/leads?size=50', { key: k.supervisorA });
      return l.body.data.records.find((r: { source: string }) => r.source === 'CALL_ANALYSIS');
    });
    y = call.lead_id;
    assert.equal(call.identity_id, x);

    const ident = await api.call('GET', `/api/v1/leads/${y}/identity`, { key: k.analystA });
    assert.equal(ident.status, 200, JSON.stringify(ident.body));
    assert.equal(ident.body.data.identity_id, x);
    assert.deepEqual(ident.body.data.members.map((m: { lead_id: string }) => m.lead_id).sort(), [x, y].sort());
    const link = ident.body.data.links.find((l: { kind: string }) => l.kind === 'mobile');
    assert.equal(link.weight, 1);
    assert.equal(link.value_masked, '137****1827');
    assert.equal(link.value_hash, hashPii(api.deps.pii, 'mobile:+8613790461827'));
    const text = JSON.stringify(ident.body);
    assert.ok(!text.includes('13790461827'), 'no phone number in clear');

    const why = await api.call('GET', `/api/v1/leads/${x}/identity/explain?with=${y}`, { key: k.analystA });
    assert.equal(why.status, 200);
    assert.equal(why.body.data.same_identity, true);
    assert.deepEqual(why.body.data.path.map((l: { kind: string; weight: number }) => [l.kind, l.weight]), [['mobile', 1]]);
  });

  test('name+company only: a suggestion in the review queue, not merged; accepting it merges', async () => {
    const a = await webLead({ name: '钱二', phone: '13851739264', company: '乙公司' });
    const b = await webLead({ name: '钱二', phone: '13962840571', company: '乙公司' });
    assert.notEqual(b.identity_id, a.identity_id);
    const why = await api.call('GET', `/api/v1/leads/${a.lead_id}/identity/explain?with=${b.lead_id}`, { key: k.analystA });
    assert.deepEqual([why.body.data.same_identity, why.body.data.reason], [false, 'below_auto_merge_threshold']);
    assert.equal(why.body.data.links[0].value_masked, null, 'name+company is never shown');
    const q = await until('review item', async () => {
      const r = await api.call('GET', '/api/v1/leads/identity-reviews?size=50', { key: k.analystA });
      return r.body.data.records.find((x: { lead_ids: string[] }) => x.lead_ids.includes(b.lead_id));
    });
    assert.deepEqual([q.kind, q.identifier, q.weight, q.status], ['suggestion', 'name_company', 0.7, 'pending']);
    assert.deepEqual(q.lead_ids.sort(), [a.lead_id, b.lead_id].sort());
    const shown = await api.call('GET', `/api/v1/leads/${a.lead_id}/identity`, { key: k.analystA });
    assert.ok(shown.body.data.suggestions.some((s: { review_id: string }) => s.review_id === q.review_id));
    assert.equal((await api.call('GET', '/api/v1/leads/identity-reviews', { key: k.supervisorB })).body.data.total, 0, 'another tenant sees none');

    assert.equal((await post(`/leads/identity-reviews/${q.review_id}`, { decision: 'merge' }, k.analystA)).status, 403);
    const d = await post(`/leads/identity-reviews/${q.review_id}`, { decision: 'merge' });
    assert.equal(d.status, 200, JSON.stringify(d.body));
    const first = [a.lead_id, b.lead_id].sort()[0];
    assert.equal(await identityOf(a.lead_id), first);
    assert.equal(await identityOf(b.lead_id), first);
    const after = await api.call('GET', '/api/v1/leads/identity-reviews?size=50', { key: k.analystA });
    assert.ok(!after.body.data.records.some((x: { review_id: string }) => x.review_id === q.review_id), 'decided item left the queue');
    assert.equal((await post(`/leads/identity-reviews/${q.review_id}`, { decision: 'reject' })).status, 409, 'decided once');
  });

  test('preview changes nothing; merge re-points and re-tags; unmerge restores both identities and their tags', async () => {
    const m1 = await webLead({ name: '孙三', phone: '13573920184', company: '丙公司' });
    const m2 = await webLead({ name: '李四', phone: '13628407153' });
    assert.deepEqual([m1.tags, m2.tags], [['B2B'], []]);
    const snapshot = async () => JSON.stringify(await Promise.all([m1.lead_id, m2.lead_id].flatMap((id) => [
      api.deps.redis.get(leadKeys.identityOf(A, id)), api.deps.redis.hget(leadKeys.lead(A, id), 'version'), api.deps.redis.smembers(leadKeys.members(A, id)),
    ])));
    const before = await snapshot();
    const pv = await post('/leads/identities/merge-preview', { lead_ids: [m2.lead_id, m1.lead_id] }, k.analystA);
    assert.equal(pv.status, 200, JSON.stringify(pv.body));
    assert.equal(pv.body.data.identity_id, m1.lead_id);
    assert.deepEqual(pv.body.data.member_lead_ids, [m1.lead_id, m2.lead_id]);
    assert.equal(pv.body.data.profile.name, '李四', 'FAQ Q3: the most recent name');
    assert.equal(pv.body.data.profile.company, '丙公司');
    assert.equal(pv.body.data.profile.mobile, '136****7153', 'call-centre rule picks a mobile; shown masked');
    assert.equal(await snapshot(), before, 'preview changed nothing');

    const mg = await post('/leads/identities/merge', { lead_ids: [m2.lead_id, m1.lead_id], reason: 'same person, confirmed by phone' });
    assert.equal(mg.status, 200, JSON.stringify(mg.body));
    let l2 = await getLead(m2.lead_id);
    assert.equal(l2.identity_id, m1.lead_id);
    assert.deepEqual(l2.tags, ['B2B'], 'tags re-derived over the identity profile');
    assert.equal(l2.version, 2);
    assert.equal((await post('/leads/identities/merge', { lead_ids: [m2.lead_id, m1.lead_id], reason: 'again' })).status, 409, 'already one identity');
    // The pipeline honours the manual link: a new lead with m1's number does not split m2 off.
    const m3 = await webLead({ name: '孙三', phone: '13573920184' });
    assert.equal(m3.identity_id, m1.lead_id);
    assert.equal(await identityOf(m2.lead_id), m1.lead_id);
    assert.deepEqual(m3.tags, [], 'the pipeline tags a new lead by its own data');

    const um = await post('/leads/identities/unmerge', { lead_id: m1.lead_id, side_a: [m2.lead_id], reason: 'two people after all' });
    assert.equal(um.status, 200, JSON.stringify(um.body));
    l2 = await getLead(m2.lead_id);
    const l1 = await getLead(m1.lead_id);
    assert.deepEqual([l1.identity_id, l2.identity_id, await identityOf(m3.lead_id)], [m1.lead_id, m2.lead_id, m1.lead_id]);
    assert.deepEqual([l1.tags, l2.tags, (await getLead(m3.lead_id)).tags], [['B2B'], [], ['B2B']]);
    assert.equal(l2.version, 3);

    const rows = await until('warehouse rows', async () => {
      const wh = api.deps.warehouse;
      const [actions, versions] = await Promise.all([
        wh.query<{ action: string; by_user: string; reason: string }>(`SELECT action, by_user, reason FROM ${wh.tables.leadIdentityAction} WHERE tenant_id = {t:String} AND (has(side_a, {id:String}) OR has(side_b, {id:String})) ORDER BY at`, { t: A, id: m2.lead_id }),
        wh.query<{ version: string; identity_id: string; tags: string[] }>(`SELECT version, identity_id, tags FROM ${wh.tables.dwdLead} WHERE tenant_id = {t:String} AND lead_id = {id:String} ORDER BY version`, { t: A, id: m2.lead_id }),
      ]);
      return actions.length === 2 && versions.length === 3 ? { actions, versions } : null;
    });
    assert.deepEqual(rows.actions.map((r) => r.action), ['merge', 'unmerge']);
    assert.equal(rows.actions[1]!.reason, 'two people after all');
    assert.ok(rows.actions.every((r) => r.by_user !== ''));
    assert.deepEqual(rows.versions.map((v) => [Number(v.version), v.identity_id, v.tags]), [[1, m2.lead_id, []], [2, m1.lead_id, ['B2B']], [3, m2.lead_id, []]]);
  });

  test('after an unmerge, a new lead with the shared mobile does not re-merge the separated sides', async () => {
    const um = await post('/leads/identities/unmerge', { identity_id: x, side_a: [y], reason: 'call was someone else' });
    assert.equal(um.status, 200, JSON.stringify(um.body));
    assert.deepEqual([await identityOf(x), await identityOf(y)], [x, y]);
    const z = await webLead({ name: '赵一', phone: '13790461827' });
    assert.equal(z.identity_id, x, 'joins one side');
    assert.equal(await identityOf(y), y, 'the other side stays apart');
    const why = await api.call('GET', `/api/v1/leads/${z.lead_id}/identity/explain?with=${y}`, { key: k.analystA });
    assert.deepEqual([why.body.data.same_identity, why.body.data.reason], [false, 'separated']);
    const ident = await api.call('GET', `/api/v1/leads/${y}/identity`, { key: k.analystA });
    assert.deepEqual(ident.body.data.members.map((m: { lead_id: string }) => m.lead_id), [y]);
  });

  test('a rejected suggestion is a separation: a later lead bridging both does not join them', async () => {
    const r1 = await webLead({ name: '周五', phone: '13318462975', company: '丁公司' });
    const r2 = await webLead({ name: '周五', phone: '13427593816', email: 'zhouwu@ding.cn', company: '丁公司' });
    const q = await until('review item', async () => {
      const r = await api.call('GET', '/api/v1/leads/identity-reviews?size=50', { key: k.analystA });
      return r.body.data.records.find((x: { lead_ids: string[] }) => x.lead_ids.includes(r2.lead_id));
    });
    const d = await post(`/leads/identity-reviews/${q.review_id}`, { decision: 'reject' });
    assert.equal(d.status, 200, JSON.stringify(d.body));
    // Mobile of r1 and e-mail of r2: without the separation all three would be one identity.
    const r3 = await webLead({ phone: '13318462975', email: 'zhouwu@ding.cn' });
    assert.equal(r3.identity_id, r1.lead_id);
    assert.equal(await identityOf(r2.lead_id), r2.lead_id);
    const ids = await api.deps.redis.hkeys(oneIdKeys.actions(A));
    assert.ok(ids.length >= 1);
  });

  test('concurrent merges over a shared lead serialise: the index ends consistent', async () => {
    const [p1, p2, p3] = [await webLead({ phone: '13184602957' }), await webLead({ phone: '13295713068' }), await webLead({ phone: '13306824179' })];
    const worker = await PipelineOneId.open(api.deps.redis, A);
    await worker.check();
    const [r1, r2] = await Promise.all([
      post('/leads/identities/merge', { lead_ids: [p1.lead_id, p2.lead_id], reason: 'one' }),
      post('/leads/identities/merge', { lead_ids: [p2.lead_id, p3.lead_id], reason: 'two' }),
    ]);
    assert.deepEqual([r1.status, r2.status], [200, 200], JSON.stringify([r1.body, r2.body]));
    const ids = [p1.lead_id, p2.lead_id, p3.lead_id].sort();
    for (const id of ids) assert.equal(await identityOf(id), ids[0]);
    assert.deepEqual((await api.deps.redis.smembers(leadKeys.members(A, ids[0]!))).sort(), ids);
    for (const id of ids.slice(1)) assert.equal(await api.deps.redis.scard(leadKeys.members(A, id)), 0, 'absorbed identities have no members left');
    // A pipeline worker that read its candidates before these merges must not commit over them.
    await assert.rejects(worker.check(), OneIdRaceError);
  });

  test('403 without the permission, 404 for another tenant\'s leads, 422 for bad bodies', async () => {
    const a = await webLead({ name: '吴六', phone: '13840275196' });
    const b = await webLead({ name: '郑七', phone: '13951846207' });
    assert.equal((await api.call('GET', `/api/v1/leads/${a.lead_id}/identity`, { key: k.viewerA })).status, 403);
    assert.equal((await post('/leads/identities/merge', { lead_ids: [a.lead_id, b.lead_id], reason: 'r' }, k.analystA)).status, 403);
    assert.equal((await post('/leads/identities/unmerge', { lead_id: a.lead_id, side_a: [a.lead_id], reason: 'r' }, k.analystA)).status, 403);
    assert.equal((await api.call('GET', `/api/v1/leads/${a.lead_id}/identity`, { key: k.supervisorB })).status, 404);
    assert.equal((await api.call('GET', `/api/v1/leads/${a.lead_id}/identity/explain?with=${b.lead_id}`, { key: k.supervisorB })).status, 404);
    assert.equal((await api.call('GET', `/api/v1/leads/${a.lead_id}/identity/explain?with=ld_nope`, { key: k.analystA })).status, 404);

    const self = await post('/leads/identities/merge', { lead_ids: [a.lead_id, a.lead_id], reason: 'r' });
    assert.equal(self.status, 422);
    assert.ok(self.body.errors!.some((e) => e.field === 'body.lead_ids' && e.rule === 'distinct'));
    const unknown = await post('/leads/identities/merge', { lead_ids: [a.lead_id, 'ld_unknown'], reason: 'r' });
    assert.equal(unknown.status, 422);
    assert.deepEqual(unknown.body.errors!.map((e) => e.field), ['body.lead_ids[1]']);
    assert.equal((await post('/leads/identities/merge', { lead_ids: [a.lead_id, b.lead_id, 'ld_c'], reason: 'r' })).status, 422);
    const noReason = await post('/leads/identities/merge', { lead_ids: [a.lead_id, b.lead_id] });
    assert.equal(noReason.status, 422);
    const badSide = await post('/leads/identities/unmerge', { lead_id: a.lead_id, side_a: [b.lead_id], reason: 'r' });
    assert.equal(badSide.status, 422);
    assert.equal(badSide.body.errors![0]!.field, 'body.side_a');
    assert.equal((await post('/leads/identities/unmerge', { lead_id: a.lead_id, side_a: [a.lead_id], reason: 'r' })).status, 422, 'cannot split a one-lead identity');
    assert.equal((await post('/leads/identity-reviews/irv_nope', { decision: 'merge' })).status, 404);
    // Nothing above changed either lead.
    assert.deepEqual([await identityOf(a.lead_id), await identityOf(b.lead_id)], [a.lead_id, b.lead_id]);
  });
});
