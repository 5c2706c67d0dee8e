// bench:leads — leads/s through the lead pipeline (HTTP ingestion → stream → mapping → OneID →
// 10 tag rules → round robin over 20 agents → stored lead) and the latency from the 202 to the
// assigned lead, against the HTTP ingest rate alone and a raw Redis stream ceiling of the same
// payloads measured in the same run.
//   BENCH_LEADS (default 20000), BENCH_CONCURRENCY (16 HTTP clients), BENCH_REPEAT (0.2: share
//   of leads that are a person already seen, under another source), BENCH_PACED_SECONDS (20),
//   BENCH_CPU_PROF (a directory: CPU-profile the pipeline's API process)
// Times come from Redis itself, so measuring adds nothing to the path: the ingest stream entry id
// is when the lead was accepted (the 202 follows it), and the id of the lead's dwd_lead row on the
// entity feed is when the worker's MULTI stored it with its assignee. The API runs with no
// warehouse writer, so those feed entries stay readable; the bench removes its own entries after.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { REPO_ROOT } from '../../common/config.js';
import { ENTITY_STREAM } from '../../common/feed.js';
import { IdentityStore } from '../../api/src/identity/identity-store.js';
import { piiKeysFromHex } from '../../common/pii.js';
import { leadKeys } from '../../api/src/leads/pipeline/lead-store.js';
import { ChdbWarehouse } from '../../warehouse/src/edges/chdb.js';
import { migrate } from '../../warehouse/src/migrate.js';
import { connectRedis, namespace, testConfig } from '../support/services.js';
import { freePort } from '../support/spine.js';
import { waitFor } from '../support/wait.js';

const LEADS = Number(process.env.BENCH_LEADS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 0.2);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 20);
const AGENTS = 20;
const config = testConfig({ logLevel: 'warn' });
const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
const chdbPath = join(config.dataDir, `bench-leads-chdb-${process.pid}`);

const TAGS = ['产品A意向', '产品B意向', '价格敏感', '企业客户', '有邮箱', '高意向', '华南', '华东', '试用', '投诉'];
const TAG_RULES = [
  { id: 'a', when: { field: 'message', op: 'contains', value: ['产品A'] }, actions: { add: ['产品A意向'] } },
  { id: 'b', when: { field: 'message', op: 'contains', value: ['产品B', '方案B'] }, actions: { add: ['产品B意向'] } },
  { id: 'price', when: { field: 'message', op: 'contains', value: ['价格', '报价', '多少钱'] }, actions: { add: ['价格敏感'] } },
  { id: 'corp', when: { field: 'company', op: 'exists' }, actions: { add: ['企业客户'] } },
  { id: 'mail', when: { field: 'email', op: 'exists' }, actions: { add: ['有邮箱'] } },
  { id: 'hot', when: { all: [{ field: 'company', op: 'exists' }, { field: 'message', op: 'regex', value: '(尽快|马上|今天)' }] }, actions: { add: ['高意向'] } },
  { id: 'south', when: { field: 'region', op: 'in', value: ['广东', '广西', '海南', '福建'] }, actions: { add: ['华南'] } },
  { id: 'east', when: { field: 'region', op: 'in', value: ['上海', '江苏', '浙江', '安徽'] }, actions: { add: ['华东'] } },
  { id: 'trial', when: { field: 'custom.utm_campaign', op: 'eq', value: 'trial' }, actions: { add: ['试用'] } },
  { id: 'complaint', when: { not: { field: 'message', op: 'contains', value: ['投诉', '退款'] } }, actions: { remove: ['投诉'] } },
];
const REGIONS = ['广东', '上海', '北京', '浙江', '江苏', '四川', '福建', '湖北', '山东', '河南'];
const MESSAGES = ['对产品A感兴趣，请尽快联系', '想了解产品B的价格', '方案B报价多少钱', '今天可以演示吗', '随便看看', '产品A和产品B有什么区别', '需要退款', '请发资料到邮箱'];

interface Person { phone: string; name: string; email: string | null; company: string | null }
const person = (i: number): Person => ({
  phone: `139${String(10_000_000 + i * 7919 % 89_999_999).padStart(8, '0')}`,
  name: `客户${i}`, email: i % 3 === 0 ? `c${i}@example-corp.cn` : null, company: i % 4 === 0 ? `某某科技${i % 500}有限公司` : null,
});

/** Leads of one run: REPEAT of them are a person already seen, sent through the other scene. */
function leadBodies(n: number, seed: number, webScene: string, importScene: string): unknown[] {
  let x = seed;
  const rnd = () => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const seen: Person[] = [];
  return Array.from({ length: n }, (_, i) => {
    const again = seen.length > 0 && rnd() < REPEAT;
    const p = again ? seen[Math.floor(rnd() * seen.length)]! : person(seed * 1_000_003 + i);
    if (!again) seen.push(p);
    const message = MESSAGES[Math.floor(rnd() * MESSAGES.length)]!;
    const region = REGIONS[Math.floor(rnd() * REGIONS.length)]!;
    // Web form and CRM import shapes differ, so the mapping paths differ too.
    return (i + (again ? 1 : 0)) % 2 === 0
      ? { scene_config_id: webScene, form_id: 'contact_us_form_v1', submission_data: { name: p.name, phone: p.phone, email: p.email, company: p.company, message, province: region, utm_campaign: i % 5 === 0 ? 'trial' : 'brand' }, meta: { ip_address: '36.99.1.1', user_agent: 'Mozilla/5.0' } }
      : { scene_config_id: importScene, external_lead_id: `crm-${seed}-${i}`, contact: { full_name: p.name, mobile: p.phone, mail: p.email, org: p.company, note: message, area: region } };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const msOf = (id: string) => Number(id.slice(0, id.indexOf('-')));

interface Api { child: ChildProcess; base: string; stop(): Promise<void> }

async function startApi(pipeline: boolean): Promise<Api> {
  const port = await freePort();
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the API process that runs the pipeline.
  const prof = pipeline && process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'api/src/main.ts'], {
    cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env, API_PORT: String(port), CHDB_PATH: chdbPath, API_RUN_WRITER: 'false', ANALYSIS_WORKER: 'false', LEAD_PIPELINE_WORKER: String(pipeline),
      LOG_LEVEL: 'warn', LIVE_HUB_PORT: '0',
      // The bench is one client on one address: lift the per-credential and per-IP budgets.
      API_RATE_LIMIT_PER_MINUTE: '100000000', LEAD_INGEST_RATE_PER_KEY: '10000000', LEAD_INGEST_RATE_PER_IP: '10000000',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('api up', async () => (await fetch(`${base}/health`).catch(() => null))?.ok, { timeoutMs: 90_000 });
  return { child, base, stop: async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); } };
}

async function call(base: string, key: string, method: string, path: string, body: unknown): Promise<{ status: number; data: any }> { // any: response shapes vary per route; callers check what they use
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => null)) as { data?: unknown; errorCode?: string; message?: string } | null;
  return { status: res.status, data: res.ok ? json?.data : json };
}

interface Tenant { id: string; integrator: string; web: string; imp: string }

/** A tenant with 20 agents, 10 tags, a web-form and a CRM-import scene (both OneID, same rules). */
async function setUpTenant(redis: Redis, base: string): Promise<Tenant> {
  const identity = new IdentityStore(redis, pii, 'bench');
  const id = namespace('blead');
  await identity.createTenant(id, 'bench leads');
  const key = async (role: 'supervisor' | 'integrator') =>
    (await identity.createApiKey(id, { userId: (await identity.createUser(id, { name: role, role })).userId, name: role, createdBy: 'bench' })).key;
  const supervisor = await key('supervisor');
  const integrator = await key('integrator');
  const agents: string[] = [];
  for (let i = 0; i < AGENTS; i++) agents.push((await identity.createUser(id, { name: `agent ${i}`, role: 'supervisor' })).userId);
  for (const name of TAGS) {
    const r = await call(base, supervisor, 'POST', '/api/v1/lead-tags', { name, tag_group: 'bench' });
    if (r.status !== 201) throw new Error(`tag ${name}: ${r.status}`);
  }
  const common = { deduplication_strategy: 'ONEID', auto_tagging_rules: TAG_RULES, assignment_rules: { rule_id: 'rr', pool: agents, chain: [{ type: 'round_robin' }], fallback_queue: 'pool' } };
  const web = await call(base, supervisor, 'POST', '/api/v1/scenes/configurations', { ...common, scene_name: '官网表单', scene_type: 'WEB_FORM', data_mapping_rules: { fields: [
    { target: 'name', source: 'submission_data.name' }, { target: 'phone', source: 'submission_data.phone', required: true },
    { target: 'email', source: 'submission_data.email' }, { target: 'company', source: 'submission_data.company' },
    { target: 'message', source: 'submission_data.message' }, { target: 'region', source: 'submission_data.province' },
    { target: 'custom.utm_campaign', source: 'submission_data.utm_campaign' },
  ] } });
  const imp = await call(base, supervisor, 'POST', '/api/v1/scenes/configurations', { ...common, scene_name: 'CRM 导入', scene_type: 'API_IMPORT', data_mapping_rules: { fields: [
    { target: 'name', source: 'contact.full_name' }, { target: 'phone', source: ['contact.mobile', 'contact.tel'], required: true },
    { target: 'email', source: 'contact.mail' }, { target: 'company', source: 'contact.org' }, { target: 'message', source: 'contact.note' },
    { target: 'region', source: 'contact.area' },
  ] } });
  if (web.status !== 201 || imp.status !== 201) throw new Error(`scenes: ${web.status} ${imp.status} ${JSON.stringify([web.data, imp.data])}`);
  return { id, integrator, web: web.data.scene_config_id, imp: imp.data.scene_config_id };
}

/** POSTs every body with CONCURRENCY clients (closed loop) or at `ratePerS` (open loop). */
async function ingest(base: string, key: string, bodies: unknown[], ratePerS?: number): Promise<{ seconds: number; errors: number; leadIds: string[] }> {
  let next = 0;
  let errors = 0;
  const leadIds: string[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (;;) {
      const i = next++;
      if (i >= bodies.length) return;
      if (ratePerS) {
        const due = started + (i / ratePerS) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const r = await call(base, key, 'POST', '/api/v1/leads/ingestions', bodies[i]).catch(() => ({ status: 0, data: null }));
      if (r.status === 202) leadIds.push(r.data.lead_id);
      else if (errors++ === 0) process.stderr.write(`first failed ingestion: HTTP ${r.status} ${JSON.stringify(r.data)?.slice(0, 300)}\n`);
    }
  }));
  return { seconds: (performance.now() - started) / 1000, errors, leadIds };
}

/** Stream entries from `fromId` on whose fields pass `keep`, in pages. */
async function scan(redis: Redis, stream: string, fromId: string, keep: (f: Record<string, string>) => boolean): Promise<[string, Record<string, string>][]> {
  const out: [string, Record<string, string>][] = [];
  let start = fromId;
  for (;;) {
    const page = (await redis.xrange(stream, start, '+', 'COUNT', 5000)) as [string, string[]][];
    for (const [id, raw] of page) {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < raw.length; i += 2) f[raw[i]!] = raw[i + 1]!;
      if (keep(f)) out.push([id, f]);
    }
    if (page.length < 5000) return out;
    start = `(${page[page.length - 1]![0]}`;
  }
}

type Cleanup = { stream: string; ids: string[] }[];

interface PipelineRun { leads: number; assigned: number; deadLettered: number; firstAcceptMs: number; sustained: number; overall: number; p50: number; p99: number; max: number; ingestRate: number; httpErrors: number }

/** Ingests, waits until every accepted lead is stored, then reads accept and commit times from Redis. */
async function pipelineRun(redis: Redis, api: Api, t: Tenant, bodies: unknown[], cleanup: Cleanup, ratePerS?: number): Promise<PipelineRun> {
  const from = `${Date.now() - 1}-0`;
  const dlqBefore = await redis.xlen(leadKeys.dlq(t.id));
  const storedBefore = await redis.zcard(leadKeys.byTime(t.id));
  const r = await ingest(api.base, t.integrator, bodies, ratePerS);
  await waitFor('pipeline drained', async () => (await redis.zcard(leadKeys.byTime(t.id))) - storedBefore + (await redis.xlen(leadKeys.dlq(t.id))) - dlqBefore >= r.leadIds.length, { timeoutMs: 30 * 60_000, intervalMs: 250 });
  const accepted = new Map<string, number>();
  const ingestEntries = await scan(redis, leadKeys.ingest(), from, (f) => f.t === t.id);
  for (const [id, f] of ingestEntries) accepted.set(f.lead!, msOf(id));
  const committed = new Map<string, number>();
  const feed = await scan(redis, ENTITY_STREAM, from, (f) => f.n === 'dwdLead' && f.b!.includes(t.id));
  for (const [id, f] of feed) {
    const row = JSON.parse(f.b!) as { lead_id: string; tenant_id: string; assigned_to_user_id?: string | null };
    // The first dwd_lead row of a lead is its own commit; later ones are identity re-pointing.
    if (row.tenant_id === t.id && !committed.has(row.lead_id) && row.assigned_to_user_id) committed.set(row.lead_id, msOf(id));
  }
  cleanup.push({ stream: leadKeys.ingest(), ids: ingestEntries.map(([id]) => id) }, { stream: ENTITY_STREAM, ids: feed.map(([id]) => id) });
  const lat: number[] = [];
  const commits: number[] = [];
  for (const [lead, at] of accepted) {
    const c = committed.get(lead);
    if (c === undefined) continue;
    lat.push(c - at);
    commits.push(c);
  }
  lat.sort((a, b) => a - b);
  commits.sort((a, b) => a - b);
  const first = Math.min(...accepted.values());
  // Sustained: the middle 80 % of commits, clear of warm-up and of the tail after the last 202.
  const lo = commits[Math.floor(commits.length * 0.1)]!;
  const hi = commits[Math.floor(commits.length * 0.9)]!;
  return {
    leads: r.leadIds.length, assigned: lat.length, deadLettered: (await redis.xlen(leadKeys.dlq(t.id))) - dlqBefore, firstAcceptMs: first,
    sustained: hi > lo ? (commits.length * 0.8) / ((hi - lo) / 1000) : NaN,
    overall: lat.length / ((commits[commits.length - 1]! - first) / 1000),
    p50: percentile(lat, 50), p99: percentile(lat, 99), max: lat[lat.length - 1] ?? NaN,
    ingestRate: r.leadIds.length / r.seconds, httpErrors: r.errors,
  };
}

/** The same entries through bare Redis streams: CONCURRENCY XADD clients, one XREADGROUP COUNT 32 + XACK consumer. */
async function rawCeiling(redis: Redis, entries: string[][]): Promise<number> {
  const stream = `bench:leads:raw:${namespace()}`;
  await redis.xgroup('CREATE', stream, 'g', '0', 'MKSTREAM');
  const reader = redis.duplicate();
  let consumed = 0;
  const started = performance.now();
  const consumer = (async () => {
    while (consumed < entries.length) {
      const res = (await reader.xreadgroup('GROUP', 'g', 'c', 'COUNT', 32, 'BLOCK', 1000, 'STREAMS', stream, '>')) as [string, [string, string[]][]][] | null;
      for (const [, list] of res ?? []) for (const [id] of list) {
        await reader.xack(stream, 'g', id);
        consumed++;
      }
    }
  })();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < entries.length; i = next++) await redis.xadd(stream, '*', ...entries[i]!);
  }));
  await consumer;
  const seconds = (performance.now() - started) / 1000;
  reader.disconnect();
  await redis.del(stream);
  return entries.length / seconds;
}

async function main(): Promise<void> {
  rmSync(chdbPath, { recursive: true, force: true });
  mkdirSync(chdbPath, { recursive: true });
  const wh = new ChdbWarehouse({ path: chdbPath, database: 'cunke' });
  await migrate(wh);
  await wh.close();
  const redis = await connectRedis(config);
  const cleanup: Cleanup = [];
  try {
    // 1. HTTP ingest alone: the pipeline worker is off, entries only accumulate in the stream.
    let api = await startApi(false);
    const a = await setUpTenant(redis, api.base);
    const fromA = `${Date.now() - 1}-0`;
    const aBodies = leadBodies(LEADS, 1, a.web, a.imp);
    await ingest(api.base, a.integrator, aBodies.slice(0, 200)); // warm-up (JIT, connections)
    const alone = await ingest(api.base, a.integrator, aBodies.slice(200));
    await api.stop();
    // The same entries are the raw ceiling's payloads; then they leave the stream unprocessed.
    const aEntries = await scan(redis, leadKeys.ingest(), fromA, (f) => f.t === a.id);
    for (let i = 0; i < aEntries.length; i += 1000) await redis.xdel(leadKeys.ingest(), ...aEntries.slice(i, i + 1000).map(([id]) => id));
    const raw = await rawCeiling(redis, aEntries.map(([, f]) => Object.entries(f).flat()));
    const aloneRate = alone.leadIds.length / alone.seconds;

    // 2. The pipeline, saturated: ingest as fast as HTTP allows while the worker keeps up as it can.
    api = await startApi(true);
    const b = await setUpTenant(redis, api.base);
    await pipelineRun(redis, api, b, leadBodies(200, 2, b.web, b.imp), cleanup); // warm-up
    const sat = await pipelineRun(redis, api, b, leadBodies(LEADS, 3, b.web, b.imp), cleanup);
    // 3. Latency at a load the pipeline sustains: half the saturated rate, open loop.
    const rate = Math.max(1, Math.floor(sat.sustained / 2));
    const c = await setUpTenant(redis, api.base);
    const paced = await pipelineRun(redis, api, c, leadBodies(Math.min(LEADS, rate * PACED_SECONDS), 4, c.web, c.imp), cleanup, rate);
    await api.stop();

    const f = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
    console.log(`\nbench:leads — ${LEADS.toLocaleString()} leads, ${CONCURRENCY} HTTP clients, ${Math.round(REPEAT * 100)} % repeat people across 2 scenes (web form + CRM import, OneID), ${TAG_RULES.length} tag rules, round robin over ${AGENTS} agents\n`);
    console.log('| stage | leads/s | p50 202→assigned | p99 | max | note |');
    console.log('|---|---|---|---|---|---|');
    console.log(`| raw: XADD + XREADGROUP + XACK, same payloads | ${f(raw)} | | | | ${CONCURRENCY} producers, 1 consumer |`);
    console.log(`| HTTP ingest alone (202 after XADD, worker off) | ${f(aloneRate)} | | | | ${alone.errors} errors |`);
    console.log(`| pipeline saturated: sustained (middle 80 % of commits) | ${f(sat.sustained)} | ${f(sat.p50)} ms | ${f(sat.p99)} ms | ${f(sat.max)} ms | ${sat.assigned}/${sat.leads} assigned, ${sat.deadLettered} dead-lettered; HTTP ${f(sat.ingestRate)}/s meanwhile |`);
    console.log(`| pipeline saturated: first 202 → last assigned | ${f(sat.overall)} | | | | |`);
    console.log(`| pipeline at half that rate (paced, ${paced.leads} leads) | ${f(rate)} offered | ${f(paced.p50)} ms | ${f(paced.p99)} ms | ${f(paced.max)} ms | ${paced.assigned}/${paced.leads} assigned |`);
    console.log(`\nratio pipeline ÷ HTTP ingest alone: ${(sat.sustained / aloneRate).toFixed(2)}; pipeline ÷ raw: ${(sat.sustained / raw).toFixed(3)}; HTTP ingest alone ÷ raw: ${(aloneRate / raw).toFixed(2)}`);
    console.log(JSON.stringify({ bench: 'leads', leads: LEADS, concurrency: CONCURRENCY, repeat: REPEAT, raw, ingestAlone: aloneRate, saturated: sat, paced: { ...paced, offered: rate }, ratios: { pipelineToIngest: sat.sustained / aloneRate, pipelineToRaw: sat.sustained / raw } }));
  } finally {
    // Leave the stack as found: this run's processed ingest entries and feed rows.
    for (const { stream, ids } of cleanup) for (let i = 0; i < ids.length; i += 1000) await redis.xdel(stream, ...ids.slice(i, i + 1000)).catch(() => 0);
    redis.disconnect();
    rmSync(chdbPath, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
