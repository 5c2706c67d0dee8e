// The standard lead and its neighbours, named exactly as spec 000 §四 "核心数据实体/模型" names
// them (snake_case fields, upper-case enums), so API payloads, warehouse rows and scene configs
// share one vocabulary. Pure: no I/O.

/** Spec 000 §四.1 Lead.status. */
export const LEAD_STATUSES = ['NEW', 'QUALIFIED', 'DISQUALIFIED', 'ASSIGNED', 'PROCESSING', 'CONVERTED', 'CLOSED'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Spec 000 §四.3 AcquisitionSceneConfiguration.scene_type. */
export const SCENE_TYPES = ['PHONE_CALL', 'WEB_FORM', 'ORDER_SYNC', 'SOCIAL_MEDIA_LEAD', 'API_IMPORT', 'QR_CODE_SCAN'] as const;
export type SceneType = (typeof SCENE_TYPES)[number];

/**
 * Spec 000 §四.3 deduplication_strategy. The spec lists these as examples ("e.g."); ONEID is our
 * extension meaning "every identifier of spec 003 §5.1", and is what an unset strategy means.
 */
export const DEDUPLICATION_STRATEGIES = ['NO_CHECK', 'BY_PHONE', 'BY_EMAIL', 'BY_PHONE_OR_EMAIL', 'ONEID'] as const;
export type DeduplicationStrategy = (typeof DEDUPLICATION_STRATEGIES)[number];

/** Spec 000 §四.4 ChannelDefinition.channel_type (examples in the spec). */
export const CHANNEL_TYPES = ['PAID_SEARCH', 'ORGANIC_SOCIAL', 'REFERRAL', 'OFFLINE_EVENT'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/**
 * Standard fields of Lead.lead_data. The spec (§四.1) names contact details, name, company,
 * need description and source URL; the rest are the fields OneID (spec 003 §5.1: wework_unionid),
 * FAQ Q3 (job title) and assignment (region, value) need. Scene-specific extras live in `custom`.
 */
export interface LeadData {
  name?: string;
  phone?: string;
  email?: string;
  company?: string;
  job_title?: string;
  wework_unionid?: string;
  message?: string;
  source_url?: string;
  region?: string;
  lead_value?: number;
  ip_address?: string;
  custom?: Record<string, unknown>;
}

export const STANDARD_LEAD_FIELDS = [
  'name', 'phone', 'email', 'company', 'job_title', 'wework_unionid', 'message', 'source_url', 'region',
  'lead_value', 'ip_address',
] as const;
export type StandardLeadField = (typeof STANDARD_LEAD_FIELDS)[number];

/** Spec 000 §四.1 Lead. Times are epoch milliseconds in the domain; the API renders ISO-8601. */
export interface Lead {
  lead_id: string;
  source_channel_id: string | null;
  acquisition_scene_id: string | null;
  external_lead_id: string | null;
  status: LeadStatus;
  lead_data: LeadData;
  raw_data: unknown;
  assigned_to_user_id: string | null;
  assigned_to_team_id: string | null;
  assignment_time: number | null;
  tags: string[];
  notes: string | null;
  created_at: number;
  updated_at: number;
  related_customer_id: string | null;
}

/** Spec 000 §四.3, with rule fields typed by the modules that interpret them. */
export interface AcquisitionSceneConfiguration<Mapping = unknown, Tagging = unknown, Assignment = unknown> {
  scene_config_id: string;
  scene_name: string;
  scene_type: SceneType;
  is_enabled: boolean;
  source_channel_default_id: string | null;
  scene_specific_params: Record<string, unknown> | null;
  data_mapping_rules: Mapping | null;
  auto_tagging_rules: Tagging | null;
  assignment_rules: Assignment | null;
  auto_response_config: Record<string, unknown> | null;
  deduplication_strategy: DeduplicationStrategy | null;
  created_at: number;
  updated_at: number;
}

/** Spec 000 §四.4. */
export interface ChannelDefinition {
  channel_id: string;
  name: string;
  channel_type: ChannelType | null;
  is_active: boolean;
}

/**
 * Allowed status moves. The spec lists the states but not the moves (§四.1); this table follows
 * its flows (§七.1: identify → tag → assign; §七.3: a call creates a lead "in progress" that is
 * later qualified) and the usual CRM rules: CONVERTED and CLOSED are outcomes, only CLOSED is
 * final, a disqualified lead may be re-qualified, and an assigned or in-progress lead may be
 * re-assigned (ASSIGNED → ASSIGNED is a reassignment, logged, not a no-op).
 */
export const LEAD_STATUS_TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  NEW: ['QUALIFIED', 'DISQUALIFIED', 'ASSIGNED', 'PROCESSING', 'CLOSED'],
  QUALIFIED: ['ASSIGNED', 'PROCESSING', 'DISQUALIFIED', 'CLOSED'],
  DISQUALIFIED: ['QUALIFIED', 'CLOSED'],
  ASSIGNED: ['ASSIGNED', 'PROCESSING', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED', 'CLOSED'],
  PROCESSING: ['ASSIGNED', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED', 'CLOSED'],
  CONVERTED: ['CLOSED'],
  CLOSED: [],
};

export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: 'UNKNOWN_STATUS' | 'TRANSITION_NOT_ALLOWED'; from: string; to: string; allowed: readonly LeadStatus[] };

export function isLeadStatus(v: unknown): v is LeadStatus {
  return typeof v === 'string' && (LEAD_STATUSES as readonly string[]).includes(v);
}

/** A same-status update is allowed (idempotent PUT) except where the table lists it as a real move. */
export function checkStatusTransition(from: string, to: string): TransitionCheck {
  if (!isLeadStatus(from) || !isLeadStatus(to)) return { ok: false, code: 'UNKNOWN_STATUS', from, to, allowed: isLeadStatus(from) ? LEAD_STATUS_TRANSITIONS[from] : [] };
  const allowed = LEAD_STATUS_TRANSITIONS[from];
  if (from === to || allowed.includes(to)) return { ok: true };
  return { ok: false, code: 'TRANSITION_NOT_ALLOWED', from, to, allowed };
}

export function isSceneType(v: unknown): v is SceneType {
  return typeof v === 'string' && (SCENE_TYPES as readonly string[]).includes(v);
}

export function isDeduplicationStrategy(v: unknown): v is DeduplicationStrategy {
  return typeof v === 'string' && (DEDUPLICATION_STRATEGIES as readonly string[]).includes(v);
}
