// Pure decisions around the operator's OneID actions (issue 5 item 4): which stored manual links
// and separations matter for a set of records, what goes into the review queue, why two records
// are or are not one person, and the lead data a tag rule sees once leads share an identity.
// No I/O here; identity-store.ts and identity-service.ts persist what these return.
import { createHash } from 'node:crypto';
import type { LeadData } from '../domain/lead.js';
import type { IdentityGraph, IdentityLink, ManualLink, MergedProfile, OneIdOptions, RefusalReason, ResolveDecision, Separation } from '../domain/oneid.js';

/** A manual link or separation as stored per tenant: the domain value plus its id and the operator's reason. */
export type StoredAction =
  | ({ type: 'link'; id: string; reason: string } & ManualLink)
  | ({ type: 'separation'; id: string; reason: string } & Separation);

export function actionRecordIds(a: StoredAction): string[] {
  return a.type === 'link' ? [a.a, a.b] : [...a.side_a, ...a.side_b];
}

/** The OneID options of the stored actions that mention any of `ids` (others cannot change their graph). */
export function optionsTouching(actions: readonly StoredAction[], ids: ReadonlySet<string>): Required<Pick<OneIdOptions, 'manualLinks' | 'separations'>> {
  const manualLinks: ManualLink[] = [];
  const separations: Separation[] = [];
  for (const a of actions) {
    if (!actionRecordIds(a).some((id) => ids.has(id))) continue;
    if (a.type === 'link') manualLinks.push(a);
    else separations.push(a);
  }
  return { manualLinks, separations };
}

/**
 * What an operation changed, by reference: mergeIdentities/unmergeIdentity copy the arrays but
 * keep the surviving objects, so anything not found in `after` was removed.
 */
export function diffOptions(before: OneIdOptions, after: OneIdOptions): { added: (ManualLink | Separation)[]; removed: (ManualLink | Separation)[] } {
  const b = [...(before.manualLinks ?? []), ...(before.separations ?? [])];
  const a = [...(after.manualLinks ?? []), ...(after.separations ?? [])];
  return { added: a.filter((x) => !b.includes(x)), removed: b.filter((x) => !a.includes(x)) };
}

export function separatedPair(seps: readonly Separation[], a: string, b: string): boolean {
  return seps.some((s) => (s.side_a.includes(a) && s.side_b.includes(b)) || (s.side_a.includes(b) && s.side_b.includes(a)));
}

export type ReviewKind = 'suggestion' | 'conflict';
export type ReviewStatus = 'pending' | 'merged' | 'rejected';

/** One item of the OneID review queue; never an identifier value in clear (value_hash only). */
export interface IdentityReview {
  review_id: string;
  kind: ReviewKind;
  reason: 'below_auto_merge_threshold' | RefusalReason;
  record_a: string;
  record_b: string;
  identifier: string;
  weight: number;
  value_hash: string;
  /** The lead whose arrival raised it. */
  lead_id: string;
  at: number;
  status: ReviewStatus;
  decided_by?: string;
  decided_at?: number;
}

/** Same pair + kind + identifier → same id, so a redelivered lead or a third record with the same name+company does not queue it twice. */
export function reviewId(kind: ReviewKind, a: string, b: string, identifier: string): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  return `irv_${createHash('sha256').update(`${kind}\n${x}\n${y}\n${identifier}`).digest('hex').slice(0, 24)}`;
}

/**
 * The review items of one resolved lead: suggestions (links below the auto-merge threshold) that
 * no separation already rejected, and unique-identifier conflicts. Refusals because of a
 * separation are the operator's own decision and are not queued again.
 */
export function reviewsOf(leadId: string, d: ResolveDecision, seps: readonly Separation[], hashValue: (kind: string, value: string) => string, now: number): IdentityReview[] {
  const out: IdentityReview[] = [];
  const item = (kind: ReviewKind, reason: IdentityReview['reason'], l: IdentityLink): IdentityReview => ({
    review_id: reviewId(kind, l.from, l.to, l.identifier.kind), kind, reason, record_a: l.from < l.to ? l.from : l.to, record_b: l.from < l.to ? l.to : l.from,
    identifier: l.identifier.kind, weight: l.weight, value_hash: hashValue(l.identifier.kind, l.identifier.value), lead_id: leadId, at: now, status: 'pending',
  });
  for (const s of d.suggestions) if (!separatedPair(seps, s.from, s.to)) out.push(item('suggestion', 'below_auto_merge_threshold', s));
  for (const c of d.conflicts) if (c.reason === 'unique_identifier_conflict') out.push(item('conflict', c.reason, c));
  return out;
}

export type WhyNot =
  | { same: true; path: IdentityLink[] }
  | { same: false; reason: RefusalReason | 'below_auto_merge_threshold' | 'no_shared_identifier'; links: (IdentityLink & { reason?: RefusalReason })[] };

/** Why records a and b are one identity (the link path) or why not, from a graph holding both identities. */
export function explainPair(graph: IdentityGraph, path: IdentityLink[] | null, a: string, b: string): WhyNot {
  if (path) return { same: true, path };
  const ca = graph.clusterOf.get(a);
  const cb = graph.clusterOf.get(b);
  const between = (l: IdentityLink) => {
    const x = graph.clusterOf.get(l.from);
    const y = graph.clusterOf.get(l.to);
    return (x === ca && y === cb) || (x === cb && y === ca);
  };
  const refused = graph.refused.filter(between);
  const sep = refused.filter((r) => r.reason === 'separated');
  if (sep.length) return { same: false, reason: 'separated', links: sep };
  if (refused.length) return { same: false, reason: refused[0]!.reason, links: refused };
  const weak = graph.suggestions.filter(between);
  if (weak.length) return { same: false, reason: 'below_auto_merge_threshold', links: weak };
  return { same: false, reason: 'no_shared_identifier', links: [] };
}

const PROFILE_FILLS = ['name', 'company', 'job_title', 'region', 'wework_unionid'] as const;

/**
 * What tag rules see for a lead that belongs to an identity: its own data, with the fields it
 * lacks taken from the identity's merged profile (FAQ Q3 rules). So a call lead of a person
 * whose web form named a company is tagged like a B2B lead while they are one identity, and
 * loses that tag when an unmerge separates them. Contact fields are never filled from others.
 */
export function tagLeadData(own: LeadData, profile: MergedProfile['profile'] | null): LeadData {
  if (!profile) return own;
  const out: LeadData = { ...own };
  for (const f of PROFILE_FILLS) {
    const v = profile[f];
    if ((out[f] === undefined || out[f] === '') && typeof v === 'string' && v !== '') out[f] = v;
  }
  return out;
}
