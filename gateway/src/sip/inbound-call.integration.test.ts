// Inbound SIP leads (issue 5 item 8) against the real stack: the InboundCallService on real Redis,
// the real lead pipeline and warehouse writer of a test API (isolated Redis db, chDB). No SIP
// engine here — drachtio-glue.integration.test.ts covers the SIP wire when one is reachable.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createLogger } from '../../../common/logger.js';
import { hashPii } from '../../../common/pii.js';
import { startTestApi, type TestApi } from '../../../test/support/api.js';
import { isolatedRedisUrl, namespace } from '../../../test/support/services.js';
import { leadConfigStores, loadAssignees } from '../../../api/src/leads/catalog/stores.js';
import { leadKeys, LeadStore } from '../../../api/src/leads/pipeline/lead-store.js';
import { InboundCallService, sipKeys, type InboundInvite, type InviteOutcome, type SipSettings } from './inbound-call-service.js';
import { MonitoredNumbers } from './monitored-numbers.js';
import { until } from '../../../test/support/wait.js';

let api: TestApi;
let redis: Redis;
let numbers: MonitoredNumbers;
let sip: InboundCallService;
let store: LeadStore;
const A = namespace('sip');
let key = '';
let u1 = '';
let u2 = '';
let redirectScene = '';
const log = createLogger('sip-test', 'warn');

const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');
/** A Shanghai landline nobody else's test uses (0 and 1 kept out of the first digit: not junk). */
const landline = () => `021${randomInt(2, 10)}${digits(7)}`;
const mobile = () => `139${randomInt(1, 10)}${digits(7)}`;
const ip = () => `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
const DIALLED = landline();
const PROXIED = landline();

const settings: SipSettings = {
  mode: 'redirect', queueUri: null, rateLimit: 5, rateWindowS: 60, trustedSources: new Set(), extraScannerAgents: [],
  callTtlS: 600, region: 'CN', ingestMaxLen: 100000,
};

const invite = (p: Partial<InboundInvite> = {}): InboundInvite => ({
  callId: `${namespace('c')}@carrier.example`, from: `"客户" <sip:${mobile()}@carrier.example>;tag=a1`, to: `sip:${DIALLED}@gw.example`,
  sourceIp: ip(), userAgent: 'Asterisk PBX 18', at: Date.now(), ...p,
});

const getLead = async (id: string) => {
  const r = await api.call('GET', `/api/v1/leads/${id}`, { key });
  return r.status === 200 ? r.body.data : null;
};

const phoneCallScene = (name: string, params: Record<string, unknown>) => ({
  scene_name: name, scene_type: 'PHONE_CALL', deduplication_strategy: 'ONEID',
  data_mapping_rules: { fields: [{ target: 'phone', source: 'phone', type: 'phone' }, { target: 'custom.call_id', source: 'call_id' }] },
  assignment_rules: { rule_id: 'sip-rr', pool: [u1, u2], chain: [{ type: 'round_robin' }] },
  scene_specific_params: params,
});

before(async () => {
  api = await startTestApi({ redisUrl: isolatedRedisUrl() });
  key = await api.keyFor(A, 'supervisor');
  u1 = (await api.deps.identity.createUser(A, { name: 'agent 1', role: 'supervisor' })).userId;
  u2 = (await api.deps.identity.createUser(A, { name: 'agent 2', role: 'supervisor' })).userId;
  const uris = { [u1]: `sip:${u1}@pbx.example`, [u2]: `sip:${u2}@pbx.example` };
  const r = await api.call('POST', '/api/v1/scenes/configurations', { key, body: phoneCallScene('销售电话呼入', { monitored_numbers: [DIALLED], agent_sip_uris: uris }) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  redirectScene = r.body.data.scene_config_id;
  const p = await api.call('POST', '/api/v1/scenes/configurations', { key, body: phoneCallScene('代理呼入', { monitored_numbers: [PROXIED], agent_sip_uris: uris, sip_routing_mode: 'proxy' }) });
  assert.equal(p.status, 201, JSON.stringify(p.body));

  redis = new Redis(api.config.redisUrl);
  numbers = new MonitoredNumbers({ redis, log, region: 'CN', tenants: [A] });
  await numbers.start();
  const stores = leadConfigStores(redis);
  store = new LeadStore(redis, api.deps.pii, 'sip-test');
  sip = new InboundCallService({
    redis, pii: api.deps.pii, log, numbers, leads: store, settings, writer: 'sip-test',
    users: (t, ids) => loadAssignees(redis, stores, api.deps.identity, t, ids, 'Asia/Shanghai'),
  });
});

after(async () => {
  await sip?.idle();
  await numbers?.stop();
  redis?.disconnect();
  await api?.close();
});

describe('INVITE', () => {
  test('a new caller: 302 to the round-robin agent, and the pipeline creates the lead assigned to that agent', async () => {
    const caller = mobile();
    const req = invite({ from: `"张三" <sip:${caller}@carrier.example>;tag=x` });
    const out = await sip.invite(req);
    assert.equal(out.answer.kind, 'redirect');
    assert.equal(out.tenantId, A);
    const routedTo = out.answer.kind === 'redirect' ? out.answer.contact : '';
    const agent = routedTo === `sip:${u1}@pbx.example` ? u1 : u2;
    assert.ok([`sip:${u1}@pbx.example`, `sip:${u2}@pbx.example`].includes(routedTo), routedTo);
    const lead = await until('lead from the call', () => getLead(out.leadId!));
    assert.equal(lead.scene_type, 'PHONE_CALL');
    assert.equal(lead.acquisition_scene_id, redirectScene);
    assert.equal(lead.source, 'SIP_INBOUND');
    assert.equal(lead.external_lead_id, req.callId);
    assert.equal(lead.lead_data.phone, `+86${caller}`);
    assert.equal(lead.status, 'ASSIGNED');
    assert.equal(lead.assigned_to_user_id, agent, 'the lead is owned by the agent whose phone rang');
    assert.equal(lead.processing_log.find((l: { stage: string }) => l.stage === 'assignment')?.outcome, 'ok');

    // The next new caller goes to the other agent: the gateway and the pipeline share the counter.
    const next = await sip.invite(invite());
    assert.equal(next.answer.kind === 'redirect' && next.answer.contact, `sip:${agent === u1 ? u2 : u1}@pbx.example`);
    const nextLead = await until('second lead', () => getLead(next.leadId!));
    assert.equal(nextLead.assigned_to_user_id, agent === u1 ? u2 : u1);
  });

  test('a known caller with an owner: 302 to that owner, whatever the rotation says; the new lead joins the same identity', async () => {
    const caller = mobile();
    const first = await sip.invite(invite({ from: `<sip:${caller}@carrier.example>` }));
    const firstLead = await until('first lead', () => getLead(first.leadId!));
    const owner = firstLead.assigned_to_user_id as string;
    for (let i = 0; i < 2; i++) {
      // Two calls in a row: round robin alone would alternate; the owner keeps both.
      const again = await sip.invite(invite({ from: `"回访" <sip:+86${caller}@other-carrier.example>` }));
      assert.deepEqual(again.answer, { kind: 'redirect', status: 302, contact: `sip:${owner}@pbx.example`, headers: {} });
      const lead = await until('repeat lead', () => getLead(again.leadId!));
      assert.equal(lead.assigned_to_user_id, owner);
      assert.equal(lead.identity_id, firstLead.identity_id);
      assert.match(lead.processing_log.find((l: { stage: string }) => l.stage === 'assignment').detail, new RegExp(`${owner} by user`));
    }
  });

  test('an owner whose account was disabled no longer gets the caller: the rules pick someone else', async () => {
    const caller = mobile();
    const first = await sip.invite(invite({ from: `<sip:${caller}@carrier.example>` }));
    const owner = (await until('first lead', () => getLead(first.leadId!))).assigned_to_user_id as string;
    const other = owner === u1 ? u2 : u1;
    await api.deps.identity.updateUser(A, owner, { status: 'DISABLED' });
    try {
      const again = await sip.invite(invite({ from: `<sip:${caller}@carrier.example>` }));
      assert.equal(again.answer.kind === 'redirect' && again.answer.contact, `sip:${other}@pbx.example`);
      assert.equal((await until('second lead', () => getLead(again.leadId!))).assigned_to_user_id, other);
    } finally {
      await api.deps.identity.updateUser(A, owner, { status: 'ACTIVE' });
    }
  });

  test('a retransmitted INVITE (same Call-ID) gets the same answer and makes one lead', async () => {
    const req = invite();
    const [a, b] = await Promise.all([sip.invite(req), sip.invite({ ...req, at: req.at + 500 })]);
    assert.deepEqual(a.answer, b.answer);
    assert.equal(a.leadId, b.leadId);
    assert.ok([a.reason, b.reason].includes('retransmission'));
    const c = await sip.invite({ ...req, at: req.at + 4000 });
    assert.equal(c.leadId, a.leadId);
    await until('lead', () => getLead(a.leadId!));
    const phoneHash = hashPii(api.deps.pii, `mobile:+86${/sip:(\d+)@/.exec(req.from)![1]}`);
    const records = await redis.smembers(leadKeys.index(A, phoneHash));
    assert.deepEqual(records, [a.leadId], 'one lead for the caller');
  });

  test('scanner user agents get 403 and spend no rate budget', async () => {
    const src = ip();
    for (const ua of ['friendly-scanner', 'sipvicious', 'sipcli/v1.8']) {
      const out = await sip.invite(invite({ userAgent: ua, sourceIp: src }));
      assert.deepEqual(out.answer, { kind: 'reply', status: 403, reason: 'Forbidden', headers: {} });
      assert.equal(out.leadId, null);
    }
    const keys = await redis.keys(`cunke:sip:rate:${src}:*`);
    assert.deepEqual(keys, []);
  });

  test('a flood from one IP: 503 with Retry-After beyond the limit, while other sources still get through', async () => {
    const src = ip();
    const answers = [];
    // To an unmonitored number: the limit applies before anything else is revealed.
    for (let i = 0; i < 8; i++) answers.push((await sip.invite(invite({ sourceIp: src, to: `sip:${landline()}@gw.example` }))).answer);
    assert.deepEqual(answers.slice(0, 5).map((a) => a.kind === 'reply' && a.status), [404, 404, 404, 404, 404]);
    for (const a of answers.slice(5)) {
      assert.equal(a.kind === 'reply' && a.status, 503);
      const retry = Number(a.kind === 'reply' ? a.headers['Retry-After'] : NaN);
      assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
    }
    assert.equal((await sip.invite(invite())).answer.kind, 'redirect', 'another source is not throttled');
    assert.ok((await redis.ttl((await redis.keys(`cunke:sip:rate:${src}:*`))[0]!)) > 0, 'the counter expires');
  });

  test('an anonymous caller is still routed by the rules, and gets a lead without a phone (nothing to match on)', async () => {
    const out = await sip.invite(invite({ from: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=z' }));
    assert.equal(out.answer.kind, 'redirect');
    const lead = await until('anonymous lead', () => getLead(out.leadId!));
    assert.equal(lead.lead_data.phone ?? null, null);
    assert.ok([u1, u2].includes(lead.assigned_to_user_id));
    assert.equal(await redis.hget(sipKeys.call(lead.external_lead_id), 'caller_masked'), 'anonymous');
  });

  test('an unmonitored number: 404 and no lead', async () => {
    const out = await sip.invite(invite({ to: `sip:${landline()}@gw.example` }));
    assert.deepEqual(out.answer, { kind: 'reply', status: 404, reason: 'Not Found', headers: {} });
    assert.equal(out.leadId, null);
  });

  test('a number added to the scene is answered within a second (hot reload, no restart)', async () => {
    const added = landline();
    const before = await sip.invite(invite({ to: `sip:${added}@gw.example` }));
    assert.equal(before.answer.kind === 'reply' && before.answer.status, 404);
    const cur = await api.call('GET', `/api/v1/scenes/configurations/${redirectScene}`, { key });
    const params = { ...cur.body.data.scene_specific_params, monitored_numbers: [DIALLED, added] };
    const u = await api.call('PUT', `/api/v1/scenes/configurations/${redirectScene}`, { key, body: { scene_specific_params: params } });
    assert.equal(u.status, 200, JSON.stringify(u.body));
    const t0 = Date.now();
    await until('number monitored', async () => numbers.numbers().has(`+86${added.slice(1)}`), 1000);
    assert.ok(Date.now() - t0 < 1000);
    assert.equal((await sip.invite(invite({ to: `sip:${added}@gw.example` }))).answer.kind, 'redirect');
  });
});

describe('load', () => {
  test('200 concurrent new callers: every call answered, one lead each, round robin split exactly in half', async (t) => {
    const times: number[] = [];
    const outs: InviteOutcome[] = [];
    for (let batch = 0; batch < 10; batch++) {
      outs.push(...await Promise.all(Array.from({ length: 20 }, async () => {
        const t0 = performance.now();
        const o = await sip.invite(invite());
        times.push(performance.now() - t0);
        return o;
      })));
    }
    const per = new Map<string, number>();
    for (const o of outs) {
      assert.equal(o.answer.kind, 'redirect');
      const c = o.answer.kind === 'redirect' ? o.answer.contact : '';
      per.set(c, (per.get(c) ?? 0) + 1);
    }
    assert.deepEqual([...per.values()], [100, 100]);
    assert.equal(new Set(outs.map((o) => o.leadId)).size, 200);
    const leads = await until('200 leads', async () => {
      // Straight from the lead store: 200 polled API reads would hit the API's rate limit.
      const got = await Promise.all(outs.map((o) => store.get(A, o.leadId!)));
      return got.every(Boolean) ? got : null;
    }, 30000);
    for (const [i, o] of outs.entries()) assert.equal(`sip:${leads[i]!.assigned_to_user_id}@pbx.example`, o.answer.kind === 'redirect' ? o.answer.contact : '');
    times.sort((x, y) => x - y);
    t.diagnostic(`INVITE → answer on real Redis, 20 concurrent: p50 ${times[99]!.toFixed(1)} ms, p99 ${times[197]!.toFixed(1)} ms`);
  });
});

describe('scene settings', () => {
  test('a PHONE_CALL scene with a bad monitored number or SIP URI is refused with 422 naming each field', async () => {
    const r = await api.call('POST', '/api/v1/scenes/configurations', { key, body: phoneCallScene('bad', { monitored_numbers: [landline(), 'not-a-number'], agent_sip_uris: { [u1]: 'tel:123' }, sip_routing_mode: 'fork' }) });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.deepEqual(r.body.errors!.map((e) => e.field).sort(), ['body.scene_specific_params.agent_sip_uris.' + u1, 'body.scene_specific_params.monitored_numbers[1]', 'body.scene_specific_params.sip_routing_mode'].sort());
  });
});

describe('call end', () => {
  test('proxy mode: BYE closes the call once, with ring and talk time, a warehouse row and a log entry on the lead', async () => {
    const req = invite({ to: `sip:${PROXIED}@gw.example` });
    const out = await sip.invite(req);
    assert.equal(out.answer.kind, 'proxy');
    assert.match(out.answer.kind === 'proxy' ? out.answer.uri : '', /^sip:.+@pbx\.example$/);
    assert.equal(await sip.answered(req.callId, req.at + 3000), true);
    const bye = await sip.bye(req.callId, req.at + 63000);
    assert.deepEqual(bye, { action: 'close', lead_id: out.leadId, call_id: req.callId, ended_at: req.at + 63000, talk_ms: 60000, ring_ms: 3000, disposition: 'ANSWERED' });
    assert.deepEqual(await sip.bye(req.callId, req.at + 64000), { action: 'ignore', reason: 'unknown_call' }, 'a repeated BYE is ignored');
    await sip.idle();
    const lead = await until('call log on the lead', async () => {
      const l = await getLead(out.leadId!);
      return l?.processing_log.some((e: { stage: string }) => e.stage === 'call') ? l : null;
    });
    assert.match(lead.processing_log.find((e: { stage: string }) => e.stage === 'call').detail, /ANSWERED: ring 3000 ms, talk 60000 ms, proxy to /);
    const wh = api.deps.warehouse;
    const rows = await until('dwd_sip_inbound_call row', async () => {
      const r = await wh.query<{ disposition: string; talk_ms: number; ring_ms: number; lead_id: string; caller_masked: string; caller_hash: string; routed_to_user_id: string }>(
        `SELECT disposition, talk_ms, ring_ms, lead_id, caller_masked, caller_hash, routed_to_user_id FROM ${wh.tables.sipInboundCall} FINAL WHERE tenant_id = {t:String} AND call_id = {c:String}`, { t: A, c: req.callId });
      return r.length ? r : null;
    });
    assert.equal(rows.length, 1);
    const caller = `+86${/sip:(\d+)@/.exec(req.from)![1]}`;
    assert.deepEqual({ ...rows[0], talk_ms: Number(rows[0]!.talk_ms), ring_ms: Number(rows[0]!.ring_ms) },
      { disposition: 'ANSWERED', talk_ms: 60000, ring_ms: 3000, lead_id: out.leadId, caller_masked: `${caller.slice(3, 6)}****${caller.slice(-4)}`, caller_hash: hashPii(api.deps.pii, caller), routed_to_user_id: lead.assigned_to_user_id });
  });

  test('CANCEL before answer closes as NO_ANSWER; a redirected call is closed at the 302; an unknown Call-ID is ignored', async () => {
    const req = invite({ to: `sip:${PROXIED}@gw.example` });
    await sip.invite(req);
    const cancel = await sip.bye(req.callId, req.at + 7000);
    assert.equal(cancel.action === 'close' && cancel.disposition, 'NO_ANSWER');
    assert.equal(cancel.action === 'close' && cancel.ring_ms, 7000);

    const redirected = invite();
    await sip.invite(redirected);
    assert.deepEqual(await sip.bye(redirected.callId, redirected.at + 1000), { action: 'ignore', reason: 'unknown_call' });
    assert.deepEqual(await sip.bye('nobody@nowhere', Date.now()), { action: 'ignore', reason: 'unknown_call' });
    assert.ok(await redis.exists(sipKeys.call(redirected.callId)));
    const wh = api.deps.warehouse;
    const rows = await until('both rows', async () => {
      const r = await wh.query<{ call_id: string; disposition: string }>(
        `SELECT call_id, disposition FROM ${wh.tables.sipInboundCall} FINAL WHERE tenant_id = {t:String} AND call_id IN ({a:String}, {b:String})`, { t: A, a: req.callId, b: redirected.callId });
      return r.length === 2 ? r : null;
    });
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.call_id, r.disposition])), { [req.callId]: 'NO_ANSWER', [redirected.callId]: 'REDIRECTED' });
  });
});
