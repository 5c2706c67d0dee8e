// The WebSocket upgrade, decided synchronously from the credential (domain/credentials.ts):
// 400 when subprotocols are offered but not cunke.live.v1; 401 when the credential is missing,
// malformed, badly signed or expired; 403 when a token does not carry live:view. The key record
// (revocation, disabled user or tenant) is checked by `admit` right after the socket opens.
import type { HttpRequest, HttpResponse, us_socket_context_t } from 'uWebSockets.js';
import type { PrincipalResolver } from '../../../common/access/resolve-principal.js';
import type { GatewayMetrics } from '../metrics.js';
import { screenCredential, upgradeCredential } from './domain/credentials.js';
import { CloseCode } from './domain/protocol.js';
import { LIVE_PERMISSION } from './domain/topics.js';
import type { Identity, UserData } from './session.js';

export interface UpgradeDeps {
  tokenSecret: Buffer;
  metrics: GatewayMetrics;
  now: () => number;
}

const STATUS_LINE = { 400: '400 Bad Request', 401: '401 Unauthorized', 403: '403 Forbidden' } as const;

function refuse(res: HttpResponse, status: keyof typeof STATUS_LINE, code: string, reason: string): void {
  res.writeStatus(STATUS_LINE[status]).writeHeader('content-type', 'application/json');
  if (status === 401) res.writeHeader('www-authenticate', 'Bearer realm="cunke-live"');
  res.end(JSON.stringify({ code, reason }), true);
}

export function upgradeHandler(deps: UpgradeDeps) {
  return (res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void => {
    const offered = upgradeCredential(req.getHeader('authorization'), req.getHeader('sec-websocket-protocol'));
    if (!offered.ok) {
      deps.metrics.liveAuthFailures.inc({ reason: 'PROTOCOL' });
      refuse(res, 400, 'LIVE_ERR_PROTOCOL', offered.why);
      return;
    }
    const screening = screenCredential(offered.credential, deps.tokenSecret, deps.now());
    if (!screening.ok) {
      deps.metrics.liveAuthFailures.inc({ reason: screening.reason });
      refuse(res, screening.status, screening.status === 401 ? 'LIVE_ERR_UNAUTHENTICATED' : 'LIVE_ERR_FORBIDDEN', screening.reason);
      return;
    }
    const data: UserData = { credential: screening.credential, session: null };
    res.upgrade(data, req.getHeader('sec-websocket-key'), offered.protocol, req.getHeader('sec-websocket-extensions'), context);
  };
}

export type Admission = { ok: true; identity: Identity } | { ok: false; closeCode: number; reason: string };

/** Checks a credential against its key record (after the upgrade, and again periodically). */
export async function admit(resolver: PrincipalResolver, credential: string, expiresAtMs: number | null): Promise<Admission> {
  const result = await resolver.resolve(credential);
  if (!result.ok) {
    return { ok: false, closeCode: result.problem === 'EXPIRED' ? CloseCode.TOKEN_EXPIRED : CloseCode.UNAUTHORIZED, reason: result.problem };
  }
  if (!result.principal.permissions.has(LIVE_PERMISSION)) return { ok: false, closeCode: CloseCode.FORBIDDEN, reason: 'NO_LIVE_VIEW' };
  return { ok: true, identity: { principal: result.principal, expiresAtMs } };
}
