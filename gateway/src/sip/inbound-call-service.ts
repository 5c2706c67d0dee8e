// Inbound SIP calls as plain data (spec 000 §七.3): an INVITE to a monitored number becomes a
// PHONE_CALL lead and is sent to its owner's line; BYE/CANCEL closes the call record. This is the
// Redis side only — the drachtio glue (drachtio-glue.ts) maps SIP messages to these calls and
// sends back the answer, so everything here is testable without a SIP engine.
//
// Per INVITE: scanner check (no budget spent) → per-source INCR+EXPIRE → decideInvite → claim the
// Call-ID (SET NX: a re-sent INVITE gets the first answer and the same lead) → existing owner from
// the hashed identity index, else the scene's assignment rules with the shared round-robin INCR →
// routeCall → one MULTI: call state + ingest entry (with the chosen owner for the pipeline) and,
// for a 302/480 after which the call no longer passes through us, the closed-call warehouse row.
import type { Redis } from 'ioredis';
import { ENTITY_STREAM } from '../../../common/feed.js';
import type { Logger } from '../../../common/logger.js';
import { hashPii, maskPhone, type PiiKeys } from '../../../common/pii.js';
import { applyTicket, decideAssignment, type Assignee, type AssignmentDecision } from '../../../api/src/leads/domain/assignment.js';
import { decideBye, decideInvite, isScannerUserAgent, rateKey, routeCall, type ByeDecision, type InvitePolicy, type OpenCall } from '../../../api/src/leads/domain/sip-decisions.js';
import { sealIngestBody } from '../../../api/src/leads/pipeline/ingest-body.js';
import { leadKeys, type LeadLogEntry, type LeadStore } from '../../../api/src/leads/pipeline/lead-store.js';
import { entityFeedFields } from '../../../warehouse/src/domain/entity-rows.js';
import type { MonitoredNumbers } from './monitored-numbers.js';
import {
  agentLines, answerOf, byeDetail, callRow, closedAtAnswer, existingOwnerOf, handedOverAssignment, sipLeadId,
  type CallState, type SipAnswer,
} from './sip-routing.js';

export const sipKeys = {
  rate: (bucket: string) => `cunke:${bucket}`,
  call: (callId: string) => `cunke:sip:call:${callId}`,
  claim: (callId: string) => `cunke:sip:claim:${callId}`,
};

/** An INVITE as the SIP layer saw it. */
export interface InboundInvite {
  callId: string;
  /** From header (caller id). */
  from: string;
  /** Request-URI (the dialled number). */
  to: string;
  sourceIp: string;
  userAgent: string | null;
  pAssertedIdentity?: string | null;
  at: number;
}

export interface InviteOutcome {
  answer: SipAnswer;
  tenantId: string | null;
  leadId: string | null;
  /** Why: scanner, rate_limited, not_monitored, redirect, proxy, queue, reject, retransmission. */
  reason: string;
}

export interface SipSettings {
  mode: 'redirect' | 'proxy';
  queueUri: string | null;
  rateLimit: number;
  rateWindowS: number;
  trustedSources: ReadonlySet<string>;
  extraScannerAgents: readonly string[];
  callTtlS: number;
  region: string;
  ingestMaxLen: number;
}

export interface InboundCallDeps {
  redis: Redis;
  pii: PiiKeys;
  log: Logger;
  numbers: MonitoredNumbers;
  leads: LeadStore;
  /** Assignees of a rule's pool (api/src/leads/catalog/stores.ts loadAssignees). */
  users: (tenantId: string, ids: readonly string[]) => Promise<Assignee[]>;
  settings: SipSettings;
  writer: string;
  entityStream?: string;
  rng?: () => number;
}

/** KEYS: call hash, entity stream. ARGV: closed-at, then the 10 feed fields. The first close wins. */
const CLOSE_LUA = `
if redis.call('HSETNX', KEYS[1], 'closed', ARGV[1]) == 0 then return 0 end
redis.call('XADD', KEYS[2], '*', unpack(ARGV, 2, 11))
return 1
`;

const RETRANSMIT_WAIT_MS = 2000;
const CLAIM_PENDING_S = 30;

export class InboundCallService {
  private readonly pending = new Set<Promise<void>>();
  private readonly entityStream: string;

  constructor(private readonly d: InboundCallDeps) {
    this.entityStream = d.entityStream ?? ENTITY_STREAM;
  }

  async invite(req: InboundInvite): Promise<InviteOutcome> {
    const s = this.d.settings;
    const none = { tenantId: null, leadId: null };
    // Scanners are refused before they spend rate budget (decideInvite's order).
    if (isScannerUserAgent(req.userAgent, s.extraScannerAgents)) return { ...none, answer: reply(403, 'Forbidden'), reason: 'scanner' };
    const bucket = sipKeys.rate(rateKey(req.sourceIp, req.at, s.rateWindowS));
    const res = await this.d.redis.multi().incr(bucket).expire(bucket, s.rateWindowS * 2).exec();
    const inWindow = Number(res?.[0]?.[1] ?? 0);
    const table = this.d.numbers.numbers();
    const policy: InvitePolicy = { monitoredNumbers: table, trustedSources: s.trustedSources, extraScannerAgents: s.extraScannerAgents, defaultRegion: s.region };
    const decision = decideInvite({ ...req, pAssertedIdentity: req.pAssertedIdentity ?? null }, policy, { sourceInWindow: inWindow, sourceLimit: s.rateLimit, windowSeconds: s.rateWindowS }, req.at);
    if (decision.action === 'reject') {
      const answer = decision.status === 503 ? reply(503, 'Service Unavailable', { 'Retry-After': String(decision.retryAfterSeconds ?? s.rateWindowS) })
        : decision.status === 404 ? reply(404, 'Not Found') : reply(403, 'Forbidden');
      return { ...none, answer, reason: decision.reason };
    }
    const owner = table.get(decision.called)!;
    const found = this.d.numbers.scene(owner);
    if (!found) return { ...none, answer: reply(404, 'Not Found'), reason: 'not_monitored' };
    const { scene, sip } = found;
    const t = owner.tenant_id;

    // One call, one lead, one answer: a re-sent INVITE (same Call-ID) gets what the first got.
    const leadId = sipLeadId(t, req.callId, req.at);
    // Short until the answer is stored (a crash in between must not block the Call-ID for a day).
    const claimed = await this.d.redis.set(sipKeys.claim(req.callId), leadId, 'EX', CLAIM_PENDING_S, 'NX');
    if (claimed !== 'OK') return this.repeated(req.callId, t);

    const e164 = decision.caller.e164;
    const existing = e164 ? await this.existingOwner(t, e164) : null;
    let fresh: AssignmentDecision | null = null;
    if (!existing && scene.assignment_rules) {
      const users = await this.d.users(t, scene.assignment_rules.pool);
      fresh = decideAssignment({ lead_id: leadId, tags: [] }, scene.assignment_rules, users, { now: req.at, rng: this.d.rng ?? Math.random });
      // The pipeline's counter: calls and other leads share one fair rotation.
      if (fresh.kind === 'needs_ticket') fresh = applyTicket(fresh, await this.d.leads.roundRobinTicket(t, fresh.counter_key), users);
    }
    const mode = sip.mode ?? s.mode;
    const route = routeCall({ existingOwner: existing?.user_id ?? null, assignment: fresh }, agentLines(sip.agentSipUris), { mode, queueUri: sip.queueUri ?? s.queueUri });
    const answer = answerOf(route, mode);
    const handed = handedOverAssignment(route, existing, fresh);

    const state: CallState = {
      tenant_id: t, lead_id: leadId, scene_config_id: scene.scene_config_id, called: decision.called,
      caller_hash: e164 ? hashPii(this.d.pii, e164) : '', caller_masked: e164 ? maskPhone(e164) : (decision.caller.withheld ?? ''),
      source_ip: req.sourceIp, user_agent: req.userAgent ?? '',
      route_action: route.action, route_uri: route.action === 'redirect' ? route.contact : route.action === 'reject' ? '' : route.uri,
      routed_to_user_id: route.action === 'redirect' || route.action === 'proxy' ? route.user_id : '',
      route_reason: route.action === 'queue' || route.action === 'reject' ? route.reason : existing ? 'existing owner' : fresh?.kind === 'assigned' ? `${fresh.strategy}: ${fresh.reason}` : '',
      started_at: req.at, answered_at: null,
    };
    // The scene's mapping reads these (README: PHONE_CALL mapping {phone, call_id, ...}).
    const body = { phone: e164, call_id: req.callId, to: decision.called, caller_name: decision.caller.displayName, caller_withheld: decision.caller.withheld, source: 'sip' };
    const key = sipKeys.call(req.callId);
    const m = this.d.redis.multi()
      .hset(key, { ...flat(state), answer: JSON.stringify(answer) })
      .expire(key, s.callTtlS)
      .expire(sipKeys.claim(req.callId), s.callTtlS)
      .xadd(leadKeys.ingest(), 'MAXLEN', '~', String(s.ingestMaxLen), '*',
        't', t, 'lead', leadId, 'scene', scene.scene_config_id, 'src', 'SIP_INBOUND', 'ext', req.callId.slice(0, 256), 'body', sealIngestBody(this.d.pii, JSON.stringify(body)), 'at', String(req.at),
        ...(handed ? ['assign', JSON.stringify(handed)] : []));
    const closed = closedAtAnswer(route, answer, req.at, req.at);
    if (closed) m.hset(key, 'closed', String(req.at)).xadd(this.entityStream, '*', ...entityFeedFields('sipInboundCall', callRow(req.callId, state, closed), Date.now(), this.d.writer));
    const done = await m.exec();
    const failed = done?.find(([err]) => err);
    if (!done || failed) {
      // Nothing was promised yet: release the claim so the caller's retry is handled afresh.
      await this.d.redis.del(sipKeys.claim(req.callId)).catch(() => undefined);
      throw new SipStoreError('invite', req.callId, failed?.[0]?.message ?? 'transaction aborted');
    }
    this.d.log.info({ tenantId: t, leadId, callId: req.callId, route: route.action, user: state.routed_to_user_id || undefined, caller: state.caller_masked }, 'inbound call routed');
    return { answer, tenantId: t, leadId, reason: route.action };
  }

  /** The proxied call was answered (200 OK passed through): the talk time starts now. */
  async answered(callId: string, at: number): Promise<boolean> {
    const key = sipKeys.call(callId);
    if (!(await this.d.redis.exists(key))) return false;
    return (await this.d.redis.hsetnx(key, 'answered_at', String(at))) === 1;
  }

  /** BYE or CANCEL: closes the call once, writes its row and a processing-log entry on the lead. */
  async bye(callId: string, at: number): Promise<ByeDecision> {
    const raw = await this.d.redis.hgetall(sipKeys.call(callId));
    const state = raw.tenant_id ? stateOf(raw) : null;
    const open: OpenCall | null = state && !raw.closed ? { call_id: callId, lead_id: state.lead_id, started_at: state.started_at, answered_at: state.answered_at } : null;
    const d = decideBye(callId, open, at);
    if (d.action !== 'close' || !state) return d;
    const row = callRow(callId, state, d);
    const won = await this.d.redis.eval(CLOSE_LUA, 2, sipKeys.call(callId), this.entityStream, String(at), ...entityFeedFields('sipInboundCall', row, Date.now(), this.d.writer));
    if (won !== 1) return { action: 'ignore', reason: 'unknown_call' };
    this.track(this.logOnLead(state.tenant_id, state.lead_id, { stage: 'call', outcome: 'ok', at, detail: byeDetail(d, state) }));
    return d;
  }

  /** Resolves when background lead-log appends have finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** The lead may still be in the pipeline: retried until it exists (or given up with a warning). */
  private async logOnLead(t: string, leadId: string, entry: LeadLogEntry): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        const lead = await this.d.leads.get(t, leadId);
        if (lead) {
          const next = { ...lead, log: [...lead.log, entry], updated_at: Date.now(), version: lead.version + 1 };
          if (await this.d.leads.update(next, lead.version, [entry])) return;
          continue; // another writer won the version: read again
        }
      } catch (err) {
        this.d.log.warn({ tenantId: t, leadId, err: (err as Error).message }, 'call log append failed; retrying');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    this.d.log.warn({ tenantId: t, leadId }, 'lead of a closed SIP call never appeared; call row written, log entry dropped');
  }

  private async existingOwner(t: string, e164: string): Promise<{ user_id: string; lead_id: string } | null> {
    const ids = await this.d.redis.smembers(leadKeys.index(t, hashPii(this.d.pii, `mobile:${e164}`)));
    if (ids.length === 0) return null;
    const leads = (await Promise.all(ids.map((id) => this.d.leads.get(t, id)))).filter((l) => l !== null);
    const owner = existingOwnerOf(leads);
    if (!owner) return null;
    // An owner who left (disabled account) no longer gets the customer's calls.
    const [u] = await this.d.users(t, [owner.user_id]);
    return u && u.status !== 'disabled' ? owner : null;
  }

  private async repeated(callId: string, t: string): Promise<InviteOutcome> {
    const end = Date.now() + RETRANSMIT_WAIT_MS;
    for (;;) {
      const [answer, leadId] = await this.d.redis.hmget(sipKeys.call(callId), 'answer', 'lead_id');
      if (answer) return { answer: JSON.parse(answer) as SipAnswer, tenantId: t, leadId: leadId ?? null, reason: 'retransmission' };
      if (Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // RFC 3261 §14.2: an INVITE overlapping one still being answered gets 500 with Retry-After.
    return { answer: reply(500, 'Server Internal Error', { 'Retry-After': '1' }), tenantId: t, leadId: null, reason: 'retransmission' };
  }
}

export class SipStoreError extends Error {
  constructor(readonly step: string, readonly callId: string, detail: string) {
    super(`SIP ${step} for call ${callId} not stored: ${detail}`);
    this.name = 'SipStoreError';
  }
}

function reply(status: number, reason: string, headers: Record<string, string> = {}): SipAnswer {
  return { kind: 'reply', status, reason, headers };
}

function flat(s: CallState): Record<string, string> {
  const o: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) if (v !== null) o[k] = String(v);
  return o;
}

function stateOf(h: Record<string, string>): CallState {
  return {
    tenant_id: h.tenant_id ?? '', lead_id: h.lead_id ?? '', scene_config_id: h.scene_config_id ?? '', called: h.called ?? '',
    caller_hash: h.caller_hash ?? '', caller_masked: h.caller_masked ?? '', source_ip: h.source_ip ?? '', user_agent: h.user_agent ?? '',
    route_action: h.route_action ?? '', route_uri: h.route_uri ?? '', routed_to_user_id: h.routed_to_user_id ?? '', route_reason: h.route_reason ?? '',
    started_at: Number(h.started_at), answered_at: h.answered_at ? Number(h.answered_at) : null,
  };
}
