// Lead spreadsheet import (issue 5 item 1) against the real stack: CSV (UTF-8 with BOM, Chinese
// headers) and .xlsx uploads become one BullMQ job each, bad rows are reported per row with masked
// values and not enqueued, good rows become leads through the normal pipeline (E.164 phone, tags,
// round-robin owner); an Idempotency-Key replay and a re-run after a crash create no lead twice;
// 415 / 413 / 422 / cross-tenant 404 / viewer 403; unparseable and oversized files are FAILED.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { isolatedRedisUrl, namespace } from '../../test/support/services.js';
import { runImport } from '../src/leads/imports/import-job.js';
import { startImportWorker } from '../src/leads/imports/import-queue.js';
import { importKeys, ImportStore } from '../src/leads/imports/import-store.js';
import { importLeadId } from '../src/leads/imports/rows.js';
import { leadKeys } from '../src/leads/pipeline/lead-store.js';
import { leadRuntime } from '../src/leads/runtime.js';
import { until } from '../../test/support/wait.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let api: TestApi;
const A = namespace('ia');
const B = namespace('ib');
const k: Record<string, string> = {};
let u1 = '';
let u2 = '';
let sceneId = '';

async function upload(key: string, query: string, body: Buffer | string, type: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.url}/api/v1/leads/imports?${query}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': type, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await res.text();
  // any: the envelope's data differs per status; each test asserts what it relies on.
  let json: { code: number; errorCode?: string; errors?: { field: string; rule: string }[]; data: any };
  try { json = JSON.parse(text); } catch { json = { code: res.status, data: text }; }
  return { status: res.status, body: json, headers: res.headers };
}

const finished = (id: string, key = k.supervisorA!) => until(`import ${id} to end`, async () => {
  const r = await api.call('GET', `/api/v1/leads/imports/${id}`, { key });
  return r.body.data?.status === 'COMPLETED' || r.body.data?.status === 'FAILED' ? r.body.data : null;
});

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋'];
const phoneOf = (i: number) => `139${String(20_000_000 + i * 7_919).slice(0, 8)}`;

/** 50 data rows with 7 bad ones and a blank line; returns the CSV and, by sheet row, what each bad row should report. */
function sampleCsv(): { csv: string; bad: Map<number, { field: string; rule: RegExp }>; good: Map<number, string> } {
  const lines = ['\uFEFF姓名,手机,邮箱,公司,备注'];
  const bad = new Map<number, { field: string; rule: RegExp }>();
  const good = new Map<number, string>();
  for (let i = 1; i <= 50; i++) {
    if (i === 30) lines.push(''); // a blank line is a blank row: skipped, not counted
    const row = lines.length + 1;
    let phone = phoneOf(i);
    let email = `user${i}@corp${i}.cn`;
    if (i === 5 || i === 15) { phone = ''; bad.set(row, { field: 'phone', rule: /^required$/ }); }
    else if (i === 10 || i === 20) { phone = '13800000000'; bad.set(row, { field: 'phone', rule: /junk|type:phone/ }); }
    else if (i === 25 || i === 35) { email = 'bad-email@'; bad.set(row, { field: 'email', rule: /^type:email$/ }); }
    else if (i === 45) { phone = '12'; bad.set(row, { field: 'phone', rule: /^type:phone$/ }); }
    else good.set(row, phone);
    const note = i % 3 === 0 ? '对产品A很感兴趣, 请联系' : '一般咨询';
    lines.push([`${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${GIVEN[i % 7]}`, phone, email, `上海公司${i}`, `"${note}"`].join(','));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, bad, good };
}

async function sceneLeads(): Promise<{ lead_id: string; source: string; external_lead_id: string; lead_data: Record<string, unknown>; tags: string[]; assigned_to_user_id: string | null }[]> {
  const r = await api.call('GET', `/api/v1/leads?scene_config_id=${sceneId}&size=200`, { key: k.supervisorA });
  assert.equal(r.status, 200);
  return r.body.data.records;
}

/** Every given ingest stream entry was delivered to and acknowledged by the pipeline group. */
async function drained(ids: string[]): Promise<boolean> {
  if (!ids.length) return true;
  const groups = (await api.deps.redis.xinfo('GROUPS', leadKeys.ingest())) as unknown[][];
  const g = groups.map((x) => Object.fromEntries(Array.from({ length: x.length / 2 }, (_, i) => [x[i * 2], x[i * 2 + 1]]))).find((x) => x.name === leadKeys.group());
  const cmp = (a: string, b: string) => { const [a1, a2] = a.split('-').map(BigInt); const [b1, b2] = b.split('-').map(BigInt); return a1! === b1! ? (a2! < b2! ? -1 : a2! > b2! ? 1 : 0) : a1! < b1! ? -1 : 1; };
  const maxId = ids.reduce((m, x) => (cmp(x, m) > 0 ? x : m));
  if (!g || cmp(String(g['last-delivered-id']), maxId) < 0) return false;
  const pending = (await api.deps.redis.xpending(leadKeys.ingest(), leadKeys.group(), ids[0]!, maxId, 10000)) as [string, ...unknown[]][];
  const mine = new Set(ids);
  return !pending.some((p) => mine.has(p[0]));
}

before(async () => {
  api = await startTestApi({ redisUrl: isolatedRedisUrl(), leadImportMaxBytes: 256 * 1024, leadImportMaxRows: 60, leadImportBatchRows: 8 });
  k.supervisorA = await api.keyFor(A, 'supervisor');
  k.integratorA = await api.keyFor(A, 'integrator');
  k.viewerA = await api.keyFor(A, 'viewer');
  k.supervisorB = await api.keyFor(B, 'supervisor');
  u1 = (await api.deps.identity.createUser(A, { name: 'agent 1', role: 'supervisor' })).userId;
  u2 = (await api.deps.identity.createUser(A, { name: 'agent 2', role: 'supervisor' })).userId;
  assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: k.supervisorA, body: { name: '产品A意向', tag_group: '意向' } })).status, 201);
  const s = await api.call('POST', '/api/v1/scenes/configurations', { key: k.supervisorA, body: {
    scene_name: '展会名单导入', scene_type: 'API_IMPORT', deduplication_strategy: 'ONEID',
    data_mapping_rules: { fields: [
      { target: 'name', source: ['姓名', 'name'] }, { target: 'phone', source: ['手机', '手机号', 'phone'], required: true },
      { target: 'email', source: ['邮箱', 'email'] }, { target: 'company', source: '公司' }, { target: 'message', source: '备注' },
    ] },
    auto_tagging_rules: [{ id: 'prodA', when: { field: 'message', op: 'contains', value: '产品A' }, actions: { add: ['产品A意向'] } }],
    assignment_rules: { rule_id: 'rr', pool: [u1, u2], chain: [{ type: 'round_robin' }], fallback_queue: 'pool' },
  } });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  sceneId = s.body.data.scene_config_id;
});

after(async () => {
  await api?.close();
});

describe('CSV import', () => {
  const sample = sampleCsv();
  let importId = '';

  test('202 with an import id; the job completes with counts; good rows become tagged, assigned leads with E.164 phones', async () => {
    const r = await upload(k.supervisorA!, `scene_config_id=${sceneId}&file_name=expo.csv`, sample.csv, 'text/csv', { 'idempotency-key': `imp-${A}-1` });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    importId = r.body.data.import_id;
    assert.match(importId, /^imp_/);
    assert.equal(r.body.data.status, 'QUEUED');
    const done = await finished(importId);
    assert.equal(done.status, 'COMPLETED', JSON.stringify(done));
    assert.deepEqual([done.total_rows, done.processed, done.accepted, done.rejected], [50, 50, 43, 7]);
    assert.equal(done.file_name, 'expo.csv');
    assert.equal(done.file_type, 'csv');
    assert.ok(Date.parse(done.started_at) <= Date.parse(done.finished_at));
    assert.equal(await api.deps.redis.exists(importKeys.file(A, importId)), 0, 'the file is dropped when the job ends');
    // One row per status change; ReplacingMergeTree(version) keeps the final one (FINAL: whether or not parts merged yet).
    const row = await until('the final import row in dim_lead_import', async () => {
      const r = await api.deps.warehouse.query<{ status: string; version: string; accepted: number; rejected: number; total_rows: number | null; file_name: string }>(
        `SELECT status, version, accepted, rejected, total_rows, file_name FROM ${api.deps.warehouse.tables.dimLeadImport} FINAL WHERE tenant_id = {t:String} AND import_id = {id:String}`, { t: A, id: importId });
      return r.length === 1 && r[0]!.status === 'COMPLETED' ? r[0] : null;
    });
    assert.deepEqual([Number(row.version), Number(row.accepted), Number(row.rejected), Number(row.total_rows), row.file_name], [3, 43, 7, 50, 'expo.csv']);

    const leads = await until('43 imported leads', async () => {
      const l = (await sceneLeads()).filter((x) => x.external_lead_id?.startsWith(`${importId}#`));
      return l.length === 43 ? l : null;
    });
    const byRow = new Map(leads.map((l) => [Number(l.external_lead_id.split('#')[1]), l]));
    for (const [row, phone] of sample.good) {
      const l = byRow.get(row);
      assert.ok(l, `row ${row} became a lead`);
      assert.equal(l.source, 'FILE_IMPORT');
      assert.equal(l.lead_data.phone, `+86${phone}`, 'normalised to E.164 (supervisor holds pii:view)');
      assert.equal(l.lead_id, importLeadId(A, importId, row, Date.parse(done.created_at)));
      const note = String(l.lead_data.message);
      assert.equal(l.tags.includes('产品A意向'), note.includes('产品A'), `row ${row} tags ${l.tags.join(',')}`);
    }
    for (const row of sample.bad.keys()) assert.ok(!byRow.has(row), `bad row ${row} was not enqueued`);
    const owners = leads.map((l) => l.assigned_to_user_id);
    assert.ok(owners.every((o) => o === u1 || o === u2), 'every lead assigned from the pool');
    const n1 = owners.filter((o) => o === u1).length;
    assert.ok(Math.abs(n1 - (43 - n1)) <= 1, `round robin splits evenly (${n1} / ${43 - n1})`);
  });

  test('per-row errors: row, field, rule, masked value; paged; CSV download; nothing in clear', async () => {
    const p1 = await api.call('GET', `/api/v1/leads/imports/${importId}/errors?size=5`, { key: k.supervisorA });
    assert.equal(p1.status, 200);
    assert.equal(p1.body.data.total, 7);
    assert.equal(p1.body.data.records.length, 5);
    const p2 = await api.call('GET', `/api/v1/leads/imports/${importId}/errors?size=5&page=2`, { key: k.supervisorA });
    const errs = [...p1.body.data.records, ...p2.body.data.records] as { row: number; field: string; rule: string; message: string; value?: string }[];
    assert.deepEqual(errs.map((e) => e.row).sort((a, b) => a - b), [...sample.bad.keys()].sort((a, b) => a - b));
    for (const e of errs) {
      const want = sample.bad.get(e.row)!;
      assert.equal(e.field, want.field, JSON.stringify(e));
      assert.match(e.rule, want.rule, JSON.stringify(e));
      assert.ok(e.message.length > 0);
    }
    const junk = errs.find((e) => e.field === 'phone' && e.rule !== 'required' && e.value?.startsWith('138'));
    assert.equal(junk?.value, '138****0000');
    const text = JSON.stringify(errs);
    assert.ok(!text.includes('13800000000') && !text.includes('bad-email'), 'no phone or e-mail in clear');
    const csv = await fetch(`${api.url}/api/v1/leads/imports/${importId}/errors?format=csv`, { headers: { authorization: `Bearer ${k.supervisorA}` } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM so Excel reads Chinese');
    const body = bytes.subarray(3).toString('utf8');
    assert.ok(body.startsWith('row,field,rule,message,value'), body.slice(0, 80));
    assert.equal(body.trim().split(/\r\n/).length, 8);
    assert.ok(!body.includes('13800000000'));
    const leaked = api.logLines.filter((l) => l.includes('13800000000') || l.includes(phoneOf(1)));
    assert.deepEqual(leaked, [], 'logs carry no phone');
  });

  test('the same upload with the same Idempotency-Key is replayed: same import, no new leads', async () => {
    const r = await upload(k.supervisorA!, `scene_config_id=${sceneId}&file_name=expo.csv`, sample.csv, 'text/csv', { 'idempotency-key': `imp-${A}-1` });
    assert.equal(r.status, 202);
    assert.equal(r.headers.get('idempotent-replayed'), 'true');
    assert.equal(r.body.data.import_id, importId);
    const other = await upload(k.supervisorA!, `scene_config_id=${sceneId}`, `${sample.csv}x,1\r\n`, 'text/csv', { 'idempotency-key': `imp-${A}-1` });
    assert.equal(other.status, 422, 'the key on another file is refused');
    const list = await api.call('GET', '/api/v1/leads/imports?size=50', { key: k.supervisorA });
    assert.equal(list.body.data.records.filter((x: { import_id: string }) => x.import_id === importId).length, 1);
    assert.equal((await sceneLeads()).filter((x) => x.external_lead_id?.startsWith(`${importId}#`)).length, 43);
  });

  test('a job that crashed mid-way resumes from its cursor, and a re-run that enqueues rows again creates no lead twice', async () => {
    const rt = leadRuntime(api.deps);
    const store = new ImportStore(api.deps.redis, { retentionS: 3600, pii: api.deps.pii, writer: 'test' });
    const deps = { store, cache: rt.cache, log: api.deps.log, maxRows: 100, maxCellChars: 1000, batchRows: 7, streamMaxLen: 1_000_000, defaultRegion: 'CN' };
    const id = `imp_resume${namespace('')}`;
    const createdAt = Date.now();
    // As left by a run that committed rows 2–20 and then died: RUNNING, cursor 20, counters of those rows.
    const goodUpTo20 = [...sample.good.keys()].filter((r) => r <= 20).length;
    const badUpTo20 = [...sample.bad.keys()].filter((r) => r <= 20).length;
    await store.create({
      import_id: id, tenant_id: A, scene_config_id: sceneId, scene_type: 'API_IMPORT', file_name: 'resume.csv', kind: 'csv', charset: '', bytes: sample.csv.length, sha256: '',
      created_by: 'test', status: 'RUNNING', reason: null, message: null, total_rows: null, processed: 0, accepted: 0, rejected: 0, cursor: 0,
      created_at: createdAt, started_at: createdAt, finished_at: null,
    }, Buffer.from(sample.csv));
    await api.deps.redis.hset(importKeys.state(A, id), 'cursor', '20', 'accepted', String(goodUpTo20), 'rejected', String(badUpTo20), 'processed', String(goodUpTo20 + badUpTo20));
    const streamStart = (await api.deps.redis.xrevrange(leadKeys.ingest(), '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    const s = await runImport(deps, A, id);
    assert.equal(s?.status, 'COMPLETED');
    assert.deepEqual([s?.processed, s?.accepted, s?.rejected], [50, 43, 7], 'counters continue from the cursor');
    const mine = async (from: string) => (await api.deps.redis.xrange(leadKeys.ingest(), `(${from}`, '+')).filter(([, f]) => f[f.indexOf('ext') + 1]?.startsWith(`${id}#`));
    const first = await mine(streamStart);
    assert.equal(first.length, 43 - goodUpTo20, 'only rows after the cursor were enqueued');
    assert.ok(first.every(([, f]) => Number(f[f.indexOf('ext') + 1]!.split('#')[1]) > 20));
    const after1 = await until('resumed rows become leads', async () => {
      const l = (await sceneLeads()).filter((x) => x.external_lead_id?.startsWith(`${id}#`));
      return l.length === first.length ? l : null;
    });

    // A re-run from an earlier cursor (as if the state had not been saved): the rows go to the stream again, the leads do not double.
    const mark = (await api.deps.redis.xrevrange(leadKeys.ingest(), '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    await store.create({ ...(await store.get(A, id))!, status: 'RUNNING', finished_at: null }, Buffer.from(sample.csv));
    await api.deps.redis.hset(importKeys.state(A, id), 'cursor', '20', 'accepted', String(goodUpTo20), 'rejected', String(badUpTo20), 'processed', String(goodUpTo20 + badUpTo20));
    await api.deps.redis.del(importKeys.errors(A, id));
    assert.equal((await runImport(deps, A, id))?.status, 'COMPLETED');
    const second = await mine(mark);
    assert.equal(second.length, first.length, 'the rows were enqueued a second time');
    await until('the pipeline consumed the second run', () => drained(second.map(([eid]) => eid)));
    const after2 = (await sceneLeads()).filter((x) => x.external_lead_id?.startsWith(`${id}#`));
    assert.deepEqual(after2.map((l) => l.lead_id).sort(), after1.map((l) => l.lead_id).sort(), 'same leads, none twice');
    // A finished import is not run again.
    assert.equal((await runImport(deps, A, id))?.status, 'COMPLETED');
    assert.equal((await mine(mark)).length, second.length);
  });
});

describe('recovery', () => {
  test('an import stored but never queued (the API died in between) is queued again when a worker starts', async () => {
    const store = new ImportStore(api.deps.redis, { retentionS: 3600, pii: api.deps.pii, writer: 'test' });
    const id = `imp_orphan${namespace('')}`;
    const now = Date.now();
    await store.create({
      import_id: id, tenant_id: A, scene_config_id: sceneId, scene_type: 'API_IMPORT', file_name: 'orphan.csv', kind: 'csv', charset: '', bytes: 0, sha256: '',
      created_by: 'test', status: 'QUEUED', reason: null, message: null, total_rows: null, processed: 0, accepted: 0, rejected: 0, cursor: 0,
      created_at: now, started_at: null, finished_at: null,
    }, Buffer.from(`手机,姓名\n${phoneOf(400)},钱七\n`));
    assert.equal((await store.get(A, id))?.status, 'QUEUED');
    const atRest = await api.deps.redis.getBuffer(importKeys.file(A, id));
    assert.ok(atRest && !atRest.includes(Buffer.from(phoneOf(400))), 'the stored file is sealed, no phone in clear');
    const rt = leadRuntime(api.deps);
    const w = startImportWorker(api.config.redisUrl, 1, { store, cache: rt.cache, log: api.deps.log, maxRows: 100, maxCellChars: 1000, batchRows: 10, streamMaxLen: 1_000_000, defaultRegion: 'CN' });
    try {
      const done = await finished(id);
      assert.deepEqual([done.status, done.accepted], ['COMPLETED', 1]);
      assert.ok(!(await store.openImports()).some((o) => o.importId === id), 'an ended import leaves the open set');
    } finally {
      await w.close();
    }
  });
});

describe('Excel import', () => {
  test('an .xlsx built with exceljs: numeric and formula phone cells, a bad row; leads per the scene', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '手机号', '邮箱', '公司', '备注']);
    ws.addRow(['孙悟空', 13_955_501_234, 'wukong@huaguo.cn', '花果山', '想了解产品A']);
    ws.addRow(['猪八戒', { formula: '"1395550"&"4321"', result: '13955504321' }, '', '高老庄', '']);
    ws.addRow(['沙和尚', '', 'sha@liusha.cn', '流沙河', '']);
    ws.addRow(['唐僧', { formula: 'NOW()' }, '', '大唐', '']);
    ws.addRow(['白龙马', '+86 139 5550 8888', '', '西海', '产品A 报价']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(k.integratorA!, 'scene_type=API_IMPORT&file_name=west.xlsx', buf, XLSX);
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const done = await finished(r.body.data.import_id, k.integratorA);
    assert.equal(done.status, 'COMPLETED', JSON.stringify(done));
    assert.equal(done.file_type, 'xlsx');
    assert.deepEqual([done.total_rows, done.accepted, done.rejected], [5, 3, 2]);
    const errs = (await api.call('GET', `/api/v1/leads/imports/${done.import_id}/errors`, { key: k.integratorA })).body.data.records as { row: number; field: string; rule: string }[];
    assert.deepEqual(errs.map((e) => [e.row, e.field, e.rule]).sort(), [[4, 'phone', 'required'], [5, '手机号', 'formula'], [5, 'phone', 'required']].sort());
    const leads = await until('xlsx leads', async () => {
      const l = (await sceneLeads()).filter((x) => x.external_lead_id?.startsWith(`${done.import_id}#`));
      return l.length === 3 ? l : null;
    });
    const phones = leads.map((l) => l.lead_data.phone).sort();
    assert.deepEqual(phones, ['+8613955501234', '+8613955504321', '+8613955508888']);
    assert.deepEqual(leads.filter((l) => l.tags.includes('产品A意向')).map((l) => l.lead_data.phone).sort(), ['+8613955501234', '+8613955508888']);
  });
});

describe('bad files and access', () => {
  test('415 for other content types; 413 over the size limit; 422 without a scene; nothing stored', async () => {
    const json = await api.call('POST', `/api/v1/leads/imports?scene_config_id=${sceneId}`, { key: k.supervisorA, body: { rows: [] } });
    assert.equal(json.status, 415);
    assert.equal(json.body.errorCode, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal((await upload(k.supervisorA!, `scene_config_id=${sceneId}`, 'a,b\n', 'text/plain')).status, 415);
    assert.equal((await upload(k.supervisorA!, `scene_config_id=${sceneId}`, Buffer.alloc(10), 'application/vnd.ms-excel')).status, 415);
    const big = await upload(k.supervisorA!, `scene_config_id=${sceneId}`, `姓名,手机\n${'张三,13912345678\n'.repeat(20_000)}`, 'text/csv');
    assert.equal(big.status, 413);
    assert.equal(big.body.errorCode, 'PAYLOAD_TOO_LARGE');
    const noScene = await upload(k.supervisorA!, '', 'a\n1\n', 'text/csv');
    assert.equal(noScene.status, 422);
    assert.deepEqual(noScene.body.errors?.map((e) => e.field), ['query.scene_config_id']);
    assert.equal((await upload(k.supervisorA!, 'scene_config_id=sc_nope', 'a\n1\n', 'text/csv')).status, 422);
    assert.equal((await upload(k.supervisorA!, `scene_config_id=${sceneId}`, '', 'text/csv')).status, 422);
  });

  test('unparseable, over-long and header-less files end FAILED with a reason and enqueue nothing', async () => {
    const cases: [string | Buffer, string, string][] = [
      [Buffer.from('PK\x03\x04 definitely not a workbook'), XLSX, 'unparseable_file'],
      ['姓名,手机\n"unterminated,13912345678\n', 'text/csv', 'unparseable_file'],
      [`姓名,手机\n${Array.from({ length: 61 }, (_, i) => `人${i},${phoneOf(100 + i)}`).join('\n')}\n`, 'text/csv', 'too_many_rows'],
      ['手机,手机\n13912345678,13912345679\n', 'text/csv', 'duplicate_header'],
    ];
    for (const [body, type, reason] of cases) {
      const r = await upload(k.supervisorA!, `scene_config_id=${sceneId}`, body, type);
      assert.equal(r.status, 202, JSON.stringify(r.body));
      const done = await finished(r.body.data.import_id);
      assert.equal(done.status, 'FAILED');
      assert.equal(done.reason, reason, JSON.stringify(done));
      assert.ok(done.message);
      assert.equal(done.accepted, 0);
    }
  });

  test('GBK-encoded CSV (Windows Excel "CSV") imports with its Chinese headers', async () => {
    // 姓名,手机\n周星驰,13966601234\n in GBK, written out byte by byte (Node has no GBK encoder).
    const gbk = Buffer.concat([
      Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]), Buffer.from(','), Buffer.from([0xca, 0xd6, 0xbb, 0xfa]), Buffer.from('\r\n'),
      Buffer.from([0xd6, 0xdc, 0xd0, 0xc7, 0xb3, 0xdb]), Buffer.from(',13966601234\r\n'),
    ]);
    const r = await upload(k.supervisorA!, `scene_config_id=${sceneId}`, gbk, 'text/csv');
    const done = await finished(r.body.data.import_id);
    assert.deepEqual([done.status, done.accepted, done.rejected], ['COMPLETED', 1, 0]);
    const l = await until('gbk lead', async () => (await sceneLeads()).find((x) => x.external_lead_id?.startsWith(`${done.import_id}#`)));
    assert.equal(l.lead_data.name, '周星驰');
    assert.equal(l.lead_data.phone, '+8613966601234');
  });

  test('tenant isolation and permissions: 404 for another tenant, 403 for a viewer, lists are per tenant', async () => {
    const r = await upload(k.supervisorA!, `scene_config_id=${sceneId}`, `姓名,手机\n赵六,${phoneOf(300)}\n`, 'text/csv');
    const id = r.body.data.import_id as string;
    await finished(id);
    assert.equal((await api.call('GET', `/api/v1/leads/imports/${id}`, { key: k.supervisorB })).status, 404);
    assert.equal((await api.call('GET', `/api/v1/leads/imports/${id}/errors`, { key: k.supervisorB })).status, 404);
    assert.equal((await api.call('GET', '/api/v1/leads/imports', { key: k.supervisorB })).body.data.total, 0);
    assert.ok((await api.call('GET', '/api/v1/leads/imports', { key: k.supervisorA })).body.data.total >= 5);
    assert.equal((await upload(k.viewerA!, `scene_config_id=${sceneId}`, 'a\n1\n', 'text/csv')).status, 403);
    assert.equal((await api.call('GET', `/api/v1/leads/imports/${id}`, { key: k.viewerA })).status, 403);
    assert.equal((await api.call('GET', '/api/v1/leads/imports', { key: k.viewerA })).status, 403);
    assert.equal((await upload(k.supervisorB!, `scene_config_id=${sceneId}`, 'a\n1\n', 'text/csv')).status, 422, 'another tenant\'s scene does not exist for B');
    const doc = (await api.call('GET', '/openapi.json')).body as unknown as { paths: Record<string, Record<string, { description?: string }>> };
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    assert.match(metrics, /cunke_lead_import_rows_total\{outcome="accepted"\} \d+/);
    assert.match(metrics, /cunke_lead_imports_total\{status="FAILED",reason="too_many_rows"\} 1/);
    assert.ok(doc.paths['/api/v1/leads/imports']?.post && doc.paths['/api/v1/leads/imports/{importId}/errors']?.get, 'documented in OpenAPI');
  });
});
