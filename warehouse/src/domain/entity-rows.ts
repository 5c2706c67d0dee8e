// Rows that reach the warehouse through the entity feed (common/feed.ts kind 'r'): their
// types, the tables allowed, and the pure check the writer applies before inserting one.
// Producers (the API, admin CLIs) build rows with these types; the writer never trusts them.
import type { FeedEntry } from '../../../common/feed.js';
import { WH_ERR } from '../errors.js';
import { dead, type MapOutcome } from './outcome.js';
import { isStorableTimeMs } from './time.js';

/** 'YYYY-MM-DD hh:mm:ss.sss' in UTC, the DateTime64(3) text form. */
export type DateTime64Text = string;

export interface AuditLogRow {
  tenant_id: string;
  audit_id: string;
  at: DateTime64Text;
  actor_user_id: string;
  actor_key_id: string;
  action: string;
  resource_type: string;
  resource_id: string;
  outcome: 'OK' | 'DENIED' | 'FAILED';
  status_code: number;
  request_id: string;
  ip: string;
  user_agent: string;
  detail: string;
}

export interface DimTenantRow {
  tenant_id: string;
  name: string;
  status: string;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  version: number;
}

export interface DimUserRow {
  tenant_id: string;
  user_id: string;
  name: string;
  email_hash: string;
  email_masked: string;
  email_enc: string;
  role: string;
  status: string;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  version: number;
}

export interface DimApiKeyRow {
  tenant_id: string;
  key_id: string;
  user_id: string;
  name: string;
  scopes: string[];
  secret_hash: string;
  created_by: string;
  created_at: DateTime64Text;
  revoked_at: DateTime64Text | null;
  updated_at: DateTime64Text;
  version: number;
}

/** One version of a registered device (api/src/devices/device-registry.ts, migration 013). */
export interface DimDeviceRow {
  tenant_id: string;
  device_id: string;
  name: string;
  /** ENABLED | DISABLED */
  status: string;
  /** JSON object of string labels. */
  labels: string;
  credential_version: number;
  /** Mosquitto `$7$` hash of the current broker password; '' when revoked. Never the password. */
  password_hash: string;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  version: number;
}

// Call tasks (issue 4, migrations 008/009): task versions, task numbers, the do-not-call list.
export interface DimCallTaskRow {
  tenant_id: string;
  task_id: string;
  name: string;
  description: string;
  status: string;
  call_script: string;
  scheduled_time: DateTime64Text | null;
  caller_id: string;
  device_ids: string[];
  tags: string[];
  source: string;
  /** RedialPolicy as JSON. */
  redial: string;
  /** Pacing as JSON. */
  pacing: string;
  phone_count: number;
  created_by: string;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  started_at: DateTime64Text | null;
  completed_at: DateTime64Text | null;
  version: number;
}

export interface DimCallTaskPhoneRow {
  tenant_id: string;
  task_id: string;
  idx: number;
  phone_hash: string;
  phone_enc: string;
  phone_masked: string;
  region: string;
  created_at: DateTime64Text;
}

/**
 * Numbers of a task travel as chunks (one feed entry per up to a few thousand numbers, not one
 * per number: a 100k list is 50 entries); the warehouse expands each chunk into
 * dim_call_task_phone rows (migration 009's materialized view). Arrays are parallel.
 */
export interface CallTaskPhoneChunkRow {
  tenant_id: string;
  task_id: string;
  /** Index of the chunk's first number in the task's list. */
  idx_from: number;
  phone_hash: string[];
  phone_enc: string[];
  phone_masked: string[];
  region: string[];
  created_at: DateTime64Text;
}

export interface DncEntryRow {
  tenant_id: string;
  phone_hash: string;
  phone_masked: string;
  listed: 0 | 1;
  changed_by: string;
  changed_at: DateTime64Text;
  version: number;
}

/** A stored call recording (migration 010); written by the API after the file is stored. */
export interface CallRecordingRow {
  tenant_id: string;
  call_id: string;
  recording_id: string;
  device_id: string;
  storage_key: string;
  bytes: number;
  sha256: string;
  content_type: string;
  duration_ms: number;
  has_transcript: 0 | 1;
  stored_at: DateTime64Text;
  version: number;
}

/** One status change of a call's analysis (api/src/analysis, migration 011). */
export interface CallAnalysisRow {
  tenant_id: string;
  call_id: string;
  recording_id: string;
  /** PENDING | PROCESSING | COMPLETED | FAILED */
  status: string;
  /** POSITIVE | NEUTRAL | NEGATIVE, '' until COMPLETED. */
  sentiment: string;
  /** 高意向 | 中意向 | 低意向, '' until COMPLETED. */
  intention: string;
  /** HIGH | MEDIUM | LOW, '' until COMPLETED. */
  intention_level: string;
  intention_score: number;
  keywords: string[];
  summary: string;
  transcription: string;
  /** Analyser name: offline | http. */
  provider: string;
  /** Why it FAILED (NO_TRANSCRIPT, TIMEOUT: …), '' otherwise. */
  error: string;
  analysed_at: DateTime64Text;
  version: number;
}

// Leads (issue 5, migrations 014-016): scene config versions, lead versions, OneID links, processing log.
export interface DimSceneConfigRow {
  tenant_id: string;
  scene_config_id: string;
  scene_name: string;
  scene_type: string;
  is_enabled: 0 | 1;
  source_channel_default_id: string;
  /** The JSON-valued spec fields, as JSON text ('null' when unset). */
  scene_specific_params: string;
  data_mapping_rules: string;
  auto_tagging_rules: string;
  assignment_rules: string;
  auto_response_config: string;
  deduplication_strategy: string;
  deleted: 0 | 1;
  changed_by: string;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  version: number;
}

export interface DwdLeadRow {
  tenant_id: string;
  lead_id: string;
  identity_id: string;
  scene_config_id: string;
  scene_type: string;
  source_channel_id: string;
  external_lead_id: string;
  status: string;
  phone_hash: string;
  phone_enc: string;
  phone_masked: string;
  email_hash: string;
  email_masked: string;
  /** Standard fields other than phone/email, as JSON. */
  lead_data: string;
  tags: string[];
  assigned_to_user_id: string;
  assignment_time: DateTime64Text | null;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  version: number;
}

export interface LeadIdentityLinkRow {
  tenant_id: string;
  identity_id: string;
  from_record: string;
  to_record: string;
  identifier: string;
  value_hash: string;
  weight: number;
  source: string;
  linked_at: DateTime64Text;
}

export interface LeadProcessingLogRow {
  tenant_id: string;
  lead_id: string;
  seq: number;
  stage: string;
  outcome: string;
  detail: string;
  at: DateTime64Text;
}

// Lead channels, tag definitions, assignee profiles (issue 5 H4, migration 020).
export interface DimChannelRow {
  tenant_id: string;
  channel_id: string;
  name: string;
  channel_type: string;
  is_active: 0 | 1;
  deleted: 0 | 1;
  changed_by: string;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  version: number;
}

export interface DimLeadTagDefinitionRow {
  tenant_id: string;
  tag_id: string;
  name: string;
  tag_group: string;
  deleted: 0 | 1;
  changed_by: string;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  version: number;
}

export interface DimLeadAssigneeRow {
  tenant_id: string;
  user_id: string;
  status: string;
  time_zone: string;
  /** WorkingWindow[] as JSON. */
  working_hours: string;
  weight: number;
  /** -1: no capacity limit. */
  max_load: number;
  regions: string[];
  skills: string[];
  team_id: string;
  changed_by: string;
  updated_at: DateTime64Text;
  version: number;
}

// OneID operator actions (issue 5 item 4, migration 019): one row per merge, unmerge or rejected suggestion.
export interface LeadIdentityActionRow {
  tenant_id: string;
  action_id: string;
  /** merge | unmerge | reject */
  action: string;
  /** Identities of the affected records after the action. */
  identity_ids: string[];
  side_a: string[];
  side_b: string[];
  reason: string;
  by_user: string;
  review_id: string;
  at: DateTime64Text;
}

// Inbound SIP calls (issue 5 item 8, H6, migration 022): one row per closed call.
export interface SipInboundCallRow {
  tenant_id: string;
  call_id: string;
  lead_id: string;
  scene_config_id: string;
  /** The monitored number dialled (ours, E.164). */
  called: string;
  caller_hash: string;
  caller_masked: string;
  source_ip: string;
  user_agent: string;
  /** redirect | proxy | queue | reject */
  route_action: string;
  route_uri: string;
  routed_to_user_id: string;
  route_reason: string;
  /** ANSWERED | NO_ANSWER | REDIRECTED | REJECTED */
  disposition: string;
  started_at: DateTime64Text;
  answered_at: DateTime64Text | null;
  ended_at: DateTime64Text;
  ring_ms: number;
  talk_ms: number;
}

// Lead spreadsheet imports (issue 5 item 1, H2, migration 018): one full snapshot per status change.
export interface DimLeadImportRow {
  tenant_id: string;
  import_id: string;
  scene_config_id: string;
  scene_type: string;
  file_name: string;
  file_type: string;
  file_bytes: number;
  file_sha256: string;
  created_by: string;
  status: string;
  reason: string;
  message: string;
  total_rows: number | null;
  processed: number;
  accepted: number;
  rejected: number;
  created_at: DateTime64Text;
  started_at: DateTime64Text | null;
  finished_at: DateTime64Text | null;
  /** 1 QUEUED, 2 RUNNING, 3 COMPLETED or FAILED. */
  version: number;
}

export interface EntityRows {
  auditLog: AuditLogRow;
  dimTenant: DimTenantRow;
  dimUser: DimUserRow;
  dimApiKey: DimApiKeyRow;
  dimCallTask: DimCallTaskRow;
  callTaskPhoneChunk: CallTaskPhoneChunkRow;
  dncEntry: DncEntryRow;
  dimDevice: DimDeviceRow;
  callRecording: CallRecordingRow;
  dwdCallAnalysis: CallAnalysisRow;
  dimSceneConfig: DimSceneConfigRow;
  dwdLead: DwdLeadRow;
  leadIdentityLink: LeadIdentityLinkRow;
  leadProcessingLog: LeadProcessingLogRow;
  dimLeadImport: DimLeadImportRow;
  dimChannel: DimChannelRow;
  dimLeadTagDefinition: DimLeadTagDefinitionRow;
  dimLeadAssignee: DimLeadAssigneeRow;
  leadIdentityAction: LeadIdentityActionRow;
  sipInboundCall: SipInboundCallRow;
}

export const ENTITY_TABLES = ['auditLog', 'dimTenant', 'dimUser', 'dimApiKey', 'dimCallTask', 'callTaskPhoneChunk', 'dncEntry', 'dimDevice', 'callRecording', 'dwdCallAnalysis', 'dimSceneConfig', 'dwdLead', 'leadIdentityLink', 'leadProcessingLog', 'dimChannel', 'dimLeadTagDefinition', 'dimLeadAssignee', 'leadIdentityAction', 'sipInboundCall', 'dimLeadImport'] as const satisfies readonly (keyof EntityRows)[];
export type EntityTable = (typeof ENTITY_TABLES)[number];

/** Every entity row names its tenant; the writer refuses one that does not. */
export function mapEntityRow(entry: FeedEntry): MapOutcome {
  const table = entry.table ?? '';
  if (!(ENTITY_TABLES as readonly string[]).includes(table)) return dead(WH_ERR.INVALID, `unknown entity table ${JSON.stringify(table.slice(0, 40))}`);
  if (!isStorableTimeMs(entry.receivedAtMs)) return dead(WH_ERR.MALFORMED_ENTRY, 't is out of range');
  let row: unknown;
  try {
    row = JSON.parse(entry.bytes.toString('utf8'));
  } catch {
    return dead(WH_ERR.DECODE, 'entity row is not JSON');
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return dead(WH_ERR.INVALID, 'entity row is not a JSON object');
  const tenantId = (row as { tenant_id?: unknown }).tenant_id;
  if (typeof tenantId !== 'string' || tenantId === '') return dead(WH_ERR.INVALID, 'entity row lacks tenant_id');
  return { type: 'row', table: table as EntityTable, row };
}

/** The XADD field list of one entity row (after the stream name and id). */
export function entityFeedFields<T extends EntityTable>(table: T, row: EntityRows[T], nowMs: number, writer: string): string[] {
  return ['k', 'r', 'n', table, 'b', JSON.stringify(row), 't', String(nowMs), 'g', writer];
}
