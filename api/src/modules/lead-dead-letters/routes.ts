// /api/v1/leads/dead-letters (issue 5 item 9): what the lead pipeline could not process, per
// tenant, newest first; the raw payload masked unless pii:view; replay (one, or many by filter)
// re-enqueues the original entry with its original lead id, so however often or concurrently it
// is replayed there is at most one lead; discard deletes one. Every call is audited.
import type { FastifyPluginAsync } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ApiDeps } from '../../deps.js';
import { ApiError, notFound } from '../../errors.js';
import type { Principal } from '../../../../common/access/resolve-principal.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, isoDateTime, pageOf, toPage } from '../../http/schemas.js';
import { message } from '../../i18n/messages.js';
import { ENTRY_STAGES, LEAD_STAGES, planReplay, presentDeadLetter, type DeadLetter } from '../../leads/dead-letters/dead-letter.js';
import { DeadLetterStore, type DeadLetterFilter } from '../../leads/dead-letters/dead-letter-store.js';
import { maskText } from '../../leads/dead-letters/payload-mask.js';
import { openIngestBody } from '../../leads/pipeline/ingest-body.js';

const DL_ID = { type: 'string', pattern: '^[0-9]{1,20}-[0-9]{1,20}$', maxLength: 41 };
const ID_PARAM = { type: 'object', required: ['id'], properties: { id: DL_ID } };
const STAGE = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z_]+$', description: `${[...ENTRY_STAGES, ...LEAD_STAGES].join(', ')}, or another stage's name` };
const item = { type: 'object', additionalProperties: true };
/** A bulk replay touches at most this many dead letters; the response says how many matched. */
export const BULK_REPLAY_MAX = 500;

interface ListQuery { page: number; size: number; stage?: string; from?: string; to?: string; status?: 'PENDING' | 'REPLAYED' }

interface DeadLetterMetrics { actions: Counter<'stage' | 'action' | 'outcome'> }

/** One set per registry: the gauge reads the pending counts every scrape, so every API instance reports the same cross-tenant numbers. */
function metricsFor(registry: Registry, store: DeadLetterStore): DeadLetterMetrics {
  const existing = registry.getSingleMetric('cunke_lead_dead_letter_actions_total') as Counter<'stage' | 'action' | 'outcome'> | undefined;
  if (existing) return { actions: existing };
  new Gauge({
    name: 'cunke_lead_dead_letters_pending', help: 'Lead pipeline dead letters neither replayed nor discarded, by stage (all tenants).', labelNames: ['stage'], registers: [registry],
    async collect() {
      this.reset();
      for (const [stage, n] of Object.entries(await store.pendingByStage())) this.set({ stage }, n);
    },
  });
  return { actions: new Counter({ name: 'cunke_lead_dead_letter_actions_total', help: 'Replays and discards of lead dead letters by stage and outcome.', labelNames: ['stage', 'action', 'outcome'], registers: [registry] }) };
}

export const leadDeadLetterRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const store = new DeadLetterStore(deps.redis);
  const metrics = metricsFor(deps.registry, store);
  const region = deps.config.phoneDefaultRegion;
  const open = (stored: string) => openIngestBody(deps.pii, stored);
  const canSee = (p: Principal) => p.permissions.has('pii:view');

  const load = async (tenant: string, id: string): Promise<DeadLetter> => {
    const d = await store.get(tenant, id);
    if (!d) throw notFound('dead letter');
    return d;
  };

  type Outcome = { ok: true; leadId: string } | { ok: false; already: true; leadId: string } | { ok: false; already: false; rule: string; message: string };
  const replayOne = async (d: DeadLetter, by: string): Promise<Outcome> => {
    if (d.replayed) return { ok: false, already: true, leadId: d.replayed.leadId };
    const plan = planReplay(d);
    if (plan.kind === 'refuse') {
      metrics.actions.inc({ stage: d.stage, action: 'replay', outcome: 'refused' });
      return { ok: false, already: false, rule: plan.rule, message: plan.message };
    }
    const won = await store.replay(d, plan, { at: Date.now(), by, leadId: plan.leadId });
    metrics.actions.inc({ stage: d.stage, action: 'replay', outcome: won ? 'replayed' : 'already' });
    return won ? { ok: true, leadId: plan.leadId } : { ok: false, already: true, leadId: plan.leadId };
  };

  app.get<{ Querystring: ListQuery }>('/leads/dead-letters', {
    config: { permissions: ['lead:deadletter:view'], audit: { action: 'lead.deadletter.list', resourceType: 'lead_dead_letter' } },
    schema: {
      tags: ['leads'], summary: 'Dead letters of the lead pipeline, newest first (payload masked unless pii:view)',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 }, size: { type: 'integer', minimum: 1, maximum: 200, default: 10 },
          stage: STAGE, from: isoDateTime, to: isoDateTime, status: { type: 'string', enum: ['PENDING', 'REPLAYED'] },
        },
      },
      response: { 200: envelope(pageOf(item)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const q = request.query;
    if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) {
      throw new ApiError('VALIDATION_FAILED', [{ field: 'query.from', rule: 'order', message: 'from must not be after to' }]);
    }
    const all = await store.list(p.tenantId, filterOf(q));
    const page = all.slice((q.page - 1) * q.size, q.page * q.size);
    return reply.ok(toPage(page.map((d) => presentDeadLetter(d, canSee(p), region, open)), all.length, q));
  });

  app.get<{ Params: { id: string } }>('/leads/dead-letters/:id', {
    config: { permissions: ['lead:deadletter:view'], audit: { action: 'lead.deadletter.view', resourceType: 'lead_dead_letter', resourceParam: 'id' } },
    schema: { tags: ['leads'], summary: 'One dead letter', params: ID_PARAM, response: { 200: envelope(item), ...errorResponses(404) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    return reply.ok(presentDeadLetter(await load(p.tenantId, request.params.id), canSee(p), region, open));
  });

  app.post<{ Params: { id: string } }>('/leads/dead-letters/:id/replay', {
    config: { permissions: ['lead:deadletter:manage'], audit: { action: 'lead.deadletter.replay', resourceType: 'lead_dead_letter', resourceParam: 'id' } },
    schema: {
      tags: ['leads'], summary: 'Re-enqueue a dead letter\'s original entry (same lead id: at most one lead however often it is replayed)', params: ID_PARAM,
      response: { 202: envelope({ type: 'object', properties: { id: { type: 'string' }, lead_id: { type: 'string' }, status: { type: 'string' } } }), ...errorResponses(404, 409, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const d = await load(p.tenantId, request.params.id);
    const r = await replayOne(d, p.userId);
    if (!r.ok && r.already) throw new ApiError('DEAD_LETTER_ALREADY_REPLAYED', [], `dead letter ${d.id} was already replayed as lead ${r.leadId}`);
    if (!r.ok) throw new ApiError('VALIDATION_FAILED', [{ field: 'params.id', rule: r.rule, message: r.message }]);
    request.auditDetail = `lead ${r.leadId}`;
    return reply.code(202).send({ code: 202, message: message('ok', request.lang), data: { id: d.id, lead_id: r.leadId, status: 'REPLAYED' } });
  });

  app.post<{ Body: { stage?: string; ids?: string[]; from?: string; to?: string } }>('/leads/dead-letters/replay', {
    config: { permissions: ['lead:deadletter:manage'], audit: { action: 'lead.deadletter.replay-bulk', resourceType: 'lead_dead_letter' } },
    schema: {
      tags: ['leads'], summary: `Replay the pending dead letters matching a filter (at most ${BULK_REPLAY_MAX}); counts by outcome`,
      body: {
        type: 'object', additionalProperties: false, minProperties: 1,
        properties: { stage: STAGE, ids: { type: 'array', minItems: 1, maxItems: BULK_REPLAY_MAX, uniqueItems: true, items: DL_ID }, from: isoDateTime, to: isoDateTime },
      },
      response: { 200: envelope({ type: 'object', additionalProperties: true }), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const b = request.body;
    // Without ids only pending ones: replayed dead letters must not use up the limit of a filter replay.
    const matched = await store.list(p.tenantId, { ...filterOf(b), ...(b.ids ? { ids: b.ids } : { status: 'PENDING' as const }) });
    const counts = { matched: matched.length, replayed: 0, already_replayed: 0, not_replayable: 0, not_found: b.ids ? b.ids.length - matched.length : 0, skipped_over_limit: Math.max(0, matched.length - BULK_REPLAY_MAX) };
    const refused: { id: string; rule: string; message: string }[] = [];
    const leadIds: string[] = [];
    for (const d of matched.slice(0, BULK_REPLAY_MAX)) {
      const r = await replayOne(d, p.userId);
      if (r.ok) {
        counts.replayed++;
        leadIds.push(r.leadId);
      } else if (r.already) counts.already_replayed++;
      else {
        counts.not_replayable++;
        if (refused.length < 20) refused.push({ id: d.id, rule: r.rule, message: r.message });
      }
    }
    request.auditDetail = `replayed ${counts.replayed} of ${counts.matched}${b.stage ? ` stage ${b.stage}` : ''}`;
    return reply.ok({ ...counts, lead_ids: leadIds, refused });
  });

  app.delete<{ Params: { id: string } }>('/leads/dead-letters/:id', {
    config: { permissions: ['lead:deadletter:manage'], audit: { action: 'lead.deadletter.discard', resourceType: 'lead_dead_letter', resourceParam: 'id' } },
    schema: { tags: ['leads'], summary: 'Discard a dead letter', params: ID_PARAM, response: { 200: envelope(item), ...errorResponses(404) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const d = await load(p.tenantId, request.params.id);
    if (!(await store.discard(d))) throw notFound('dead letter');
    metrics.actions.inc({ stage: d.stage, action: 'discard', outcome: 'discarded' });
    request.auditDetail = `${d.stage}: ${maskText(d.reason, region).slice(0, 200)}`;
    return reply.ok({ id: d.id, stage: d.stage, status: 'DISCARDED' });
  });
};

function filterOf(q: { stage?: string; from?: string; to?: string; status?: 'PENDING' | 'REPLAYED' }): DeadLetterFilter {
  return {
    ...(q.stage ? { stage: q.stage } : {}), ...(q.from ? { from: Date.parse(q.from) } : {}), ...(q.to ? { to: Date.parse(q.to) } : {}), ...(q.status ? { status: q.status } : {}),
  };
}
