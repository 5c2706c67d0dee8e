import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  parseRange, recordingKeysFrom, signDownloadToken, signUploadPath, verifyDownloadToken, verifyUpload,
  UPLOAD_PATH_PREFIX, type UploadGrant, type UploadRequestParts,
} from './signed-url.js';

const keys = recordingKeysFrom(randomBytes(32));
const NOW = 1_760_000_000_000;
const grant: UploadGrant = {
  tenantId: 'acme', deviceId: 'dev-1', callId: '0b6f1c1e-3c1f-4e8e-9d57-0a1b2c3d4e5f', recordingId: 'rec-9',
  sha256: 'a'.repeat(64), sizeBytes: 12345, contentType: 'audio/mpeg', durationMs: 61000, expiresAtMs: NOW + 60_000,
};

function partsOf(path: string): UploadRequestParts {
  const url = new URL(path, 'http://x');
  const [tenantId, deviceId, callId, recordingId] = url.pathname.slice(UPLOAD_PATH_PREFIX.length + 1).split('/').map(decodeURIComponent);
  return { tenantId: tenantId!, deviceId: deviceId!, callId: callId!, recordingId: recordingId!, query: Object.fromEntries(url.searchParams) };
}

test('a signed upload path verifies and yields its grant', () => {
  const r = verifyUpload(keys.upload, partsOf(signUploadPath(keys.upload, grant)), NOW);
  assert.deepEqual(r, { ok: true, value: grant });
});

test('tampering with any signed field of an upload URL is refused as forged', () => {
  const good = partsOf(signUploadPath(keys.upload, grant));
  const pathFields = ['tenantId', 'deviceId', 'callId', 'recordingId'] as const;
  for (const f of pathFields) {
    assert.deepEqual(verifyUpload(keys.upload, { ...good, [f]: `${good[f]}x` }, NOW), { ok: false, problem: 'BAD_SIGNATURE' }, f);
  }
  const tampered: Record<string, string> = { sha256: 'b'.repeat(64), size: '12346', ct: 'audio/wav', dur: '61001', exp: String(NOW + 3_600_000) };
  for (const [f, v] of Object.entries(tampered)) {
    assert.deepEqual(verifyUpload(keys.upload, { ...good, query: { ...good.query, [f]: v } }, NOW), { ok: false, problem: 'BAD_SIGNATURE' }, f);
  }
  const sig = good.query.sig!;
  const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
  assert.deepEqual(verifyUpload(keys.upload, { ...good, query: { ...good.query, sig: flipped } }, NOW), { ok: false, problem: 'BAD_SIGNATURE' });
});

test('an upload URL signed with another key, or with the download key, is forged', () => {
  const other = recordingKeysFrom(randomBytes(32));
  assert.equal(verifyUpload(keys.upload, partsOf(signUploadPath(other.upload, grant)), NOW).ok, false);
  assert.equal(verifyUpload(keys.upload, partsOf(signUploadPath(keys.download, grant)), NOW).ok, false);
});

test('an upload URL is refused after its expiry, accepted up to it', () => {
  const parts = partsOf(signUploadPath(keys.upload, grant));
  assert.equal(verifyUpload(keys.upload, parts, grant.expiresAtMs).ok, true);
  assert.deepEqual(verifyUpload(keys.upload, parts, grant.expiresAtMs + 1), { ok: false, problem: 'EXPIRED' });
});

test('malformed upload queries are refused before any HMAC', () => {
  const good = partsOf(signUploadPath(keys.upload, grant));
  for (const q of [{ sig: undefined }, { size: '-1' }, { size: '1e3' }, { sha256: 'A'.repeat(64) }, { exp: undefined }]) {
    assert.deepEqual(verifyUpload(keys.upload, { ...good, query: { ...good.query, ...q } }, NOW), { ok: false, problem: 'MALFORMED' }, JSON.stringify(q));
  }
  assert.throws(() => signUploadPath(keys.upload, { ...grant, callId: 'a/b' }), TypeError);
  for (const callId of ['..', '.', '.hidden', '']) assert.throws(() => signUploadPath(keys.upload, { ...grant, callId }), TypeError, callId);
});

test('download tokens: valid until expiry, refused when tampered or signed elsewhere', () => {
  const claims = { t: 'acme', c: 'call-1', r: 'rec-1', u: 'user-1', k: 'key-1', exp: NOW + 600_000 };
  const token = signDownloadToken(keys.download, claims);
  assert.deepEqual(verifyDownloadToken(keys.download, token, NOW), { ok: true, value: claims });
  assert.deepEqual(verifyDownloadToken(keys.download, token, claims.exp + 1), { ok: false, problem: 'EXPIRED' });
  const [body, sig] = token.split('.') as [string, string];
  for (const field of ['t', 'c', 'r', 'u', 'k'] as const) {
    const forged = Buffer.from(JSON.stringify({ ...claims, [field]: 'other' })).toString('base64url');
    assert.deepEqual(verifyDownloadToken(keys.download, `${forged}.${sig}`, NOW), { ok: false, problem: 'BAD_SIGNATURE' }, field);
  }
  const later = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 1e9 })).toString('base64url');
  assert.deepEqual(verifyDownloadToken(keys.download, `${later}.${sig}`, claims.exp + 1), { ok: false, problem: 'BAD_SIGNATURE' });
  assert.equal(verifyDownloadToken(keys.upload, token, NOW).ok, false);
  assert.deepEqual(verifyDownloadToken(keys.download, body, NOW), { ok: false, problem: 'MALFORMED' });
});

test('range headers: first bytes, open end, suffix, clamped end, unsatisfiable, ignored forms', () => {
  assert.deepEqual(parseRange(undefined, 100), { kind: 'full' });
  assert.deepEqual(parseRange('bytes=0-9', 100), { kind: 'partial', start: 0, end: 9 });
  assert.deepEqual(parseRange('bytes=90-', 100), { kind: 'partial', start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-10', 100), { kind: 'partial', start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-1000', 100), { kind: 'partial', start: 0, end: 99 });
  assert.deepEqual(parseRange('bytes=50-1000', 100), { kind: 'partial', start: 50, end: 99 });
  assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=9-3', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=-0', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=0-1,5-6', 100), { kind: 'full' });
  assert.deepEqual(parseRange('items=0-1', 100), { kind: 'full' });
});
