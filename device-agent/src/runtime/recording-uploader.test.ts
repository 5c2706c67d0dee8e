import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { CallEvent } from '../../../proto/src/index.js';
import type { EnvelopePayload } from '../domain/envelopes.js';
import { UPLOAD_MAX_ATTEMPTS } from '../domain/upload-policy.js';
import type { Dialer, RecordingFile } from '../dialer/dialer.js';
import { SimulatedDialer } from '../dialer/simulated-dialer.js';
import { fakeRecordingBytes } from '../dialer/fake-recording.js';
import { FakeClock } from '../edges/fake-clock.js';
import type { EventSink } from './event-sink.js';
import { RecordingUploader, type PutFn } from './recording-uploader.js';

const log = pino({ level: 'silent' });
const info = { recordingId: 'rec-1', durationMs: 5000, sizeBytes: 64, sha256: 'd'.repeat(64), contentType: 'audio/mpeg' };
const context = { callId: 'call-1', taskId: 't', commandId: 'c', phoneNumber: '13800138000', callerId: '' };
const URL_ = 'http://api/api/v1/device-uploads/recordings/acme/dev/call-1/rec-1?sig=x';

function setup(put: PutFn, file: RecordingFile | null = { ...info, bytes: () => Buffer.alloc(64, 7), transcript: '客服：您好\n客户：多少钱？\n' }) {
  const clock = new FakeClock();
  const appended: EnvelopePayload[] = [];
  // Only append is used by the uploader.
  const sink = { append: async (_kind: string, payload: EnvelopePayload) => { appended.push(payload); return null; } } as unknown as EventSink;
  const dialer = { start: () => ({ cancel() {} }), dispose() {}, recording: (id: string) => (id === info.recordingId ? file : null) } as Dialer;
  const uploader = new RecordingUploader({ dialer, sink, clock, log, seed: 1, reannounceMs: 600_000, put });
  return { clock, appended, uploader };
}

test('transcript first, then the file with its checksum; 5xx is retried, then COMPLETED', async () => {
  const calls: { url: string; headers: Record<string, string>; size: number }[] = [];
  const statuses = [200, 503, 201];
  const { clock, uploader } = setup(async (url, body, headers) => {
    calls.push({ url, headers, size: body.length });
    return statuses.shift()!;
  });
  const result = uploader.upload({ callId: 'call-1', recordingId: 'rec-1', uploadUrl: URL_, urlExpiresAtMs: clock.now() + 900_000 });
  await clock.advanceUntil(() => calls.length === 3);
  assert.deepEqual(await result, { status: 'COMPLETED', reason: '' });
  assert.equal(calls[0]!.url, `${URL_}&part=transcript`);
  assert.equal(calls[0]!.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(calls[1]!.url, URL_);
  assert.equal(calls[1]!.headers['x-content-sha256'], info.sha256);
  assert.equal(calls[2]!.size, 64);
});

test('a 4xx other than 408/429 gives up at once with the status as reason', async () => {
  let n = 0;
  const { clock, uploader } = setup(async (url) => (url.includes('part=transcript') ? 200 : (n++, 422)));
  assert.deepEqual(await uploader.upload({ callId: 'call-1', recordingId: 'rec-1', uploadUrl: URL_, urlExpiresAtMs: clock.now() + 900_000 }), { status: 'FAILED', reason: 'HTTP_422' });
  assert.equal(n, 1);
});

test('network errors are retried with backoff up to the attempt cap, then NETWORK', async () => {
  let n = 0;
  const { clock, uploader } = setup(async () => {
    n++;
    throw new Error('ECONNREFUSED');
  }, { ...info, bytes: () => Buffer.alloc(64), transcript: null });
  let done = false;
  const result = uploader.upload({ callId: 'call-1', recordingId: 'rec-1', uploadUrl: URL_, urlExpiresAtMs: 0 }).finally(() => { done = true; });
  await clock.advanceUntil(() => done, 3_600_000, 1000);
  assert.deepEqual(await result, { status: 'FAILED', reason: 'NETWORK' });
  assert.equal(n, UPLOAD_MAX_ATTEMPTS);
});

test('an unknown recording fails with NO_SUCH_RECORDING; an expired URL is not tried', async () => {
  let n = 0;
  const { clock, uploader } = setup(async () => (n++, 201));
  assert.deepEqual(await uploader.upload({ callId: 'c', recordingId: 'other', uploadUrl: URL_, urlExpiresAtMs: 0 }), { status: 'FAILED', reason: 'NO_SUCH_RECORDING' });
  assert.deepEqual(await uploader.upload({ callId: 'call-1', recordingId: 'rec-1', uploadUrl: URL_, urlExpiresAtMs: clock.now() - 1 }), { status: 'FAILED', reason: 'EXPIRED_URL' });
  assert.equal(n, 0);
});

test('a recording not uploaded in time is announced again (same recording id), until uploaded', async () => {
  const { clock, appended, uploader } = setup(async () => 201);
  uploader.track(context, info);
  await clock.advance(599_000);
  assert.equal(appended.length, 0);
  await clock.advance(2_000);
  assert.equal(appended.length, 1);
  const step = CallEvent.fromObject((appended[0] as { call: object }).call);
  assert.equal(step.callId, 'call-1');
  assert.equal(step.recordingReady?.recordingId, 'rec-1');
  assert.equal(step.recordingReady?.sha256, info.sha256);
  await clock.advance(600_000);
  assert.equal(appended.length, 2);
  await uploader.upload({ callId: 'call-1', recordingId: 'rec-1', uploadUrl: URL_, urlExpiresAtMs: 0 });
  assert.equal(uploader.pendingCount, 0);
  await clock.advance(3_600_000);
  assert.equal(appended.length, 2);
});

test('the simulated dialer keeps each recording with deterministic bytes and a Chinese transcript', async () => {
  const clock = new FakeClock();
  const a = new SimulatedDialer({ seed: 42, timeScale: 0.001, clock });
  const steps: { kind: string; recordingId?: string; sha256?: string; sizeBytes?: number }[] = [];
  for (let i = 0; i < 20 && !steps.some((s) => s.kind === 'recording'); i++) {
    let ended = false;
    a.start({ callId: `c${i}`, phoneNumber: '13800138000', callerId: '', ringTimeoutMs: 0, record: true }, (s) => {
      steps.push(s as (typeof steps)[number]);
      if (s.kind === 'recording' || (s.kind === 'ended' && !s.recordingFollows)) ended = true;
    });
    await clock.advanceUntil(() => ended, 3_600_000, 10);
  }
  const rec = steps.find((s) => s.kind === 'recording');
  assert.ok(rec?.recordingId);
  const file = a.recording(rec.recordingId)!;
  assert.deepEqual(file.bytes(), fakeRecordingBytes(rec.recordingId, rec.sizeBytes!));
  assert.equal(file.sha256, rec.sha256);
  assert.match(file.transcript!, /^客服：.+\n客户：.+\n/);
  assert.ok(['high', 'medium', 'low', 'negative'].includes(file.intent));
  const phrases = { high: /价格|多少钱|合作|感兴趣|发资料|加微信/, medium: /考虑一下|再说/, negative: /不需要|没兴趣|别打了/ } as const;
  if (file.intent !== 'low') assert.match(file.transcript!, phrases[file.intent]);
  // Same seed, same call sequence: the same transcript.
  const b = new SimulatedDialer({ seed: 42, timeScale: 0.001, clock });
  assert.equal(b.recording(rec.recordingId), null);
  a.dispose();
  b.dispose();
});
