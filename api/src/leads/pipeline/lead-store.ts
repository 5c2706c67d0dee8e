// Leads in Redis: the ingest stream, the lead documents, the OneID identity index, and the one
// MULTI that stores a processed lead, appends its warehouse rows (dwd_lead, lead_identity_link,
// lead_processing_log) to the entity feed and acknowledges the stream entry, so an entry is
// acknowledged exactly when its lead exists. Contact details are kept as keyed hash +
// ciphertext + masked form only; identity records (which OneID needs in clear) are encrypted.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ENTITY_STREAM } from '../../../../common/feed.js';
import { decryptPii, encryptPii, hashPii, maskEmail, maskPhone, type PiiKeys } from '../../../../common/pii.js';
import { entityFeedFields, type DwdLeadRow, type LeadIdentityLinkRow, type LeadProcessingLogRow } from '../../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../../warehouse/src/domain/time.js';
import type { LeadData, LeadStatus } from '../domain/lead.js';
import { companyMatchKey, emailMatchKey, normaliseName } from '../domain/normalise.js';
import type { IdentityRecord, ResolveDecision } from '../domain/oneid.js';
import type { ProcessingLogEntry } from '../domain/plan-lead.js';
import { appendDeadLetter, deadLetterKeys } from '../dead-letters/dead-letter-store.js';
import { syncOpenLead } from './open-leads.js';

export const leadKeys = {
  ingest: () => 'cunke:leads:ingest',
  group: () => 'lead-pipeline',
  /** Per-tenant dead letters (dead-letters/dead-letter-store.ts); no tenant: the unowned stream. */
  dlq: (t = '') => deadLetterKeys.stream(t),
  lead: (t: string, id: string) => `cunke:lead:${t}:${id}`,
  byTime: (t: string) => `cunke:leads:${t}`,
  index: (t: string, keyHash: string) => `cunke:lead:idx:${t}:${keyHash}`,
  record: (t: string, id: string) => `cunke:lead:rec:${t}:${id}`,
  identityOf: (t: string, id: string) => `cunke:lead:ident:${t}:${id}`,
  members: (t: string, identityId: string) => `cunke:lead:members:${t}:${identityId}`,
  roundRobin: (t: string, counterKey: string) => `cunke:lead:rr:${t}:${counterKey}`,
  mobileNames: (t: string, mobileHash: string) => `cunke:lead:mobnames:${t}:${mobileHash}`,
};

/** Time-ordered ids: OneID keeps the smallest record id as the identity id, so the first lead of a person names it. */
export function newLeadId(now: number): string {
  return `ld_${now.toString(36).padStart(9, '0')}${randomBytes(5).toString('hex')}`;
}

/** The pipeline's stages plus the changes people make later and inbound SIP call ends (spec 000 §四.6 keeps them in one log). */
export type LeadLogEntry = Omit<ProcessingLogEntry, 'stage'> & { stage: ProcessingLogEntry['stage'] | 'status' | 'call' | 'dedupe' };

/** What the pipeline stores; never a phone number or e-mail in clear. */
export interface StoredLead {
  tenant_id: string;
  lead_id: string;
  identity_id: string;
  scene_config_id: string;
  scene_type: string;
  source: string;
  source_channel_id: string | null;
  external_lead_id: string | null;
  status: LeadStatus;
  /** Standard fields other than phone and email. */
  lead_data: Omit<LeadData, 'phone' | 'email'>;
  phone_hash: string;
  phone_enc: string;
  phone_masked: string;
  email_hash: string;
  email_enc: string;
  email_masked: string;
  tags: string[];
  assigned_to_user_id: string | null;
  assignment_time: number | null;
  notes?: string | null;
  related_customer_id?: string | null;
  identity: { kind: string; matched_by: string | null; suggestions: number; conflicts: number } | null;
  log: LeadLogEntry[];
  created_at: number;
  updated_at: number;
  version: number;
}

/** The identity index keys of a record (spec 003 §5.1 identifiers), hashed so no key names a person. */
export function identifierKeys(pii: PiiKeys, r: IdentityRecord, junkFields: ReadonlySet<string>): string[] {
  const keys: string[] = [];
  if (r.mobile && !junkFields.has('phone')) keys.push(`mobile:${r.mobile}`);
  if (r.email && !junkFields.has('email')) keys.push(`email:${emailMatchKey(r.email)}`);
  if (r.unionid) keys.push(`unionid:${r.unionid}`);
  if (r.name && r.company && !junkFields.has('name')) keys.push(`name_company:${normaliseName(r.name)}|${companyMatchKey(r.company)}`);
  return keys.map((k) => hashPii(pii, k));
}

export interface ProcessedLead {
  lead: StoredLead;
  record: IdentityRecord;
  indexKeys: string[];
  identity: ResolveDecision | null;
  /** Identities (as stored before this lead) whose whole membership was loaded as candidates. */
  touchedIdentities: string[];
  /** Identity of every candidate record and of the new one after this lead (merges and splits alike). */
  identityOfRecord: Map<string, string>;
  /** Stages that failed while the lead went on (a tag rule that threw, OneID that failed): dead-lettered with the lead. */
  stageFailures: { stage: string; reason: string }[];
  /** external_lead_id claim (pipeline/external-id.ts), made permanent with the lead. */
  externalKey?: string | null;
}

/** KEYS: lead hash, entity stream. ARGV: expected version, new version, doc, then feed entries of 10 fields each. */
const UPDATE_LUA = `
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'doc', ARGV[3], 'version', ARGV[2])
local i = 4
while i + 9 <= #ARGV do
  redis.call('XADD', KEYS[2], '*', unpack(ARGV, i, i + 9))
  i = i + 10
end
return 1
`;

/**
 * Everything the worker reads before planning a lead, in one atomic step (bench:leads: it was
 * 6–8 round trips one after another). KEYS: lead hash, OneID epoch, the index sets.
 * ARGV: self id, then key prefixes (identityOf, members, record, actionsOf) and the actions hash.
 * Same reads and the same order as the step-by-step version (records in SUNION order, then each
 * identity's members), so the planner sees exactly what it saw before.
 */
const PRELOAD_LUA = `
local exists = redis.call('EXISTS', KEYS[1])
local epoch = redis.call('GET', KEYS[2])
local direct = {}
if #KEYS > 2 then direct = redis.call('SUNION', unpack(KEYS, 3)) end
local seen, order, members, idents = {}, {}, {}, {}
for _, id in ipairs(direct) do
  if not seen[id] then seen[id] = true; order[#order + 1] = id end
end
for _, id in ipairs(direct) do
  local ident = redis.call('GET', ARGV[2] .. id)
  if ident and not idents[ident] then
    idents[ident] = true
    local m = redis.call('SMEMBERS', ARGV[3] .. ident)
    members[#members + 1] = ident
    members[#members + 1] = tostring(#m)
    for _, x in ipairs(m) do
      members[#members + 1] = x
      if not seen[x] then seen[x] = true; order[#order + 1] = x end
    end
  end
end
local ids, sealed, actionKeys = {}, {}, { ARGV[5] .. ARGV[1] }
for _, id in ipairs(order) do
  if id ~= ARGV[1] then
    local s = redis.call('GET', ARGV[4] .. id)
    if s then ids[#ids + 1] = id; sealed[#sealed + 1] = s; actionKeys[#actionKeys + 1] = ARGV[5] .. id end
  end
end
-- In slices: unpack() of more than a few thousand values overflows Lua's stack (huge identities).
local actionIds, seenAction, actions = {}, {}, {}
for i = 1, #actionKeys, 1000 do
  for _, a in ipairs(redis.call('SUNION', unpack(actionKeys, i, math.min(i + 999, #actionKeys)))) do
    if not seenAction[a] then seenAction[a] = true; actionIds[#actionIds + 1] = a end
  end
end
for i = 1, #actionIds, 1000 do
  for _, a in ipairs(redis.call('HMGET', ARGV[6], unpack(actionIds, i, math.min(i + 999, #actionIds)))) do actions[#actions + 1] = a end
end
return { exists, epoch or false, members, ids, sealed, actions }
`;

/** What PRELOAD_LUA read for a new lead (the epoch is read in the same atomic step as the candidates). */
export interface Preloaded {
  exists: boolean;
  epoch: string | null;
  records: IdentityRecord[];
  membersOf: Map<string, string[]>;
  /** Stored OneID actions naming the lead or a candidate record (identity-store.ts loadActions), read for these ids. */
  actions: string[];
  actionIds: string[];
}

export class LeadStore {
  constructor(private readonly redis: Redis, private readonly pii: PiiKeys, private readonly writer: string, private readonly entityStream = ENTITY_STREAM) {}

  async enqueue(fields: Record<string, string>, maxLen: number): Promise<string> {
    const id = await this.redis.xadd(leadKeys.ingest(), 'MAXLEN', '~', String(maxLen), '*', ...Object.entries(fields).flat());
    if (!id) throw new Error('XADD returned no id');
    return id;
  }

  async get(t: string, id: string): Promise<StoredLead | null> {
    const [doc, identity] = await Promise.all([this.redis.hget(leadKeys.lead(t, id), 'doc'), this.redis.get(leadKeys.identityOf(t, id))]);
    if (!doc) return null;
    const lead = JSON.parse(doc) as StoredLead;
    // A later merge may have re-pointed this lead to another identity; the index is the truth.
    return identity ? { ...lead, identity_id: identity } : lead;
  }

  async exists(t: string, id: string): Promise<boolean> {
    return (await this.redis.exists(leadKeys.lead(t, id))) === 1;
  }

  /** Every lead of the tenant, newest first: only for the assignment dry run; GET /leads pages (lead-pages.ts). */
  async all(t: string): Promise<StoredLead[]> {
    const ids = await this.redis.zrevrange(leadKeys.byTime(t), 0, -1);
    if (ids.length === 0) return [];
    const res = await this.redis.pipeline(ids.flatMap((id) => [['hget', leadKeys.lead(t, id), 'doc'], ['get', leadKeys.identityOf(t, id)]])).exec();
    const out: StoredLead[] = [];
    for (let i = 0; i < ids.length; i++) {
      const doc = res?.[i * 2]?.[1];
      const ident = res?.[i * 2 + 1]?.[1];
      if (typeof doc === 'string') {
        const l = JSON.parse(doc) as StoredLead;
        out.push(typeof ident === 'string' ? { ...l, identity_id: ident } : l);
      }
    }
    return out;
  }

  /** Candidate records for OneID: records sharing an identifier, and every record of their identities. */
  async candidates(t: string, indexKeys: string[], self: string): Promise<{ records: IdentityRecord[]; membersOf: Map<string, string[]> }> {
    const membersOf = new Map<string, string[]>();
    if (indexKeys.length === 0) return { records: [], membersOf };
    const direct = await this.redis.sunion(...indexKeys.map((k) => leadKeys.index(t, k)));
    if (direct.length === 0) return { records: [], membersOf };
    const identities = [...new Set((await this.redis.mget(...direct.map((id) => leadKeys.identityOf(t, id)))).filter((x): x is string => !!x))];
    const all = new Set(direct);
    const sets = await Promise.all(identities.map((ident) => this.redis.smembers(leadKeys.members(t, ident))));
    identities.forEach((ident, i) => {
      membersOf.set(ident, sets[i]!);
      for (const id of sets[i]!) all.add(id);
    });
    all.delete(self);
    const ids = [...all];
    const sealed = ids.length ? await this.redis.mget(...ids.map((id) => leadKeys.record(t, id))) : [];
    const records: IdentityRecord[] = [];
    for (const s of sealed) if (s) records.push(JSON.parse(decryptPii(this.pii, s)) as IdentityRecord);
    return { records, membersOf };
  }

  /**
   * The lead's existence, the tenant's OneID epoch, the OneID candidates (as candidates()) and the
   * stored operator actions touching them, in one round trip. Lua reads keys it does not declare;
   * fine on the single-node Redis this runs on (identity-service.ts CAS_LUA does the same).
   */
  async preload(t: string, leadId: string, indexKeys: string[], epochKey: string, actionsOfPrefix: string, actionsKey: string): Promise<Preloaded> {
    const res = (await this.redis.eval(PRELOAD_LUA, 2 + indexKeys.length, leadKeys.lead(t, leadId), epochKey, ...indexKeys.map((k) => leadKeys.index(t, k)),
      leadId, leadKeys.identityOf(t, ''), leadKeys.members(t, ''), leadKeys.record(t, ''), actionsOfPrefix, actionsKey)) as [number, string | null, string[], string[], string[], (string | null)[]];
    const [exists, epoch, flat, ids, sealed, actions] = res;
    const membersOf = new Map<string, string[]>();
    for (let i = 0; i < flat.length;) {
      const n = Number(flat[i + 1]);
      membersOf.set(flat[i]!, flat.slice(i + 2, i + 2 + n));
      i += 2 + n;
    }
    return {
      exists: exists === 1, epoch: epoch ?? null, membersOf,
      records: sealed.map((s) => JSON.parse(decryptPii(this.pii, s)) as IdentityRecord),
      actions: actions.filter((x): x is string => !!x), actionIds: [leadId, ...ids],
    };
  }

  protect(d: LeadData): Pick<StoredLead, 'phone_hash' | 'phone_enc' | 'phone_masked' | 'email_hash' | 'email_enc' | 'email_masked'> {
    return {
      phone_hash: d.phone ? hashPii(this.pii, d.phone) : '', phone_enc: d.phone ? encryptPii(this.pii, d.phone) : '', phone_masked: d.phone ? maskPhone(d.phone) : '',
      email_hash: d.email ? hashPii(this.pii, emailMatchKey(d.email)) : '', email_enc: d.email ? encryptPii(this.pii, d.email) : '', email_masked: d.email ? maskEmail(d.email) : '',
    };
  }

  /**
   * FAQ Q2 shared numbers: the names seen with a mobile are kept as a set of hashes; the new
   * record's name is added first, so a second name marks the number shared before OneID runs.
   */
  async isSharedMobile(t: string, mobile: string, name: string | null | undefined): Promise<boolean> {
    const key = leadKeys.mobileNames(t, hashPii(this.pii, `mobile:${mobile}`));
    if (!name) return (await this.redis.scard(key)) > 1;
    // SADD and SCARD in one MULTI: one round trip, and no other writer between them.
    const res = await this.redis.multi().sadd(key, hashPii(this.pii, `name:${normaliseName(name)}`)).scard(key).exec();
    const failed = res?.find(([err]) => err);
    if (!res || failed) throw new Error(`shared mobile check failed: ${failed?.[0]?.message ?? 'transaction aborted'}`);
    return Number(res[1]![1]) > 1;
  }

  async roundRobinTicket(t: string, counterKey: string): Promise<number> {
    return (await this.redis.incr(leadKeys.roundRobin(t, counterKey))) - 1;
  }

  /** Stores a processed lead and acknowledges its stream entry in one MULTI. */
  async commit(p: ProcessedLead, ack: { stream: string; id: string }): Promise<void> {
    const { lead } = p;
    const t = lead.tenant_id;
    const m = this.redis.multi();
    m.hset(leadKeys.lead(t, lead.lead_id), 'doc', JSON.stringify(lead), 'version', String(lead.version));
    m.zadd(leadKeys.byTime(t), lead.created_at, lead.lead_id);
    m.set(leadKeys.record(t, lead.lead_id), encryptPii(this.pii, JSON.stringify(p.record)));
    for (const k of p.indexKeys) m.sadd(leadKeys.index(t, k), lead.lead_id);
    // Re-derive every touched identity from the graph over all its records (README: identity ids
    // are re-derived when records change): covers a match, a merge and a split by a shared number.
    for (const old of p.touchedIdentities) m.del(leadKeys.members(t, old));
    const byIdentity = new Map<string, string[]>();
    for (const [rec, ident] of p.identityOfRecord) {
      m.set(leadKeys.identityOf(t, rec), ident);
      byIdentity.set(ident, [...(byIdentity.get(ident) ?? []), rec]);
    }
    for (const [ident, recs] of byIdentity) m.sadd(leadKeys.members(t, ident), ...recs);
    this.appendRows(m, lead, p.identity);
    for (const f of p.stageFailures) appendDeadLetter(m, { tenant: t, stream: ack.stream, id: ack.id, lead: lead.lead_id, stage: f.stage, reason: f.reason });
    if (p.externalKey) m.set(p.externalKey, lead.lead_id);
    syncOpenLead(m, lead);
    m.xack(ack.stream, leadKeys.group(), ack.id);
    const res = await m.exec();
    const failed = res?.find(([err]) => err);
    if (!res || failed) throw new Error(`lead commit failed: ${failed?.[0]?.message ?? 'transaction aborted'}`);
  }

  /** A new version of an existing lead (assignment): compare-and-set on version, rows appended in the same step. */
  async update(lead: StoredLead, expectedVersion: number, extraLog: LeadLogEntry[]): Promise<boolean> {
    const now = Date.now();
    const feed = [
      ...entityFeedFields('dwdLead', this.leadRow(lead), now, this.writer),
      ...extraLog.flatMap((e, i) => entityFeedFields('leadProcessingLog', this.logRow(lead, e, lead.log.length - extraLog.length + i), now, this.writer)),
    ];
    const ok = await this.redis.eval(UPDATE_LUA, 2, leadKeys.lead(lead.tenant_id, lead.lead_id), this.entityStream,
      String(expectedVersion), String(lead.version), JSON.stringify(lead), ...feed);
    if (ok === 1) await syncOpenLead(this.redis, lead);
    return ok === 1;
  }

  async deadLetter(entry: { stream: string; id: string; tenant: string; fields: Record<string, string> }, reason: string, stage = 'ingest'): Promise<void> {
    const m = this.redis.multi();
    appendDeadLetter(m, { tenant: entry.tenant, stream: entry.stream, id: entry.id, stage, reason, fields: entry.fields, ...(entry.fields.lead ? { lead: entry.fields.lead } : {}) });
    await m.xack(entry.stream, leadKeys.group(), entry.id).exec();
  }

  leadRow(l: StoredLead): DwdLeadRow {
    return {
      tenant_id: l.tenant_id, lead_id: l.lead_id, identity_id: l.identity_id, scene_config_id: l.scene_config_id, scene_type: l.scene_type,
      source_channel_id: l.source_channel_id ?? '', external_lead_id: l.external_lead_id ?? '', status: l.status,
      phone_hash: l.phone_hash, phone_enc: l.phone_enc, phone_masked: l.phone_masked, email_hash: l.email_hash, email_masked: l.email_masked,
      lead_data: JSON.stringify(l.lead_data), tags: l.tags, assigned_to_user_id: l.assigned_to_user_id ?? '',
      assignment_time: l.assignment_time === null ? null : toDateTime64(l.assignment_time),
      created_at: toDateTime64(l.created_at), updated_at: toDateTime64(l.updated_at), version: l.version,
    };
  }

  private logRow(l: StoredLead, e: LeadLogEntry, seq: number): LeadProcessingLogRow {
    return { tenant_id: l.tenant_id, lead_id: l.lead_id, seq, stage: e.stage, outcome: e.outcome, detail: e.detail.slice(0, 4000), at: toDateTime64(e.at) };
  }

  private appendRows(m: ReturnType<Redis['multi']>, l: StoredLead, identity: ResolveDecision | null): void {
    const now = Date.now();
    m.xadd(this.entityStream, '*', ...entityFeedFields('dwdLead', this.leadRow(l), now, this.writer));
    for (const link of identity?.links ?? []) {
      const row: LeadIdentityLinkRow = {
        tenant_id: l.tenant_id, identity_id: l.identity_id, from_record: link.from, to_record: link.to, identifier: link.identifier.kind,
        value_hash: hashPii(this.pii, `${link.identifier.kind}:${link.identifier.value}`), weight: link.weight, source: link.source, linked_at: toDateTime64(link.at),
      };
      m.xadd(this.entityStream, '*', ...entityFeedFields('leadIdentityLink', row, now, this.writer));
    }
    l.log.forEach((e, i) => m.xadd(this.entityStream, '*', ...entityFeedFields('leadProcessingLog', this.logRow(l, e, i), now, this.writer)));
  }
}
