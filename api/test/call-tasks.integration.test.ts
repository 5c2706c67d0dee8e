// Call tasks, the DNC list and compliance settings over the real API (Redis + chDB + BullMQ):
// create/list/detail consistency, 422 per bad number, 401/403/404 per route, the task state
// machine with 409s and its audit trail, scheduled starts as delayed BullMQ jobs removed on
// cancel, number masking by role, statistics from the ingest counters, warehouse rows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { isOnDnc, readCompliance } from '../../common/call-tasks/compliance.js';
import { DEFAULT_COMPLIANCE, taskKeys } from '../../common/call-tasks/model.js';
import { TaskContentionError, TaskStore } from '../../common/call-tasks/task-store.js';
import { rebuildCallTasks } from '../src/call-tasks/rebuild.js';
import { FEED_STREAM } from '../../common/feed.js';
import { hashPii } from '../../common/pii.js';
import { keys } from '../../gateway/src/domain/redis-keys.js';
import { countCallRecords } from '../../warehouse/src/queries/call-records.js';
import { feedFields } from '../../warehouse/test/fixtures.js';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { callMessages } from '../../test/support/events.js';
import { isolatedRedisUrl, namespace } from '../../test/support/services.js';
import { waitFor } from '../../test/support/wait.js';

const BASE = '/api/v1/lead-generation';
const TASKS = `${BASE}/call-tasks`;

let api: TestApi;
const A = namespace('cta');
const B = namespace('ctb');
const k: Record<string, string> = {};
const jobsToClean: string[] = [];

const newTask = (over: Record<string, unknown> = {}) => ({
  name: '新产品推广外呼任务', description: 'promo', callScript: '您好，这里是存客宝', phoneNumbers: ['13800000001', '13800000002'],
  callerId: '0592-1234567', deviceIds: ['sim-0001', 'sim-0002'], tags: ['新客'], source: '电话外呼', ...over,
});

async function create(over: Record<string, unknown> = {}, key = k.supervisorA!) {
  const r = await api.call('POST', TASKS, { key, body: newTask(over) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.data as { taskId: number; status: string; name: string; createTime: string; phoneCount: number; duplicatesRemoved: number };
}

before(async () => {
  api = await startTestApi({ redisUrl: isolatedRedisUrl() });
  k.adminA = await api.keyFor(A, 'admin');
  k.supervisorA = await api.keyFor(A, 'supervisor');
  k.analystA = await api.keyFor(A, 'analyst');
  k.viewerA = await api.keyFor(A, 'viewer');
  k.supervisorB = await api.keyFor(B, 'supervisor');
});

after(async () => {
  for (const id of jobsToClean) await api.deps.scheduler.queue.remove(id).catch(() => 0);
  await api?.close();
});

describe('call tasks', () => {
  test('create → 201 with an integer id; detail and list agree; a task without scheduledTime runs at once', async () => {
    const c = await create({ phoneNumbers: ['13800000001', '138 0000 0002', '+8613800000001', '13800000003'] });
    assert.equal(typeof c.taskId, 'number');
    assert.equal(c.status, 'RUNNING');
    assert.equal(c.phoneCount, 3);
    assert.equal(c.duplicatesRemoved, 1);
    assert.ok(!Number.isNaN(Date.parse(c.createTime)));

    const d = await api.call('GET', `${TASKS}/${c.taskId}`, { key: k.supervisorA });
    assert.equal(d.status, 200);
    const t = d.body.data;
    assert.equal(t.taskId, c.taskId);
    assert.equal(t.name, '新产品推广外呼任务');
    assert.equal(t.status, 'RUNNING');
    assert.deepEqual(t.deviceIds, ['sim-0001', 'sim-0002']);
    assert.equal(t.callerId, '0592-1234567');
    assert.equal(t.callScript, '您好，这里是存客宝');
    assert.deepEqual(t.phoneNumbers, ['+8613800000001', '+8613800000002', '+8613800000003']);
    assert.deepEqual(t.tags, ['新客']);
    assert.equal(t.source, '电话外呼');
    assert.equal(t.redialPolicy.maxAttempts, 3);
    assert.equal(t.pacing.ringTimeoutS, 45);
    assert.ok(t.startedTime);
    assert.equal(t.completedTime, null);
    assert.deepEqual(t.callRecords, []);
    assert.ok(await api.deps.redis.sismember(taskKeys.running(), `${A}:${c.taskId}`));

    const list = await api.call('GET', `${TASKS}?name=推广&size=200`, { key: k.analystA });
    assert.equal(list.status, 200);
    const row = list.body.data.records.find((r: { taskId: number }) => r.taskId === c.taskId);
    assert.ok(row);
    for (const f of ['name', 'description', 'status', 'scheduledTime', 'createTime', 'completedTime', 'totalCalls', 'successfulCalls', 'intendedCustomers'] as const) {
      assert.deepEqual(row[f], t[f], f);
    }
  });

  test('list filters by name, status and creation time, pages and sorts', async () => {
    const before = new Date().toISOString();
    const made = [];
    for (const n of ['alpha 一', 'beta 二', 'alpha 三']) made.push(await create({ name: n }));
    await api.call('PUT', `${TASKS}/${made[1]!.taskId}/status`, { key: k.supervisorA, body: { action: 'STOP' } });
    const q = async (qs: string) => (await api.call('GET', `${TASKS}?${qs}`, { key: k.supervisorA })).body.data;
    const alpha = await q(`name=ALPHA&startTime=${encodeURIComponent(before)}&sort=createTime&order=asc`);
    assert.deepEqual(alpha.records.map((r: { taskId: number }) => r.taskId), [made[0]!.taskId, made[2]!.taskId]);
    const stopped = await q('status=STOPPED');
    assert.deepEqual(stopped.records.map((r: { taskId: number }) => r.taskId), [made[1]!.taskId]);
    const page = await q(`startTime=${encodeURIComponent(before)}&size=2&page=2&sort=name&order=asc`);
    assert.equal(page.total, 3);
    assert.equal(page.pages, 2);
    assert.deepEqual(page.records.map((r: { name: string }) => r.name), ['beta 二']);
    const none = await q(`endTime=${encodeURIComponent('2020-01-01T00:00:00Z')}`);
    assert.equal(none.total, 0);
    const bad = await api.call('GET', `${TASKS}?status=DONE&size=0`, { key: k.supervisorA });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors!.map((e) => e.field).sort(), ['query.size', 'query.status']);
  });

  test('validation: 422 names every bad number by index and every bad field', async () => {
    const r = await api.call('POST', TASKS, { key: k.supervisorA, body: newTask({ name: ' ', phoneNumbers: ['13800000001', 'x', '13800000002', '123', 7] }) });
    assert.equal(r.status, 422);
    assert.equal(r.body.errorCode, 'VALIDATION_FAILED');
    assert.deepEqual(r.body.errors!.map((e) => e.field), ['body.name', 'body.phoneNumbers[1]', 'body.phoneNumbers[3]', 'body.phoneNumbers[4]']);
    const schema = await api.call('POST', TASKS, { key: k.supervisorA, body: { name: 'n', phoneNumbers: [], deviceIds: [1], scheduledTime: 'tomorrow', pacing: { ringTimeoutS: 1 } } });
    assert.equal(schema.status, 422);
    const fields = schema.body.errors!.map((e) => e.field);
    for (const f of ['body.callScript', 'body.phoneNumbers', 'body.scheduledTime', 'body.pacing.ringTimeoutS']) assert.ok(fields.includes(f), `${f} in ${fields.join()}`);
  });

  test('a list of 100,000 numbers fits the route\'s own body limit (the global one stays 1 MiB)', async () => {
    const phones = Array.from({ length: 100_000 }, (_, i) => `139${String(i).padStart(8, '0')}`);
    const t0 = Date.now();
    const c = await create({ phoneNumbers: phones, scheduledTime: new Date(Date.now() + 3_600_000).toISOString() });
    const ms = Date.now() - t0;
    jobsToClean.push(`start-${A}-${c.taskId}-1`);
    assert.equal(c.phoneCount, 100_000);
    assert.equal(await api.deps.redis.llen(taskKeys.phones(A, String(c.taskId))), 100_000);
    const last = await api.deps.tasks.phones(A, String(c.taskId), 99_999, 99_999);
    assert.equal(last[0]!.index, 99_999);
    assert.equal(last[0]!.region, 'CN');
    assert.equal(last[0]!.masked, '139****9999');
    process.stderr.write(`# create with 100k numbers: ${ms} ms\n`);
    const t1 = Date.now();
    await waitFor('100k dim_call_task_phone rows', async () => {
      const [r] = await api.deps.warehouse.query<{ n: string }>(
        `SELECT count() AS n FROM ${api.deps.warehouse.tables.dimCallTaskPhone} WHERE tenant_id = {t:String} AND task_id = {k:String}`, { t: A, k: String(c.taskId) });
      return Number(r?.n) === 100_000;
    }, { timeoutMs: 60_000 });
    process.stderr.write(`# 100k numbers in the warehouse ${Date.now() - t1} ms after the create returned\n`);
    const cancel = await api.call('PUT', `${TASKS}/${c.taskId}/cancel`, { key: k.supervisorA });
    assert.equal(cancel.status, 200);
  });

  test('401 without credentials and 403 without the permission, on every route', async () => {
    const c = await create();
    const routes: [string, string, unknown?][] = [
      ['POST', TASKS, newTask()], ['GET', TASKS], ['GET', `${TASKS}/${c.taskId}`],
      ['PUT', `${TASKS}/${c.taskId}/status`, { action: 'STOP' }], ['PUT', `${TASKS}/${c.taskId}/cancel`],
      ['POST', `${BASE}/dnc`, { phoneNumbers: ['13800000001'] }], ['DELETE', `${BASE}/dnc`, { phoneNumbers: ['13800000001'] }],
      ['GET', `${BASE}/dnc/check?phoneNumber=13800000001`], ['GET', `${BASE}/compliance`], ['PUT', `${BASE}/compliance`, DEFAULT_COMPLIANCE],
    ];
    for (const [m, p, body] of routes) {
      assert.equal((await api.call(m, p, { body })).status, 401, `${m} ${p}`);
      assert.equal((await api.call(m, p, { key: k.viewerA, body })).status, 403, `viewer ${m} ${p}`);
    }
    // An analyst reads tasks but cannot create, control, cancel or manage compliance.
    assert.equal((await api.call('GET', `${TASKS}/${c.taskId}`, { key: k.analystA })).status, 200);
    const taskReads = new Set([TASKS, `${TASKS}/${c.taskId}`]);
    for (const [m, p, body] of routes.filter(([m, p]) => !(m === 'GET' && taskReads.has(p)))) {
      assert.equal((await api.call(m, p, { key: k.analystA, body })).status, 403, `analyst ${m} ${p}`);
    }
    // Nothing was changed by the refused calls.
    assert.equal((await api.call('GET', `${TASKS}/${c.taskId}`, { key: k.supervisorA })).body.data.status, 'RUNNING');
  });

  test('another tenant\'s task is 404 on every route, indistinguishable from a missing one', async () => {
    const c = await create();
    for (const [m, p, body] of [['GET', `${TASKS}/${c.taskId}`], ['PUT', `${TASKS}/${c.taskId}/status`, { action: 'STOP' }], ['PUT', `${TASKS}/${c.taskId}/cancel`], ['GET', `${TASKS}/999999999`]] as const) {
      const r = await api.call(m, p, { key: k.supervisorB, body });
      assert.equal(r.status, 404, `${m} ${p}`);
      assert.equal(r.body.errorCode, 'NOT_FOUND');
    }
    const listB = (await api.call('GET', `${TASKS}?size=200`, { key: k.supervisorB })).body.data;
    assert.ok(!listB.records.some((r: { name: string }) => r.name === '新产品推广外呼任务'));
  });

  test('state machine: STOP/START/STOP, cancel of a STOPPED task is 409, bad action 422; every transition audited', async () => {
    const c = await create();
    const put = (action: unknown) => api.call('PUT', `${TASKS}/${c.taskId}/status`, { key: k.supervisorA, body: { action } });
    assert.deepEqual((await put('STOP')).body.data, { taskId: c.taskId, status: 'STOPPED' });
    const again = await put('STOP');
    assert.equal(again.status, 409);
    assert.equal(again.body.errorCode, 'TASK_STATE_CONFLICT');
    assert.match((again.body as unknown as { detail: string }).detail, /STOPPED/);
    assert.deepEqual((await put('START')).body.data, { taskId: c.taskId, status: 'RUNNING' });
    assert.deepEqual((await put('STOP')).body.data, { taskId: c.taskId, status: 'STOPPED' });
    const cancel = await api.call('PUT', `${TASKS}/${c.taskId}/cancel`, { key: k.supervisorA });
    assert.equal(cancel.status, 409);
    assert.match((cancel.body as unknown as { detail: string }).detail, /STOPPED/);
    assert.equal((await put('PAUSE')).status, 422);
    assert.equal((await api.call('PUT', `${TASKS}/${c.taskId}/status`, { key: k.supervisorA, body: {} })).status, 422);
    assert.ok(!(await api.deps.redis.sismember(taskKeys.running(), `${A}:${c.taskId}`)));

    // A COMPLETED task (the dialer's transition) cannot be cancelled or restarted either.
    const d = await create();
    const done = await api.deps.tasks.transition(A, String(d.taskId), 'COMPLETE', { kind: 'system', id: 'dialer' }, 'every number final');
    assert.ok(done.ok);
    assert.equal((await api.call('PUT', `${TASKS}/${d.taskId}/cancel`, { key: k.supervisorA })).status, 409);
    assert.equal((await api.call('PUT', `${TASKS}/${d.taskId}/status`, { key: k.supervisorA, body: { action: 'START' } })).status, 409);
    const detail = (await api.call('GET', `${TASKS}/${d.taskId}`, { key: k.supervisorA })).body.data;
    assert.equal(detail.status, 'COMPLETED');
    assert.ok(detail.completedTime);

    const trail = await waitFor('transition audit rows', async () => {
      const r = (await api.call('GET', `/api/v1/audit-logs?action=call-task.transition&size=50`, { key: k.adminA })).body.data;
      const mine = r.records.filter((e: { resourceId: string }) => e.resourceId === String(c.taskId));
      const sys = r.records.find((e: { resourceId: string; detail: string }) => e.resourceId === String(d.taskId) && e.detail.startsWith('RUNNING->COMPLETED'));
      return mine.length === 4 && sys ? { mine, sys } : null;
    }, { timeoutMs: 15_000 });
    assert.deepEqual(trail.mine.map((e: { detail: string }) => e.detail.split(' ')[0]).sort(),
      ['RUNNING->STOPPED', 'RUNNING->STOPPED', 'SCHEDULED->RUNNING', 'STOPPED->RUNNING']);
    assert.equal(trail.sys.actorUserId, 'system:dialer');
    assert.ok(trail.mine.every((e: { actorKeyId: string }) => e.actorKeyId !== ''));

    // The warehouse converges on the newest version (ReplacingMergeTree); the history is the audit trail above.
    const row = await waitFor('dim_call_task newest version', async () => {
      const v = await api.deps.warehouse.query<{ version: string; status: string; started_at: string | null }>(
        `SELECT version, status, started_at FROM ${api.deps.warehouse.tables.dimCallTask} FINAL WHERE tenant_id = {t:String} AND task_id = {k:String}`, { t: A, k: String(c.taskId) });
      return v.length === 1 && Number(v[0]!.version) === 5 ? v[0] : null;
    }, { timeoutMs: 15_000 });
    assert.equal(row.status, 'STOPPED');
    assert.ok(row.started_at);
  });

  test('concurrent transitions on one task: exactly one wins', async () => {
    const c = await create();
    const results = await Promise.all(Array.from({ length: 8 }, () => api.call('PUT', `${TASKS}/${c.taskId}/status`, { key: k.supervisorA, body: { action: 'STOP' } })));
    assert.equal(results.filter((r) => r.status === 200).length, 1);
    assert.equal(results.filter((r) => r.status === 409).length, 7);
    const task = await api.deps.tasks.get(A, String(c.taskId));
    assert.equal(task!.version, 3);
  });

  test('two store instances on their own connections racing START/STOP never lose a transition', async () => {
    const c = await create();
    const id = String(c.taskId);
    const stores = [0, 1].map(() => new Redis(api.config.redisUrl)).map((r) => ({ r, s: new TaskStore(r, api.deps.pii, { instance: 'race', log: api.deps.log, defaultRegion: 'CN' }) }));
    try {
      const settled = await Promise.allSettled(stores.flatMap(({ s }) => Array.from({ length: 30 }, (_, i) =>
        s.transition(A, id, i % 2 === 0 ? 'STOP' : 'START', { kind: 'system', id: 'race-test' }))));
      // Under this much contention a caller may give up (typed error); it then changed nothing.
      for (const x of settled) if (x.status === 'rejected') assert.ok(x.reason instanceof TaskContentionError, String(x.reason));
      const wins = settled.filter((x) => x.status === 'fulfilled' && x.value.ok).length;
      const task = await api.deps.tasks.get(A, id);
      // Version 1 at creation, 2 after the create's START, then one per winning transition.
      assert.equal(task!.version, 2 + wins);
      assert.ok(wins >= 1);
      const running = await api.deps.redis.sismember(taskKeys.running(), `${A}:${id}`);
      assert.equal(running === 1, task!.status === 'RUNNING');
    } finally {
      for (const { r } of stores) r.disconnect();
    }
  });

  test('a scheduled task gets a delayed BullMQ start job with the right delay; cancel removes it', async () => {
    const at = Date.now() + 3_600_000;
    const c = await create({ scheduledTime: new Date(at).toISOString() });
    assert.equal(c.status, 'SCHEDULED');
    const jobId = `start-${A}-${c.taskId}-1`;
    jobsToClean.push(jobId);
    const job = await api.deps.scheduler.queue.getJob(jobId);
    assert.ok(job, 'job exists');
    assert.equal(job.name, 'start');
    assert.deepEqual(job.data, { tenantId: A, taskId: String(c.taskId) });
    assert.ok(Math.abs(job.timestamp + (job.opts.delay ?? 0) - at) < 2000, `due ${job.timestamp + (job.opts.delay ?? 0)} vs ${at}`);
    assert.equal(await job.getState(), 'delayed');
    assert.ok(!(await api.deps.redis.sismember(taskKeys.running(), `${A}:${c.taskId}`)));

    const cancel = await api.call('PUT', `${TASKS}/${c.taskId}/cancel`, { key: k.supervisorA });
    assert.deepEqual(cancel.body.data, { taskId: c.taskId, status: 'CANCELLED' });
    assert.equal(await api.deps.scheduler.queue.getJob(jobId), undefined);
    assert.equal((await api.call('PUT', `${TASKS}/${c.taskId}/cancel`, { key: k.supervisorA })).status, 409);
  });

  test('after Redis loses the tasks, the warehouse restores them, their numbers, the running set, the sequence and scheduled starts', async () => {
    const C = namespace('ctc');
    const key = await api.keyFor(C, 'supervisor');
    const running = await create({ phoneNumbers: ['13800000011', '13800000012', '13800000013'] }, key);
    const at = Date.now() + 7_200_000;
    const scheduled = await create({ scheduledTime: new Date(at).toISOString() }, key);
    jobsToClean.push(`start-${C}-${scheduled.taskId}-1`);
    const ids = [String(running.taskId), String(scheduled.taskId)];
    const before = await Promise.all(ids.map((id) => api.deps.tasks.get(C, id)));
    const phonesBefore = await api.deps.tasks.phones(C, ids[0]!);
    await waitFor('both tasks and their numbers in the warehouse', async () => {
      const [r] = await api.deps.warehouse.query<{ n: string }>(`SELECT count() AS n FROM ${api.deps.warehouse.tables.dimCallTask} FINAL WHERE tenant_id = {t:String}`, { t: C });
      const [p] = await api.deps.warehouse.query<{ n: string }>(`SELECT count() AS n FROM ${api.deps.warehouse.tables.dimCallTaskPhone} WHERE tenant_id = {t:String}`, { t: C });
      return Number(r?.n) === 2 && Number(p?.n) === 5;
    }, { timeoutMs: 15_000 });

    const r = api.deps.redis;
    await r.del(...ids.flatMap((id) => [taskKeys.task(C, id), taskKeys.phones(C, id)]), taskKeys.index(C), taskKeys.seq(C));
    await r.srem(taskKeys.running(), `${C}:${ids[0]}`);
    await api.deps.scheduler.queue.remove(`start-${C}-${scheduled.taskId}-1`);
    assert.equal((await api.call('GET', `${TASKS}/${running.taskId}`, { key })).status, 404);

    const summary = await rebuildCallTasks(api.deps.warehouse, api.deps.tasks, api.deps.scheduler, { tenantId: C });
    assert.deepEqual(summary, { tasks: 2, phones: 5, rescheduled: 1 });
    assert.deepEqual(await Promise.all(ids.map((id) => api.deps.tasks.get(C, id))), before);
    assert.deepEqual(await api.deps.tasks.phones(C, ids[0]!), phonesBefore);
    assert.equal(await r.sismember(taskKeys.running(), `${C}:${ids[0]}`), 1);
    const job = await api.deps.scheduler.queue.getJob(`start-${C}-${scheduled.taskId}-1`);
    assert.ok(job);
    assert.ok(Math.abs(job.timestamp + (job.opts.delay ?? 0) - at) < 2000);
    const list = (await api.call('GET', `${TASKS}?sort=createTime&order=asc`, { key })).body.data;
    assert.deepEqual(list.records.map((t: { taskId: number }) => t.taskId), [running.taskId, scheduled.taskId]);
    // The sequence resumed past the restored ids.
    const next = await create({}, key);
    assert.equal(next.taskId, scheduled.taskId + 1);
  });

  test('Idempotency-Key: a retried create returns the first task, not a second one', async () => {
    const headers = { 'idempotency-key': `ct-${namespace('k')}` };
    const body = newTask({ name: 'idempotent 任务' });
    const a = await api.call('POST', TASKS, { key: k.supervisorA, body, headers });
    const b = await api.call('POST', TASKS, { key: k.supervisorA, body, headers });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    assert.equal(b.body.data.taskId, a.body.data.taskId);
    const list = (await api.call('GET', `${TASKS}?name=${encodeURIComponent('idempotent 任务')}`, { key: k.supervisorA })).body.data;
    assert.equal(list.total, 1);
  });

  test('numbers are masked without pii:view and clear with it; call records and statistics show in detail and list', async () => {
    const c = await create({ phoneNumbers: ['13912345678', '13800138000'] });
    const id = String(c.taskId);
    const T0 = Date.now() - 600_000;
    const pipe = api.deps.redis.pipeline();
    for (const [i, outcome] of (['answered', 'no_answer'] as const).entries()) {
      for (const m of callMessages({ tenantId: A, deviceId: 'sim-0001', taskId: id, phoneNumber: i === 0 ? '13912345678' : '13800138000', outcome, startMs: T0 + i * 60_000, talkMs: 30_000 })) {
        pipe.xadd(FEED_STREAM, '*', ...feedFields('e', m.payload, T0 + i * 60_000 + 100));
      }
    }
    await pipe.exec();
    await waitFor('task call records', async () => (await countCallRecords(api.deps.warehouse, A, { taskId: id })) === 2, { timeoutMs: 20_000 });
    // The ingest script keeps these counters; here they are set directly (the gateway is not running).
    await api.deps.redis.hset(keys.task(A, id), 'dialed', '7', 'connected', '4');
    await api.deps.redis.sadd(taskKeys.intended(A, id), 'h1', 'h2');

    const masked = (await api.call('GET', `${TASKS}/${id}`, { key: k.analystA })).body.data;
    assert.deepEqual(masked.phoneNumbers, ['139****5678', '138****8000']);
    assert.equal(masked.callRecords.length, 2);
    assert.deepEqual(masked.callRecords.map((r: { phoneNumber: string }) => r.phoneNumber), ['138****8000', '139****5678']);
    assert.equal(typeof masked.callRecords[0].recordId, 'string');
    assert.equal(masked.callRecords[1].duration, 30);
    assert.ok(masked.callRecords[0].analysisStatus);
    assert.deepEqual([masked.totalCalls, masked.successfulCalls, masked.intendedCustomers], [7, 4, 2]);

    const clear = (await api.call('GET', `${TASKS}/${id}`, { key: k.supervisorA })).body.data;
    assert.deepEqual(clear.phoneNumbers, ['+8613912345678', '+8613800138000']);
    assert.deepEqual(clear.callRecords.map((r: { phoneNumber: string }) => r.phoneNumber), ['+8613800138000', '+8613912345678']);

    const row = (await api.call('GET', `${TASKS}?size=200`, { key: k.analystA })).body.data.records.find((r: { taskId: number }) => r.taskId === c.taskId);
    assert.deepEqual([row.totalCalls, row.successfulCalls, row.intendedCustomers], [7, 4, 2]);

    const phonesInWh = await waitFor('dim_call_task_phone rows', async () => {
      const r = await api.deps.warehouse.query<{ idx: number; phone_hash: string; phone_masked: string }>(
        `SELECT idx, phone_hash, phone_masked FROM ${api.deps.warehouse.tables.dimCallTaskPhone} WHERE tenant_id = {t:String} AND task_id = {k:String} ORDER BY idx`, { t: A, k: id });
      return r.length === 2 ? r : null;
    }, { timeoutMs: 15_000 });
    assert.equal(phonesInWh[0]!.phone_hash, hashPii(api.deps.pii, '+8613912345678'));
    assert.equal(phonesInWh[1]!.phone_masked, '138****8000');
  });
});

describe('do-not-call list and compliance', () => {
  test('the OpenAPI document lists every new route with its permission-guarded methods', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body as unknown as { paths: Record<string, Record<string, unknown>> };
    const want: [string, string[]][] = [
      [TASKS, ['get', 'post']], [`${TASKS}/{taskId}`, ['get']], [`${TASKS}/{taskId}/status`, ['put']], [`${TASKS}/{taskId}/cancel`, ['put']],
      [`${BASE}/dnc`, ['delete', 'post']], [`${BASE}/dnc/check`, ['get']], [`${BASE}/compliance`, ['get', 'put']],
    ];
    for (const [path, methods] of want) assert.deepEqual(Object.keys(doc.paths[path] ?? {}).sort(), methods, path);
  });

  test('DNC add / check / remove by any number format, readable by the dialer helper, kept in the warehouse', async () => {
    const add = await api.call('POST', `${BASE}/dnc`, { key: k.supervisorA, body: { phoneNumbers: ['13800000009', '+86 138 0000 0009', '13900000009'] } });
    assert.equal(add.status, 200);
    assert.deepEqual(add.body.data, { added: 2, listed: 2 });
    const check = async (n: string) => (await api.call('GET', `${BASE}/dnc/check?phoneNumber=${encodeURIComponent(n)}`, { key: k.adminA })).body.data.listed;
    assert.equal(await check('+8613800000009'), true);
    assert.equal(await check('13800000001'), false);
    assert.equal(await isOnDnc(api.deps.redis, A, hashPii(api.deps.pii, '+8613900000009')), true);
    assert.equal(await isOnDnc(api.deps.redis, B, hashPii(api.deps.pii, '+8613900000009')), false);
    const del = await api.call('DELETE', `${BASE}/dnc`, { key: k.supervisorA, body: { phoneNumbers: ['138-0000-0009'] } });
    assert.deepEqual(del.body.data, { removed: 1, listed: 1 });
    assert.equal(await check('13800000009'), false);
    const bad = await api.call('POST', `${BASE}/dnc`, { key: k.supervisorA, body: { phoneNumbers: ['13800000009', 'nope'] } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors!.map((e) => e.field), ['body.phoneNumbers[1]']);
    assert.equal((await api.call('GET', `${BASE}/dnc/check?phoneNumber=abc`, { key: k.adminA })).status, 422);
    const wh = await waitFor('dnc_entry rows', async () => {
      const r = await api.deps.warehouse.query<{ listed: number }>(
        `SELECT listed FROM ${api.deps.warehouse.tables.dncEntry} FINAL WHERE tenant_id = {t:String} AND phone_hash = {h:String}`, { t: A, h: hashPii(api.deps.pii, '+8613800000009') });
      return r.length === 1 && Number(r[0]!.listed) === 0 ? r : null;
    }, { timeoutMs: 15_000 });
    assert.equal(wh.length, 1);
  });

  test('compliance: defaults until set, validated on PUT, read back by the dialer helper', async () => {
    const get = await api.call('GET', `${BASE}/compliance`, { key: k.supervisorA });
    assert.deepEqual(get.body.data, DEFAULT_COMPLIANCE);
    const bad = await api.call('PUT', `${BASE}/compliance`, { key: k.supervisorA, body: { callingWindow: { start: '8:00', end: '07:00', days: [0, 8] }, maxAttemptsPerNumberPerDay: 99 } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors!.map((e) => e.field).sort(), [
      'body.callingWindow.days[0]', 'body.callingWindow.days[1]', 'body.callingWindow.start', 'body.maxAttemptsPerNumberPerDay',
    ]);
    const missing = await api.call('PUT', `${BASE}/compliance`, { key: k.supervisorA, body: { callingWindow: { start: '09:00' } } });
    assert.equal(missing.status, 422);
    const good = { callingWindow: { start: '10:00', end: '18:30', days: [5, 1, 2] }, maxAttemptsPerNumberPerDay: 2 };
    const put = await api.call('PUT', `${BASE}/compliance`, { key: k.supervisorA, body: good });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.data.callingWindow.days, [1, 2, 5]);
    assert.deepEqual(await readCompliance(api.deps.redis, A), put.body.data);
    assert.deepEqual(await readCompliance(api.deps.redis, B), DEFAULT_COMPLIANCE);
  });
});
