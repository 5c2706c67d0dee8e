// /api/v1/scenes/configurations (spec 000 §6.2 item 7, §四.3): scene configuration CRUD. Every
// write is a new version (dim_scene_config) and is pushed to every process's scene cache.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../../deps.js';
import { ApiError, notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses } from '../../http/schemas.js';
import { leadRuntime } from '../../leads/runtime.js';
import { SceneVersionConflict, newSceneId } from '../../leads/scenes/scene-store.js';
import { applySceneInput, validateSceneInput, type Scene, type SceneInput } from '../../leads/scenes/scene-validate.js';
import { sceneReferenceErrors } from '../../leads/catalog/stores.js';
import { encryptPii } from '../../../../common/pii.js';
import { presentSceneParams, sealWebhookParams, validateWebhookInput } from '../../leads/webhooks/webhook-params.js';

const sceneSchema = { type: 'object', additionalProperties: true };
const ID_PARAM = { type: 'object', required: ['sceneConfigId'], properties: { sceneConfigId: { type: 'string', minLength: 1, maxLength: 64 } } };
const bodySchema = {
  type: 'object',
  properties: {
    scene_name: { type: 'string', maxLength: 200 },
    scene_type: { type: 'string' },
    is_enabled: { type: 'boolean' },
    source_channel_default_id: { type: ['string', 'null'], maxLength: 128 },
    scene_specific_params: { type: ['object', 'null'] },
    data_mapping_rules: {},
    auto_tagging_rules: {},
    assignment_rules: {},
    auto_response_config: { type: ['object', 'null'] },
    deduplication_strategy: { type: ['string', 'null'] },
  },
  additionalProperties: false,
};

export function presentScene(s: Scene): Record<string, unknown> {
  const { tenant_id: _t, ...rest } = s;
  // Webhook secrets are stored sealed and shown masked (leads/webhooks/webhook-params.ts).
  return { ...rest, scene_specific_params: presentSceneParams(s.scene_specific_params), created_at: new Date(s.created_at).toISOString(), updated_at: new Date(s.updated_at).toISOString() };
}

export const sceneRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const rt = leadRuntime(deps);
  await rt.started;
  app.addHook('onClose', async () => { await rt.cache.stop(); });

  app.post<{ Body: SceneInput }>('/scenes/configurations', {
    config: { permissions: ['lead:scene:manage'], idempotency: {}, audit: { action: 'scene.create', resourceType: 'scene_config' } },
    schema: { tags: ['scenes'], summary: 'Create a scene configuration (spec 000 §6.2 item 7)', body: bodySchema, response: { 201: envelope(sceneSchema), ...errorResponses(422) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const errors = [...validateSceneInput(request.body, 'create'), ...(await sceneReferenceErrors(deps, p.tenantId, request.body)), ...validateWebhookInput(request.body.scene_specific_params, null)];
    if (errors.length) throw new ApiError('VALIDATION_FAILED', errors);
    const body = { ...request.body, scene_specific_params: sealWebhookParams(request.body.scene_specific_params, null, (c) => encryptPii(deps.pii, c)) };
    const scene = applySceneInput(null, body, { tenant_id: p.tenantId, scene_config_id: newSceneId() }, Date.now());
    await rt.scenes.write(scene, null, p.userId);
    request.auditResourceId = scene.scene_config_id;
    return reply.created(presentScene(scene));
  });

  app.get('/scenes/configurations', {
    config: { permissions: ['lead:scene:view'] },
    schema: { tags: ['scenes'], summary: 'List scene configurations', response: { 200: envelope({ type: 'array', items: sceneSchema }) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    return reply.ok((await rt.scenes.list(p.tenantId)).map(presentScene));
  });

  app.get<{ Params: { sceneConfigId: string } }>('/scenes/configurations/:sceneConfigId', {
    config: { permissions: ['lead:scene:view'] },
    schema: { tags: ['scenes'], summary: 'One scene configuration', params: ID_PARAM, response: { 200: envelope(sceneSchema), ...errorResponses(404) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const s = await rt.scenes.get(p.tenantId, request.params.sceneConfigId);
    if (!s) throw notFound('scene configuration');
    return reply.ok(presentScene(s));
  });

  app.put<{ Params: { sceneConfigId: string }; Body: SceneInput }>('/scenes/configurations/:sceneConfigId', {
    config: { permissions: ['lead:scene:manage'], audit: { action: 'scene.update', resourceType: 'scene_config', resourceParam: 'sceneConfigId' } },
    schema: { tags: ['scenes'], summary: 'Update a scene configuration (new version)', params: ID_PARAM, body: bodySchema, response: { 200: envelope(sceneSchema), ...errorResponses(404, 409, 422) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const errors = [...validateSceneInput(request.body, 'update'), ...(await sceneReferenceErrors(deps, p.tenantId, request.body))];
    if (errors.length) throw new ApiError('VALIDATION_FAILED', errors);
    const prev = await rt.scenes.get(p.tenantId, request.params.sceneConfigId);
    if (!prev) throw notFound('scene configuration');
    const webhookErrors = validateWebhookInput(request.body.scene_specific_params, prev.scene_specific_params);
    if (webhookErrors.length) throw new ApiError('VALIDATION_FAILED', webhookErrors);
    const body = request.body.scene_specific_params === undefined ? request.body
      : { ...request.body, scene_specific_params: sealWebhookParams(request.body.scene_specific_params, prev.scene_specific_params, (c) => encryptPii(deps.pii, c)) };
    const next = applySceneInput(prev, body, prev, Date.now());
    try {
      await rt.scenes.write(next, prev.version, p.userId);
    } catch (err) {
      if (err instanceof SceneVersionConflict) throw new ApiError('CONFLICT', [], err.message);
      throw err;
    }
    return reply.ok(presentScene(next));
  });

  app.delete<{ Params: { sceneConfigId: string } }>('/scenes/configurations/:sceneConfigId', {
    config: { permissions: ['lead:scene:manage'], audit: { action: 'scene.delete', resourceType: 'scene_config', resourceParam: 'sceneConfigId' } },
    schema: { tags: ['scenes'], summary: 'Delete a scene configuration', params: ID_PARAM, response: { 200: envelope({ type: 'null' }), ...errorResponses(404, 409) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const prev = await rt.scenes.get(p.tenantId, request.params.sceneConfigId);
    if (!prev) throw notFound('scene configuration');
    try {
      await rt.scenes.remove(prev, p.userId, Date.now());
    } catch (err) {
      if (err instanceof SceneVersionConflict) throw new ApiError('CONFLICT', [], err.message);
      throw err;
    }
    return reply.ok(null);
  });
};
