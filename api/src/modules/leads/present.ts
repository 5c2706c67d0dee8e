// Leads as the API shows them (spec 000 §四.1 field names, ISO times). Contact details are masked
// unless the caller may see PII; then they are decrypted for this response only.
import { decryptPii, type PiiKeys } from '../../../../common/pii.js';
import type { StoredLead } from '../../leads/pipeline/lead-store.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function presentLead(l: StoredLead, reveal: PiiKeys | null, withLog: boolean): Record<string, unknown> {
  const phone = l.phone_enc ? (reveal ? decryptPii(reveal, l.phone_enc) : l.phone_masked) : null;
  const email = l.email_enc ? (reveal ? decryptPii(reveal, l.email_enc) : l.email_masked) : null;
  return {
    lead_id: l.lead_id, identity_id: l.identity_id, source_channel_id: l.source_channel_id, acquisition_scene_id: l.scene_config_id || null,
    scene_type: l.scene_type, source: l.source, external_lead_id: l.external_lead_id, status: l.status,
    lead_data: { ...l.lead_data, ...(phone !== null ? { phone } : {}), ...(email !== null ? { email } : {}) },
    assigned_to_user_id: l.assigned_to_user_id, assignment_time: iso(l.assignment_time), tags: l.tags,
    notes: l.notes ?? null, related_customer_id: l.related_customer_id ?? null,
    created_at: iso(l.created_at), updated_at: iso(l.updated_at), version: l.version,
    ...(withLog ? { identity: l.identity, processing_log: l.log.map((e) => ({ ...e, at: iso(e.at) })) } : {}),
  };
}

export interface LeadFilter {
  status?: string;
  scene_config_id?: string;
  channel_id?: string;
  assigned_to_user_id?: string;
  start_date?: string;
  end_date?: string;
  tags_contain_any?: string;
}

/** In-memory filter for the Redis-backed first slice; the same predicates become SQL once leads are listed from dwd_lead. */
export function matchesLead(l: StoredLead, f: LeadFilter): boolean {
  if (f.status && l.status !== f.status) return false;
  if (f.scene_config_id && l.scene_config_id !== f.scene_config_id) return false;
  if (f.channel_id && l.source_channel_id !== f.channel_id) return false;
  if (f.assigned_to_user_id && l.assigned_to_user_id !== f.assigned_to_user_id) return false;
  if (f.start_date && l.created_at < Date.parse(f.start_date)) return false;
  if (f.end_date && l.created_at > Date.parse(f.end_date)) return false;
  if (f.tags_contain_any) {
    const want = f.tags_contain_any.split(',').map((s) => s.trim()).filter(Boolean);
    if (want.length && !want.some((t) => l.tags.includes(t))) return false;
  }
  return true;
}
