// Validation of a scene configuration body (spec 000 §四.3, §九.3) with the domain validators, so
// a scene that is saved can always be run. Pure: returns every failing field, as 422 lists them.
import type { FieldError } from '../../errors.js';
import { validateAssignmentRules } from '../domain/assignment.js';
import { isDeduplicationStrategy, isSceneType, DEDUPLICATION_STRATEGIES, SCENE_TYPES, type AcquisitionSceneConfiguration } from '../domain/lead.js';
import { validateMappingRules, type DataMappingRules } from '../domain/mapping.js';
import { validateTagRule, type TagRuleDefinition } from '../domain/tag-rules.js';
import { sipParamsOf } from '../domain/sip-params.js';
import type { AssignmentRules } from '../domain/assignment.js';

export type Scene = AcquisitionSceneConfiguration<DataMappingRules, TagRuleDefinition[], AssignmentRules> & {
  tenant_id: string;
  version: number;
};

/** The writable fields; create requires scene_name and scene_type, update takes any subset. */
export interface SceneInput {
  scene_name?: string;
  scene_type?: string;
  is_enabled?: boolean;
  source_channel_default_id?: string | null;
  scene_specific_params?: Record<string, unknown> | null;
  data_mapping_rules?: unknown;
  auto_tagging_rules?: unknown;
  assignment_rules?: unknown;
  auto_response_config?: Record<string, unknown> | null;
  deduplication_strategy?: string | null;
}

const f = (field: string, rule: string, message: string): FieldError => ({ field: `body.${field}`, rule, message });

export function validateSceneInput(b: SceneInput, mode: 'create' | 'update'): FieldError[] {
  const errors: FieldError[] = [];
  if (mode === 'create' && (typeof b.scene_name !== 'string' || b.scene_name.trim() === '')) errors.push(f('scene_name', 'required', 'scene_name is required'));
  if (mode === 'create' && b.scene_type === undefined) errors.push(f('scene_type', 'required', 'scene_type is required'));
  else if (b.scene_type !== undefined && !isSceneType(b.scene_type)) errors.push(f('scene_type', 'enum', `one of ${SCENE_TYPES.join(', ')}`));
  if (b.deduplication_strategy != null && !isDeduplicationStrategy(b.deduplication_strategy)) errors.push(f('deduplication_strategy', 'enum', `one of ${DEDUPLICATION_STRATEGIES.join(', ')}`));
  if (b.data_mapping_rules != null) {
    for (const e of validateMappingRules(b.data_mapping_rules)) {
      errors.push(f(e.field.startsWith('data_mapping_rules') ? e.field : `data_mapping_rules.${e.field}`, e.rule, e.message));
    }
  }
  if (b.auto_tagging_rules != null) {
    if (!Array.isArray(b.auto_tagging_rules)) errors.push(f('auto_tagging_rules', 'type', 'expected an array of tag rules'));
    else {
      const ids = new Set<string>();
      b.auto_tagging_rules.forEach((rule: unknown, i) => {
        for (const e of validateTagRule(rule)) errors.push(f(`auto_tagging_rules[${i}]${e.path ? `.${e.path}` : ''}`, 'rule', e.message));
        const id = (rule as { id?: unknown } | null)?.id;
        if (typeof id === 'string') {
          if (ids.has(id)) errors.push(f(`auto_tagging_rules[${i}].id`, 'unique', `duplicate rule id ${id}`));
          ids.add(id);
        }
      });
    }
  }
  if (b.assignment_rules != null) {
    for (const e of validateAssignmentRules(b.assignment_rules)) errors.push(f(`assignment_rules${e.path ? `.${e.path}` : ''}`, 'rule', e.message));
  }
  // Inbound SIP settings (monitored_numbers, agent_sip_uris…; gateway/src/sip). Numbers are checked as CN-default here.
  if (b.scene_specific_params != null) for (const p of sipParamsOf(b.scene_specific_params, 'CN').problems) errors.push(f(p.field, 'sip', p.message));
  return errors;
}

/** A new version of `prev` (or a first one) with the input applied. */
export function applySceneInput(prev: Scene | null, b: SceneInput, ids: { tenant_id: string; scene_config_id: string }, now: number): Scene {
  const pick = <K extends keyof SceneInput, V>(k: K, fallback: V): V => (b[k] !== undefined ? (b[k] as V) : fallback);
  return {
    tenant_id: ids.tenant_id,
    scene_config_id: ids.scene_config_id,
    scene_name: pick('scene_name', prev?.scene_name ?? '').trim(),
    scene_type: pick('scene_type', prev?.scene_type ?? 'API_IMPORT'),
    is_enabled: pick('is_enabled', prev?.is_enabled ?? true),
    source_channel_default_id: pick('source_channel_default_id', prev?.source_channel_default_id ?? null),
    scene_specific_params: pick('scene_specific_params', prev?.scene_specific_params ?? null),
    data_mapping_rules: pick('data_mapping_rules', prev?.data_mapping_rules ?? null),
    auto_tagging_rules: pick('auto_tagging_rules', prev?.auto_tagging_rules ?? null),
    assignment_rules: pick('assignment_rules', prev?.assignment_rules ?? null),
    auto_response_config: pick('auto_response_config', prev?.auto_response_config ?? null),
    deduplication_strategy: pick('deduplication_strategy', prev?.deduplication_strategy ?? null),
    created_at: prev?.created_at ?? now,
    updated_at: now,
    version: (prev?.version ?? 0) + 1,
  };
}
