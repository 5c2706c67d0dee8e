// The lead pipeline worker (spec 000 §七.1): reads the ingest stream and the analysis hand-off
// stream (cunke:leads:signals) with one consumer group, runs planLead (map → normalise → OneID →
// tags → assignment), stores the lead and acknowledges the entry in one MULTI. An entry whose
// processing throws goes to the dead-letter stream with the reason, and is acknowledged then.
// Restart safe: entries this consumer had read but not acknowledged are re-read first, and a
// lead that already exists is only acknowledged (its MULTI had committed).
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { leadSignalKeys } from '../../../../common/call-tasks/model.js';
import type { Logger } from '../../../../common/logger.js';
import { decryptPii, type PiiKeys } from '../../../../common/pii.js';
import { applyTicket, type Assignee, type AssignmentDecision } from '../domain/assignment.js';
import type { SceneType } from '../domain/lead.js';
import { applyMapping, type DataMappingRules } from '../domain/mapping.js';
import { buildIdentityGraph, type OneIdOptions } from '../domain/oneid.js';
import { identityRecordOf, planLead } from '../domain/plan-lead.js';
import { compileTagRules } from '../domain/tag-rules.js';
import type { GeoIpDb } from '../enrich/geoip-db.js';
import { withIpRegion } from '../enrich/ip-region.js';
import { OneIdRaceError, oneIdKeys, PipelineOneId, recordIdentityReviews } from '../identity/identity-store.js';
import type { CachedScene, SceneCache } from '../scenes/scene-cache.js';
import { openIngestBody } from './ingest-body.js';
import { identifierKeys, leadKeys, type LeadStore, type StoredLead } from './lead-store.js';
import { claimExternalId, noteDuplicate } from './external-id.js';
import { preassignedFrom } from './preassigned.js';

/** Fields of an ingest stream entry (POST /leads/ingestions). */
export interface IngestFields {
  t: string;
  lead: string;
  scene: string;
  src: string;
  ext: string;
  body: string;
  at: string;
  /** An owner already chosen by the SIP ingress (preassigned.ts); optional. */
  assign?: string;
}

/** Used for analysis signals when the tenant has no enabled PHONE_CALL scene. */
const DEFAULT_CALL_MAPPING: DataMappingRules = {
  fields: [
    { target: 'phone', source: 'phone', type: 'phone' },
    { target: 'custom.call_id', source: 'call_id' }, { target: 'custom.task_id', source: 'task_id' },
    { target: 'custom.intention', source: 'intention' }, { target: 'custom.intention_score', source: 'score', type: 'number' },
  ],
};

export class LeadProcessingError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
    this.name = 'LeadProcessingError';
  }
}

export interface PipelineDeps {
  redis: Redis;
  store: LeadStore;
  cache: SceneCache;
  pii: PiiKeys;
  log: Logger;
  /** Users of the tenant by id, for assignment eligibility; unknown ids are left out. */
  users: (tenantId: string, ids: readonly string[]) => Promise<Assignee[]>;
  consumer: string;
  defaultRegion: string;
  /** Local IP → region database (GEOIP_CSV_PATH); absent: no IP enrichment. */
  geoIp?: GeoIpDb | null;
  now?: () => number;
}

const CLAIM_EVERY_MS = 30_000;
const CLAIM_IDLE_MS = 60_000;
const MAX_DELIVERIES = 3;
const RACE_RETRIES = 5;

const fieldsOf = (raw: string[]): Record<string, string> => {
  const o: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) o[raw[i]!] = raw[i + 1]!;
  return o;
};

export class LeadPipeline {
  private stopped = false;
  private reader: Redis | null = null;
  private loop: Promise<void> | null = null;
  private readonly now: () => number;
  private lastClaim = 0;

  constructor(private readonly d: PipelineDeps) {
    this.now = d.now ?? Date.now;
  }

  async start(): Promise<void> {
    for (const stream of [leadKeys.ingest(), leadSignalKeys.stream()]) {
      try {
        await this.d.redis.xgroup('CREATE', stream, leadKeys.group(), '0', 'MKSTREAM');
      } catch (err) {
        if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
      }
    }
    this.reader = this.d.redis.duplicate();
    this.reader.on('error', (err: Error) => this.d.log.warn({ err: err.message }, 'lead pipeline reader error'));
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.reader?.disconnect();
    await this.loop?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    // First our own pending entries (read before a crash, never acknowledged), then new ones.
    let cursor = '0';
    while (!this.stopped) {
      let res: [string, [string, string[]][]][] | null;
      try {
        res = (await this.reader!.xreadgroup('GROUP', leadKeys.group(), this.d.consumer, 'COUNT', 32, 'BLOCK', 1000,
          'STREAMS', leadKeys.ingest(), leadSignalKeys.stream(), cursor, cursor)) as [string, [string, string[]][]][] | null;
      } catch (err) {
        if (this.stopped) return;
        this.d.log.warn({ err: (err as Error).message }, 'lead pipeline read failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      let got = 0;
      for (const [stream, entries] of res ?? []) {
        for (const [id, raw] of entries) {
          got++;
          await this.handle(stream, id, fieldsOf(raw ?? []));
        }
      }
      if (cursor === '0' && got === 0) cursor = '>';
      if (cursor === '>' && this.now() - this.lastClaim > CLAIM_EVERY_MS) await this.claimAbandoned();
    }
  }

  /** Entries another consumer read and never acknowledged (it crashed and did not come back). */
  private async claimAbandoned(): Promise<void> {
    this.lastClaim = this.now();
    for (const stream of [leadKeys.ingest(), leadSignalKeys.stream()]) {
      try {
        const res = (await this.d.redis.xautoclaim(stream, leadKeys.group(), this.d.consumer, CLAIM_IDLE_MS, '0-0', 'COUNT', 32)) as [string, [string, string[] | null][]];
        for (const [id, raw] of res[1] ?? []) if (raw) await this.handle(stream, id, fieldsOf(raw));
      } catch (err) {
        this.d.log.warn({ stream, err: (err as Error).message }, 'claiming abandoned lead entries failed');
      }
    }
  }

  /** An operator's merge/unmerge landed while the lead was planned: plan again at once with the new graph. */
  private async processOnce(stream: string, id: string, f: Record<string, string>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (stream === leadSignalKeys.stream()) await this.processSignal(id, f);
        else await this.processIngest(stream, id, f as unknown as IngestFields);
        return;
      } catch (err) {
        if (!(err instanceof OneIdRaceError) || attempt >= RACE_RETRIES) throw err;
      }
    }
  }

  private async handle(stream: string, id: string, f: Record<string, string>): Promise<void> {
    const tenant = f.t ?? f.tenantId ?? '';
    try {
      await this.processOnce(stream, id, f);
    } catch (err) {
      // An unexpected error (Redis blip, failed MULTI) may pass: the entry stays pending and is
      // claimed again after CLAIM_IDLE_MS; only after MAX_DELIVERIES attempts is it dead-lettered.
      if (!(err instanceof LeadProcessingError) && (await this.deliveries(stream, id)) < MAX_DELIVERIES) {
        this.d.log.warn({ stream, id, tenantId: tenant, err: (err as Error).message }, 'lead entry failed; left pending for a retry');
        return;
      }
      const reason = err instanceof LeadProcessingError ? `${err.reason}: ${err.message}` : `error: ${(err as Error).message}`;
      this.d.log.warn({ stream, id, tenantId: tenant, reason }, 'lead entry dead-lettered');
      try {
        const signal = stream === leadSignalKeys.stream();
        await this.d.store.deadLetter({ stream, id, tenant, fields: signal ? { ...f, phoneEnc: '' } : f }, reason, signal ? 'signal' : 'ingest');
      } catch (e) {
        // Left pending: this consumer re-reads it after a restart.
        this.d.log.error({ stream, id, err: (e as Error).message }, 'could not dead-letter a lead entry');
      }
    }
  }

  private async deliveries(stream: string, id: string): Promise<number> {
    try {
      const res = (await this.d.redis.xpending(stream, leadKeys.group(), id, id, 1)) as [string, string, number, number][];
      return Number(res[0]?.[3] ?? MAX_DELIVERIES);
    } catch {
      return 0;
    }
  }

  private async processSignal(id: string, f: Record<string, string>): Promise<void> {
    const t = f.tenantId ?? '';
    if (!t) throw new LeadProcessingError('invalid_signal', 'no tenantId');
    if (!f.phoneEnc) throw new LeadProcessingError('invalid_signal', 'signal carries no phone number');
    const phone = decryptPii(this.d.pii, f.phoneEnc);
    const at = Number(f.at) || this.now();
    // One lead per analysed call, whatever the redeliveries: the id derives from the call.
    const leadId = `ld_${at.toString(36).padStart(9, '0')}${createHash('sha256').update(`${t}\n${f.callId ?? id}`).digest('hex').slice(0, 10)}`;
    const cached = await this.d.cache.byType(t, 'PHONE_CALL');
    const scene: CachedScene = cached ?? {
      compiledTags: compileTagRules([]).rules,
      scene: {
        tenant_id: t, scene_config_id: '', scene_name: 'call analysis', scene_type: 'PHONE_CALL', is_enabled: true, source_channel_default_id: null,
        scene_specific_params: null, data_mapping_rules: DEFAULT_CALL_MAPPING, auto_tagging_rules: null, assignment_rules: null,
        auto_response_config: null, deduplication_strategy: null, created_at: at, updated_at: at, version: 0,
      },
    };
    const payload = { phone, call_id: f.callId, task_id: f.taskId, recording_id: f.recordingId, intention: f.intention, score: Number(f.score) };
    await this.process({ stream: leadSignalKeys.stream(), id }, t, leadId, scene, payload, 'CALL_ANALYSIS', f.callId || null, at);
  }

  private async processIngest(stream: string, id: string, f: IngestFields): Promise<void> {
    if (!f.t || !f.lead) throw new LeadProcessingError('invalid_entry', 'missing tenant or lead id');
    const scene = await this.d.cache.byId(f.t, f.scene);
    if (!scene) throw new LeadProcessingError('scene_not_found', `scene ${f.scene} no longer exists`);
    let payload: unknown;
    try {
      payload = JSON.parse(openIngestBody(this.d.pii, f.body));
    } catch {
      throw new LeadProcessingError('invalid_entry', 'body is not JSON');
    }
    // external_lead_id dedupe (external-id.ts): a resend of a stored lead is skipped and noted on it.
    const claim = f.ext ? await claimExternalId(this.d.redis, this.d.store, this.d.pii, f.t, f.scene, f.ext, f.lead) : null;
    if (claim?.kind === 'in_flight') throw new Error(`external_lead_id is being processed as lead ${claim.leadId}`);
    if (claim?.kind === 'duplicate') {
      if (!(await noteDuplicate(this.d.store, f.t, claim.leadId, id, this.now()))) this.d.log.warn({ tenantId: f.t, leadId: claim.leadId }, 'could not log a duplicate external_lead_id');
      await this.d.redis.xack(stream, leadKeys.group(), id);
      return;
    }
    await this.process({ stream, id }, f.t, f.lead, scene, payload, f.src || scene.scene.scene_type, f.ext || null, Number(f.at) || this.now(), preassignedFrom(f.assign), claim?.key ?? null);
  }

  private async process(ack: { stream: string; id: string }, t: string, leadId: string, cached: CachedScene, payload: unknown, source: string, externalId: string | null, receivedAt: number, preassigned: AssignmentDecision | null = null, externalKey: string | null = null): Promise<void> {
    const { scene, compiledTags } = cached;
    const now = this.now();
    // Mapped once here for the identifiers the index is searched by; planLead maps again (pure, cheap).
    let prepared: { mapped: ReturnType<typeof applyMapping>; probe: ReturnType<typeof identityRecordOf>; indexKeys: string[] };
    try {
      const mapped = scene.data_mapping_rules ? applyMapping(scene.data_mapping_rules, payload, { defaultRegion: this.d.defaultRegion }) : { lead_data: {}, errors: [], junk: [] };
      const probe = identityRecordOf(leadId, mapped.lead_data, source, now, scene.deduplication_strategy);
      prepared = { mapped, probe, indexKeys: identifierKeys(this.d.pii, probe, new Set(mapped.junk.map((j) => j.field))) };
    } catch (err) {
      // Mapping now runs before the existence check: a stored lead is still only acknowledged.
      if (await this.d.store.exists(t, leadId)) return void (await this.d.redis.xack(ack.stream, leadKeys.group(), ack.id));
      throw err;
    }
    const { mapped, probe, indexKeys } = prepared;
    const junkPhone = mapped.junk.some((j) => j.field === 'phone');
    // One round trip for every read before planning (bench:leads): existence, OneID epoch, candidates
    // and operator actions in one Lua step; the shared-mobile MULTI and the assignees do not depend
    // on those. For a redelivered stored lead they are wasted: its name is already in the set (SADD
    // is idempotent) and the assignees are only read.
    const [pre, sharedRes, usersRes] = await Promise.allSettled([
      this.d.store.preload(t, leadId, indexKeys, oneIdKeys.epoch(t), oneIdKeys.actionsOf(t, ''), oneIdKeys.actions(t)),
      probe.mobile && !junkPhone ? this.d.store.isSharedMobile(t, probe.mobile, probe.name) : Promise.resolve(false),
      scene.assignment_rules ? this.d.users(t, scene.assignment_rules.pool) : Promise.resolve([] as Assignee[]),
    ]);
    if (pre.status === 'rejected') throw pre.reason;
    if (pre.value.exists) {
      await this.d.redis.xack(ack.stream, leadKeys.group(), ack.id);
      return;
    }
    if (sharedRes.status === 'rejected') throw sharedRes.reason;
    if (usersRes.status === 'rejected') throw usersRes.reason;
    const operatorOneId = PipelineOneId.at(this.d.redis, t, pre.value.epoch);
    const { records, membersOf } = pre.value;
    const users = usersRes.value;
    const shared = probe.mobile && sharedRes.value ? new Set([probe.mobile]) : undefined;
    // The operator's manual links and separations (identity/identity-store.ts) so a new lead never re-merges what a person split.
    const oneId: OneIdOptions = { ...(shared ? { sharedMobiles: shared } : {}), ...(await operatorOneId.optionsPreloaded([leadId, ...records.map((r) => r.record_id)], pre.value.actionIds, pre.value.actions)) };
    const plan = planLead({
      lead_id: leadId, payload, source,
      scene: { scene_config_id: scene.scene_config_id, scene_type: scene.scene_type as SceneType, source_channel_default_id: scene.source_channel_default_id, deduplication_strategy: scene.deduplication_strategy, data_mapping_rules: scene.data_mapping_rules, assignment_rules: scene.assignment_rules },
      compiledTags, candidates: records, oneId, users, ctx: { now, rng: Math.random }, defaultRegion: this.d.defaultRegion, ...(this.d.geoIp ? { enrich: withIpRegion.bind(null, this.d.geoIp) } : {}),
    });
    let assignment = preassigned ?? plan.assignment;
    // The round-robin INCR and the epoch check in one round trip; only pure work lies between the
    // check and the commit. A failed check after the INCR burns a ticket, as it did before.
    const needsTicket = assignment?.kind === 'needs_ticket' ? assignment : null;
    const [ticket] = await Promise.all([needsTicket ? this.d.store.roundRobinTicket(t, needsTicket.counter_key) : Promise.resolve(0), operatorOneId.check()]);
    // The INCR is what keeps round robin fair across processes and restarts.
    if (needsTicket) assignment = applyTicket(needsTicket, ticket, users);
    const assigned = assignment?.kind === 'assigned' ? assignment.user_id : null;
    const { phone: _p, email: _e, ...rest } = plan.lead_data;
    const lead: StoredLead = {
      tenant_id: t, lead_id: leadId, identity_id: plan.identity?.identity_id ?? leadId, scene_config_id: scene.scene_config_id, scene_type: scene.scene_type,
      source, source_channel_id: scene.source_channel_default_id, external_lead_id: externalId,
      status: assigned ? 'ASSIGNED' : 'NEW', lead_data: rest, ...this.d.store.protect(plan.lead_data), tags: plan.tagging.tags,
      assigned_to_user_id: assigned, assignment_time: assigned ? now : null,
      identity: plan.identity ? { kind: plan.identity.kind, matched_by: plan.identity.matched_by ? `${plan.identity.matched_by.kind} (${plan.identity.matched_by.weight})` : null, suggestions: plan.identity.suggestions.length, conflicts: plan.identity.conflicts.length } : null,
      log: plan.log.map((e) => (e.stage === 'assignment' && assignment && assignment.kind !== 'needs_ticket'
        ? { ...e, outcome: assignment.kind === 'assigned' || assignment.kind === 'queued' ? 'ok' as const : 'failed' as const, detail: assignment.kind === 'assigned' ? `${assignment.user_id} by ${assignment.strategy}` : assignment.kind === 'queued' ? `queued ${assignment.queue}` : assignment.reason }
        : e)),
      created_at: receivedAt, updated_at: now, version: 1,
    };
    const stageFailures = [
      ...plan.tagging.errors.map((e) => ({ stage: 'tagging', reason: `rule ${e.ruleId}: ${e.error}` })),
      ...plan.log.filter((e) => e.stage === 'identity' && e.outcome === 'failed').map((e) => ({ stage: 'identity', reason: e.detail })),
    ];
    if (stageFailures.length) this.d.log.warn({ tenantId: t, leadId, stageFailures }, 'lead stages failed; the lead went on');
    const record = plan.identity_record ?? probe;
    const identityOfRecord = new Map<string, string>([[leadId, lead.identity_id]]);
    if (plan.identity) {
      const graph = buildIdentityGraph([...records, record], oneId);
      for (const r of records) identityOfRecord.set(r.record_id, graph.clusterOf.get(r.record_id) ?? r.record_id);
    }
    await this.d.store.commit({ lead, record, indexKeys, identity: plan.identity, touchedIdentities: plan.identity ? [...membersOf.keys()] : [], identityOfRecord, stageFailures, externalKey }, ack);
    // After the commit: the lead is stored either way; a lost review item is logged, not retried.
    await recordIdentityReviews(this.d.redis, this.d.pii, t, leadId, plan.identity, oneId, now)
      .catch((err: Error) => this.d.log.warn({ tenantId: t, leadId, err: err.message }, 'could not queue OneID reviews'));
  }
}
