// Signed, short-lived URLs for recordings (spec 004 §2.6, issue 4 deliverable 4). Pure: no I/O,
// the clock is an argument. Two kinds, under two sub-keys derived with HKDF from
// AUTH_TOKEN_SECRET, so a download token can never be replayed as an upload signature (or the
// other way round) and no extra secret has to be provisioned:
//
//   upload   PUT {base}/api/v1/device-uploads/recordings/{tenant}/{device}/{call}/{recording}
//              ?sha256=&size=&ct=&dur=&exp=&sig=        (issued by the gateway to the device)
//            sig = HMAC(uploadKey, "PUT\n" + tenant + "\n" + device + … + exp), base64url.
//            `&part=transcript` on the same URL uploads the call's transcript; the part is not
//            signed (the recording fields are), its size is capped by the API instead.
//   download GET {base}/api/v1/recordings/{token}, token = base64url(JSON claims) + "." + sig.
//            The claims name who asked for it, so the download can be audited to that user.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export const UPLOAD_PATH_PREFIX = '/api/v1/device-uploads/recordings';
export const DOWNLOAD_PATH_PREFIX = '/api/v1/recordings';

export interface RecordingKeys {
  upload: Buffer;
  download: Buffer;
}

/** Sub-keys of the recording URLs, derived from the token secret (hex, >= 32 bytes). */
export function recordingKeysFrom(tokenSecret: Buffer): RecordingKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', tokenSecret, 'cunke-recordings', info, 32));
  return { upload: derive('recording-upload-v1'), download: derive('recording-download-v1') };
}

/** What an upload URL grants: storing exactly this file of this call. */
export interface UploadGrant {
  tenantId: string;
  deviceId: string;
  callId: string;
  recordingId: string;
  /** Lower-case hex SHA-256 the stored bytes must have. */
  sha256: string;
  sizeBytes: number;
  contentType: string;
  durationMs: number;
  expiresAtMs: number;
}

export type UrlProblem = 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED';
export type Verified<T> = { ok: true; value: T } | { ok: false; problem: UrlProblem };

// Ids travel as path segments and become storage keys: a conservative alphabet keeps them
// unambiguous in the signed text, and no id starts with '.', so none is '.' or '..'.
const ID = /^[A-Za-z0-9_:-][A-Za-z0-9_.:-]{0,127}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

function uploadSignature(key: Buffer, g: UploadGrant): string {
  const text = ['PUT', g.tenantId, g.deviceId, g.callId, g.recordingId, g.sha256, String(g.sizeBytes), g.contentType, String(g.durationMs), String(g.expiresAtMs)].join('\n');
  return createHmac('sha256', key).update(text).digest('base64url');
}

/** Compared as text: base64url decoding ignores spare bits, so several spellings decode alike. */
function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'latin1');
  const b = Buffer.from(expected, 'latin1');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function grantIsWellFormed(g: UploadGrant): boolean {
  return [g.tenantId, g.deviceId, g.callId, g.recordingId].every((id) => ID.test(id))
    && SHA256.test(g.sha256) && CONTENT_TYPE.test(g.contentType)
    && Number.isSafeInteger(g.sizeBytes) && g.sizeBytes >= 0
    && Number.isSafeInteger(g.durationMs) && g.durationMs >= 0
    && Number.isSafeInteger(g.expiresAtMs) && g.expiresAtMs > 0;
}

/** The path and query of an upload URL (append to the API base URL). */
export function signUploadPath(key: Buffer, g: UploadGrant): string {
  if (!grantIsWellFormed(g)) throw new TypeError(`upload grant is malformed: ${JSON.stringify(g)}`);
  const q = new URLSearchParams({
    sha256: g.sha256, size: String(g.sizeBytes), ct: g.contentType, dur: String(g.durationMs), exp: String(g.expiresAtMs), sig: uploadSignature(key, g),
  });
  const path = [g.tenantId, g.deviceId, g.callId, g.recordingId].map(encodeURIComponent).join('/');
  return `${UPLOAD_PATH_PREFIX}/${path}?${q.toString()}`;
}

export interface UploadRequestParts {
  tenantId: string;
  deviceId: string;
  callId: string;
  recordingId: string;
  query: Record<string, string | undefined>;
}

const intOf = (s: string | undefined): number => (s !== undefined && /^\d{1,16}$/.test(s) ? Number(s) : Number.NaN);

/** Checks an upload request's path segments and query against their signature and the clock. */
export function verifyUpload(key: Buffer, r: UploadRequestParts, nowMs: number): Verified<UploadGrant> {
  const g: UploadGrant = {
    tenantId: r.tenantId, deviceId: r.deviceId, callId: r.callId, recordingId: r.recordingId,
    sha256: r.query.sha256 ?? '', sizeBytes: intOf(r.query.size), contentType: r.query.ct ?? '',
    durationMs: intOf(r.query.dur), expiresAtMs: intOf(r.query.exp),
  };
  const sig = r.query.sig ?? '';
  if (!grantIsWellFormed(g) || sig.length === 0 || sig.length > 100) return { ok: false, problem: 'MALFORMED' };
  if (!sameSignature(sig, uploadSignature(key, g))) return { ok: false, problem: 'BAD_SIGNATURE' };
  // Checked after the signature, so a forged expiry is reported as forged.
  if (nowMs > g.expiresAtMs) return { ok: false, problem: 'EXPIRED' };
  return { ok: true, value: g };
}

/** What a download token grants: reading one call's stored recording until `exp`. */
export interface DownloadClaims {
  /** tenant, call, recording */
  t: string;
  c: string;
  r: string;
  /** user and key that asked for the URL (audit) */
  u: string;
  k: string;
  /** expiry, ms since epoch */
  exp: number;
}

function downloadSignature(key: Buffer, body: string): string {
  return createHmac('sha256', key).update('GET\n').update(body).digest('base64url');
}

export function signDownloadToken(key: Buffer, claims: DownloadClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${downloadSignature(key, body)}`;
}

export function verifyDownloadToken(key: Buffer, token: string, nowMs: number): Verified<DownloadClaims> {
  if (token.length > 2048) return { ok: false, problem: 'MALFORMED' };
  const dot = token.indexOf('.');
  if (dot <= 0) return { ok: false, problem: 'MALFORMED' };
  const body = token.slice(0, dot);
  if (!sameSignature(token.slice(dot + 1), downloadSignature(key, body))) return { ok: false, problem: 'BAD_SIGNATURE' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'MALFORMED' };
  }
  const c = claims as Partial<DownloadClaims>;
  if (typeof c !== 'object' || c === null || typeof c.t !== 'string' || typeof c.c !== 'string' || typeof c.r !== 'string'
    || typeof c.u !== 'string' || typeof c.k !== 'string' || typeof c.exp !== 'number') return { ok: false, problem: 'MALFORMED' };
  if (nowMs > c.exp) return { ok: false, problem: 'EXPIRED' };
  return { ok: true, value: c as DownloadClaims };
}

/** Parses an HTTP Range header against a size: one range only (players seek with one). */
export type RangeResult = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'full' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // A malformed or multi-range header is ignored (RFC 9110 §14.2 allows serving the whole file).
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
