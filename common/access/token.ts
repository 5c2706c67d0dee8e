// Bearer tokens for dashboards: stateless, HMAC-SHA256 signed, short-lived. A token names the
// API key it was exchanged for, so revoking the key ends its sessions (checked by the callers
// through credential-store.ts). Pure: no I/O, the clock is an argument.
//   ck1.<base64url(JSON claims)>.<base64url(HMAC(secret, "ck1." + claims))>
// The alphabet (base64url and '.') is valid in an HTTP header and in a WebSocket subprotocol,
// which is how browsers pass it to the live hub (they cannot set headers on an upgrade).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOKEN_PREFIX = 'ck1.';

export interface TokenClaims {
  /** tenant id */
  tid: string;
  /** user id */
  uid: string;
  /** API key id the token was issued against */
  kid: string;
  /** permissions at issue time (the key's, which can only shrink by revocation) */
  perms: string[];
  /** issued at / expires at, seconds since epoch */
  iat: number;
  exp: number;
}

export type TokenProblem = 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED';

export class TokenSecretError extends Error {
  constructor() {
    super('AUTH_TOKEN_SECRET is missing or shorter than 32 bytes (hex): set it or start the local stack, which generates one');
    this.name = 'TokenSecretError';
  }
}

export function tokenSecretFromHex(hex: string): Buffer {
  const key = Buffer.from(hex, 'hex');
  if (key.length < 32) throw new TokenSecretError();
  return key;
}

function sign(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(TOKEN_PREFIX).update(body).digest('base64url');
}

export function issueToken(secret: Buffer, claims: Omit<TokenClaims, 'iat' | 'exp'>, nowMs: number, ttlS: number): { token: string; expiresAt: Date } {
  const iat = Math.floor(nowMs / 1000);
  const full: TokenClaims = { ...claims, iat, exp: iat + ttlS };
  const body = Buffer.from(JSON.stringify(full)).toString('base64url');
  return { token: `${TOKEN_PREFIX}${body}.${sign(secret, body)}`, expiresAt: new Date(full.exp * 1000) };
}

export function verifyToken(secret: Buffer, token: string, nowMs: number): { ok: true; claims: TokenClaims } | { ok: false; problem: TokenProblem } {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 8192) return { ok: false, problem: 'MALFORMED' };
  const rest = token.slice(TOKEN_PREFIX.length);
  const dot = rest.indexOf('.');
  if (dot <= 0) return { ok: false, problem: 'MALFORMED' };
  const body = rest.slice(0, dot);
  // Compared as text: base64url decoding ignores the spare low bits of the last character, so
  // comparing decoded bytes would accept several spellings of one signature.
  const given = Buffer.from(rest.slice(dot + 1), 'latin1');
  const expected = Buffer.from(sign(secret, body), 'latin1');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'BAD_SIGNATURE' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { ok: false, problem: 'MALFORMED' };
  }
  if (typeof claims.tid !== 'string' || typeof claims.kid !== 'string' || !Array.isArray(claims.perms) || typeof claims.exp !== 'number') {
    return { ok: false, problem: 'MALFORMED' };
  }
  if (claims.exp * 1000 <= nowMs) return { ok: false, problem: 'EXPIRED' };
  return { ok: true, claims };
}
