// Inbound SIP leads (spec 000 §七.3 "电话呼入线索处理"; issue 5 item 8). The drachtio glue
// (next session) asks these functions what to do with each request and only performs the answer:
// reject scanners, throttle a source, find the lead by caller id, send the call to the owner
// chosen by the scene's assignment rules, and close the call record on BYE.
import type { AssignmentDecision } from './assignment.js';
import { phoneJunkReason } from './normalise.js';
import { normalizePhone } from '../../../../common/pii.js';

/** User-agent substrings of SIP scanners and war-dialers (lower-case). */
export const SCANNER_USER_AGENTS: readonly string[] = [
  'friendly-scanner', 'sipvicious', 'sipcli', 'vaxsipuseragent', 'sip-scan', 'sundayddr', 'iwar', 'sivus', 'pplsip', 'smap', 'siparmyknife', 'sipptk', 'voipbuster', 'gulp', 'nmap',
];

export function isScannerUserAgent(ua: string | null | undefined, extra: readonly string[] = []): boolean {
  if (!ua) return false;
  const u = ua.toLowerCase();
  return [...SCANNER_USER_AGENTS, ...extra.map((x) => x.toLowerCase())].some((s) => u.includes(s));
}

export interface RateCounts {
  /** Requests from this source in the current window, including this one (the caller INCRs rateKey first). */
  sourceInWindow: number;
  sourceLimit: number;
  windowSeconds: number;
}

/** The fixed-window counter a source's requests go into; the caller INCRs it with EXPIRE windowSeconds. */
export function rateKey(sourceIp: string, now: number, windowSeconds: number): string {
  return `sip:rate:${sourceIp}:${Math.floor(now / 1000 / windowSeconds)}`;
}

export type RateDecision = { allow: true } | { allow: false; status: 503; retryAfterSeconds: number };

/** RFC 3261 §21.5.4: 503 with Retry-After asks a well-behaved UA to back off. */
export function rateDecision(c: RateCounts, now: number): RateDecision {
  if (c.sourceInWindow <= c.sourceLimit) return { allow: true };
  const windowMs = c.windowSeconds * 1000;
  return { allow: false, status: 503, retryAfterSeconds: Math.max(1, Math.ceil((windowMs - (now % windowMs)) / 1000)) };
}

export interface CallerIdentity {
  /** E.164 when the caller id is a usable number. */
  e164: string | null;
  displayName: string | null;
  /** Why there is no number: anonymous, unparseable or a placeholder. */
  withheld: 'anonymous' | 'unparseable' | 'placeholder' | null;
}

const ANONYMOUS = /^(anonymous|unknown|restricted|unavailable|private)$/i;

/** Parses `"Name" <sip:+8613800138001@host>;tag=x`, `<tel:+86...>` or a bare URI. */
export function parseCallerId(header: string, defaultRegion = 'CN'): CallerIdentity {
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<"]*?))\s*<([^>]+)>/.exec(header);
  const display = (m?.[1] ?? m?.[2] ?? '').trim() || null;
  const uri = (m?.[3] ?? header.split(';')[0] ?? '').trim();
  const user = /^(?:sips?|tel):([^@;>]+)/i.exec(uri)?.[1] ?? '';
  if (user === '' || ANONYMOUS.test(user)) return { e164: null, displayName: display, withheld: 'anonymous' };
  const digits = decodeURIComponent(user).replace(/[\s\-().]/g, '');
  if (!/^\+?\d{3,20}$/.test(digits)) return { e164: null, displayName: display, withheld: 'unparseable' };
  const e164 = normalizePhone(digits, defaultRegion);
  if (!e164) return { e164: null, displayName: display, withheld: 'unparseable' };
  if (phoneJunkReason(e164)) return { e164: null, displayName: display, withheld: 'placeholder' };
  return { e164, displayName: display, withheld: null };
}

export interface InviteRequest {
  callId: string;
  sourceIp: string;
  userAgent: string | null;
  from: string;
  /** P-Asserted-Identity, used instead of From only when the source is a trusted carrier trunk. */
  pAssertedIdentity?: string | null;
  /** The called number (Request-URI user part), raw. */
  to: string;
}

export interface InvitePolicy {
  /** Numbers (E.164) of PHONE_CALL scenes; an INVITE to any other is not ours. */
  monitoredNumbers: ReadonlyMap<string, { scene_config_id: string }>;
  trustedSources: ReadonlySet<string>;
  extraScannerAgents?: readonly string[];
  defaultRegion?: string;
}

export type InviteDecision =
  | { action: 'reject'; status: 403 | 404 | 503; reason: 'scanner' | 'not_monitored' | 'rate_limited'; retryAfterSeconds?: number }
  | { action: 'accept'; scene_type: 'PHONE_CALL'; scene_config_id: string; called: string; caller: CallerIdentity; leadLookupKey: string | null };

/** Order matters: scanners get 403 before they consume rate budget or reveal which numbers exist. */
export function decideInvite(req: InviteRequest, policy: InvitePolicy, rate: RateCounts, now: number): InviteDecision {
  if (isScannerUserAgent(req.userAgent, policy.extraScannerAgents)) return { action: 'reject', status: 403, reason: 'scanner' };
  const r = rateDecision(rate, now);
  if (!r.allow) return { action: 'reject', status: 503, reason: 'rate_limited', retryAfterSeconds: r.retryAfterSeconds };
  const region = policy.defaultRegion ?? 'CN';
  const calledUser = /^(?:sips?|tel):([^@;>]+)/i.exec(req.to)?.[1] ?? req.to;
  const called = normalizePhone(calledUser, region);
  const scene = called ? policy.monitoredNumbers.get(called) : undefined;
  if (!called || !scene) return { action: 'reject', status: 404, reason: 'not_monitored' };
  const useAsserted = !!req.pAssertedIdentity && policy.trustedSources.has(req.sourceIp);
  const caller = parseCallerId(useAsserted ? req.pAssertedIdentity! : req.from, region);
  return { action: 'accept', scene_type: 'PHONE_CALL', scene_config_id: scene.scene_config_id, called, caller, leadLookupKey: caller.e164 ? `mobile:${caller.e164}` : null };
}

export interface AgentLine {
  user_id: string;
  sip_uri: string | null;
  registered: boolean;
}

export type RouteDecision =
  | { action: 'redirect'; status: 302; contact: string; user_id: string }
  | { action: 'proxy'; uri: string; user_id: string }
  | { action: 'queue'; uri: string; reason: string }
  | { action: 'reject'; status: 480; reason: string };

/**
 * Where the call goes once the lead's owner is known. An existing owner (the lead was already
 * assigned) wins over a fresh assignment decision; an owner without a registered line falls
 * back to the queue, so a caller is never dropped because one phone is offline.
 */
export function routeCall(owner: { existingOwner: string | null; assignment: AssignmentDecision | null }, lines: ReadonlyMap<string, AgentLine>, opts: { mode: 'redirect' | 'proxy'; queueUri: string | null }): RouteDecision {
  const userId = owner.existingOwner ?? (owner.assignment?.kind === 'assigned' ? owner.assignment.user_id : null);
  const why = userId ? null : owner.assignment ? `assignment ${owner.assignment.kind}` : 'no assignment rules';
  const line = userId ? lines.get(userId) : undefined;
  if (userId && line?.sip_uri && line.registered) {
    return opts.mode === 'redirect' ? { action: 'redirect', status: 302, contact: line.sip_uri, user_id: userId } : { action: 'proxy', uri: line.sip_uri, user_id: userId };
  }
  const reason = userId ? `owner ${userId} has no registered line` : why!;
  if (opts.queueUri) return { action: 'queue', uri: opts.queueUri, reason };
  return { action: 'reject', status: 480, reason };
}

export interface OpenCall {
  call_id: string;
  lead_id: string;
  started_at: number;
  answered_at: number | null;
}

export type ByeDecision =
  | { action: 'close'; lead_id: string; call_id: string; ended_at: number; talk_ms: number; ring_ms: number; disposition: 'ANSWERED' | 'NO_ANSWER' }
  | { action: 'ignore'; reason: 'unknown_call' };

/** BYE (or CANCEL) closes the call record; a repeated BYE for a closed call finds nothing and is ignored. */
export function decideBye(callId: string, open: OpenCall | null, now: number): ByeDecision {
  if (!open || open.call_id !== callId) return { action: 'ignore', reason: 'unknown_call' };
  const answered = open.answered_at !== null;
  return {
    action: 'close', lead_id: open.lead_id, call_id: callId, ended_at: now,
    talk_ms: answered ? Math.max(0, now - open.answered_at!) : 0,
    ring_ms: Math.max(0, (answered ? open.answered_at! : now) - open.started_at),
    disposition: answered ? 'ANSWERED' : 'NO_ANSWER',
  };
}
