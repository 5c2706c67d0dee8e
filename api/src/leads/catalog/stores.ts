// The stores of the lead configuration entities (channels, tag definitions, assignee profiles)
// and the two reads the rest of the lead module needs from them: which references of a scene
// exist, and the assignees (profile + account status + current load) of a rule's pool.
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { entityFeedFields } from '../../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../../warehouse/src/domain/time.js';
import type { IdentityStore } from '../../identity/identity-store.js';
import type { Assignee } from '../domain/assignment.js';
import type { AssigneeProfile } from '../assignees/profile.js';
import { toAssignee } from '../assignees/profile.js';
import { openLeadCounts } from '../pipeline/open-leads.js';
import type { Channel, TagDefinition } from './definitions.js';
import { DefinitionStore } from './definition-store.js';
import type { ApiDeps } from '../../deps.js';
import type { FieldError } from '../../errors.js';
import type { SceneInput } from '../scenes/scene-validate.js';
import { collectSceneReferences, referenceErrors, type KnownReferences, type SceneReferences } from './scene-references.js';

export interface LeadConfigStores {
  channels: DefinitionStore<Channel>;
  tags: DefinitionStore<TagDefinition>;
  profiles: DefinitionStore<AssigneeProfile>;
}

export function leadConfigStores(redis: Redis, writer = `api-${hostname()}`, entityStream?: string): LeadConfigStores {
  return {
    channels: new DefinitionStore<Channel>(redis, {
      kind: 'channel', idOf: (c) => c.channel_id,
      feed: (c, deleted, by, now) => entityFeedFields('dimChannel', {
        tenant_id: c.tenant_id, channel_id: c.channel_id, name: c.name, channel_type: c.channel_type ?? '', is_active: c.is_active ? 1 : 0,
        deleted: deleted ? 1 : 0, changed_by: by, created_at: toDateTime64(c.created_at), updated_at: toDateTime64(c.updated_at), version: c.version,
      }, now, writer),
    }, entityStream),
    tags: new DefinitionStore<TagDefinition>(redis, {
      kind: 'tag', idOf: (g) => g.tag_id, uniqueName: (g) => g.name,
      feed: (g, deleted, by, now) => entityFeedFields('dimLeadTagDefinition', {
        tenant_id: g.tenant_id, tag_id: g.tag_id, name: g.name, tag_group: g.tag_group ?? '',
        deleted: deleted ? 1 : 0, changed_by: by, created_at: toDateTime64(g.created_at), updated_at: toDateTime64(g.updated_at), version: g.version,
      }, now, writer),
    }, entityStream),
    profiles: new DefinitionStore<AssigneeProfile>(redis, {
      kind: 'assignee', idOf: (p) => p.user_id,
      feed: (p, _deleted, by, now) => entityFeedFields('dimLeadAssignee', {
        tenant_id: p.tenant_id, user_id: p.user_id, status: p.status, time_zone: p.time_zone ?? '', working_hours: JSON.stringify(p.working_hours),
        weight: p.weight, max_load: p.max_load ?? -1, regions: p.regions, skills: p.skills, team_id: p.team_id ?? '',
        changed_by: by, updated_at: toDateTime64(p.updated_at), version: p.version,
      }, now, writer),
    }, entityStream),
  };
}

/** Which of a scene's references exist: active users, defined tag names, active channels. */
export async function loadKnownReferences(s: LeadConfigStores, identity: IdentityStore, t: string, refs: SceneReferences): Promise<KnownReferences> {
  const users = new Set<string>();
  for (const id of new Set(refs.users.map((r) => r.value))) {
    const u = await identity.getUser(t, id);
    if (u?.status === 'ACTIVE') users.add(id);
  }
  const tags = new Set<string>();
  for (const name of new Set(refs.tags.map((r) => r.value))) if (await s.tags.idByName(t, name)) tags.add(name);
  const channels = new Set<string>();
  for (const c of (await s.channels.many(t, [...new Set(refs.channels.map((r) => r.value))])).values()) if (c.is_active) channels.add(c.channel_id);
  return { users, tags, channels };
}

/** Assignees of `ids` as the strategies see them now; ids that are no user of the tenant are left out. */
export async function loadAssignees(redis: Redis, s: LeadConfigStores, identity: IdentityStore, t: string, ids: readonly string[], defaultZone: string): Promise<Assignee[]> {
  const unique = [...new Set(ids)];
  // Users fetched together: one round trip per lead instead of one per pool member (bench:leads).
  const [profiles, loads, users] = await Promise.all([s.profiles.many(t, unique), openLeadCounts(redis, t, unique), Promise.all(unique.map((id) => identity.getUser(t, id)))]);
  const out: Assignee[] = [];
  unique.forEach((id, i) => {
    const u = users[i];
    if (u) out.push(toAssignee(id, u.status === 'ACTIVE', profiles.get(id) ?? null, loads.get(id) ?? 0, defaultZone));
  });
  return out;
}

/** 422 field errors for every user, tag and channel a scene body names that does not exist (spec 000 §九.3). */
export async function sceneReferenceErrors(deps: Pick<ApiDeps, 'redis' | 'identity'>, t: string, body: SceneInput): Promise<FieldError[]> {
  const refs = collectSceneReferences(body);
  if (refs.users.length + refs.tags.length + refs.channels.length === 0) return [];
  return referenceErrors(refs, await loadKnownReferences(leadConfigStores(deps.redis), deps.identity, t, refs));
}
