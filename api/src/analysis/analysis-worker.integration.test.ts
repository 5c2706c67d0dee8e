// The call-analysis worker end to end on the real stack: BullMQ on the test Redis, transcripts
// in the recording store on disk, rows through the entity feed into chDB, read back over the
// REST API. The worker and queue use a BullMQ prefix of their own, and the rows an entity feed
// stream of their own with its own writer, so other suites' workers and writers on the shared
// Redis never take these jobs or rows (the API's built-in writers are off for the same reason).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, analysisKeys, leadSignalKeys, recordingKeys, taskKeys, type AnalyseCallJob } from '../../../common/call-tasks/model.js';
import { createPhoneProtector, decryptPii, type ProtectedPhone } from '../../../common/pii.js';
import type { CallFactsRow } from '../../../warehouse/src/domain/rows.js';
import { toDateTime64 } from '../../../warehouse/src/domain/time.js';
import { startFeedWriters, type FeedWriters } from '../../../warehouse/src/writer/start-writers.js';
import { startTestApi, type TestApi } from '../../../test/support/api.js';
import { namespace } from '../../../test/support/services.js';
import { waitFor } from '../../../test/support/wait.js';
import type { AnalysisWorkerHandle } from './analysis-worker.js';
import { HttpAnalyser } from './http-analyser.js';
import { startAnalysis } from './start.js';

const LIST = '/api/v1/lead-generation/call-records';
const RULES = '/api/v1/lead-generation/analysis-rules';

const TRANSCRIPTS: Record<string, string | null> = {
  hot1: '客服：您好，我是云客科技的小王。\n客户：你们这个多少钱？\n客服：每年三千。\n客户：可以，加微信发我资料吧。',
  hot2: '客服：想跟您聊聊合作。\n客户：好的，我对合作感兴趣，约个时间详细谈。',
  maybe: '客服：要不要了解一下？\n客户：我考虑一下吧。',
  cold: '客服：您好，打扰一下。\n客户：不需要，别打了，我没兴趣。',
  silent: null,
};

let api: TestApi;
let key: string;
let tenant: string;
let recDir: string;
let prefix: string;
let queueConn: Redis;
let queue: Queue<AnalyseCallJob>;
let worker: AnalysisWorkerHandle | null = null;
let writers: FeedWriters;
let writerRedis: Redis;
let entityStream: string;
let deviceStream: string;
const phones = new Map<string, ProtectedPhone>();

async function insertCall(callId: string, phone: string, taskId = 'k1'): Promise<void> {
  const p = createPhoneProtector(api.deps.pii, 'CN')(phone);
  phones.set(callId, p);
  const start = Date.now() - 60_000;
  const row: CallFactsRow = {
    tenant_id: tenant, call_id: callId, device_id: 'dev-1', task_id: taskId, direction: 'OUTBOUND',
    phone_hash: p.hash, phone_masked: p.masked, phone_enc: p.encrypted,
    dialing_at: toDateTime64(start), answered_at: toDateTime64(start + 5000), hangup_at: toDateTime64(start + 30_000), ended_at: toDateTime64(start + 30_050),
    ring_ms: 5000, talk_ms: 25_000, total_ms: 30_000, hangup_cause: 'NORMAL_CLEARING', ended_cause: 'NORMAL_CLEARING', hangup_party: 'CALLEE',
    recording_id: `rec-${callId}`,
    first_event_at: toDateTime64(start), last_event_at: toDateTime64(start + 30_050), first_received_at: toDateTime64(start), last_received_at: toDateTime64(start + 30_050),
  };
  await api.deps.warehouse.insertEncoded(api.deps.warehouse.tables.dwdCallRecord, Buffer.from(`${JSON.stringify(row)}\n`));
}

/** As the recordings module leaves it: the transcript object on disk and its key in the call's recording hash. */
async function storeTranscript(callId: string, text: string): Promise<void> {
  const storageKey = `${tenant}/${callId}/rec-${callId}.transcript.txt`;
  mkdirSync(dirname(join(recDir, storageKey)), { recursive: true });
  writeFileSync(join(recDir, storageKey), text);
  await api.deps.redis.hset(recordingKeys.stored(tenant, callId), 'recording_id', `rec-${callId}`, 'transcript_key', storageKey, 'transcript_recording_id', `rec-${callId}`);
}

async function enqueue(callId: string, jobId = `analyse-${tenant}-${callId}`) {
  return queue.add('analyse', { tenantId: tenant, callId, recordingId: `rec-${callId}` }, { jobId, attempts: 2, backoff: { type: 'fixed', delay: 50 } });
}

async function settled(jobId: string): Promise<string> {
  return waitFor(`job ${jobId} to settle`, async () => {
    const state = await queue.getJobState(jobId);
    return state === 'completed' || state === 'failed' ? state : null;
  }, { timeoutMs: 20_000 });
}

async function recordOf(callId: string) {
  const list = await api.call('GET', `${LIST}?size=50`, { key });
  const rec = list.body.data.records.find((r: { callId: string }) => r.callId === callId);
  assert.ok(rec, `record of ${callId}`);
  return rec;
}

async function leadSignals(): Promise<Record<string, string>[]> {
  const entries = await api.deps.redis.xrange(leadSignalKeys.stream(), '-', '+');
  return entries
    .map(([, f]) => Object.fromEntries(f.flatMap((v, i) => (i % 2 === 0 ? [[v, f[i + 1]!]] : []))) as Record<string, string>)
    .filter((s) => s.tenantId === tenant);
}

async function deadLetters(): Promise<Record<string, string>[]> {
  const entries = await api.deps.redis.xrange(analysisKeys.deadLetters(), '-', '+');
  return entries
    .map(([, f]) => Object.fromEntries(f.flatMap((v, i) => (i % 2 === 0 ? [[v, f[i + 1]!]] : []))) as Record<string, string>)
    .filter((s) => s.tenantId === tenant);
}

const statusOf = async (callId: string): Promise<string> => (await recordOf(callId)).analysisStatus;

before(async () => {
  tenant = namespace('an');
  prefix = `bull-${namespace('q')}`;
  recDir = mkdtempSync(join(tmpdir(), 'cunke-analysis-'));
  api = await startTestApi({ analysisWorker: 'false', recordingDir: recDir }, { runWriters: false });
  entityStream = `cunke:test:${tenant}:entity`;
  deviceStream = `cunke:test:${tenant}:device`;
  writerRedis = new Redis(api.config.redisUrl, { maxRetriesPerRequest: null });
  writers = startFeedWriters({
    config: api.config, redis: writerRedis, warehouse: api.deps.warehouse, log: api.deps.log, consumer: `w-${tenant}`,
    entity: { stream: entityStream, flushIntervalMs: 50 }, device: { stream: deviceStream },
  });
  key = await api.keyFor(tenant, 'supervisor');
  queueConn = new Redis(api.config.redisUrl, { maxRetriesPerRequest: null });
  queue = new Queue<AnalyseCallJob>(QUEUES.callAnalysis, { connection: queueConn, prefix });
});

after(async () => {
  await worker?.close();
  await writers.stop();
  await writerRedis.del(entityStream, deviceStream);
  writerRedis.disconnect();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  queueConn.disconnect();
  await api.close();
  rmSync(recDir, { recursive: true, force: true });
});

test('analyses recorded calls: results in the records, intended set and lead signals for HIGH only, re-runs change nothing', async () => {
  let n = 0;
  for (const [callId, text] of Object.entries(TRANSCRIPTS)) {
    await insertCall(callId, `1380013${String(8000 + n++)}`);
    if (text !== null) await storeTranscript(callId, text);
  }
  await insertCall('unrecorded', '13800139999');
  worker = startAnalysis(api.config, { redis: api.deps.redis, warehouse: api.deps.warehouse, log: api.deps.log, writer: 'analysis-test', entityStream }, { queuePrefix: prefix });

  for (const callId of Object.keys(TRANSCRIPTS)) await enqueue(callId);
  for (const callId of Object.keys(TRANSCRIPTS)) {
    assert.equal(await settled(`analyse-${tenant}-${callId}`), 'completed');
  }
  await waitFor('analyses in the warehouse', async () => {
    const r = await api.call('GET', `${LIST}?analysisStatus=COMPLETED`, { key });
    return r.body.data.total === 4 && (await statusOf('silent')) === 'FAILED';
  }, { timeoutMs: 10_000 });

  // The list: brief result only, and the status filter over all four statuses.
  const hot = await recordOf('hot1');
  assert.equal(hot.analysisStatus, 'COMPLETED');
  assert.deepEqual(hot.analysisResult, { sentiment: 'POSITIVE', intention: '高意向' });
  assert.equal((await recordOf('unrecorded')).analysisStatus, 'PENDING');
  assert.equal((await recordOf('unrecorded')).analysisResult, null);
  assert.equal((await recordOf('silent')).analysisResult, null);
  const byStatus = async (s: string) => (await api.call('GET', `${LIST}?analysisStatus=${s}`, { key })).body.data;
  assert.deepEqual((await byStatus('FAILED')).records.map((r: { callId: string }) => r.callId), ['silent']);
  assert.deepEqual((await byStatus('PENDING')).records.map((r: { callId: string }) => r.callId), ['unrecorded']);
  assert.equal((await byStatus('PROCESSING')).total, 0);
  assert.equal((await api.call('GET', LIST, { key })).body.data.total, 6);
  // The SQL view (for reports) joins the same results.
  const viaView = await api.deps.warehouse.query<{ call_id: string; analysis_status: string; analysis_intention_level: string }>(
    `SELECT call_id, analysis_status, analysis_intention_level FROM ${api.deps.warehouse.tables.dwdCallRecordView} WHERE tenant_id = {t:String} ORDER BY call_id`, { t: tenant });
  assert.deepEqual(viaView.map((r) => [r.call_id, r.analysis_status, r.analysis_intention_level]), [
    ['cold', 'COMPLETED', 'LOW'], ['hot1', 'COMPLETED', 'HIGH'], ['hot2', 'COMPLETED', 'HIGH'], ['maybe', 'COMPLETED', 'MEDIUM'],
    ['silent', 'FAILED', ''], ['unrecorded', 'PENDING', ''],
  ]);

  // The detail: the full result (§2.5).
  const detail = await api.call('GET', `${LIST}/${hot.recordId}`, { key });
  assert.equal(detail.status, 200);
  const a = detail.body.data.analysisResult;
  assert.equal(a.intention, '高意向');
  assert.equal(a.intentionLevel, 'HIGH');
  assert.ok(a.intentionScore >= 0.7 && a.intentionScore <= 1);
  assert.deepEqual(a.keywords, ['多少钱', '加微信']);
  assert.match(a.summary, /^客户高意向/);
  assert.equal(a.transcription, TRANSCRIPTS.hot1);
  const coldDetail = (await api.call('GET', `${LIST}/${(await recordOf('cold')).recordId}`, { key })).body.data.analysisResult;
  assert.equal(coldDetail.intentionLevel, 'LOW');
  assert.equal(coldDetail.sentiment, 'NEGATIVE');
  assert.equal((await recordOf('maybe')).analysisResult.intention, '中意向');

  // HIGH only: intended customers and lead signals.
  const intended = async () => (await api.deps.redis.smembers(taskKeys.intended(tenant, 'k1'))).sort();
  assert.deepEqual(await intended(), [phones.get('hot1')!.hash, phones.get('hot2')!.hash].sort());
  let signals = await leadSignals();
  assert.deepEqual(signals.map((s) => s.callId).sort(), ['hot1', 'hot2']);
  const s1 = signals.find((s) => s.callId === 'hot1')!;
  assert.equal(s1.source, 'CALL_ANALYSIS');
  assert.equal(s1.taskId, 'k1');
  assert.equal(s1.phoneHash, phones.get('hot1')!.hash);
  assert.equal(decryptPii(api.deps.pii, s1.phoneEnc!), '+8613800138000');

  // The same job again (re-added after removal, and under another job id): one result, one signal.
  const maxVersion = async () => Number((await api.deps.warehouse.query<{ v: string }>(
    `SELECT max(version) AS v FROM ${api.deps.warehouse.tables.dwdCallAnalysis} WHERE tenant_id = {t:String} AND call_id = 'hot1'`, { t: tenant }))[0]!.v);
  const before = await maxVersion();
  await (await queue.getJob(`analyse-${tenant}-hot1`))!.remove();
  await enqueue('hot1');
  assert.equal(await settled(`analyse-${tenant}-hot1`), 'completed');
  await enqueue('hot1', `analyse-${tenant}-hot1-again`);
  assert.equal(await settled(`analyse-${tenant}-hot1-again`), 'completed');
  await waitFor('re-run rows written', async () => (await maxVersion()) > before + 4, { timeoutMs: 10_000 });
  const final = await api.deps.warehouse.query<{ n: string }>(
    `SELECT count() AS n FROM ${api.deps.warehouse.tables.dwdCallAnalysis} FINAL WHERE tenant_id = {t:String} AND call_id = 'hot1'`, { t: tenant });
  assert.equal(Number(final[0]!.n), 1);
  assert.equal((await api.call('GET', LIST, { key })).body.data.total, 6);
  assert.equal((await recordOf('hot1')).analysisStatus, 'COMPLETED');
  signals = await leadSignals();
  assert.equal(signals.filter((s) => s.callId === 'hot1').length, 1);
  assert.equal((await deadLetters()).length, 0, 'a missing transcript is FAILED, not a dead letter');

  // Tenant rules: "考虑一下" counts as strong interest for this tenant; re-analysis makes it HIGH.
  const bad = await api.call('PUT', RULES, { key, body: { intent: { 考虑一下: 50 }, highThreshold: 2 } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors!.map((e) => e.field).sort(), ['body.highThreshold', 'body.intent.考虑一下']);
  const put = await api.call('PUT', RULES, { key, body: { intent: { 考虑一下: 4 } } });
  assert.equal(put.status, 200);
  assert.equal(put.body.data.version, 1);
  assert.equal(put.body.data.effective.intent['考虑一下'], 4);
  assert.equal((await api.call('GET', RULES, { key })).body.data.rules.intent['考虑一下'], 4);
  const analyst = await api.keyFor(tenant, 'analyst');
  assert.equal((await api.call('PUT', RULES, { key: analyst, body: {} })).status, 403);
  await enqueue('maybe', `analyse-${tenant}-maybe-again`);
  assert.equal(await settled(`analyse-${tenant}-maybe-again`), 'completed');
  await waitFor('maybe re-analysed', async () => (await recordOf('maybe')).analysisResult?.intention === '高意向', { timeoutMs: 10_000 });
  assert.equal((await intended()).length, 3);
  assert.deepEqual((await leadSignals()).map((s) => s.callId).sort(), ['hot1', 'hot2', 'maybe']);
});

test('HTTP provider: 5xx on every try → retries, then FAILED, dead letter and BullMQ failed set; a refused key fails at once', async () => {
  await worker?.close();
  let requests = 0;
  let refused = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.headers.authorization !== 'Bearer right') { refused++; res.writeHead(401); res.end(); return; }
      requests++;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"overloaded"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/analyse`;
  try {
    const http = (apiKey: string) => new HttpAnalyser({ url, apiKey, timeoutMs: 1000, retries: 1, backoffBaseMs: 20, backoffMaxMs: 50, maxRetryAfterMs: 100 });
    worker = startAnalysis(api.config, { redis: api.deps.redis, warehouse: api.deps.warehouse, log: api.deps.log, writer: 'analysis-test', entityStream }, { queuePrefix: prefix, analyser: http('right') });
    await insertCall('flaky', '13900139000');
    await storeTranscript('flaky', TRANSCRIPTS.hot1!);
    await enqueue('flaky');
    assert.equal(await settled(`analyse-${tenant}-flaky`), 'failed');
    assert.equal(requests, 4, '2 job attempts × (1 try + 1 retry)');
    const job = await queue.getJob(`analyse-${tenant}-flaky`);
    assert.equal(job!.attemptsMade, 2);
    await waitFor('FAILED record', async () => (await statusOf('flaky')) === 'FAILED', { timeoutMs: 10_000 });
    const dl = await deadLetters();
    assert.equal(dl.length, 1);
    assert.equal(dl[0]!.callId, 'flaky');
    assert.equal(dl[0]!.kind, 'HTTP_5XX');
    assert.equal(dl[0]!.attempts, '2');
    assert.match(dl[0]!.reason!, /500/);
    const rows = await api.deps.warehouse.query<{ error: string; provider: string }>(
      `SELECT error, provider FROM ${api.deps.warehouse.tables.dwdCallAnalysis} FINAL WHERE tenant_id = {t:String} AND call_id = 'flaky'`, { t: tenant });
    assert.deepEqual(rows, [{ error: 'HTTP_5XX: provider answered 500', provider: 'http' }]);

    await worker.close();
    worker = startAnalysis(api.config, { redis: api.deps.redis, warehouse: api.deps.warehouse, log: api.deps.log, writer: 'analysis-test', entityStream }, { queuePrefix: prefix, analyser: http('wrong') });
    await insertCall('denied', '13900139001');
    await storeTranscript('denied', TRANSCRIPTS.hot1!);
    await enqueue('denied');
    assert.equal(await settled(`analyse-${tenant}-denied`), 'failed');
    assert.equal(refused, 1, 'a refused credential is not retried');
    assert.equal((await queue.getJob(`analyse-${tenant}-denied`))!.attemptsMade, 1);
    await waitFor('FAILED record', async () => (await statusOf('denied')) === 'FAILED', { timeoutMs: 10_000 });
    assert.deepEqual((await deadLetters()).map((d) => [d.callId, d.kind]), [['flaky', 'HTTP_5XX'], ['denied', 'AUTH']]);
    assert.equal((await leadSignals()).some((s) => s.callId === 'flaky' || s.callId === 'denied'), false);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
