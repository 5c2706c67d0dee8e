// OneID over the API (issue 5 item 4; spec 003 §2.3.2, §5.1, FAQ Q1-Q3): a lead's identity with
// its links, why two leads are (not) one person, merge preview, manual merge and unmerge, and the
// review queue of suggestions (name+company below the auto-merge threshold) and conflicts.
// Lead ids in the path that are not the caller tenant's are 404; lead ids in a body that do not
// exist in the tenant are a 422 field error (the same answer for another tenant's ids, so nothing
// about other tenants leaks).
import { hostname } from 'node:os';
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../../deps.js';
import { ApiError, notFound, type FieldError } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, pageOf, toPage } from '../../http/schemas.js';
import { IdentityLockedError, pendingReviews } from '../../leads/identity/identity-store.js';
import { IdentityService, IdentityServiceError } from '../../leads/identity/identity-service.js';
import { IdentityOperationError } from '../../leads/domain/oneid.js';
import { leadRuntime } from '../../leads/runtime.js';
import { presentLink, presentMember, presentProfile, presentReview, presentWhy } from './present.js';

/** A merge joins two identities; more ids would make one operator click rewrite many people at once. */
export const MAX_MERGE_IDS = 2;
const LEAD_ID = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' };
const ID_PARAM = { type: 'object', required: ['leadId'], properties: { leadId: LEAD_ID } };
const anyObject = { type: 'object', additionalProperties: true };
const REASON = { type: 'string', minLength: 1, maxLength: 2000 };

function mapError(e: unknown): never {
  if (e instanceof IdentityServiceError) {
    if (e.kind === 'not_found') throw notFound('lead');
    if (e.kind === 'conflict') throw new ApiError('CONFLICT', [], e.message);
    throw new ApiError('VALIDATION_FAILED', [{ field: e.field ?? 'body', rule: 'identity', message: e.message }]);
  }
  if (e instanceof IdentityLockedError) throw new ApiError('CONFLICT', [], e.message);
  if (e instanceof IdentityOperationError) {
    if (e.code === 'MERGE_BLOCKED' || e.code === 'SAME_IDENTITY') throw new ApiError('CONFLICT', [], e.message);
    throw new ApiError('VALIDATION_FAILED', [{ field: 'body', rule: e.code.toLowerCase(), message: e.message }]);
  }
  throw e;
}

export const leadIdentityRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const rt = leadRuntime(deps);
  await rt.started;
  const svc = new IdentityService(deps.redis, deps.pii, rt.leads, rt.cache, `api-${hostname()}`, deps.log.child({ stage: 'oneid' }));
  const hash = (kind: string, value: string) => svc.hashValue(kind, value);

  /** Body lead ids: two distinct ids of this tenant, else 422 naming each bad one. */
  const checkIds = async (tenant: string, ids: readonly string[], field: string): Promise<void> => {
    const errors: FieldError[] = [];
    if (new Set(ids).size !== ids.length) errors.push({ field, rule: 'distinct', message: 'a lead cannot be merged with itself' });
    for (const [i, id] of ids.entries()) if (!(await rt.leads.exists(tenant, id))) errors.push({ field: `${field}[${i}]`, rule: 'exists', message: `no lead ${id} in this tenant` });
    if (errors.length) throw new ApiError('VALIDATION_FAILED', errors);
  };
  const idsBody = {
    type: 'array', minItems: 2, maxItems: MAX_MERGE_IDS, items: LEAD_ID,
    description: `Exactly ${MAX_MERGE_IDS} lead ids; each stands for its whole current identity`,
  };

  app.get<{ Params: { leadId: string } }>('/leads/:leadId/identity', {
    config: { permissions: ['lead:identity:view'], audit: { action: 'lead.identity.view', resourceType: 'lead', resourceParam: 'leadId' } },
    schema: { tags: ['leads'], summary: 'The OneID identity of a lead: members, links, profile, suggestions, conflicts', params: ID_PARAM, response: { 200: envelope(anyObject), ...errorResponses(404) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const r = await svc.identity(p.tenantId, request.params.leadId).catch(mapError);
    const members = new Set(r.records);
    const within = (l: { from: string; to: string }) => members.has(l.from) && members.has(l.to);
    const touching = (l: { from: string; to: string }) => members.has(l.from) || members.has(l.to);
    return reply.ok({
      identity_id: r.identity_id,
      members: r.members.map(presentMember),
      ...presentProfile(r.profile),
      links: r.graph.links.filter(within).map((l) => presentLink(l, hash)),
      suggestions: r.reviews.filter((x) => x.kind === 'suggestion').map(presentReview),
      conflicts: r.reviews.filter((x) => x.kind === 'conflict').map(presentReview),
      // Links OneID refused around these members (separated by an operator, or two unionids).
      refused_links: r.graph.refused.filter(touching).map((l) => presentLink(l, hash)),
    });
  });

  app.get<{ Params: { leadId: string }; Querystring: { with: string } }>('/leads/:leadId/identity/explain', {
    config: { permissions: ['lead:identity:view'], audit: { action: 'lead.identity.explain', resourceType: 'lead', resourceParam: 'leadId' } },
    schema: {
      tags: ['leads'], summary: 'Why two leads are one identity (the chain of links) or why not', params: ID_PARAM,
      querystring: { type: 'object', required: ['with'], additionalProperties: false, properties: { with: LEAD_ID } },
      response: { 200: envelope(anyObject), ...errorResponses(404, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const r = await svc.explain(p.tenantId, request.params.leadId, request.query.with).catch(mapError);
    return reply.ok({ lead_id: request.params.leadId, with: request.query.with, identity_id: r.identity_a, with_identity_id: r.identity_b, ...presentWhy(r, hash) });
  });

  app.post<{ Body: { lead_ids: string[] } }>('/leads/identities/merge-preview', {
    config: { permissions: ['lead:identity:view'], audit: { action: 'lead.identity.merge_preview', resourceType: 'lead' } },
    schema: {
      tags: ['leads'], summary: 'What merging the identities of two leads would give (FAQ Q3 profile rules); changes nothing',
      body: { type: 'object', required: ['lead_ids'], additionalProperties: false, properties: { lead_ids: idsBody } },
      response: { 200: envelope(anyObject), ...errorResponses(409, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const [a, b] = request.body.lead_ids as [string, string];
    await checkIds(p.tenantId, request.body.lead_ids, 'body.lead_ids');
    const r = await svc.preview(p.tenantId, a, b).catch(mapError);
    return reply.ok({ identity_id: r.survivor_id, absorbed_identity_id: r.absorbed_id, member_lead_ids: r.record_ids, blocked: r.blocked, ...presentProfile(r.profile) });
  });

  app.post<{ Body: { lead_ids: string[]; reason: string } }>('/leads/identities/merge', {
    config: { permissions: ['lead:identity:merge'], idempotency: {}, audit: { action: 'lead.identity.merge', resourceType: 'lead' } },
    schema: {
      tags: ['leads'], summary: 'Merge the identities of two leads (a manual link); the identity id is the smallest lead id',
      body: { type: 'object', required: ['lead_ids', 'reason'], additionalProperties: false, properties: { lead_ids: idsBody, reason: REASON } },
      response: { 200: envelope(anyObject), ...errorResponses(409, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const [a, b] = request.body.lead_ids as [string, string];
    await checkIds(p.tenantId, request.body.lead_ids, 'body.lead_ids');
    const r = await svc.merge(p.tenantId, a, b, p.userId, request.body.reason).catch(mapError);
    request.auditResourceId = r.identities[0]?.identity_id ?? a;
    request.auditDetail = `${r.action_id} merge ${a} ${b}; updated ${r.updated_leads.length}`;
    return reply.ok(r);
  });

  app.post<{ Body: { identity_id?: string; lead_id?: string; side_a: string[]; reason: string } }>('/leads/identities/unmerge', {
    config: { permissions: ['lead:identity:merge'], idempotency: {}, audit: { action: 'lead.identity.unmerge', resourceType: 'lead' } },
    schema: {
      tags: ['leads'], summary: 'Split an identity into side_a and the rest; automatic links never rejoin them',
      body: {
        type: 'object', required: ['side_a', 'reason'], additionalProperties: false,
        properties: { identity_id: LEAD_ID, lead_id: LEAD_ID, side_a: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: LEAD_ID }, reason: REASON },
      },
      response: { 200: envelope(anyObject), ...errorResponses(404, 409, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const b = request.body;
    if (!b.identity_id && !b.lead_id) throw new ApiError('VALIDATION_FAILED', [{ field: 'body.identity_id', rule: 'required', message: 'identity_id or lead_id is required' }]);
    if (b.lead_id && !(await rt.leads.exists(p.tenantId, b.lead_id))) throw new ApiError('VALIDATION_FAILED', [{ field: 'body.lead_id', rule: 'exists', message: `no lead ${b.lead_id} in this tenant` }]);
    const r = await svc.unmerge(p.tenantId, { ...(b.lead_id ? { lead_id: b.lead_id } : {}), ...(b.identity_id ? { identity_id: b.identity_id } : {}) }, b.side_a, p.userId, b.reason).catch((e: unknown) => {
      if (e instanceof IdentityServiceError && e.kind === 'not_found') throw new ApiError('VALIDATION_FAILED', [{ field: 'body.identity_id', rule: 'exists', message: e.message }]);
      return mapError(e);
    });
    request.auditResourceId = b.identity_id ?? b.lead_id ?? '';
    request.auditDetail = `${r.action_id} unmerge side_a=${b.side_a.length}; identities ${r.identities.map((i) => i.identity_id).join(',')}`;
    return reply.ok(r);
  });

  app.get<{ Querystring: { page: number; size: number } }>('/leads/identity-reviews', {
    config: { permissions: ['lead:identity:view'], audit: { action: 'lead.identity.reviews', resourceType: 'lead' } },
    schema: {
      tags: ['leads'], summary: 'Pending OneID reviews (name+company suggestions, unique-identifier conflicts), newest first',
      querystring: { type: 'object', additionalProperties: false, properties: { page: { type: 'integer', minimum: 1, maximum: 10000, default: 1 }, size: { type: 'integer', minimum: 1, maximum: 100, default: 10 } } },
      response: { 200: envelope(pageOf(anyObject)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const { page, size } = request.query;
    const r = await pendingReviews(deps.redis, p.tenantId, page, size);
    return reply.ok(toPage(r.items.map(presentReview), r.total, { page, size }));
  });

  app.post<{ Params: { reviewId: string }; Body: { decision: 'merge' | 'reject'; reason?: string } }>('/leads/identity-reviews/:reviewId', {
    config: { permissions: ['lead:identity:merge'], idempotency: {}, audit: { action: 'lead.identity.review', resourceType: 'identity_review', resourceParam: 'reviewId' } },
    schema: {
      tags: ['leads'], summary: 'Decide a review: merge (a manual link) or reject (a separation, so it is not suggested again)',
      params: { type: 'object', required: ['reviewId'], properties: { reviewId: { type: 'string', minLength: 1, maxLength: 64 } } },
      body: { type: 'object', required: ['decision'], additionalProperties: false, properties: { decision: { type: 'string', enum: ['merge', 'reject'] }, reason: REASON } },
      response: { 200: envelope(anyObject), ...errorResponses(404, 409, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const review = await svc.review(p.tenantId, request.params.reviewId);
    if (!review) throw notFound('identity review');
    if (review.status !== 'pending') throw new ApiError('CONFLICT', [], `review ${review.review_id} was already decided (${review.status})`);
    const r = request.body.decision === 'merge'
      ? await svc.merge(p.tenantId, review.record_a, review.record_b, p.userId, request.body.reason ?? `review ${review.review_id} accepted`, review).catch(mapError)
      : await svc.reject(p.tenantId, review, p.userId).catch(mapError);
    request.auditDetail = `${r.action_id} ${request.body.decision}`;
    return reply.ok({ review_id: review.review_id, decision: request.body.decision, ...r });
  });
};
