// /api/v1/leads/assignees/{userId}: the assignment profile of a user (skills, regions, weight,
// capacity, working hours, away) that the pipeline's strategies read, with the user's current
// load. /api/v1/scenes/configurations/{id}/assignment-dry-run: draft rules replayed over the
// scene's past leads (issue 5 item 6); reads only, the live round-robin counters never move.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../../deps.js';
import { ApiError, notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, isoDateTime } from '../../http/schemas.js';
import { compareDryRun } from '../../leads/assignees/dry-run.js';
import { applyProfileInput, defaultProfile, validateProfileInput, type AssigneeProfile, type AssigneeProfileInput } from '../../leads/assignees/profile.js';
import { DefinitionVersionConflict } from '../../leads/catalog/definition-store.js';
import { loadAssignees, type LeadConfigStores } from '../../leads/catalog/stores.js';
import { validateAssignmentRules, type AssignmentRules } from '../../leads/domain/assignment.js';
import { openLeadCounts } from '../../leads/pipeline/open-leads.js';
import { leadRuntime } from '../../leads/runtime.js';

const objSchema = { type: 'object', additionalProperties: true };
const USER_PARAM = { type: 'object', required: ['userId'], properties: { userId: { type: 'string', minLength: 1, maxLength: 64 } } };
const strList = { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 64 } };
const profileBody = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: {
    status: { type: 'string', enum: ['active', 'away'] },
    team_id: { type: ['string', 'null'], maxLength: 64 },
    time_zone: { type: ['string', 'null'], maxLength: 64 },
    working_hours: {
      type: 'array', maxItems: 21,
      items: {
        type: 'object', additionalProperties: false, required: ['days', 'start', 'end'],
        properties: { days: { type: 'array', minItems: 1, maxItems: 7, items: { type: 'integer' } }, start: { type: 'string', maxLength: 5 }, end: { type: 'string', maxLength: 5 } },
      },
    },
    weight: { type: 'number', minimum: 0, maximum: 1000 },
    max_load: { type: ['integer', 'null'], minimum: 0, maximum: 1_000_000 },
    regions: strList,
    skills: strList,
  },
};

interface DryRunBody {
  assignment_rules?: unknown;
  from?: string;
  to?: string;
  limit?: number;
  seed?: number;
}

export const assigneeRoutes: FastifyPluginAsync<{ deps: ApiDeps; stores: LeadConfigStores }> = async (app, { deps, stores }) => {
  const rt = leadRuntime(deps);
  await rt.started;

  const present = async (t: string, userId: string, accountStatus: string, p: AssigneeProfile) => {
    const { tenant_id: _t, ...rest } = p;
    const load = (await openLeadCounts(deps.redis, t, [userId])).get(userId) ?? 0;
    return { ...rest, account_status: accountStatus, load, updated_at: p.updated_at ? new Date(p.updated_at).toISOString() : null };
  };

  app.get<{ Params: { userId: string } }>('/leads/assignees/:userId', {
    config: { permissions: ['lead:view'] },
    schema: { tags: ['leads'], summary: 'A user\'s assignment profile and current load (open leads)', params: USER_PARAM, response: { 200: envelope(objSchema), ...errorResponses(404) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const user = await deps.identity.getUser(p.tenantId, request.params.userId);
    if (!user) throw notFound('user');
    const prof = (await stores.profiles.get(p.tenantId, user.userId)) ?? defaultProfile(p.tenantId, user.userId);
    return reply.ok(await present(p.tenantId, user.userId, user.status, prof));
  });

  app.put<{ Params: { userId: string }; Body: AssigneeProfileInput }>('/leads/assignees/:userId', {
    config: { permissions: ['lead:assign'], audit: { action: 'lead_assignee.update', resourceType: 'lead_assignee', resourceParam: 'userId' } },
    schema: { tags: ['leads'], summary: 'Set a user\'s assignment profile (the fields given; a new version)', params: USER_PARAM, body: profileBody, response: { 200: envelope(objSchema), ...errorResponses(404, 409, 422) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const errors = validateProfileInput(request.body);
    if (errors.length) throw new ApiError('VALIDATION_FAILED', errors);
    const user = await deps.identity.getUser(p.tenantId, request.params.userId);
    if (!user) throw notFound('user');
    const prev = await stores.profiles.get(p.tenantId, user.userId);
    const next = applyProfileInput(prev ?? defaultProfile(p.tenantId, user.userId), request.body, Date.now());
    try {
      await stores.profiles.write(next, prev, p.userId);
    } catch (err) {
      if (err instanceof DefinitionVersionConflict) throw new ApiError('CONFLICT', [], err.message);
      throw err;
    }
    return reply.ok(await present(p.tenantId, user.userId, user.status, next));
  });

  app.post<{ Params: { sceneConfigId: string }; Body: DryRunBody }>('/scenes/configurations/:sceneConfigId/assignment-dry-run', {
    config: { permissions: ['lead:scene:view', 'lead:view'] },
    schema: {
      tags: ['scenes'], summary: 'Replay the scene\'s past leads against draft assignment rules (issue 5 item 6); changes nothing',
      params: { type: 'object', required: ['sceneConfigId'], properties: { sceneConfigId: { type: 'string', minLength: 1, maxLength: 64 } } },
      body: {
        type: 'object', additionalProperties: false,
        properties: {
          assignment_rules: { description: 'Draft rules; the scene\'s saved rules when absent' },
          from: isoDateTime, to: isoDateTime,
          limit: { type: 'integer', minimum: 1, maximum: 5000, default: 1000, description: 'The newest leads in the window, replayed oldest first (at most 5000: the replay runs on the request thread, ~0.17 ms per lead with 50 users and working hours)' },
          seed: { type: 'integer', minimum: 0, maximum: 4294967295, default: 1, description: 'Seed of the random/weighted picks, so a report is reproducible' },
        },
      },
      response: { 200: envelope(objSchema), ...errorResponses(404, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const b = request.body ?? {};
    const scene = await rt.scenes.get(p.tenantId, request.params.sceneConfigId);
    if (!scene) throw notFound('scene configuration');
    const draft = b.assignment_rules ?? scene.assignment_rules;
    if (draft == null) throw new ApiError('VALIDATION_FAILED', [{ field: 'body.assignment_rules', rule: 'required', message: 'the scene has no assignment rules; send draft rules' }]);
    const errors = validateAssignmentRules(draft).map((e) => ({ field: `body.assignment_rules${e.path ? `.${e.path}` : ''}`, rule: 'rule', message: e.message }));
    const from = b.from ? Date.parse(b.from) : undefined;
    const to = b.to ? Date.parse(b.to) : undefined;
    if (from !== undefined && to !== undefined && from >= to) errors.push({ field: 'body.to', rule: 'range', message: 'to must be after from' });
    if (errors.length) throw new ApiError('VALIDATION_FAILED', errors);
    const rules = draft as AssignmentRules;
    const leads = (await rt.leads.all(p.tenantId)).filter((l) => l.scene_config_id === scene.scene_config_id);
    const ids = [...rules.pool, ...rules.chain.flatMap((s) => (s.type === 'user' ? [s.user_id] : s.type === 'value' ? s.tiers.flatMap((t) => t.user_ids) : []))];
    const users = await loadAssignees(deps.redis, stores, deps.identity, p.tenantId, ids, deps.config.dialerDefaultTimezone);
    return reply.ok(compareDryRun(leads, rules, users, { from, to, limit: b.limit ?? 1000 }, b.seed ?? 1));
  });
};
