// Versioned configuration entities in Redis (channels, tag definitions, assignee profiles), the
// same shape as scenes (scene-store.ts): a hash per entity holding the JSON doc and its version,
// a tenant index set, and one Lua step that compare-and-sets the version, keeps an optional
// unique-name index, and appends the version's warehouse row to the entity feed. A delete is a
// last version whose row says deleted = 1.
import type { Redis } from 'ioredis';
import { ENTITY_STREAM } from '../../../../common/feed.js';

/** KEYS: doc hash, index set, name hash, entity stream. ARGV: expected version ('' = must be new), new version, doc ('' = delete), id, old name, new name ('' = none), then 10 feed fields. Returns 1, 0 (version moved) or -1 (name taken). */
const WRITE_LUA = `
local cur = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] == '' then
  if cur then return 0 end
elseif cur ~= ARGV[1] then return 0 end
if ARGV[6] ~= '' then
  local owner = redis.call('HGET', KEYS[3], ARGV[6])
  if owner and owner ~= ARGV[4] then return -1 end
end
if ARGV[5] ~= '' and ARGV[5] ~= ARGV[6] then redis.call('HDEL', KEYS[3], ARGV[5]) end
if ARGV[3] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[4])
else
  redis.call('HSET', KEYS[1], 'doc', ARGV[3], 'version', ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[4])
  if ARGV[6] ~= '' then redis.call('HSET', KEYS[3], ARGV[6], ARGV[4]) end
end
redis.call('XADD', KEYS[4], '*', unpack(ARGV, 7, 16))
return 1
`;

export class DefinitionVersionConflict extends Error {
  constructor(readonly kind: string, readonly tenantId: string, readonly id: string) {
    super(`${kind} ${tenantId}/${id} changed concurrently`);
    this.name = 'DefinitionVersionConflict';
  }
}

export class DefinitionNameTaken extends Error {
  constructor(readonly kind: string, readonly tenantId: string, readonly definitionName: string) {
    super(`${kind} name ${definitionName} is already used in tenant ${tenantId}`);
    this.name = 'DefinitionNameTaken';
  }
}

export interface VersionedDoc {
  tenant_id: string;
  version: number;
  updated_at: number;
}

export interface DefinitionKind<T extends VersionedDoc> {
  /** Key segment and error wording: 'channel', 'tag', 'assignee'. */
  kind: string;
  idOf: (d: T) => string;
  /** Unique per tenant when given (tag names). */
  uniqueName?: (d: T) => string;
  /** XADD fields of the version's warehouse row. */
  feed: (d: T, deleted: boolean, changedBy: string, now: number) => string[];
}

export const definitionKeys = {
  doc: (kind: string, t: string, id: string) => `cunke:leadcfg:${kind}:${t}:${id}`,
  index: (kind: string, t: string) => `cunke:leadcfg:${kind}s:${t}`,
  names: (kind: string, t: string) => `cunke:leadcfg:${kind}names:${t}`,
};

export class DefinitionStore<T extends VersionedDoc> {
  constructor(private readonly redis: Redis, private readonly k: DefinitionKind<T>, private readonly entityStream = ENTITY_STREAM) {}

  async get(t: string, id: string): Promise<T | null> {
    const doc = await this.redis.hget(definitionKeys.doc(this.k.kind, t, id), 'doc');
    return doc ? (JSON.parse(doc) as T) : null;
  }

  async many(t: string, ids: readonly string[]): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    if (ids.length === 0) return out;
    const docs = await this.redis.pipeline(ids.map((id) => ['hget', definitionKeys.doc(this.k.kind, t, id), 'doc'])).exec();
    ids.forEach((id, i) => { const d = docs?.[i]?.[1]; if (typeof d === 'string') out.set(id, JSON.parse(d) as T); });
    return out;
  }

  async list(t: string): Promise<T[]> {
    const ids = await this.redis.smembers(definitionKeys.index(this.k.kind, t));
    return [...(await this.many(t, ids)).values()];
  }

  /** Id of the definition holding `name` (unique-name kinds only). */
  async idByName(t: string, name: string): Promise<string | null> {
    return this.redis.hget(definitionKeys.names(this.k.kind, t), name);
  }

  async write(next: T, prev: T | null, changedBy: string): Promise<void> {
    await this.run(next, prev, JSON.stringify(next), this.k.feed(next, false, changedBy, Date.now()));
  }

  async remove(prev: T, changedBy: string, now: number): Promise<void> {
    const last: T = { ...prev, updated_at: now, version: prev.version + 1 };
    await this.run(last, prev, '', this.k.feed(last, true, changedBy, now));
  }

  private async run(d: T, prev: T | null, doc: string, feed: string[]): Promise<void> {
    const t = d.tenant_id;
    const id = this.k.idOf(d);
    const name = (x: T | null) => (x && this.k.uniqueName ? this.k.uniqueName(x) : '');
    const ok = await this.redis.eval(
      WRITE_LUA, 4, definitionKeys.doc(this.k.kind, t, id), definitionKeys.index(this.k.kind, t), definitionKeys.names(this.k.kind, t), this.entityStream,
      prev === null ? '' : String(prev.version), String(d.version), doc, id, name(prev), doc === '' ? '' : name(d), ...feed,
    );
    if (ok === -1) throw new DefinitionNameTaken(this.k.kind, t, name(d));
    if (ok !== 1) throw new DefinitionVersionConflict(this.k.kind, t, id);
  }
}
