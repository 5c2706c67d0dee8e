// OneID data as the API shows it: identifier values never leave in clear (a keyed hash for
// matching against the warehouse's lead_identity_link.value_hash, plus a masked form where one
// exists), times as ISO-8601.
import { maskEmail, maskPhone } from '../../../../common/pii.js';
import type { IdentityReview, WhyNot } from '../../leads/identity/identity-decisions.js';
import type { IdentityLink, MergedProfile, RefusalReason } from '../../leads/domain/oneid.js';
import type { StoredLead } from '../../leads/pipeline/lead-store.js';

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

const maskUnionid = (u: string): string => (u.length <= 4 ? '****' : `${u.slice(0, 4)}****`);

/** Masked form of an identifier value; null where none is safe (name+company is the person's name). */
export function maskIdentifier(kind: string, value: string): string | null {
  switch (kind) {
    // A shared number's key is `mobile|name`: only the number part is shown, masked.
    case 'mobile': return maskPhone(value.split('|')[0]!);
    case 'email': return maskEmail(value);
    case 'unionid': return maskUnionid(value);
    case 'manual': return value;
    default: return null;
  }
}

export function presentLink(l: IdentityLink & { reason?: RefusalReason }, hash: (kind: string, value: string) => string): Record<string, unknown> {
  return {
    from: l.from, to: l.to, kind: l.identifier.kind, weight: l.weight, priority: l.priority, source: l.source, at: iso(l.at),
    value_hash: l.identifier.kind === 'manual' ? null : hash(l.identifier.kind, l.identifier.value), value_masked: maskIdentifier(l.identifier.kind, l.identifier.value),
    ...(l.reason ? { reason: l.reason } : {}),
  };
}

const CONTACT_MASK: Record<string, (v: string) => string> = { mobile: maskPhone, email: maskEmail, wework_unionid: maskUnionid };

/** The FAQ Q3 merged profile with contact fields masked. */
export function presentProfile(p: MergedProfile): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p.profile)) profile[k] = typeof v === 'string' && CONTACT_MASK[k] ? CONTACT_MASK[k]!(v) : v;
  const provenance = Object.fromEntries(Object.entries(p.provenance).map(([k, v]) => [k, { ...v, at: iso(v.at) }]));
  const conflicts = p.reviews.map((r) => ({
    field: r.field, values: r.values.map((x) => ({ ...x, value: typeof x.value === 'string' && CONTACT_MASK[r.field] ? CONTACT_MASK[r.field]!(x.value) : x.value })),
  }));
  return { profile, provenance, field_conflicts: conflicts };
}

export function presentMember(l: StoredLead): Record<string, unknown> {
  return {
    lead_id: l.lead_id, identity_id: l.identity_id, source: l.source, scene_type: l.scene_type, acquisition_scene_id: l.scene_config_id || null,
    name: l.lead_data.name ?? null, company: l.lead_data.company ?? null, phone: l.phone_masked || null, email: l.email_masked || null,
    tags: l.tags, status: l.status, created_at: iso(l.created_at), version: l.version,
  };
}

export function presentReview(r: IdentityReview): Record<string, unknown> {
  return {
    review_id: r.review_id, kind: r.kind, reason: r.reason, lead_ids: [r.record_a, r.record_b], identifier: r.identifier, weight: r.weight,
    value_hash: r.value_hash, raised_by_lead_id: r.lead_id, created_at: iso(r.at), status: r.status,
    decided_by: r.decided_by ?? null, decided_at: iso(r.decided_at),
  };
}

export function presentWhy(w: WhyNot, hash: (kind: string, value: string) => string): Record<string, unknown> {
  return w.same
    ? { same_identity: true, path: w.path.map((l) => presentLink(l, hash)) }
    : { same_identity: false, reason: w.reason, links: w.links.map((l) => presentLink(l, hash)) };
}
