// The operator's OneID operations over the Redis identity index (issue 5 item 4): explain,
// preview, merge, unmerge and review decisions. Each operation loads the identities involved
// (members, encrypted records, stored manual links/separations), asks the pure core
// (domain/oneid.ts) for the new options, recomputes the graph, re-points members, re-derives
// every affected lead's tags, and writes it all in one Lua step that first checks nothing it
// read has changed (the pipeline worker may commit a lead into one of these identities
// meanwhile; then the operation reloads and retries). A per-tenant lock keeps two operator
// actions from interleaving.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ENTITY_STREAM } from '../../../../common/feed.js';
import type { Logger } from '../../../../common/logger.js';
import { decryptPii, hashPii, type PiiKeys } from '../../../../common/pii.js';
import { entityFeedFields, type LeadIdentityActionRow, type LeadIdentityLinkRow, type LeadProcessingLogRow } from '../../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../../warehouse/src/domain/time.js';
import {
  buildIdentityGraph, explainLink, IdentityOperationError, mergeIdentities, mergeProfile, previewMerge, unmergeIdentity,
  type IdentityGraph, type IdentityRecord, type ManualLink, type MergedProfile, type MergePreview, type OneIdOptions, type Separation,
} from '../domain/oneid.js';
import { evaluateTagRules } from '../domain/tag-rules.js';
import { leadKeys, type LeadStore, type StoredLead } from '../pipeline/lead-store.js';
import type { SceneCache } from '../scenes/scene-cache.js';
import { diffOptions, explainPair, optionsTouching, tagLeadData, type IdentityReview, type StoredAction, type WhyNot } from './identity-decisions.js';
import { getReview, loadActions, oneIdKeys, reviewsAbout, withTenantLock } from './identity-store.js';

export class IdentityServiceError extends Error {
  constructor(readonly kind: 'not_found' | 'invalid' | 'conflict', readonly field: string | null, message: string) {
    super(message);
    this.name = 'IdentityServiceError';
  }
}

interface Loaded {
  records: IdentityRecord[];
  /** Identity of every loaded record as the index holds it (null: never indexed). */
  identityOf: Map<string, string | null>;
  /** Member count of each loaded identity, to detect a lead committed into it meanwhile. */
  memberCount: Map<string, number>;
  leads: Map<string, StoredLead>;
  actions: StoredAction[];
  opts: OneIdOptions;
  graph: IdentityGraph;
}

export interface OperationResult {
  action_id: string;
  identities: { identity_id: string; record_ids: string[] }[];
  /** Leads that got a new version (identity re-pointed or tags re-derived). */
  updated_leads: string[];
}

const CAS_LUA = `
local checks = cjson.decode(ARGV[1])
for _, c in ipairs(checks) do
  local v
  if c[1] == 'get' then v = redis.call('GET', c[2])
  elseif c[1] == 'scard' then v = tostring(redis.call('SCARD', c[2]))
  else v = redis.call('HGET', c[2], c[3]) end
  if v == false then v = '' end
  if v ~= c[4] then return 0 end
end
for _, w in ipairs(cjson.decode(ARGV[2])) do redis.call(unpack(w)) end
return 1
`;

const MAX_ATTEMPTS = 4;

export class IdentityService {
  constructor(
    private readonly redis: Redis,
    private readonly pii: PiiKeys,
    private readonly leads: LeadStore,
    private readonly cache: SceneCache,
    private readonly writer: string,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly entityStream = ENTITY_STREAM,
  ) {}

  /** The identities of `leadIds` with all their records; a lead id not of this tenant → not_found. */
  private async load(t: string, leadIds: readonly string[], extra: readonly string[] = []): Promise<Loaded> {
    const exists = await Promise.all(leadIds.map((id) => this.leads.exists(t, id)));
    const missing = leadIds.find((_, i) => !exists[i]);
    if (missing) throw new IdentityServiceError('not_found', null, `lead ${missing} not found`);
    const start = [...new Set([...leadIds, ...extra])];
    const idents = await this.redis.mget(...start.map((id) => leadKeys.identityOf(t, id)));
    const identities = [...new Set(start.map((id, i) => idents[i] ?? id))];
    const all = new Set(start);
    const memberCount = new Map<string, number>();
    const sets = await Promise.all(identities.map((ident) => this.redis.smembers(leadKeys.members(t, ident))));
    identities.forEach((ident, i) => {
      memberCount.set(ident, sets[i]!.length);
      for (const id of sets[i]!) all.add(id);
    });
    const ids = [...all].sort();
    const [sealed, identOf] = await Promise.all([this.redis.mget(...ids.map((id) => leadKeys.record(t, id))), this.redis.mget(...ids.map((id) => leadKeys.identityOf(t, id)))]);
    const records: IdentityRecord[] = [];
    const identityOf = new Map<string, string | null>();
    ids.forEach((id, i) => {
      const s = sealed[i];
      if (s) records.push(JSON.parse(decryptPii(this.pii, s)) as IdentityRecord);
      identityOf.set(id, identOf[i] ?? null);
    });
    const leads = new Map<string, StoredLead>();
    const docs = await this.redis.pipeline(ids.map((id) => ['hget', leadKeys.lead(t, id), 'doc'])).exec();
    ids.forEach((id, i) => { const d = docs?.[i]?.[1]; if (typeof d === 'string') leads.set(id, JSON.parse(d) as StoredLead); });
    // FAQ Q2 shared numbers are known across the tenant, not only within these records.
    // Same keys as LeadStore.isSharedMobile, read in one round trip.
    const mobiles = [...new Set(records.map((r) => r.mobile).filter((x): x is string => !!x))];
    const counts = mobiles.length ? await this.redis.pipeline(mobiles.map((m) => ['scard', leadKeys.mobileNames(t, hashPii(this.pii, `mobile:${m}`))])).exec() : [];
    const shared = new Set(mobiles.filter((_, i) => Number(counts?.[i]?.[1] ?? 0) > 1));
    const actions = await loadActions(this.redis, t, ids);
    const opts: OneIdOptions = { ...optionsTouching(actions, new Set(ids)), ...(shared.size ? { sharedMobiles: shared } : {}) };
    return { records, identityOf, memberCount, leads, actions, opts, graph: buildIdentityGraph(records, opts) };
  }

  private clusterOf(l: Loaded, leadId: string): string[] {
    const id = l.graph.clusterOf.get(leadId) ?? leadId;
    return l.graph.clusters.find((c) => c.identity_id === id)?.record_ids ?? [leadId];
  }

  async identity(t: string, leadId: string): Promise<{ identity_id: string; members: StoredLead[]; graph: IdentityGraph; records: string[]; profile: MergedProfile; reviews: IdentityReview[] }> {
    const l = await this.load(t, [leadId]);
    const members = this.clusterOf(l, leadId);
    const set = new Set(members);
    const recs = l.records.filter((r) => set.has(r.record_id));
    return {
      identity_id: l.graph.clusterOf.get(leadId) ?? leadId,
      members: members.map((id) => l.leads.get(id)).filter((x): x is StoredLead => !!x),
      graph: l.graph, records: members, profile: mergeProfile(recs), reviews: await reviewsAbout(this.redis, t, members),
    };
  }

  async explain(t: string, a: string, b: string): Promise<WhyNot & { identity_a: string; identity_b: string }> {
    const l = await this.load(t, [a, b]);
    return { ...explainPair(l.graph, explainLink(l.graph, a, b), a, b), identity_a: l.graph.clusterOf.get(a) ?? a, identity_b: l.graph.clusterOf.get(b) ?? b };
  }

  private pair(l: Loaded, a: string, b: string): [string, string] {
    const ia = l.graph.clusterOf.get(a) ?? a;
    const ib = l.graph.clusterOf.get(b) ?? b;
    if (ia === ib) throw new IdentityServiceError('conflict', null, `leads ${a} and ${b} are already one identity (${ia})`);
    return [ia, ib];
  }

  async preview(t: string, a: string, b: string): Promise<MergePreview> {
    const l = await this.load(t, [a, b]);
    const [ia, ib] = this.pair(l, a, b);
    return previewMerge(l.records, l.opts, ia, ib);
  }

  async merge(t: string, a: string, b: string, by: string, reason: string, review?: IdentityReview): Promise<OperationResult> {
    return this.locked(t, async () => {
      const l = await this.load(t, [a, b]);
      const ia = l.graph.clusterOf.get(a) ?? a;
      const ib = l.graph.clusterOf.get(b) ?? b;
      if (ia === ib && review) return this.apply(t, l, l.opts, { action: 'merge', by, reason, review, decision: 'merged', sides: [[a], [b]] });
      const [x, y] = this.pair(l, a, b);
      let next: OneIdOptions;
      try {
        next = mergeIdentities(l.records, l.opts, x, y, by, this.now());
      } catch (e) {
        if (e instanceof IdentityOperationError && e.code === 'MERGE_BLOCKED') throw new IdentityServiceError('conflict', null, `${e.message}: a unionid is one WeChat person, these cannot be merged`);
        throw e;
      }
      return this.apply(t, l, next, { action: 'merge', by, reason, review, decision: 'merged', sides: [this.clusterOf(l, a), this.clusterOf(l, b)] });
    });
  }

  /** Splits the identity of `anchor` (a lead id, or any member of the identity id) into sideA and the rest. */
  async unmerge(t: string, anchor: { lead_id?: string; identity_id?: string }, sideA: readonly string[], by: string, reason: string): Promise<OperationResult> {
    return this.locked(t, async () => {
      let leadId = anchor.lead_id;
      if (!leadId) {
        const m = await this.redis.smembers(leadKeys.members(t, anchor.identity_id!));
        if (m.length === 0) throw new IdentityServiceError('not_found', null, `identity ${anchor.identity_id} not found`);
        leadId = m.sort()[0]!;
      }
      const l = await this.load(t, [leadId]);
      const id = l.graph.clusterOf.get(leadId) ?? leadId;
      if (anchor.identity_id && anchor.lead_id && id !== anchor.identity_id) throw new IdentityServiceError('invalid', 'body.identity_id', `lead ${anchor.lead_id} is in identity ${id}`);
      const members = this.clusterOf(l, leadId);
      const outside = sideA.filter((x) => !members.includes(x));
      if (outside.length) throw new IdentityServiceError('invalid', 'body.side_a', `not members of identity ${id}: ${outside.join(', ')}`);
      if (sideA.length >= members.length) throw new IdentityServiceError('invalid', 'body.side_a', 'side_a must leave at least one lead on the other side');
      const next = unmergeIdentity(l.records, l.opts, id, sideA, by, this.now());
      const sideB = members.filter((m) => !sideA.includes(m));
      return this.apply(t, l, next, { action: 'unmerge', by, reason, sides: [[...sideA], sideB] });
    });
  }

  /** A rejected suggestion: the two identities are kept apart from now on (a separation). */
  async reject(t: string, review: IdentityReview, by: string): Promise<OperationResult> {
    return this.locked(t, async () => {
      const l = await this.load(t, [], [review.record_a, review.record_b]);
      const sa = this.clusterOf(l, review.record_a);
      const sb = this.clusterOf(l, review.record_b);
      if (sa.includes(review.record_b)) throw new IdentityServiceError('conflict', null, `${review.record_a} and ${review.record_b} are one identity now; use unmerge`);
      const sep: Separation = { side_a: sa, side_b: sb, at: this.now(), by };
      const next = { ...l.opts, separations: [...(l.opts.separations ?? []), sep] };
      return this.apply(t, l, next, { action: 'reject', by, reason: `review ${review.review_id} rejected`, review, decision: 'rejected', sides: [sa, sb] });
    });
  }

  async review(t: string, id: string): Promise<IdentityReview | null> {
    return getReview(this.redis, t, id);
  }

  private locked<T>(t: string, fn: () => Promise<T>): Promise<T> {
    return withTenantLock(this.redis, t, randomBytes(8).toString('hex'), async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fn();
        } catch (e) {
          if (!(e instanceof StaleReadError) || attempt >= MAX_ATTEMPTS) throw e instanceof StaleReadError ? new IdentityServiceError('conflict', null, 'the identities kept changing; try again') : e;
          this.log.info({ tenantId: t, attempt }, 'identity operation raced a pipeline commit; reloading');
        }
      }
    });
  }

  /** Persists the new options, re-points every loaded record, re-derives tags, all or nothing. */
  private async apply(t: string, l: Loaded, next: OneIdOptions, op: { action: 'merge' | 'unmerge' | 'reject'; by: string; reason: string; review?: IdentityReview; decision?: 'merged' | 'rejected'; sides: [string[], string[]] }): Promise<OperationResult> {
    const now = this.now();
    const actionId = `ida_${now.toString(36)}${randomBytes(4).toString('hex')}`;
    const { added, removed } = diffOptions(l.opts, next);
    const graph = buildIdentityGraph(l.records, next);
    const byId = new Map(l.records.map((r) => [r.record_id, r]));
    const profiles = new Map<string, MergedProfile>();
    for (const c of graph.clusters) profiles.set(c.identity_id, mergeProfile(c.record_ids.map((id) => byId.get(id)!)));

    const checks: string[][] = [];
    const writes: string[][] = [];
    const feed = (fields: string[]) => writes.push(['XADD', this.entityStream, '*', ...fields]);
    // Actions: added ones stored and indexed under their records, removed ones deleted.
    added.forEach((x, i) => {
      const a: StoredAction = 'side_a' in x ? { type: 'separation', id: `${actionId}_${i}`, reason: op.reason, ...x } : { type: 'link', id: `${actionId}_${i}`, reason: op.reason, ...(x as ManualLink) };
      writes.push(['HSET', oneIdKeys.actions(t), a.id, JSON.stringify(a)]);
      for (const rid of new Set('side_a' in x ? [...x.side_a, ...x.side_b] : [(x as ManualLink).a, (x as ManualLink).b])) writes.push(['SADD', oneIdKeys.actionsOf(t, rid), a.id]);
      if (a.type === 'link') {
        const row: LeadIdentityLinkRow = {
          tenant_id: t, identity_id: graph.clusterOf.get(a.a) ?? a.a, from_record: a.a, to_record: a.b, identifier: 'manual',
          value_hash: '', weight: 1, source: 'MANUAL', linked_at: toDateTime64(a.at),
        };
        feed(entityFeedFields('leadIdentityLink', row, now, this.writer));
      }
    });
    for (const x of removed) {
      const id = (x as Partial<StoredAction>).id;
      if (id) writes.push(['HDEL', oneIdKeys.actions(t), id]);
    }

    // The index: every loaded identity's member set is rebuilt from the new graph.
    for (const [ident, n] of l.memberCount) { checks.push(['scard', leadKeys.members(t, ident), '', String(n)]); writes.push(['DEL', leadKeys.members(t, ident)]); }
    for (const [rid, ident] of l.identityOf) checks.push(['get', leadKeys.identityOf(t, rid), '', ident ?? '']);
    for (const c of graph.clusters) {
      for (const rid of c.record_ids) writes.push(['SET', leadKeys.identityOf(t, rid), c.identity_id]);
      writes.push(['SADD', leadKeys.members(t, c.identity_id), ...c.record_ids]);
    }

    const updated: string[] = [];
    for (const [rid, lead] of l.leads) {
      const ident = graph.clusterOf.get(rid) ?? rid;
      const oldIdent = l.identityOf.get(rid) ?? lead.identity_id;
      const tags = await this.retag(t, lead, profiles.get(ident) ?? null);
      checks.push(['hget', leadKeys.lead(t, rid), 'version', String(lead.version)]);
      if (ident === oldIdent && sameTags(tags, lead.tags)) continue;
      const entry = { stage: 'identity' as const, outcome: 'ok' as const, at: now, detail: `${op.action} by ${op.by}: identity ${oldIdent} -> ${ident}; tags [${tags.join(',')}] (${op.reason.slice(0, 200)})` };
      const doc: StoredLead = { ...lead, identity_id: ident, tags, updated_at: now, version: lead.version + 1, log: [...lead.log, entry] };
      writes.push(['HSET', leadKeys.lead(t, rid), 'doc', JSON.stringify(doc), 'version', String(doc.version)]);
      feed(entityFeedFields('dwdLead', this.leads.leadRow(doc), now, this.writer));
      const logRow: LeadProcessingLogRow = { tenant_id: t, lead_id: rid, seq: doc.log.length - 1, stage: entry.stage, outcome: entry.outcome, detail: entry.detail.slice(0, 4000), at: toDateTime64(now) };
      feed(entityFeedFields('leadProcessingLog', logRow, now, this.writer));
      updated.push(rid);
    }

    if (op.review && op.decision) {
      const decided: IdentityReview = { ...op.review, status: op.decision, decided_by: op.by, decided_at: now };
      writes.push(['HSET', oneIdKeys.reviews(t), decided.review_id, JSON.stringify(decided)], ['ZREM', oneIdKeys.pending(t), decided.review_id]);
    }
    const row: LeadIdentityActionRow = {
      tenant_id: t, action_id: actionId, action: op.action, identity_ids: graph.clusters.map((c) => c.identity_id), side_a: op.sides[0], side_b: op.sides[1],
      reason: op.reason.slice(0, 2000), by_user: op.by, review_id: op.review?.review_id ?? '', at: toDateTime64(now),
    };
    feed(entityFeedFields('leadIdentityAction', row, now, this.writer));

    writes.push(['INCR', oneIdKeys.epoch(t)]);
    const ok = await this.redis.eval(CAS_LUA, 0, JSON.stringify(checks.map((c) => [c[0], c[1], c[2], c[3]])), JSON.stringify(writes));
    if (ok !== 1) throw new StaleReadError();
    return { action_id: actionId, identities: graph.clusters.map((c) => ({ identity_id: c.identity_id, record_ids: c.record_ids })), updated_leads: updated };
  }

  /** The scene's current tag rules over the lead's data filled from its identity's profile; unknown scene → tags kept. */
  private async retag(t: string, lead: StoredLead, profile: MergedProfile | null): Promise<string[]> {
    if (!lead.scene_config_id) return lead.tags;
    const scene = await this.cache.byId(t, lead.scene_config_id);
    if (!scene) return lead.tags;
    const own = { ...lead.lead_data, ...(lead.phone_enc ? { phone: decryptPii(this.pii, lead.phone_enc) } : {}), ...(lead.email_enc ? { email: decryptPii(this.pii, lead.email_enc) } : {}) };
    const r = evaluateTagRules(scene.compiledTags, {
      lead_data: tagLeadData(own, profile?.profile ?? null), source_channel_id: lead.source_channel_id, scene_type: lead.scene_type, scene_config_id: lead.scene_config_id, tags: [],
    });
    if (r.errors.length) this.log.warn({ tenantId: t, leadId: lead.lead_id, errors: r.errors }, 'tag rules failed while re-deriving tags');
    return r.tags;
  }

  hashValue(kind: string, value: string): string {
    return hashPii(this.pii, `${kind}:${value}`);
  }
}

class StaleReadError extends Error {
  constructor() {
    super('identity index changed while the operation ran');
    this.name = 'StaleReadError';
  }
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}
