// Where a dashboard's credential is on the upgrade request, and what can be decided from the
// credential alone. Pure.
//
// The upgrade is decided synchronously, inside uWS's upgrade handler, from the credential
// itself: a token's signature, expiry and permission claims. What only the key record in Redis
// knows (revoked key, disabled user or tenant, narrowed permissions, an API key's secret) is
// checked right after the socket opens, before any message (hub.ts `activate`). Why not await
// Redis before upgrading: in this uWS build (20.30) an upgrade completed after the handler
// returned either closes the new socket now and then (inside res.cork: HttpResponse::cork reads
// the response it just moved) or leaves the loop's cork stuck, so frames to every socket lag
// by seconds (outside res.cork). Both measured; see docs/live-protocol.md "Connecting".
import { allows } from '../../../../common/access/permissions.js';
import { API_KEY_PATTERN } from '../../../../common/access/auth-keys.js';
import { TOKEN_PREFIX, verifyToken } from '../../../../common/access/token.js';
import { BEARER_PROTOCOL_PREFIX, SUBPROTOCOL } from './protocol.js';
import { LIVE_PERMISSION } from './topics.js';

export type UpgradeCredential =
  | { ok: true; credential: string | undefined; protocol: string }
  | { ok: false; why: string };

/**
 * `protocol` is what the hub answers in Sec-WebSocket-Protocol: `cunke.live.v1` when offered,
 * '' when no subprotocol was offered at all (a server-side client using the header).
 */
export function upgradeCredential(authorization: string, offeredProtocols: string): UpgradeCredential {
  const offered = offeredProtocols.split(',').map((p) => p.trim()).filter(Boolean);
  const fromProtocol = offered.find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX))?.slice(BEARER_PROTOCOL_PREFIX.length);
  if (offered.length > 0 && !offered.includes(SUBPROTOCOL)) return { ok: false, why: `subprotocol ${SUBPROTOCOL} not offered` };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return { ok: true, credential: m?.[1] ?? fromProtocol, protocol: offered.length > 0 ? SUBPROTOCOL : '' };
}

export type Screening =
  | { ok: true; credential: string; expiresAtMs: number | null }
  | { ok: false; status: 401 | 403; reason: string };

/** What the credential itself shows; the key record is checked after the upgrade. */
export function screenCredential(credential: string | undefined, tokenSecret: Buffer, nowMs: number): Screening {
  if (!credential) return { ok: false, status: 401, reason: 'MISSING' };
  if (credential.startsWith(TOKEN_PREFIX)) {
    const v = verifyToken(tokenSecret, credential, nowMs);
    if (!v.ok) return { ok: false, status: 401, reason: v.problem };
    if (!allows(v.claims.perms, [LIVE_PERMISSION])) return { ok: false, status: 403, reason: 'NO_LIVE_VIEW' };
    return { ok: true, credential, expiresAtMs: v.claims.exp * 1000 };
  }
  if (API_KEY_PATTERN.test(credential)) return { ok: true, credential, expiresAtMs: null };
  return { ok: false, status: 401, reason: 'MALFORMED' };
}
