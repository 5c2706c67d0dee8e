// GET/PUT /api/v1/lead-generation/analysis-rules: the tenant's overrides of the offline call
// analyser's rules (api/src/analysis/lexicon-analyser.ts). Phrase maps merge over the defaults
// (weight 0 removes a default phrase); the response also shows the rules in effect. Changes
// apply to calls analysed from then on; results already stored are not recomputed.
import type { FastifyPluginAsync } from 'fastify';
import { validateTenantRules, type TenantRules } from '../../analysis/analyser.js';
import { mergeRules } from '../../analysis/lexicon-analyser.js';
import { AnalysisRulesStore, type StoredRules } from '../../analysis/rules-store.js';
import type { ApiDeps } from '../../deps.js';
import { ApiError } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, nullable, isoDateTime, type JsonSchema } from '../../http/schemas.js';

const phraseMap: JsonSchema = { type: 'object', additionalProperties: { type: 'number' }, description: 'phrase → weight (-10..10; 0 removes a default phrase)' };
const rulesSchema: JsonSchema = {
  type: 'object',
  properties: {
    intent: phraseMap,
    sentiment: phraseMap,
    negators: { type: 'array', items: { type: 'string' } },
    highThreshold: { type: 'number' },
    mediumThreshold: { type: 'number' },
  },
};
const responseSchema: JsonSchema = {
  type: 'object',
  properties: {
    rules: rulesSchema,
    effective: rulesSchema,
    version: { type: 'integer', description: '0 = never set: the defaults apply' },
    updatedAt: nullable(isoDateTime),
    updatedBy: nullable({ type: 'string' }),
  },
};

function present(s: StoredRules) {
  return {
    rules: s.rules,
    effective: mergeRules(s.rules),
    version: s.version,
    updatedAt: s.updatedAtMs ? new Date(s.updatedAtMs).toISOString() : null,
    updatedBy: s.updatedBy || null,
  };
}

export const analysisRuleRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const store = new AnalysisRulesStore(deps.redis);

  app.get('/analysis-rules', {
    config: { permissions: ['lead:call:edit'] },
    schema: { tags: ['call-analysis'], summary: 'The tenant\'s call-analysis rules (overrides and rules in effect)', response: { 200: envelope(responseSchema) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    return reply.ok(present(await store.get(p.tenantId)));
  });

  app.put<{ Body: TenantRules }>('/analysis-rules', {
    config: { permissions: ['lead:call:edit'], audit: { action: 'analysis-rules.update', resourceType: 'analysis_rules' } },
    schema: {
      tags: ['call-analysis'],
      summary: 'Replace the tenant\'s call-analysis rule overrides ({} restores the defaults)',
      body: { type: 'object' },
      response: { 200: envelope(responseSchema), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const checked = validateTenantRules(request.body);
    if (!checked.ok) throw new ApiError('VALIDATION_FAILED', checked.problems);
    const stored = await store.put(p.tenantId, checked.rules, p.userId);
    request.auditResourceId = p.tenantId;
    request.auditDetail = `version=${stored.version}`;
    return reply.ok(present(stored));
  });
};
