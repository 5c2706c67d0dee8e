// Issue 5's "done means", end to end over the public API on the real stack (Redis, chDB, the
// pipeline worker and the import worker in the API process): one person reaches us through a web
// form (POST /leads/ingestions), a signed webhook and a spreadsheet import, each in its own
// format. Every lead comes out normalised, in one OneID identity, tagged and assigned by the
// scenes' rules; a rule changed over the API applies to the next lead without a restart; and every
// decision (identity link, tags, assignee) is explainable from the API.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startTestApi, type TestApi } from '../support/api.js';
import { isolatedRedisUrl, namespace } from '../support/services.js';
import { waitFor } from '../support/wait.js';

const T = namespace('e2e-leads');
const SECRET = `whsec-${namespace('s')}-0123456789abcdef`;
let api: TestApi;
let sup = '';
let analyst = '';
const users: string[] = [];
const scenes: Record<'form' | 'hook' | 'sheet', string> = { form: '', hook: '', sheet: '' };

interface Lead {
  lead_id: string;
  identity_id: string;
  source: string;
  lead_data: Record<string, unknown>;
  tags: string[];
  assigned_to_user_id: string | null;
  processing_log?: { stage: string; outcome: string; detail: string }[];
}

const tagRules = (extra: unknown[] = []) => [
  { id: 'quote', when: { field: 'message', op: 'contains', value: ['报价', 'price'] }, actions: { add: ['高意向'] } },
  { id: 'b2b', when: { field: 'company', op: 'exists' }, actions: { add: ['B2B'] } },
  ...extra,
];
const assignment = () => ({ rule_id: 'rr', pool: users, chain: [{ type: 'round_robin' }], fallback_queue: 'pool' });

async function leadsOf(sceneId: string): Promise<Lead[]> {
  const r = await api.call('GET', `/api/v1/leads?scene_config_id=${sceneId}&size=100`, { key: sup });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data.records as Lead[];
}

const assignedLeadOf = (sceneId: string, what: string) =>
  waitFor(what, async () => (await leadsOf(sceneId)).find((l) => l.assigned_to_user_id) ?? null, { timeoutMs: 20_000 });

before(async () => {
  api = await startTestApi({ redisUrl: isolatedRedisUrl() });
  sup = await api.keyFor(T, 'supervisor');
  analyst = await api.keyFor(T, 'analyst');
  for (const name of ['坐席 1', '坐席 2']) users.push((await api.deps.identity.createUser(T, { name, role: 'supervisor' })).userId);
  // Scenes may only name channels and tags that exist (spec 000 §九.3).
  assert.equal((await api.call('POST', '/api/v1/channels', { key: sup, body: { channel_id: 'website', name: '官网', channel_type: 'ORGANIC_SOCIAL' } })).status, 201);
  for (const name of ['高意向', 'B2B', 'VIP']) assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: sup, body: { name } })).status, 201);

  const create = async (body: Record<string, unknown>) => {
    const r = await api.call('POST', '/api/v1/scenes/configurations', { key: sup, body: { deduplication_strategy: 'ONEID', auto_tagging_rules: tagRules(), assignment_rules: assignment(), ...body } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.data.scene_config_id as string;
  };
  scenes.form = await create({
    scene_name: '官网咨询表单', scene_type: 'WEB_FORM', source_channel_default_id: 'website',
    data_mapping_rules: { fields: [
      { target: 'name', source: 'submission_data.name' }, { target: 'phone', source: 'submission_data.phone', required: true },
      { target: 'company', source: 'submission_data.company' }, { target: 'message', source: 'submission_data.message' },
    ] },
  });
  scenes.hook = await create({
    scene_name: '广告线索 webhook', scene_type: 'SOCIAL_MEDIA_LEAD',
    scene_specific_params: { webhook: { profile: 'cunke', secrets: [SECRET] } },
    data_mapping_rules: { fields: [
      { target: 'name', source: 'clue.contact_name' }, { target: 'phone', source: 'clue.telephone', required: true },
      { target: 'email', source: 'clue.mail' }, { target: 'message', source: 'clue.remark' },
    ] },
  });
  scenes.sheet = await create({
    scene_name: '展会名单导入', scene_type: 'API_IMPORT',
    data_mapping_rules: { fields: [
      { target: 'name', source: '姓名' }, { target: 'phone', source: '手机', required: true },
      { target: 'email', source: '邮箱' }, { target: 'company', source: '公司' }, { target: 'job_title', source: '职位' },
    ] },
  });
});

after(async () => {
  await api?.close();
});

test('a web form, a signed webhook and a spreadsheet deliver one person: normalised, one identity, tagged, assigned, explainable', async () => {
  // 1. Web form, the phone written the way people type it.
  const form = await api.call('POST', '/api/v1/leads/ingestions', { key: sup, body: {
    scene_config_id: scenes.form, form_id: 'contact_us',
    submission_data: { name: '  张三 ', phone: '138-0013-9001', company: '某某科技有限公司', message: '请发一份报价' },
    meta: { ip_address: '203.0.113.9' },
  } });
  assert.equal(form.status, 202, JSON.stringify(form.body));
  const formLead = await assignedLeadOf(scenes.form, 'the web-form lead assigned');

  // 2. Signed webhook in the platform's own field names, phone in international form.
  const body = JSON.stringify({ clue: { contact_name: '张三', telephone: '+86 138 0013 9001', mail: 'ZhangSan@XingHe-Tech.cn', remark: 'price list please' } });
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex');
  const hook = await fetch(`${api.url}/api/v1/webhooks/social_media_lead/${scenes.hook}`, {
    method: 'POST', body, headers: { 'content-type': 'application/json', 'x-cunke-timestamp': ts, 'x-cunke-signature': `sha256=${sig}`, 'x-cunke-event-id': `clue-${namespace()}` },
  });
  assert.equal(hook.status, 202, await hook.text());
  // The same delivery again (a platform retry) is acknowledged but makes no second lead.
  const retry = await fetch(`${api.url}/api/v1/webhooks/social_media_lead/${scenes.hook}`, {
    method: 'POST', body, headers: { 'content-type': 'application/json', 'x-cunke-timestamp': ts, 'x-cunke-signature': `sha256=${sig}` },
  });
  assert.equal(retry.status, 200, 'a replayed delivery answers duplicate');
  const hookLead = await assignedLeadOf(scenes.hook, 'the webhook lead assigned');

  // 3. Spreadsheet (CSV from Excel: BOM, Chinese headers), the same person plus a bad row.
  const csv = '\uFEFF姓名,手机,邮箱,公司,职位\n张三,8613800139001,zhangsan@xinghe-tech.cn,某某科技有限公司,采购经理\n李四,13800000000,,,\n';
  const up = await fetch(`${api.url}/api/v1/leads/imports?scene_config_id=${scenes.sheet}`, { method: 'POST', body: csv, headers: { authorization: `Bearer ${sup}`, 'content-type': 'text/csv' } });
  const upText = await up.text();
  assert.equal(up.status, 202, upText);
  const importId = (JSON.parse(upText) as { data: { import_id: string } }).data.import_id;
  const done = await waitFor('import completed', async () => {
    const r = await api.call('GET', `/api/v1/leads/imports/${importId}`, { key: sup });
    return r.body.data?.status === 'COMPLETED' ? r.body.data : null;
  }, { timeoutMs: 20_000 });
  const errs = await api.call('GET', `/api/v1/leads/imports/${importId}/errors`, { key: sup });
  assert.deepEqual([done.total_rows, done.accepted, done.rejected], [2, 1, 1], JSON.stringify(errs.body.data.records));
  assert.equal(errs.body.data.records[0].row, 3, 'the placeholder number is reported on its spreadsheet row');
  const sheetLead = await assignedLeadOf(scenes.sheet, 'the imported lead assigned');

  // Normalised: one E.164 number from three spellings; names trimmed; e-mail domains lower-cased.
  for (const l of [formLead, hookLead, sheetLead]) assert.equal(l.lead_data.phone, '+8613800139001', `${l.source} phone`);
  assert.equal(formLead.lead_data.name, '张三');
  assert.equal(hookLead.lead_data.email, 'ZhangSan@xinghe-tech.cn', 'domain lower-cased; the local part is kept (RFC 5321), matching ignores its case');

  // One person across sources: the identity is the first lead's id.
  assert.deepEqual([hookLead.identity_id, sheetLead.identity_id], [formLead.lead_id, formLead.lead_id]);

  // Tagged by each scene's rules and assigned from the pool.
  assert.deepEqual([...formLead.tags].sort(), ['B2B', '高意向']);
  assert.deepEqual(hookLead.tags, ['高意向']);
  assert.deepEqual(sheetLead.tags, ['B2B']);
  for (const l of [formLead, hookLead, sheetLead]) assert.ok(users.includes(l.assigned_to_user_id!), `${l.source} assigned to a pool user`);

  // Raw payloads wait in the ingest stream sealed, never with the number in clear (DESIGN.md PII).
  const entries = await api.deps.redis.xrange('cunke:leads:ingest', '-', '+');
  assert.ok(entries.length >= 3, 'the three leads went through the stream');
  const stream = JSON.stringify(entries);
  for (const spelling of ['13800139001', '0013 9001', '0013-9001']) assert.ok(!stream.includes(spelling), `no "${spelling}" at rest`);

  // Explainable: the identity link and its evidence, and each lead's processing log.
  const why = await api.call('GET', `/api/v1/leads/${hookLead.lead_id}/identity/explain?with=${sheetLead.lead_id}`, { key: analyst });
  assert.equal(why.status, 200, JSON.stringify(why.body));
  assert.equal(why.body.data.same_identity, true);
  assert.ok(why.body.data.path.every((l: { kind: string; weight: number }) => ['mobile', 'email'].includes(l.kind) && l.weight >= 0.9), JSON.stringify(why.body.data.path));
  assert.ok(!JSON.stringify(why.body).includes('13800139001'), 'analysts never see the number in clear');
  const ident = await api.call('GET', `/api/v1/leads/${formLead.lead_id}/identity`, { key: analyst });
  assert.deepEqual(ident.body.data.members.map((m: { lead_id: string }) => m.lead_id).sort(), [formLead.lead_id, hookLead.lead_id, sheetLead.lead_id].sort());
  const detail = (await api.call('GET', `/api/v1/leads/${formLead.lead_id}`, { key: analyst })).body.data as Lead;
  const log = new Map(detail.processing_log!.map((e) => [e.stage, e]));
  assert.deepEqual([...log.keys()], ['mapping', 'identity', 'tagging', 'assignment']);
  assert.match(log.get('tagging')!.detail, /高意向/);
  assert.match(log.get('assignment')!.detail, new RegExp(`${formLead.assigned_to_user_id} by round_robin`));
});

test('a tag rule changed over the API applies to the next lead within a second, no restart', async () => {
  const put = await api.call('PUT', `/api/v1/scenes/configurations/${scenes.form}`, { key: sup, body: {
    auto_tagging_rules: tagRules([{ id: 'vip', when: { field: 'company', op: 'contains', value: ['科技'] }, actions: { add: ['VIP'] } }]),
  } });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  await new Promise((r) => setTimeout(r, 1000));
  const r = await api.call('POST', '/api/v1/leads/ingestions', { key: sup, body: {
    scene_config_id: scenes.form, submission_data: { name: '王五', phone: '13912345678', company: '星河科技', message: '了解一下' },
  } });
  assert.equal(r.status, 202);
  const id = r.body.data.lead_id as string;
  const lead = await waitFor('the lead after the rule change', async () => {
    const g = await api.call('GET', `/api/v1/leads/${id}`, { key: sup });
    return g.status === 200 && g.body.data.assigned_to_user_id ? (g.body.data as Lead) : null;
  }, { timeoutMs: 20_000 });
  assert.deepEqual([...lead.tags].sort(), ['B2B', 'VIP']);
  assert.match(lead.processing_log!.find((e) => e.stage === 'tagging')!.detail, /VIP/);
});
