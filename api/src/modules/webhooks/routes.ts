// POST /api/v1/webhooks/{scene_type}/{scene_config_id} (spec 000 §6.2 item 2, §九.2, §九.6, §十.2,
// §十.5): third-party platforms push leads here. No Bearer credential: the HMAC-SHA256 signature
// over the raw body, with the scene's secret, is the authentication, so the route is public for
// the auth plugin but still rate-limited (globally per IP, and per scene and per IP here).
// Order: rate limit → scene (by id, from the global owner index; the path's type must match)
// → signature and timestamp → replay guard (SET NX) → parse and required mappings (failures are
// dead-lettered whole) → XADD to the ingest stream like POST /leads/ingestions → the platform's
// answer. The scene's tenant comes from the scene, never from the body.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Counter } from 'prom-client';
import { decryptPii } from '../../../../common/pii.js';
import type { ApiDeps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { appendDeadLetter } from '../../leads/dead-letters/dead-letter-store.js';
import { applyMapping } from '../../leads/domain/mapping.js';
import { responseForFailure, verifyWebhook, webhookResponse, type WebhookResponseShape } from '../../leads/domain/webhook-signature.js';
import { newLeadId } from '../../leads/pipeline/lead-store.js';
import { sealIngestBody } from '../../leads/pipeline/ingest-body.js';
import { leadRuntime } from '../../leads/runtime.js';
import { eventIdOf, parseWebhookBody, sceneTypeOfSlug, webhookRefusal, webhookSettings } from '../../leads/webhooks/webhook-params.js';
import { PublicRateLimiter, publicRateLimit } from '../../plugins/public-rate-limit.js';

/** How long a delivery's event id is remembered: platforms retry for hours to days. */
const EVENT_ID_TTL_S = 7 * 86400;

/** KEYS: replay keys (signature, event id). ARGV: one TTL per key. 0 if any was seen, else all are set. */
const GUARD_LUA = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], '1', 'EX', ARGV[i])
end
return 1
`;

export const webhookKeys = {
  replay: (t: string, scene: string, key: string) => `cunke:webhook:replay:${t}:${scene}:${key}`,
  event: (t: string, scene: string, eventId: string) => `cunke:webhook:event:${t}:${scene}:${createHash('sha256').update(eventId).digest('hex')}`,
};

interface Params {
  sceneType: string;
  sceneConfigId: string;
}

export const webhookRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const rt = leadRuntime(deps);
  await rt.started;
  const limiter = new PublicRateLimiter(deps.redis);
  // Reused when an app is built twice on one registry (tests), which would otherwise throw.
  const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
    (deps.registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [deps.registry] });
  const deliveries = counter('cunke_webhook_deliveries_total', 'Webhook deliveries by platform profile and outcome (accepted, duplicate, rejected, dead_letter, disabled, error).', ['profile', 'outcome']);
  const rejected = counter('cunke_webhook_signature_rejections_total', 'Webhook deliveries refused by signature or timestamp checks, by profile and reason.', ['profile', 'reason']);

  // The signature covers the exact bytes sent: keep them, never parse and re-serialise. The buffer
  // is kept beside the request, not as its body, so generic body hooks do not walk every byte.
  const raw = new WeakMap<FastifyRequest, Buffer>();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    raw.set(request, body as Buffer);
    done(null, null);
  });

  const send = (reply: FastifyReply, shape: WebhookResponseShape) =>
    reply.code(shape.status).type(shape.contentType === 'application/json' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8').send(shape.body);

  app.post<{ Params: Params }>('/webhooks/:sceneType/:sceneConfigId', {
    bodyLimit: deps.config.webhookBodyLimitBytes,
    config: { public: true },
    preHandler: publicRateLimit(limiter, 'webhook', deps.config.publicRateWindowS, (request) => [
      { name: 'ip', id: request.ip, limit: deps.config.webhookRatePerIp },
      { name: 'scene', id: (request.params as Params).sceneConfigId, limit: deps.config.webhookRatePerScene },
    ]),
    schema: {
      tags: ['webhooks'],
      summary: 'Receive a signed lead from a third-party platform (spec 000 §6.2 item 2); answers in the platform\'s shape',
      params: {
        type: 'object', required: ['sceneType', 'sceneConfigId'],
        properties: { sceneType: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' }, sceneConfigId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
      },
    },
  }, async (request, reply) => {
    const { sceneType: slug, sceneConfigId: sceneId } = request.params;
    const type = sceneTypeOfSlug(slug);
    const tenant = type ? await rt.scenes.ownerOf(sceneId) : null;
    const cached = tenant ? await rt.cache.byId(tenant, sceneId) : null;
    // One answer for unknown scene, wrong type and no webhook set up: nothing to learn by probing.
    const settings = cached && cached.scene.scene_type === type ? webhookSettings(cached.scene.scene_specific_params, slug) : null;
    if (!tenant || !cached || !settings) throw notFound('webhook endpoint');
    const { scene } = cached;
    const { profile } = settings;
    const log = request.log.child({ tenant, scene: sceneId, profile: profile.id });
    if (!scene.is_enabled) {
      deliveries.inc({ profile: profile.id, outcome: 'disabled' });
      return send(reply, webhookRefusal(profile, 'disabled', 'this scene configuration is disabled'));
    }
    const rawBody = raw.get(request) ?? Buffer.alloc(0);
    const v = verifyWebhook({ profile, secrets: settings.sealed.map((s) => decryptPii(deps.pii, s.enc)), headers: request.headers, rawBody, now: Date.now() });
    if (!v.ok) {
      rejected.inc({ profile: profile.id, reason: v.reason });
      deliveries.inc({ profile: profile.id, outcome: 'rejected' });
      log.warn({ reason: v.reason }, 'webhook signature rejected');
      return send(reply, responseForFailure(profile, v.reason));
    }
    const parsed = parseWebhookBody(rawBody);
    const eventId = eventIdOf(settings, request.headers, parsed.ok ? parsed.payload : null);
    const keys = [webhookKeys.replay(tenant, sceneId, v.replayKey), ...(eventId ? [webhookKeys.event(tenant, sceneId, eventId)] : [])];
    const ttls = [String(v.replayTtlSeconds), ...(eventId ? [String(EVENT_ID_TTL_S)] : [])];
    if ((await deps.redis.eval(GUARD_LUA, keys.length, ...keys, ...ttls)) !== 1) {
      deliveries.inc({ profile: profile.id, outcome: 'duplicate' });
      return send(reply, webhookResponse(profile, 'duplicate'));
    }
    const now = Date.now();
    const leadId = newLeadId(now);
    // Nothing accepted is lost: if storing fails the guard is lifted so the platform's retry is processed.
    try {
      let problem: string | null = parsed.ok ? null : parsed.reason;
      if (parsed.ok && scene.data_mapping_rules) {
        const missing = applyMapping(scene.data_mapping_rules, parsed.payload, { defaultRegion: deps.config.phoneDefaultRegion }).errors.filter((e) => e.rule === 'required');
        if (missing.length) problem = `required fields missing: ${missing.map((e) => e.field).join(', ')}`;
      }
      const fields = {
        t: tenant, lead: leadId, scene: sceneId, src: scene.scene_type, ext: eventId ?? '',
        body: sealIngestBody(deps.pii, parsed.ok ? parsed.text : rawBody.toString('base64')), ...(parsed.ok ? {} : { body_encoding: 'base64' }), at: String(now),
      };
      if (problem) {
        const m = deps.redis.multi();
        appendDeadLetter(m, { tenant, stage: 'webhook', stream: `webhook:${slug}`, id: `${sceneId}:${eventId ?? v.replayKey.slice(-24)}`, reason: problem, lead: leadId, fields });
        await m.exec();
        deliveries.inc({ profile: profile.id, outcome: 'dead_letter' });
        log.warn({ reason: problem.slice(0, 200), lead: leadId }, 'webhook payload dead-lettered');
        return send(reply, webhookRefusal(profile, 'invalid_payload', problem));
      }
      await rt.leads.enqueue(fields, deps.config.leadIngestStreamMaxLen);
    } catch (err) {
      await deps.redis.del(...keys).catch(() => undefined);
      deliveries.inc({ profile: profile.id, outcome: 'error' });
      log.error({ err }, 'webhook delivery could not be stored');
      return send(reply, webhookResponse(profile, 'error'));
    }
    deliveries.inc({ profile: profile.id, outcome: 'accepted' });
    log.info({ lead: leadId }, 'webhook lead accepted');
    return send(reply, webhookResponse(profile, 'accepted'));
  });
};
