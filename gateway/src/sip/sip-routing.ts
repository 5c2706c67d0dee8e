// Pure decisions of the SIP ingress around api/src/leads/domain/sip-decisions.ts: which scene
// owns a dialled number (across tenants), what a PHONE_CALL scene says about SIP
// (scene_specific_params), the lead id of a call, the existing owner of a caller, the decision
// handed to the pipeline, and the warehouse row of a closed call. No I/O here.
import { createHash } from 'node:crypto';
import type { AssignmentDecision } from '../../../api/src/leads/domain/assignment.js';
import { sipParamsOf } from '../../../api/src/leads/domain/sip-params.js';
import type { AgentLine, ByeDecision, RouteDecision } from '../../../api/src/leads/domain/sip-decisions.js';
import type { SipInboundCallRow } from '../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../warehouse/src/domain/time.js';

export interface SceneLike {
  tenant_id: string;
  scene_config_id: string;
  scene_type: string;
  is_enabled: boolean;
  created_at: number;
  scene_specific_params?: Record<string, unknown> | null;
}

export interface NumberOwner {
  tenant_id: string;
  scene_config_id: string;
}

export interface NumberClash {
  number: string;
  kept: NumberOwner;
  ignored: NumberOwner;
}

/**
 * Dialled number → the enabled PHONE_CALL scene answering it, over every tenant. A number can
 * ring in one place only: when two scenes claim it the oldest keeps it and the clash is reported.
 */
export function numberTable(scenes: readonly SceneLike[], region: string): { table: Map<string, NumberOwner>; clashes: NumberClash[] } {
  const table = new Map<string, NumberOwner>();
  const clashes: NumberClash[] = [];
  const ordered = scenes.filter((s) => s.scene_type === 'PHONE_CALL' && s.is_enabled)
    .sort((a, b) => a.created_at - b.created_at || (a.scene_config_id < b.scene_config_id ? -1 : 1));
  for (const s of ordered) {
    const owner = { tenant_id: s.tenant_id, scene_config_id: s.scene_config_id };
    for (const n of sipParamsOf(s.scene_specific_params, region).params.monitoredNumbers) {
      const kept = table.get(n);
      if (kept) clashes.push({ number: n, kept, ignored: owner });
      else table.set(n, owner);
    }
  }
  return { table, clashes };
}

/**
 * One lead per call: the id derives from the SIP Call-ID, so a retransmitted or re-sent INVITE
 * names the same lead. Time-ordered like newLeadId (OneID keeps the smallest id per identity).
 */
export function sipLeadId(tenantId: string, callId: string, startedAt: number): string {
  return `ld_${startedAt.toString(36).padStart(9, '0')}${createHash('sha256').update(`${tenantId}\nsip\n${callId}`).digest('hex').slice(0, 10)}`;
}

export interface OwnedLead {
  lead_id: string;
  assigned_to_user_id: string | null;
  assignment_time: number | null;
}

/** The caller's owner: whoever was assigned most recently among the leads holding that mobile. */
export function existingOwnerOf(leads: readonly OwnedLead[]): { user_id: string; lead_id: string } | null {
  let best: OwnedLead | null = null;
  for (const l of leads) {
    if (!l.assigned_to_user_id) continue;
    if (!best || (l.assignment_time ?? 0) > (best.assignment_time ?? 0)) best = l;
  }
  return best ? { user_id: best.assigned_to_user_id!, lead_id: best.lead_id } : null;
}

/** Lines from the scene's map; there is no registrar here, so a configured URI counts as registered. */
export function agentLines(uris: ReadonlyMap<string, string>): Map<string, AgentLine> {
  return new Map([...uris].map(([user_id, sip_uri]) => [user_id, { user_id, sip_uri, registered: true }]));
}

/**
 * The decision the pipeline records for the lead (api/src/leads/pipeline/preassigned.ts): the
 * agent the call was actually sent to. An existing owner is a fixed-user decision; a fresh one
 * is the assignment decision itself. Nothing when the call went to no agent.
 */
export function handedOverAssignment(route: RouteDecision, existing: { user_id: string; lead_id: string } | null, fresh: AssignmentDecision | null): AssignmentDecision | null {
  if (route.action !== 'redirect' && route.action !== 'proxy') return null;
  if (existing && existing.user_id === route.user_id) {
    return {
      kind: 'assigned', user_id: route.user_id, team_id: null, strategy: 'user', step: 0, candidates: [route.user_id],
      reason: `existing owner of the caller (lead ${existing.lead_id}); call routed by SIP`, rule_id: 'sip-existing-owner', skipped: [],
      trail: [{ step: 0, strategy: 'user', outcome: `assigned ${route.user_id}` }],
    };
  }
  return fresh?.kind === 'assigned' && fresh.user_id === route.user_id ? fresh : null;
}

/** What the SIP layer must send for an INVITE. */
export type SipAnswer =
  | { kind: 'reply'; status: number; reason: string; headers: Record<string, string> }
  | { kind: 'redirect'; status: 302; contact: string; headers: Record<string, string> }
  | { kind: 'proxy'; uri: string };

/** Route → answer. A queue follows the routing mode (302 to it, or proxied to it). */
export function answerOf(route: RouteDecision, mode: 'redirect' | 'proxy'): SipAnswer {
  switch (route.action) {
    case 'redirect': return { kind: 'redirect', status: 302, contact: route.contact, headers: {} };
    case 'proxy': return { kind: 'proxy', uri: route.uri };
    case 'queue': return mode === 'proxy' ? { kind: 'proxy', uri: route.uri } : { kind: 'redirect', status: 302, contact: route.uri, headers: {} };
    case 'reject': return { kind: 'reply', status: 480, reason: 'Temporarily Unavailable', headers: {} };
  }
}

/**
 * The call state kept in Redis (a hash) between INVITE and BYE: the warehouse row it becomes,
 * less what only the end of the call knows, with times as epoch ms.
 */
export type CallState = Omit<SipInboundCallRow, 'call_id' | 'disposition' | 'started_at' | 'answered_at' | 'ended_at' | 'ring_ms' | 'talk_ms'> & {
  started_at: number;
  answered_at: number | null;
};

export function callRow(call_id: string, s: CallState, end: { ended_at: number; ring_ms: number; talk_ms: number; disposition: string }): SipInboundCallRow {
  return {
    tenant_id: s.tenant_id, call_id, lead_id: s.lead_id, scene_config_id: s.scene_config_id, called: s.called,
    caller_hash: s.caller_hash, caller_masked: s.caller_masked, source_ip: s.source_ip, user_agent: s.user_agent.slice(0, 200),
    route_action: s.route_action, route_uri: s.route_uri, routed_to_user_id: s.routed_to_user_id, route_reason: s.route_reason.slice(0, 500),
    disposition: end.disposition, started_at: toDateTime64(s.started_at), answered_at: s.answered_at === null ? null : toDateTime64(s.answered_at),
    ended_at: toDateTime64(end.ended_at), ring_ms: Math.min(end.ring_ms, 4_294_967_295), talk_ms: Math.min(end.talk_ms, 4_294_967_295),
  };
}

/** A call we do not stay in (302, 480) is closed when answered: nothing more will reach us. */
export function closedAtAnswer(route: RouteDecision, answer: SipAnswer, now: number, startedAt: number): { ended_at: number; ring_ms: number; talk_ms: number; disposition: 'REDIRECTED' | 'REJECTED' } | null {
  if (answer.kind === 'proxy') return null;
  return { ended_at: now, ring_ms: Math.max(0, now - startedAt), talk_ms: 0, disposition: route.action === 'reject' ? 'REJECTED' : 'REDIRECTED' };
}

export function byeDetail(d: Extract<ByeDecision, { action: 'close' }>, s: CallState): string {
  return `SIP call ${d.disposition}: ring ${d.ring_ms} ms, talk ${d.talk_ms} ms, ${s.route_action}${s.routed_to_user_id ? ` to ${s.routed_to_user_id}` : ''}`;
}
