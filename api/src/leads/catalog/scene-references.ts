// Scene configurations name users, tags and channels (spec 000 §九.3: "分配用户是否存在、标签是否
// 有效"). collectSceneReferences finds every reference with its JSON path; referenceErrors turns
// the ones that do not exist into 422 field errors. Pure: the route loads what exists.
import type { FieldError } from '../../errors.js';
import type { SceneInput } from '../scenes/scene-validate.js';

export interface Reference {
  /** `body.`-prefixed path, as 422 field lists name fields. */
  path: string;
  value: string;
}

export interface SceneReferences {
  users: Reference[];
  tags: Reference[];
  channels: Reference[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** References in the fields the body sets (an update checks what it changes, not what was saved before). */
export function collectSceneReferences(b: SceneInput): SceneReferences {
  const out: SceneReferences = { users: [], tags: [], channels: [] };
  const strs = (list: unknown, path: string, into: Reference[]) => {
    if (Array.isArray(list)) list.forEach((v, i) => { if (typeof v === 'string') into.push({ path: `${path}[${i}]`, value: v }); });
  };
  if (typeof b.source_channel_default_id === 'string' && b.source_channel_default_id !== '') {
    out.channels.push({ path: 'body.source_channel_default_id', value: b.source_channel_default_id });
  }
  const a = b.assignment_rules;
  if (isObj(a)) {
    strs(a.pool, 'body.assignment_rules.pool', out.users);
    if (Array.isArray(a.chain)) a.chain.forEach((s: unknown, i) => {
      if (!isObj(s)) return;
      if (s.type === 'user' && typeof s.user_id === 'string') out.users.push({ path: `body.assignment_rules.chain[${i}].user_id`, value: s.user_id });
      if (s.type === 'value' && Array.isArray(s.tiers)) s.tiers.forEach((t: unknown, j) => { if (isObj(t)) strs(t.user_ids, `body.assignment_rules.chain[${i}].tiers[${j}].user_ids`, out.users); });
    });
  }
  if (Array.isArray(b.auto_tagging_rules)) b.auto_tagging_rules.forEach((r: unknown, i) => {
    if (!isObj(r) || !isObj(r.actions)) return;
    strs(r.actions.add, `body.auto_tagging_rules[${i}].actions.add`, out.tags);
    strs(r.actions.remove, `body.auto_tagging_rules[${i}].actions.remove`, out.tags);
  });
  return out;
}

export interface KnownReferences {
  /** Active users of the tenant. */
  users: ReadonlySet<string>;
  /** Defined tag names. */
  tags: ReadonlySet<string>;
  /** Active channel ids. */
  channels: ReadonlySet<string>;
}

export function referenceErrors(refs: SceneReferences, known: KnownReferences): FieldError[] {
  const errors: FieldError[] = [];
  for (const r of refs.users) if (!known.users.has(r.value)) errors.push({ field: r.path, rule: 'exists', message: `user ${r.value} is not an active user of this tenant` });
  for (const r of refs.tags) if (!known.tags.has(r.value)) errors.push({ field: r.path, rule: 'exists', message: `tag ${r.value} is not defined (POST /api/v1/lead-tags)` });
  for (const r of refs.channels) if (!known.channels.has(r.value)) errors.push({ field: r.path, rule: 'exists', message: `channel ${r.value} does not exist or is inactive` });
  return errors;
}

/** Scenes that still use a channel or tag (a delete or rename is refused while an enabled one does). */
export function scenesReferencing(scenes: readonly (SceneInput & { scene_config_id: string; is_enabled: boolean })[], what: { channel?: string; tag?: string }): string[] {
  return scenes.filter((s) => {
    if (!s.is_enabled) return false;
    const refs = collectSceneReferences(s);
    return (what.channel !== undefined && refs.channels.some((r) => r.value === what.channel)) || (what.tag !== undefined && refs.tags.some((r) => r.value === what.tag));
  }).map((s) => s.scene_config_id);
}
