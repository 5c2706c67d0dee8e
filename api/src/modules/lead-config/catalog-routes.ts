// /api/v1/channels (spec 000 §四.4) and /api/v1/lead-tags (§四.5): CRUD of the channels and tag
// definitions scenes refer to. Every write is a new version (dim_channel,
// dim_lead_tag_definition). Deleting a channel, or deleting or renaming a tag, is refused (409)
// while an enabled scene uses it: the scene's next lead would name something that is gone.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../../deps.js';
import { ApiError, notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, pageOf, pagingQuery, toPage, type PagingParams } from '../../http/schemas.js';
import { ALL_CHANNEL_TYPES, applyChannelInput, applyTagInput, validateChannelInput, validateTagInput, type Channel, type ChannelInput, type TagDefinition, type TagInput } from '../../leads/catalog/definitions.js';
import { DefinitionNameTaken, DefinitionVersionConflict } from '../../leads/catalog/definition-store.js';
import { scenesReferencing } from '../../leads/catalog/scene-references.js';
import type { LeadConfigStores } from '../../leads/catalog/stores.js';
import { leadRuntime } from '../../leads/runtime.js';

const itemSchema = { type: 'object', additionalProperties: true };
const SORTS = ['created_at', 'updated_at', 'name'] as const;
type Sort = (typeof SORTS)[number];

const iso = <T extends { tenant_id: string; created_at: number; updated_at: number }>(d: T) => {
  const { tenant_id: _t, ...rest } = d;
  return { ...rest, created_at: new Date(d.created_at).toISOString(), updated_at: new Date(d.updated_at).toISOString() };
};

/** Version races and taken names are 409s; anything else propagates. */
const conflictOf = (err: unknown): never => {
  if (err instanceof DefinitionVersionConflict || err instanceof DefinitionNameTaken) throw new ApiError('CONFLICT', [], err.message);
  throw err;
};

function sortPage<T extends { created_at: number; updated_at: number; name: string }>(all: T[], q: PagingParams<Sort>, id: (x: T) => string) {
  const dir = q.order === 'asc' ? 1 : -1;
  all.sort((a, b) => dir * (q.sort === 'name' ? a.name.localeCompare(b.name) : a[q.sort] - b[q.sort]) || dir * id(a).localeCompare(id(b)));
  return all.slice((q.page - 1) * q.size, q.page * q.size);
}

export const catalogRoutes: FastifyPluginAsync<{ deps: ApiDeps; stores: LeadConfigStores }> = async (app, { deps, stores }) => {
  const rt = leadRuntime(deps);
  await rt.started;
  const usedBy = async (t: string, what: { channel?: string; tag?: string }) => scenesReferencing(await rt.scenes.list(t), what);

  // ---- channels
  const CH_PARAM = { type: 'object', required: ['channelId'], properties: { channelId: { type: 'string', minLength: 1, maxLength: 64 } } };
  const chBody = (create: boolean) => ({
    type: 'object', additionalProperties: false, ...(create ? { required: ['name'] } : { minProperties: 1 }),
    properties: {
      ...(create ? { channel_id: { type: 'string', minLength: 1, maxLength: 64 } } : {}),
      name: { type: 'string', maxLength: 200 }, channel_type: { type: ['string', 'null'], maxLength: 32 }, is_active: { type: 'boolean' },
    },
  });

  app.post<{ Body: ChannelInput }>('/channels', {
    config: { permissions: ['lead:scene:manage'], idempotency: {}, audit: { action: 'channel.create', resourceType: 'channel' } },
    schema: { tags: ['scenes'], summary: `Create a channel (spec 000 §四.4); channel_type one of ${ALL_CHANNEL_TYPES.join(', ')}; channel_id optional (generated)`, body: chBody(true), response: { 201: envelope(itemSchema), ...errorResponses(409, 422) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const errors = validateChannelInput(request.body, 'create');
    if (errors.length) throw new ApiError('VALIDATION_FAILED', errors);
    const id = request.body.channel_id ?? `ch_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const c = applyChannelInput(null, request.body, { tenant_id: p.tenantId, channel_id: id }, Date.now());
    await stores.channels.write(c, null, p.userId).catch((err: unknown) => {
      if (err instanceof DefinitionVersionConflict) throw new ApiError('CONFLICT', [], `channel ${id} already exists`);
      throw err;
    });
    request.auditResourceId = id;
    return reply.created(iso(c));
  });

  app.get<{ Querystring: PagingParams<Sort> & { is_active?: boolean; channel_type?: string } }>('/channels', {
    config: { permissions: ['lead:scene:view'] },
    schema: {
      tags: ['scenes'], summary: 'List channels',
      querystring: { type: 'object', additionalProperties: false, properties: { ...pagingQuery(SORTS, 'created_at'), is_active: { type: 'boolean' }, channel_type: { type: 'string', maxLength: 32 } } },
      response: { 200: envelope(pageOf(itemSchema)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const q = request.query;
    const all = (await stores.channels.list(p.tenantId)).filter((c) => (q.is_active === undefined || c.is_active === q.is_active) && (q.channel_type === undefined || c.channel_type === q.channel_type));
    return reply.ok(toPage(sortPage(all, q, (c: Channel) => c.channel_id).map(iso), all.length, q));
  });

  app.get<{ Params: { channelId: string } }>('/channels/:channelId', {
    config: { permissions: ['lead:scene:view'] },
    schema: { tags: ['scenes'], summary: 'One channel', params: CH_PARAM, response: { 200: envelope(itemSchema), ...errorResponses(404) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const c = await stores.channels.get(p.tenantId, request.params.channelId);
    if (!c) throw notFound('channel');
    return reply.ok(iso(c));
  });

  app.put<{ Params: { channelId: string }; Body: ChannelInput }>('/channels/:channelId', {
    config: { permissions: ['lead:scene:manage'], audit: { action: 'channel.update', resourceType: 'channel', resourceParam: 'channelId' } },
    schema: { tags: ['scenes'], summary: 'Update a channel (new version)', params: CH_PARAM, body: chBody(false), response: { 200: envelope(itemSchema), ...errorResponses(404, 409, 422) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const errors = validateChannelInput(request.body, 'update');
    if (errors.length) throw new ApiError('VALIDATION_FAILED', errors);
    const prev = await stores.channels.get(p.tenantId, request.params.channelId);
    if (!prev) throw notFound('channel');
    const next = applyChannelInput(prev, request.body, prev, Date.now());
    await stores.channels.write(next, prev, p.userId).catch(conflictOf);
    return reply.ok(iso(next));
  });

  app.delete<{ Params: { channelId: string } }>('/channels/:channelId', {
    config: { permissions: ['lead:scene:manage'], audit: { action: 'channel.delete', resourceType: 'channel', resourceParam: 'channelId' } },
    schema: { tags: ['scenes'], summary: 'Delete a channel (refused while an enabled scene uses it)', params: CH_PARAM, response: { 200: envelope({ type: 'null' }), ...errorResponses(404, 409) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const prev = await stores.channels.get(p.tenantId, request.params.channelId);
    if (!prev) throw notFound('channel');
    const scenes = await usedBy(p.tenantId, { channel: prev.channel_id });
    if (scenes.length) throw new ApiError('CONFLICT', [], `channel ${prev.channel_id} is used by enabled scene(s) ${scenes.join(', ')}`);
    await stores.channels.remove(prev, p.userId, Date.now()).catch(conflictOf);
    return reply.ok(null);
  });

  // ---- tag definitions
  const TAG_PARAM = { type: 'object', required: ['tagId'], properties: { tagId: { type: 'string', minLength: 1, maxLength: 64 } } };
  const tagBody = (create: boolean) => ({
    type: 'object', additionalProperties: false, ...(create ? { required: ['name'] } : { minProperties: 1 }),
    properties: { name: { type: 'string', maxLength: 64 }, tag_group: { type: ['string', 'null'], maxLength: 64 } },
  });

  app.post<{ Body: TagInput }>('/lead-tags', {
    config: { permissions: ['lead:scene:manage'], idempotency: {}, audit: { action: 'lead_tag.create', resourceType: 'lead_tag' } },
    schema: { tags: ['scenes'], summary: 'Define a tag (spec 000 §四.5); the name is unique per tenant and is what rules add and leads carry', body: tagBody(true), response: { 201: envelope(itemSchema), ...errorResponses(409, 422) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const errors = validateTagInput(request.body, 'create');
    if (errors.length) throw new ApiError('VALIDATION_FAILED', errors);
    const g = applyTagInput(null, request.body, { tenant_id: p.tenantId, tag_id: `tg_${randomUUID().replace(/-/g, '').slice(0, 20)}` }, Date.now());
    await stores.tags.write(g, null, p.userId).catch(conflictOf);
    request.auditResourceId = g.tag_id;
    return reply.created(iso(g));
  });

  app.get<{ Querystring: PagingParams<Sort> & { tag_group?: string } }>('/lead-tags', {
    config: { permissions: ['lead:scene:view'] },
    schema: {
      tags: ['scenes'], summary: 'List tag definitions',
      querystring: { type: 'object', additionalProperties: false, properties: { ...pagingQuery(SORTS, 'created_at'), tag_group: { type: 'string', maxLength: 64 } } },
      response: { 200: envelope(pageOf(itemSchema)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const q = request.query;
    const all = (await stores.tags.list(p.tenantId)).filter((g) => q.tag_group === undefined || g.tag_group === q.tag_group);
    return reply.ok(toPage(sortPage(all, q, (g: TagDefinition) => g.tag_id).map(iso), all.length, q));
  });

  app.get<{ Params: { tagId: string } }>('/lead-tags/:tagId', {
    config: { permissions: ['lead:scene:view'] },
    schema: { tags: ['scenes'], summary: 'One tag definition', params: TAG_PARAM, response: { 200: envelope(itemSchema), ...errorResponses(404) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const g = await stores.tags.get(p.tenantId, request.params.tagId);
    if (!g) throw notFound('tag definition');
    return reply.ok(iso(g));
  });

  app.put<{ Params: { tagId: string }; Body: TagInput }>('/lead-tags/:tagId', {
    config: { permissions: ['lead:scene:manage'], audit: { action: 'lead_tag.update', resourceType: 'lead_tag', resourceParam: 'tagId' } },
    schema: { tags: ['scenes'], summary: 'Update a tag definition (new version; a rename is refused while an enabled scene uses the name)', params: TAG_PARAM, body: tagBody(false), response: { 200: envelope(itemSchema), ...errorResponses(404, 409, 422) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const errors = validateTagInput(request.body, 'update');
    if (errors.length) throw new ApiError('VALIDATION_FAILED', errors);
    const prev = await stores.tags.get(p.tenantId, request.params.tagId);
    if (!prev) throw notFound('tag definition');
    const next = applyTagInput(prev, request.body, prev, Date.now());
    if (next.name !== prev.name) {
      const scenes = await usedBy(p.tenantId, { tag: prev.name });
      if (scenes.length) throw new ApiError('CONFLICT', [], `tag ${prev.name} is used by enabled scene(s) ${scenes.join(', ')}; change their rules first`);
    }
    await stores.tags.write(next, prev, p.userId).catch(conflictOf);
    return reply.ok(iso(next));
  });

  app.delete<{ Params: { tagId: string } }>('/lead-tags/:tagId', {
    config: { permissions: ['lead:scene:manage'], audit: { action: 'lead_tag.delete', resourceType: 'lead_tag', resourceParam: 'tagId' } },
    schema: { tags: ['scenes'], summary: 'Delete a tag definition (refused while an enabled scene uses it; leads keep the tags they carry)', params: TAG_PARAM, response: { 200: envelope({ type: 'null' }), ...errorResponses(404, 409) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const prev = await stores.tags.get(p.tenantId, request.params.tagId);
    if (!prev) throw notFound('tag definition');
    const scenes = await usedBy(p.tenantId, { tag: prev.name });
    if (scenes.length) throw new ApiError('CONFLICT', [], `tag ${prev.name} is used by enabled scene(s) ${scenes.join(', ')}`);
    await stores.tags.remove(prev, p.userId, Date.now()).catch(conflictOf);
    return reply.ok(null);
  });
};
