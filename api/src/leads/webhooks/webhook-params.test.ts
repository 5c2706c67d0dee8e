import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventIdOf, parseWebhookBody, presentSceneParams, sceneTypeOfSlug, sealWebhookParams, validateWebhookInput, webhookRefusal, webhookSettings } from './webhook-params.js';
import { PLATFORM_PROFILES } from '../domain/webhook-signature.js';

const seal = (s: string) => `sealed(${s})`;
const S1 = 'first-secret-0123456789';
const S2 = 'second-secret-abcdefghij';

describe('webhook params', () => {
  test('slugs: platform slugs and lower-case scene types map to scene types; anything else is null', () => {
    assert.equal(sceneTypeOfSlug('douyin_leads'), 'SOCIAL_MEDIA_LEAD');
    assert.equal(sceneTypeOfSlug('order_notifications'), 'ORDER_SYNC');
    assert.equal(sceneTypeOfSlug('web_form'), 'WEB_FORM');
    assert.equal(sceneTypeOfSlug('WEB_FORM'), null);
    assert.equal(sceneTypeOfSlug('fax'), null);
  });

  test('validation lists every bad field, and requires a secret on a new webhook', () => {
    const errs = validateWebhookInput({ webhook: { profile: 'nope', tolerance_seconds: 0, secrets: ['short', 3], secrets_sealed: [], event_id_path: 'a..b' } }, null);
    const fields = errs.map((e) => e.field);
    for (const f of ['profile', 'tolerance_seconds', 'secrets[0]', 'secrets[1]', 'secrets_sealed', 'event_id_path']) assert.ok(fields.includes(`body.scene_specific_params.webhook.${f}`), f);
    assert.deepEqual(validateWebhookInput({ webhook: { profile: 'cunke' } }, null).map((e) => e.rule), ['required']);
    assert.equal(validateWebhookInput({ webhook: { secrets: [S1, S2, 'third-secret-0123456789'] } }, null)[0]?.rule, 'size');
    assert.deepEqual(validateWebhookInput({ other: 1 }, null), []);
    assert.deepEqual(validateWebhookInput({ webhook: { secrets: [S1] } }, null), []);
  });

  test('secrets are sealed, shown masked, and a masked entry sent back keeps that secret (rotation)', () => {
    const v1 = sealWebhookParams({ form_id: 'f', webhook: { profile: 'cunke', secrets: [S1] } }, null, seal)!;
    assert.deepEqual(v1.webhook, { profile: 'cunke', secrets_sealed: [{ enc: seal(S1), hint: '6789' }] });
    const shown = presentSceneParams(v1)!;
    assert.deepEqual(shown, { form_id: 'f', webhook: { profile: 'cunke', secrets: ['****6789'] } });
    assert.ok(!JSON.stringify(shown).includes(S1));
    // Rotation: new secret first, the old one kept by its mask.
    const input = { webhook: { secrets: [S2, '****6789'] } };
    assert.deepEqual(validateWebhookInput(input, v1), []);
    const v2 = sealWebhookParams(input, v1, seal)!;
    assert.deepEqual((v2.webhook as { secrets_sealed: unknown }).secrets_sealed, [{ enc: seal(S2), hint: 'ghij' }, { enc: seal(S1), hint: '6789' }]);
    // A mask of nothing stored is refused; omitting secrets keeps them.
    assert.equal(validateWebhookInput({ webhook: { secrets: ['****zzzz'] } }, v1)[0]?.rule, 'exists');
    const v3 = sealWebhookParams({ webhook: { tolerance_seconds: 60 } }, v2, seal)!;
    assert.deepEqual((v3.webhook as { secrets_sealed: unknown }).secrets_sealed, (v2.webhook as { secrets_sealed: unknown }).secrets_sealed);
  });

  test('settings: profile from the scene, else the platform slug, else cunke; tolerance override; event ids', () => {
    const stored = { webhook: { secrets_sealed: [{ enc: 'x', hint: 'abcd' }] } };
    assert.equal(webhookSettings(stored, 'douyin_leads')?.profile.id, 'douyin_leads');
    assert.equal(webhookSettings(stored, 'web_form')?.profile.id, 'cunke');
    const s = webhookSettings({ webhook: { ...stored.webhook, profile: 'order_notifications', tolerance_seconds: 30, event_id_path: 'event.id' } }, 'web_form')!;
    assert.deepEqual([s.profile.id, s.profile.toleranceSeconds, s.eventIdHeader], ['order_notifications', 30, null]);
    assert.equal(PLATFORM_PROFILES.order_notifications!.toleranceSeconds, 600, 'the built-in profile is not changed');
    assert.equal(eventIdOf(s, {}, { event: { id: 'e-1' } }), 'e-1');
    assert.equal(webhookSettings({ webhook: { secrets_sealed: [] } }, 'web_form'), null);
    assert.equal(webhookSettings(null, 'web_form'), null);
    const c = webhookSettings(stored, 'web_form')!;
    assert.equal(eventIdOf(c, { 'x-cunke-event-id': ' evt_9 ' }, {}), 'evt_9');
    assert.equal(eventIdOf(c, {}, {}), null);
  });

  test('refusals keep the platform shape', () => {
    const cunke = webhookRefusal(PLATFORM_PROFILES.cunke!, 'invalid_payload', 'body is not JSON');
    assert.deepEqual([cunke.status, JSON.parse(cunke.body).code], [422, 'INVALID_PAYLOAD']);
    const douyin = webhookRefusal(PLATFORM_PROFILES.douyin_leads!, 'disabled', 'off');
    assert.deepEqual([douyin.status, JSON.parse(douyin.body)], [403, { code: 40001, message: 'off' }]);
    const text = webhookRefusal(PLATFORM_PROFILES.order_notifications!, 'invalid_payload', 'x');
    assert.deepEqual([text.status, text.contentType, text.body], [400, 'text/plain', 'fail']);
  });

  test('bodies: JSON objects only, UTF-8 only', () => {
    assert.equal(parseWebhookBody(Buffer.from('{"a":1}')).ok, true);
    for (const bad of ['not json', '[1,2]', 'null']) assert.equal(parseWebhookBody(Buffer.from(bad)).ok, false, bad);
    assert.equal(parseWebhookBody(Buffer.from([0x7b, 0xff, 0x7d])).ok, false);
  });
});
