// A scene's webhook settings (`scene_specific_params.webhook`, spec 000 §四.3 "Webhook验证Token")
// and what POST /api/v1/webhooks/{scene_type}/{scene_config_id} decides from them. Pure: the
// caller passes the seal/unseal functions (common/pii.ts encryptPii/decryptPii).
//
// Secrets are written in clear (`secrets: [...]`, current first, at most two so a rotation can
// overlap) and stored sealed (`secrets_sealed: [{enc, hint}]`): the scene document, the warehouse's
// dim_scene_config rows and every GET then hold ciphertext only; GET shows `****` + the last four
// characters, and sending such a masked entry back in a PUT keeps that secret.
import type { FieldError } from '../../errors.js';
import { SCENE_TYPES, type SceneType } from '../domain/lead.js';
import { parsePath, readPath } from '../domain/mapping.js';
import { PLATFORM_PROFILES, type PlatformProfile, type WebhookResponseShape } from '../domain/webhook-signature.js';

/** Platform slugs of the path and the scene type each feeds; any scene type in lower case is accepted as well. */
export const PLATFORM_SLUGS: Readonly<Record<string, SceneType>> = {
  douyin_leads: 'SOCIAL_MEDIA_LEAD',
  order_notifications: 'ORDER_SYNC',
};

/** Headers carrying a delivery's event id, per profile, when the scene names none. */
const DEFAULT_EVENT_ID_HEADER: Readonly<Record<string, string>> = { cunke: 'x-cunke-event-id' };

export const MAX_SECRETS = 2;
export const MIN_SECRET_CHARS = 16;
const MAX_SECRET_CHARS = 256;
const MASK = '****';

export interface SealedSecret {
  enc: string;
  /** Last four characters, to tell secrets apart in a GET. */
  hint: string;
}

export interface WebhookSettings {
  profile: PlatformProfile;
  sealed: SealedSecret[];
  eventIdHeader: string | null;
  eventIdPath: string | null;
}

export function sceneTypeOfSlug(slug: string): SceneType | null {
  const platform = PLATFORM_SLUGS[slug];
  if (platform) return platform;
  const upper = slug.toUpperCase();
  return slug === slug.toLowerCase() && (SCENE_TYPES as readonly string[]).includes(upper) ? (upper as SceneType) : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const maskOf = (hint: string) => `${MASK}${hint}`;

function sealedOf(params: Record<string, unknown> | null | undefined): SealedSecret[] {
  const w = params?.webhook;
  if (!isObject(w) || !Array.isArray(w.secrets_sealed)) return [];
  return w.secrets_sealed.filter((s): s is SealedSecret => isObject(s) && typeof s.enc === 'string' && typeof s.hint === 'string');
}

/** 422 field errors of `scene_specific_params.webhook` in a scene body; `prev` is the stored params (masked entries refer to them). */
export function validateWebhookInput(params: unknown, prev: Record<string, unknown> | null | undefined): FieldError[] {
  if (!isObject(params) || params.webhook === undefined || params.webhook === null) return [];
  const at = (f: string) => `body.scene_specific_params.webhook${f ? `.${f}` : ''}`;
  const w = params.webhook;
  if (!isObject(w)) return [{ field: at(''), rule: 'type', message: 'expected an object {profile, secrets, tolerance_seconds}' }];
  const errors: FieldError[] = [];
  const known = ['profile', 'secrets', 'tolerance_seconds', 'event_id_header', 'event_id_path'];
  for (const k of Object.keys(w)) {
    if (!known.includes(k)) errors.push({ field: at(k), rule: 'additionalProperties', message: k === 'secrets_sealed' ? 'send secrets in clear in `secrets`; they are sealed on save' : `unknown setting; one of ${known.join(', ')}` });
  }
  if (w.profile !== undefined && (typeof w.profile !== 'string' || !PLATFORM_PROFILES[w.profile])) errors.push({ field: at('profile'), rule: 'enum', message: `one of ${Object.keys(PLATFORM_PROFILES).join(', ')}` });
  if (w.tolerance_seconds !== undefined && !(Number.isInteger(w.tolerance_seconds) && (w.tolerance_seconds as number) >= 1 && (w.tolerance_seconds as number) <= 3600)) {
    errors.push({ field: at('tolerance_seconds'), rule: 'range', message: 'an integer from 1 to 3600' });
  }
  if (w.event_id_header !== undefined && w.event_id_header !== null && !(typeof w.event_id_header === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(w.event_id_header))) {
    errors.push({ field: at('event_id_header'), rule: 'pattern', message: 'an HTTP header name (letters, digits, -), or null' });
  }
  if (w.event_id_path !== undefined && w.event_id_path !== null && !(typeof w.event_id_path === 'string' && w.event_id_path.length <= 200 && parsePath(w.event_id_path))) {
    errors.push({ field: at('event_id_path'), rule: 'path', message: 'a payload path like `event.id`, or null' });
  }
  const prevHints = new Set(sealedOf(prev).map((s) => maskOf(s.hint)));
  if (w.secrets === undefined) {
    if (prevHints.size === 0) errors.push({ field: at('secrets'), rule: 'required', message: 'at least one signing secret is required' });
  } else if (!Array.isArray(w.secrets) || w.secrets.length < 1 || w.secrets.length > MAX_SECRETS) {
    errors.push({ field: at('secrets'), rule: 'size', message: `1 to ${MAX_SECRETS} secrets, current first (two only while rotating)` });
  } else {
    w.secrets.forEach((s: unknown, i) => {
      if (typeof s !== 'string') errors.push({ field: at(`secrets[${i}]`), rule: 'type', message: 'a string' });
      else if (s.startsWith(MASK)) {
        if (!prevHints.has(s)) errors.push({ field: at(`secrets[${i}]`), rule: 'exists', message: 'masked entry matches no stored secret of this scene' });
      } else if (s.length < MIN_SECRET_CHARS || s.length > MAX_SECRET_CHARS || s.trim() !== s) {
        errors.push({ field: at(`secrets[${i}]`), rule: 'length', message: `${MIN_SECRET_CHARS} to ${MAX_SECRET_CHARS} characters without surrounding spaces` });
      }
    });
  }
  return errors;
}

/** The params to store: clear secrets sealed, masked entries resolved to the stored ones, omitted secrets kept. Call after validateWebhookInput passed. */
export function sealWebhookParams(params: Record<string, unknown> | null | undefined, prev: Record<string, unknown> | null | undefined, seal: (clear: string) => string): Record<string, unknown> | null | undefined {
  if (!isObject(params) || !isObject(params.webhook)) return params;
  const { secrets, ...rest } = params.webhook;
  const prevSealed = sealedOf(prev);
  const sealed: SealedSecret[] = Array.isArray(secrets)
    ? (secrets as string[]).map((s) => prevSealed.find((p) => maskOf(p.hint) === s) ?? { enc: seal(s), hint: s.slice(-4) })
    : prevSealed;
  return { ...params, webhook: { ...rest, secrets_sealed: sealed } };
}

/** `scene_specific_params` as GET shows it: sealed secrets as `****abcd`. */
export function presentSceneParams(params: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!isObject(params)) return params ?? null;
  if (!isObject(params.webhook)) return params;
  const { secrets_sealed: _sealed, ...rest } = params.webhook;
  return { ...params, webhook: { ...rest, secrets: sealedOf(params).map((s) => maskOf(s.hint)) } };
}

/** The webhook settings of a stored scene reached through `slug`; null when the scene has none. */
export function webhookSettings(params: Record<string, unknown> | null | undefined, slug: string): WebhookSettings | null {
  const w = params?.webhook;
  if (!isObject(w)) return null;
  const sealed = sealedOf(params);
  if (sealed.length === 0) return null;
  const profileId = typeof w.profile === 'string' && PLATFORM_PROFILES[w.profile] ? w.profile : PLATFORM_PROFILES[slug] ? slug : 'cunke';
  const base = PLATFORM_PROFILES[profileId]!;
  const profile = typeof w.tolerance_seconds === 'number' ? { ...base, toleranceSeconds: w.tolerance_seconds } : base;
  const eventIdHeader = w.event_id_header === null ? null : typeof w.event_id_header === 'string' ? w.event_id_header.toLowerCase() : (DEFAULT_EVENT_ID_HEADER[profileId] ?? null);
  return { profile, sealed, eventIdHeader, eventIdPath: typeof w.event_id_path === 'string' ? w.event_id_path : null };
}

/** The delivery's event id (payload path first: it is covered by the signature), or null. */
export function eventIdOf(s: WebhookSettings, headers: Readonly<Record<string, string | string[] | undefined>>, payload: unknown): string | null {
  if (s.eventIdPath) {
    const segs = parsePath(s.eventIdPath);
    const v = segs ? readPath(payload, segs) : undefined;
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') return String(v).slice(0, 200);
  }
  if (s.eventIdHeader) {
    const h = headers[s.eventIdHeader];
    const v = Array.isArray(h) ? h[0] : h;
    if (v && v.trim() !== '') return v.trim().slice(0, 200);
  }
  return null;
}

export type RefusalKind = 'disabled' | 'invalid_payload';

/** Refusals the signature profiles do not define, in the platform's shape: 4xx so the platform does not retry what cannot succeed. */
export function webhookRefusal(profile: PlatformProfile, kind: RefusalKind, detail: string): WebhookResponseShape {
  const status = kind === 'disabled' ? 403 : profile.id === 'cunke' ? 422 : 400;
  const rejected = profile.responses.rejected;
  if (rejected.contentType === 'text/plain') return { ...rejected, status };
  if (profile.id === 'cunke') return { status, contentType: 'application/json', body: JSON.stringify({ code: kind === 'disabled' ? 'SCENE_DISABLED' : 'INVALID_PAYLOAD', message: detail, data: null }) };
  const code = (JSON.parse(rejected.body) as { code?: unknown }).code;
  return { status, contentType: 'application/json', body: JSON.stringify({ code, message: detail }) };
}

/** What a JSON webhook body must be to become a lead: an object. */
export function parseWebhookBody(raw: Buffer): { ok: true; payload: Record<string, unknown>; text: string } | { ok: false; reason: string } {
  const text = raw.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(raw)) return { ok: false, reason: 'body is not UTF-8 text' };
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `body is not JSON: ${(err as Error).message.slice(0, 200)}` };
  }
  if (!isObject(payload)) return { ok: false, reason: 'body is JSON but not an object' };
  return { ok: true, payload, text };
}
