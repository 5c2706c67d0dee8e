// Recordings against real Redis and chDB: device uploads authorised by signed URLs (good,
// forged, expired, wrong checksum, oversized, repeated), the §2.6 signed download URL, byte
// ranges, expiry/tampering of download tokens, the audit trail, the warehouse row, the live
// delta and the analysis job.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, recordingKeys } from '../../common/call-tasks/model.js';
import { recordingKeysFrom, signDownloadToken, signUploadPath, type UploadGrant } from '../../common/recordings/signed-url.js';
import { keys } from '../../gateway/src/domain/redis-keys.js';
import { countCallRecords, getCallRecords } from '../../warehouse/src/queries/call-records.js';
import { mapFeedEntry } from '../../warehouse/src/domain/map-feed-entry.js';
import { feedFields } from '../../warehouse/test/fixtures.js';
import { createPhoneProtector } from '../../common/pii.js';
import { warehouseRowOf, type StoredRecording } from '../src/recordings/recording-store.js';
import type { AuditEntry } from '../src/audit/audit-trail.js';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { callMessages } from '../../test/support/events.js';
import { namespace } from '../../test/support/services.js';
import { waitFor } from '../../test/support/wait.js';

const T0 = Date.UTC(2026, 10, 20, 8, 0, 0);
let api: TestApi;
let dir: string;
let urlKeys: ReturnType<typeof recordingKeysFrom>;
const A = namespace('ra');
const B = namespace('rb');
const k: Record<string, string> = {};
const bytes = randomBytes(200_000);
const sha = createHash('sha256').update(bytes).digest('hex');
const callId = randomUUID();
const otherCallId = randomUUID();
const audited: AuditEntry[] = [];
let recordId = '';
let otherRecordId = '';

function grant(over: Partial<UploadGrant> = {}): UploadGrant {
  return {
    tenantId: A, deviceId: 'dev-1', callId, recordingId: 'rec-1', sha256: sha, sizeBytes: bytes.length,
    contentType: 'audio/mpeg', durationMs: 100_000, expiresAtMs: Date.now() + 60_000, ...over,
  };
}

async function put(path: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: { errorCode?: string; data: Record<string, unknown> } }> {
  const res = await fetch(`${api.url}${path}`, { method: 'PUT', body: new Uint8Array(body), headers: { 'content-type': 'audio/mpeg', ...headers } });
  return { status: res.status, json: await res.json() as { errorCode?: string; data: Record<string, unknown> } };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunke-rec-'));
  api = await startTestApi({ recordingDir: dir, recordingMaxBytes: 1_000_000 });
  urlKeys = recordingKeysFrom(api.deps.tokenSecret);
  // Audit rows are checked as the API emits them (the shared entity stream may be drained by
  // another test process's writer); the audit trail's own tests cover the way to the warehouse.
  const record = api.deps.audit.record.bind(api.deps.audit);
  api.deps.audit.record = (entry: AuditEntry) => {
    audited.push(entry);
    record(entry);
  };
  k.supervisorA = await api.keyFor(A, 'supervisor');
  k.viewerA = await api.keyFor(A, 'viewer');
  k.adminA = await api.keyFor(A, 'admin');
  k.adminB = await api.keyFor(B, 'admin');
  // Call records go straight into this test's warehouse, mapped as the writer maps feed
  // entries: the shared dev stream's consumer group may hand entries to another test process.
  const protect = createPhoneProtector(api.deps.pii, api.config.phoneDefaultRegion);
  const calls: object[] = [];
  let n = 0;
  for (const [c, i] of [[callId, 0], [otherCallId, 1]] as const) {
    for (const m of callMessages({ tenantId: A, deviceId: 'dev-1', callId: c, outcome: 'answered', startMs: T0 + i * 60_000, talkMs: 100_000, withRecording: true })) {
      const out = mapFeedEntry(`${T0}-${n++}`, feedFields('e', m.payload, T0 + 100), protect)[0]!.outcome;
      if (out.type === 'event' && out.call) calls.push(out.call);
    }
  }
  await api.deps.warehouse.insert(api.deps.warehouse.tables.dwdCallRecord, calls);
  await waitFor('seeded call records', async () => (await countCallRecords(api.deps.warehouse, A)) === 2);
  const rows = await getCallRecords(api.deps.warehouse, A, {}, { limit: 10 }, ['record_id', 'call_id']);
  recordId = rows.find((r) => r.call_id === callId)!.record_id;
  otherRecordId = rows.find((r) => r.call_id === otherCallId)!.record_id;
});

after(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('device upload', () => {
  test('forged, expired, oversized and wrong-checksum uploads are refused and store nothing', async () => {
    const good = signUploadPath(urlKeys.upload, grant());
    const forged = good.replace(`/${callId}/`, `/${otherCallId}/`);
    assert.equal((await put(forged, bytes)).status, 403);
    const otherKey = signUploadPath(recordingKeysFrom(randomBytes(32)).upload, grant());
    assert.equal((await put(otherKey, bytes)).status, 403);
    const expired = await put(signUploadPath(urlKeys.upload, grant({ expiresAtMs: Date.now() - 1 })), bytes);
    assert.equal(expired.status, 403);
    assert.equal(expired.json.errorCode, 'FORBIDDEN');

    const flipped = Buffer.from(bytes);
    flipped[1000] = flipped[1000]! ^ 0xff;
    const mismatch = await put(good, flipped);
    assert.equal(mismatch.status, 422);
    assert.equal(mismatch.json.errorCode, 'VALIDATION_FAILED');
    const short = await put(good, bytes.subarray(0, 1000));
    assert.equal(short.status, 422);
    const longer = await put(good, Buffer.concat([bytes, Buffer.from('x')]));
    assert.equal(longer.status, 413);
    const big = Buffer.alloc(1_000_001);
    const tooBig = await put(signUploadPath(urlKeys.upload, grant({ sizeBytes: big.length, sha256: createHash('sha256').update(big).digest('hex') })), big);
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.json.errorCode, 'PAYLOAD_TOO_LARGE');

    assert.equal(await api.deps.redis.exists(recordingKeys.stored(A, callId)), 0);
    const res = await api.call('GET', `/api/v1/lead-generation/call-records/${recordId}/recording`, { key: k.supervisorA });
    assert.equal(res.status, 404);
  });

  test('a good upload is stored once: 201, then 200 for the same bytes, 409 for another checksum', async () => {
    const transcript = Buffer.from('客服：您好，这里是星辰教育。\n客户：多少钱？可以发资料吗？\n', 'utf8');
    const path = signUploadPath(urlKeys.upload, grant());
    const t = await put(`${path}&part=transcript`, transcript, { 'content-type': 'text/plain; charset=utf-8', 'x-content-sha256': createHash('sha256').update(transcript).digest('hex') });
    assert.equal(t.status, 200);
    const first = await put(path, bytes, { 'x-content-sha256': sha });
    assert.equal(first.status, 201);
    assert.deepEqual({ ...first.json.data }, { callId, recordingId: 'rec-1', bytes: bytes.length, sha256: sha, alreadyStored: false });
    const again = await put(path, bytes);
    assert.equal(again.status, 200);
    assert.equal(again.json.data.alreadyStored, true);
    const other = Buffer.from(bytes);
    other[0] = other[0]! ^ 1;
    const conflict = await put(signUploadPath(urlKeys.upload, grant({ sha256: createHash('sha256').update(other).digest('hex') })), other);
    assert.equal(conflict.status, 409);

    const hash = await api.deps.redis.hgetall(recordingKeys.stored(A, callId));
    assert.equal(hash.sha256, sha);
    assert.equal(hash.bytes, String(bytes.length));
    assert.ok(hash.transcript_key);

    // The analysis job, the live delta and the warehouse row.
    const connection = new Redis(api.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUES.callAnalysis, { connection });
    try {
      const job = await queue.getJob(`analyse-${A}-${callId}`);
      assert.deepEqual(job?.data, { tenantId: A, callId, recordingId: 'rec-1' });
      assert.equal(job?.name, 'analyse');
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const feed = await api.deps.redis.xrange(keys.liveFeed(A), '-', '+');
    const deltas = feed.flatMap(([, f]) => JSON.parse(f[f.indexOf('d') + 1]!) as { t: string; callId: string; bytes: number; hasTranscript: boolean }[]);
    const delta = deltas.find((d) => d.t === 'recording' && d.callId === callId);
    assert.equal(delta?.bytes, bytes.length);
    assert.equal(delta?.hasTranscript, true);
    // The row the API appends to the entity feed fits migration 010's table.
    const storedRec: StoredRecording = {
      tenantId: A, callId, recordingId: hash.recording_id!, deviceId: hash.device_id!, storageKey: hash.storage_key!, bytes: Number(hash.bytes),
      sha256: hash.sha256!, contentType: hash.content_type!, durationMs: Number(hash.duration_ms), storedAtMs: Number(hash.stored_at_ms), transcriptKey: hash.transcript_key!,
    };
    await api.deps.warehouse.insert(api.deps.warehouse.tables.callRecording, [warehouseRowOf(storedRec)]);
    const rows = await api.deps.warehouse.query<{ sha256: string; bytes: string; has_transcript: number; duration_ms: number }>(
      `SELECT sha256, bytes, has_transcript, duration_ms FROM ${api.deps.warehouse.tables.callRecording} FINAL WHERE tenant_id = {t:String} AND call_id = {c:String}`, { t: A, c: callId });
    assert.equal(rows[0]!.sha256, sha);
    assert.equal(Number(rows[0]!.bytes), bytes.length);
    assert.equal(Number(rows[0]!.has_transcript), 1);
    assert.equal(Number(rows[0]!.duration_ms), 100_000);
  });
});

describe('signed download (spec 004 §2.6)', () => {
  let url = '';

  before(async () => {
    // Depends on the upload test above having stored the recording of `callId`.
    await waitFor('stored recording', async () => (await api.deps.redis.exists(recordingKeys.stored(A, callId))) === 1);
    const res = await api.call('GET', `/api/v1/lead-generation/call-records/${recordId}/recording`, { key: k.supervisorA });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    url = res.body.data.recordingUrl as string;
    assert.ok(url.startsWith(`${api.url}/api/v1/recordings/`));
    assert.ok(Date.parse(res.body.data.expiresAt) > Date.now());
  });

  test('permission, tenancy and records without a stored recording', async () => {
    assert.equal((await api.call('GET', `/api/v1/lead-generation/call-records/${recordId}/recording`, { key: k.viewerA })).status, 403);
    assert.equal((await api.call('GET', `/api/v1/lead-generation/call-records/${recordId}/recording`, { key: k.adminB })).status, 404);
    assert.equal((await api.call('GET', `/api/v1/lead-generation/call-records/${otherRecordId}/recording`, { key: k.adminA })).status, 404);
    assert.equal((await api.call('GET', `/api/v1/lead-generation/call-records/${recordId}/recording`)).status, 401);
    // Records carry the §2.6 path (never a signed URL) once the upload is stored; a recording
    // only announced by the device has its id but no URL, in the detail and in the list.
    const detail = await api.call('GET', `/api/v1/lead-generation/call-records/${recordId}`, { key: k.supervisorA });
    assert.equal(detail.body.data.recordingUrl, `/api/v1/lead-generation/call-records/${recordId}/recording`);
    const announced = await api.call('GET', `/api/v1/lead-generation/call-records/${otherRecordId}`, { key: k.supervisorA });
    assert.ok(announced.body.data.recordingId);
    assert.equal(announced.body.data.recordingUrl, null);
    const list = await api.call('GET', '/api/v1/lead-generation/call-records?size=10', { key: k.supervisorA });
    const urls = Object.fromEntries(list.body.data.records.map((r: { recordId: string; recordingUrl: string | null }) => [r.recordId, r.recordingUrl]));
    assert.deepEqual(urls, { [recordId]: `/api/v1/lead-generation/call-records/${recordId}/recording`, [otherRecordId]: null });
  });

  test('the whole file, with Accept-Ranges, type and length', async () => {
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('accept-ranges'), 'bytes');
    assert.equal(res.headers.get('content-type'), 'audio/mpeg');
    assert.equal(res.headers.get('content-length'), String(bytes.length));
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(createHash('sha256').update(body).digest('hex'), sha);
  });

  test('range requests: first bytes, suffix, open end, unsatisfiable', async () => {
    const first = await fetch(url, { headers: { range: 'bytes=0-99' } });
    assert.equal(first.status, 206);
    assert.equal(first.headers.get('content-range'), `bytes 0-99/${bytes.length}`);
    assert.equal(first.headers.get('content-length'), '100');
    assert.deepEqual(Buffer.from(await first.arrayBuffer()), bytes.subarray(0, 100));
    const suffix = await fetch(url, { headers: { range: 'bytes=-500' } });
    assert.equal(suffix.status, 206);
    assert.deepEqual(Buffer.from(await suffix.arrayBuffer()), bytes.subarray(bytes.length - 500));
    const open = await fetch(url, { headers: { range: 'bytes=150000-' } });
    assert.equal(open.status, 206);
    assert.deepEqual(Buffer.from(await open.arrayBuffer()), bytes.subarray(150_000));
    const bad = await fetch(url, { headers: { range: `bytes=${bytes.length}-` } });
    assert.equal(bad.status, 416);
    assert.equal(bad.headers.get('content-range'), `bytes */${bytes.length}`);
    await bad.arrayBuffer();
  });

  test('tampered and expired download URLs are refused', async () => {
    const token = url.slice(url.lastIndexOf('/') + 1);
    const [body, sig] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const other = Buffer.from(JSON.stringify({ ...claims, c: otherCallId })).toString('base64url');
    const tampered = await fetch(`${api.url}/api/v1/recordings/${other}.${sig}`);
    assert.equal(tampered.status, 403);
    await tampered.arrayBuffer();
    const flipped = await fetch(`${api.url}/api/v1/recordings/${body}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`);
    assert.equal(flipped.status, 403);
    await flipped.arrayBuffer();
    const expiredToken = signDownloadToken(urlKeys.download, { ...(claims as { t: string; c: string; r: string; u: string; k: string }), exp: Date.now() - 1 });
    const expired = await fetch(`${api.url}/api/v1/recordings/${expiredToken}`);
    assert.equal(expired.status, 403);
    await expired.arrayBuffer();
  });

  test('every §2.6 call and every download is audited to the user who asked', async () => {
    const supervisor = (await api.call('GET', '/api/v1/auth/me', { key: k.supervisorA })).body.data;
    const entries = await waitFor('audit entries', async () => {
      const urls = audited.filter((e) => e.action === 'call-record.recording-url' && e.actor_user_id === supervisor.userId);
      const downloads = audited.filter((e) => e.action === 'recording.download');
      return urls.length >= 1 && downloads.length >= 6 ? { urls, downloads } : null;
    });
    // The 404 before anything was stored and the 200 that issued the URL.
    assert.deepEqual(entries.urls.map((e) => `${e.status_code} ${e.resource_id}`).sort(), [`200 ${recordId}`, `404 ${recordId}`]);
    // 200 full, 3×206, 416, 403 expired (forged tokens name no trustworthy tenant: not audited).
    assert.deepEqual(entries.downloads.map((e) => e.status_code).sort(), [200, 206, 206, 206, 403, 416]);
    assert.ok(entries.downloads.every((e) => e.tenant_id === A && e.resource_id === callId && e.actor_user_id === supervisor.userId && e.actor_key_id === supervisor.keyId));
    assert.deepEqual(entries.downloads.map((e) => e.outcome).sort(), ['DENIED', 'FAILED', 'OK', 'OK', 'OK', 'OK']);
  });
});
