// One lead through the pure stages in the order of spec 000 §七.1 (map → identify → tag →
// assign), producing the processing log of §四.6. The worker supplies what it loaded (candidate
// identity records, users, compiled rules) and persists the plan; a stage that fails is logged
// and the later stages still run where they can, so one bad rule never loses a lead.
import type { AssignmentContext, AssignmentDecision, AssignmentRules, Assignee } from './assignment.js';
import { decideAssignment } from './assignment.js';
import type { LeadData, SceneType, DeduplicationStrategy } from './lead.js';
import { applyMapping, type DataMappingRules, type MappingError } from './mapping.js';
import { resolveRecord, type IdentityRecord, type OneIdOptions, type ResolveDecision } from './oneid.js';
import { evaluateTagRules, type CompiledTagRule, type TaggingOutcome } from './tag-rules.js';

export interface ProcessingLogEntry {
  stage: 'mapping' | 'identity' | 'tagging' | 'assignment';
  outcome: 'ok' | 'partial' | 'skipped' | 'failed';
  at: number;
  detail: string;
}

export interface PlanInput {
  lead_id: string;
  payload: unknown;
  scene: { scene_config_id: string; scene_type: SceneType; source_channel_default_id: string | null; deduplication_strategy: DeduplicationStrategy | null; data_mapping_rules: DataMappingRules | null; assignment_rules: AssignmentRules | null };
  /** Origin system for FAQ Q3 source preferences; defaults to the scene type. */
  source?: string;
  existingTags?: string[];
  compiledTags: readonly CompiledTagRule[];
  candidates: readonly IdentityRecord[];
  oneId: OneIdOptions;
  users: readonly Assignee[];
  ctx: AssignmentContext;
  defaultRegion?: string;
  /** Fills fields the mapping left empty (e.g. region from the IP, enrich/ip-region.ts); must be pure. Runs before tags and assignment, which may use them. */
  enrich?: (d: LeadData, payload: unknown) => LeadData;
}

export interface LeadPlan {
  lead_data: LeadData;
  mapping_errors: MappingError[];
  identity: ResolveDecision | null;
  identity_record: IdentityRecord | null;
  tagging: TaggingOutcome;
  assignment: AssignmentDecision | null;
  log: ProcessingLogEntry[];
}

export function identityRecordOf(lead_id: string, d: LeadData, source: string, at: number, strategy: DeduplicationStrategy | null): IdentityRecord {
  return {
    record_id: lead_id, source, at, strategy,
    mobile: d.phone ?? null, email: d.email ?? null, unionid: d.wework_unionid ?? null, name: d.name ?? null, company: d.company ?? null,
    attributes: { ...(d.job_title ? { job_title: d.job_title } : {}), ...(d.region ? { region: d.region } : {}) },
  };
}

export function planLead(i: PlanInput): LeadPlan {
  const now = i.ctx.now;
  const log: ProcessingLogEntry[] = [];
  const mapped = i.scene.data_mapping_rules
    ? applyMapping(i.scene.data_mapping_rules, i.payload, { defaultRegion: i.defaultRegion ?? 'CN' })
    : { lead_data: {}, errors: [], junk: [] };
  log.push({ stage: 'mapping', outcome: mapped.errors.length ? 'partial' : 'ok', at: now, detail: mapped.errors.length ? mapped.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : `${Object.keys(mapped.lead_data).length} fields` });
  const d = i.enrich ? i.enrich(mapped.lead_data, i.payload) : mapped.lead_data;

  const record = identityRecordOf(i.lead_id, d, i.source ?? i.scene.scene_type, now, i.scene.deduplication_strategy);
  let identity: ResolveDecision | null = null;
  try {
    identity = resolveRecord(record, i.candidates, i.oneId);
    log.push({ stage: 'identity', outcome: 'ok', at: now, detail: `${identity.kind} ${identity.identity_id}${identity.matched_by ? ` by ${identity.matched_by.kind} (${identity.matched_by.weight})` : ''}` });
  } catch (e) {
    log.push({ stage: 'identity', outcome: 'failed', at: now, detail: e instanceof Error ? e.message : String(e) });
  }

  const tagging = evaluateTagRules(i.compiledTags, { lead_data: d, source_channel_id: i.scene.source_channel_default_id, scene_type: i.scene.scene_type, scene_config_id: i.scene.scene_config_id, tags: i.existingTags ?? [] });
  log.push({ stage: 'tagging', outcome: tagging.errors.length ? 'partial' : 'ok', at: now, detail: `+[${tagging.added.join(',')}] -[${tagging.removed.join(',')}]${tagging.errors.length ? ` errors: ${tagging.errors.map((e) => e.ruleId).join(',')}` : ''}` });

  let assignment: AssignmentDecision | null = null;
  if (!i.scene.assignment_rules) log.push({ stage: 'assignment', outcome: 'skipped', at: now, detail: 'scene has no assignment rules' });
  else {
    assignment = decideAssignment({ lead_id: i.lead_id, region: d.region ?? null, lead_value: d.lead_value ?? null, tags: tagging.tags }, i.scene.assignment_rules, i.users, i.ctx);
    const a = assignment;
    log.push({ stage: 'assignment', outcome: a.kind === 'unassigned' ? 'failed' : 'ok', at: now, detail: a.kind === 'assigned' ? `${a.user_id} by ${a.strategy}` : a.kind === 'needs_ticket' ? `round robin ${a.counter_key}` : a.kind === 'queued' ? `queued ${a.queue}` : a.reason });
  }
  return { lead_data: d, mapping_errors: mapped.errors, identity, identity_record: record, tagging, assignment, log };
}
