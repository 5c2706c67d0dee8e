// Signature checks for POST /webhooks/{scene_type} (spec 000 §6.2 item 2, §九.2, §十.2: HMAC-SHA256
// signatures; issue 5 item 1: timestamp tolerance and replay rejection, answering in the
// platform's shape). Pure: the caller passes the raw body, headers, secret(s) and clock, then
// SETs the returned replay key with NX and the returned TTL; if the key already existed the
// request is a replay and gets webhookResponse(profile, 'duplicate').
// The per-platform profiles encode what our integrations send; the header names and answer
// bodies of third-party platforms must be checked against each platform's current docs when a
// scene for it is configured (scene_specific_params may override any profile field).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignedString = 'timestamp.body' | 'body' | 'timestamp+nonce+body';

export interface WebhookResponseShape {
  status: number;
  contentType: 'application/json' | 'text/plain';
  body: string;
}

export interface PlatformProfile {
  id: string;
  signatureHeader: string;
  timestampHeader: string | null;
  nonceHeader: string | null;
  signed: SignedString;
  /** Seconds either side of now a timestamp may be. */
  toleranceSeconds: number;
  responses: Record<WebhookOutcome, WebhookResponseShape>;
}

export type WebhookOutcome = 'accepted' | 'duplicate' | 'rejected' | 'error';

const json = (status: number, body: unknown): WebhookResponseShape => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

/**
 * Built-in profiles. `cunke` is what our own SDK and forms send (Stripe-style `t.body` signing).
 * A duplicate is acknowledged as success so a platform that retried after a lost answer stops
 * retrying; it is not processed a second time.
 */
export const PLATFORM_PROFILES: Readonly<Record<string, PlatformProfile>> = {
  cunke: {
    id: 'cunke', signatureHeader: 'x-cunke-signature', timestampHeader: 'x-cunke-timestamp', nonceHeader: 'x-cunke-nonce', signed: 'timestamp.body', toleranceSeconds: 300,
    responses: { accepted: json(202, { code: 'OK', message: 'accepted', data: null }), duplicate: json(200, { code: 'DUPLICATE', message: 'already received', data: null }), rejected: json(401, { code: 'SIGNATURE_INVALID', message: 'signature verification failed', data: null }), error: json(500, { code: 'INTERNAL', message: 'try again later', data: null }) },
  },
  douyin_leads: {
    id: 'douyin_leads', signatureHeader: 'x-signature', timestampHeader: 'x-timestamp', nonceHeader: 'x-nonce', signed: 'timestamp+nonce+body', toleranceSeconds: 300,
    responses: { accepted: json(200, { code: 0, message: 'success' }), duplicate: json(200, { code: 0, message: 'success' }), rejected: json(401, { code: 40001, message: 'invalid signature' }), error: json(500, { code: 50000, message: 'retry' }) },
  },
  order_notifications: {
    id: 'order_notifications', signatureHeader: 'x-signature', timestampHeader: 'x-timestamp', nonceHeader: null, signed: 'timestamp.body', toleranceSeconds: 600,
    responses: { accepted: { status: 200, contentType: 'text/plain', body: 'success' }, duplicate: { status: 200, contentType: 'text/plain', body: 'success' }, rejected: { status: 401, contentType: 'text/plain', body: 'fail' }, error: { status: 500, contentType: 'text/plain', body: 'fail' } },
  },
};

export type VerifyFailure = 'missing_signature' | 'bad_signature_encoding' | 'bad_signature' | 'missing_timestamp' | 'bad_timestamp' | 'timestamp_out_of_window' | 'missing_nonce' | 'no_secret';

export type VerifyResult =
  | { ok: true; replayKey: string; replayTtlSeconds: number; timestampMs: number | null; secretIndex: number }
  | { ok: false; reason: VerifyFailure };

export interface VerifyInput {
  profile: PlatformProfile;
  /** Current secret first; older ones during a rotation. */
  secrets: readonly string[];
  /** Header names lower-cased (Node's IncomingMessage does this). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  rawBody: Buffer | string;
  now: number;
}

const header = (h: VerifyInput['headers'], name: string | null): string | null => {
  if (!name) return null;
  const v = h[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? null : s.trim();
};

/** The 32 bytes a signature header carries, hex or base64/base64url, with an optional `sha256=` / `v1=` prefix. */
export function decodeSignature(raw: string): Buffer | null {
  const s = raw.replace(/^(sha256|v1)=/i, '');
  if (/^[0-9a-f]{64}$/i.test(s)) return Buffer.from(s, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(s)) {
    const b = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}

/** Epoch ms from seconds or milliseconds. */
function parseTimestamp(raw: string): number | null {
  if (!/^\d{9,13}$/.test(raw)) return null;
  const n = Number(raw);
  return n < 1e11 ? n * 1000 : n;
}

export function signedPayload(signed: SignedString, body: Buffer, timestamp: string | null, nonce: string | null): Buffer {
  switch (signed) {
    case 'body': return body;
    case 'timestamp.body': return Buffer.concat([Buffer.from(`${timestamp ?? ''}.`), body]);
    case 'timestamp+nonce+body': return Buffer.concat([Buffer.from(`${timestamp ?? ''}${nonce ?? ''}`), body]);
  }
}

export function sign(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function verifyWebhook(input: VerifyInput): VerifyResult {
  const { profile: p } = input;
  if (input.secrets.length === 0) return { ok: false, reason: 'no_secret' };
  const sigRaw = header(input.headers, p.signatureHeader);
  if (!sigRaw) return { ok: false, reason: 'missing_signature' };
  const given = decodeSignature(sigRaw);
  if (!given) return { ok: false, reason: 'bad_signature_encoding' };
  const ts = header(input.headers, p.timestampHeader);
  let tsMs: number | null = null;
  if (p.timestampHeader) {
    if (!ts) return { ok: false, reason: 'missing_timestamp' };
    tsMs = parseTimestamp(ts);
    if (tsMs === null) return { ok: false, reason: 'bad_timestamp' };
  }
  const nonce = header(input.headers, p.nonceHeader);
  if (p.signed === 'timestamp+nonce+body' && !nonce) return { ok: false, reason: 'missing_nonce' };
  const body = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody) : input.rawBody;
  const payload = signedPayload(p.signed, body, ts, nonce);
  // Every secret is tried so timing does not reveal which one (or whether an earlier one) matched.
  let matched = -1;
  input.secrets.forEach((s, i) => { if (timingSafeEqual(sign(s, payload), given) && matched < 0) matched = i; });
  if (matched < 0) return { ok: false, reason: 'bad_signature' };
  // Checked after the signature so an attacker cannot probe the window with unsigned requests.
  if (tsMs !== null && Math.abs(input.now - tsMs) > p.toleranceSeconds * 1000) return { ok: false, reason: 'timestamp_out_of_window' };
  // Without a nonce the signature itself identifies the request; the key need only outlive the window.
  const id = createHash('sha256').update(`${p.id}\u0000${nonce ?? ''}\u0000${given.toString('hex')}`).digest('hex');
  return { ok: true, replayKey: `webhook:replay:${p.id}:${id}`, replayTtlSeconds: p.timestampHeader ? p.toleranceSeconds * 2 : 7 * 86400, timestampMs: tsMs, secretIndex: matched };
}

export function webhookResponse(profile: PlatformProfile, outcome: WebhookOutcome): WebhookResponseShape {
  return profile.responses[outcome];
}

/** The answer for a failed verification: the platform's rejection, the reason only in our logs. */
export function responseForFailure(profile: PlatformProfile, _reason: VerifyFailure): WebhookResponseShape {
  return profile.responses.rejected;
}
