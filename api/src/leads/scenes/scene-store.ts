// Scene configurations in Redis (the hot copy every process caches) with every version appended
// to the entity feed (dim_scene_config) in the same atomic step, and a pub/sub notice so every
// process's SceneCache refreshes at once. A compare-and-set on `version` keeps two concurrent
// updates from silently overwriting each other.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ENTITY_STREAM } from '../../../../common/feed.js';
import { entityFeedFields, type DimSceneConfigRow } from '../../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../../warehouse/src/domain/time.js';
import type { Scene } from './scene-validate.js';

export const sceneKeys = {
  scene: (t: string, id: string) => `cunke:scene:${t}:${id}`,
  index: (t: string) => `cunke:scenes:${t}`,
  /** scene id → tenant, across tenants: public webhooks name only the scene (ids are random, 80 bits). */
  owner: () => 'cunke:scenes:owner',
  /** Pub/sub channel; the message is `<tenant>\n<scene id>`. */
  changed: () => 'cunke:scenes:changed',
};

/** KEYS: scene hash, tenant index, entity stream, owner hash. ARGV: expected version ('' = must not exist), new version, doc ('' = delete), id, channel, message, then 10 feed fields, tenant. */
const WRITE_LUA = `
local cur = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] == '' then
  if cur then return 0 end
elseif cur ~= ARGV[1] then return 0 end
if ARGV[3] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[4])
  redis.call('HDEL', KEYS[4], ARGV[4])
else
  redis.call('HSET', KEYS[1], 'doc', ARGV[3], 'version', ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[4])
  redis.call('HSET', KEYS[4], ARGV[4], ARGV[17])
end
redis.call('XADD', KEYS[3], '*', unpack(ARGV, 7, 16))
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1
`;

/** Another write of the same scene won the race; the caller retries on the fresh version or reports 409. */
export class SceneVersionConflict extends Error {
  constructor(readonly tenantId: string, readonly sceneId: string) {
    super(`scene ${tenantId}/${sceneId} changed concurrently`);
    this.name = 'SceneVersionConflict';
  }
}

export function sceneRow(s: Scene, deleted: boolean, changedBy: string): DimSceneConfigRow {
  const j = (v: unknown) => JSON.stringify(v ?? null);
  return {
    tenant_id: s.tenant_id, scene_config_id: s.scene_config_id, scene_name: s.scene_name, scene_type: s.scene_type,
    is_enabled: s.is_enabled ? 1 : 0, source_channel_default_id: s.source_channel_default_id ?? '',
    scene_specific_params: j(s.scene_specific_params), data_mapping_rules: j(s.data_mapping_rules), auto_tagging_rules: j(s.auto_tagging_rules),
    assignment_rules: j(s.assignment_rules), auto_response_config: j(s.auto_response_config), deduplication_strategy: s.deduplication_strategy ?? '',
    deleted: deleted ? 1 : 0, changed_by: changedBy, created_at: toDateTime64(s.created_at), updated_at: toDateTime64(s.updated_at), version: s.version,
  };
}

export const newSceneId = (): string => `sc_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

export class SceneStore {
  constructor(private readonly redis: Redis, private readonly writer: string, private readonly entityStream = ENTITY_STREAM) {}

  async get(t: string, id: string): Promise<Scene | null> {
    const doc = await this.redis.hget(sceneKeys.scene(t, id), 'doc');
    return doc ? (JSON.parse(doc) as Scene) : null;
  }

  /** The tenant owning scene `id` (written with every version since the owner index exists), or null. */
  async ownerOf(id: string): Promise<string | null> {
    return this.redis.hget(sceneKeys.owner(), id);
  }

  async list(t: string): Promise<Scene[]> {
    const ids = await this.redis.smembers(sceneKeys.index(t));
    if (ids.length === 0) return [];
    const docs = await this.redis.pipeline(ids.map((id) => ['hget', sceneKeys.scene(t, id), 'doc'])).exec();
    const out: Scene[] = [];
    for (const [err, doc] of docs ?? []) if (!err && typeof doc === 'string') out.push(JSON.parse(doc) as Scene);
    return out.sort((a, b) => a.created_at - b.created_at || a.scene_config_id.localeCompare(b.scene_config_id));
  }

  /** Stores `next` if the stored version is still `expected` (null: the scene must be new). */
  async write(next: Scene, expected: number | null, changedBy: string): Promise<void> {
    await this.run(next, expected, JSON.stringify(next), sceneRow(next, false, changedBy));
  }

  /** A delete is a last version with deleted = 1 in the warehouse. */
  async remove(prev: Scene, changedBy: string, now: number): Promise<void> {
    const last: Scene = { ...prev, updated_at: now, version: prev.version + 1 };
    await this.run(last, prev.version, '', sceneRow(last, true, changedBy));
  }

  private async run(s: Scene, expected: number | null, doc: string, row: DimSceneConfigRow): Promise<void> {
    const ok = await this.redis.eval(
      WRITE_LUA, 4, sceneKeys.scene(s.tenant_id, s.scene_config_id), sceneKeys.index(s.tenant_id), this.entityStream, sceneKeys.owner(),
      expected === null ? '' : String(expected), String(s.version), doc, s.scene_config_id, sceneKeys.changed(), `${s.tenant_id}\n${s.scene_config_id}`,
      ...entityFeedFields('dimSceneConfig', row, Date.now(), this.writer), s.tenant_id,
    );
    if (ok !== 1) throw new SceneVersionConflict(s.tenant_id, s.scene_config_id);
  }
}
