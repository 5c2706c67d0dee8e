import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PLATFORM_PROFILES, sign, signedPayload, verifyWebhook, webhookResponse, type VerifyInput } from './webhook-signature.js';

const cunke = PLATFORM_PROFILES.cunke!;
const douyin = PLATFORM_PROFILES.douyin_leads!;
const NOW = 1_764_800_000_000;
const body = JSON.stringify({ name: '张三', phone: '13800138001' });

function signed(profile = cunke, opts: { secret?: string; ts?: string; nonce?: string; enc?: 'hex' | 'base64' | 'prefixed'; body?: string } = {}): VerifyInput {
  const ts = opts.ts ?? String(Math.floor(NOW / 1000));
  const nonce = opts.nonce ?? 'n-1';
  const mac = sign(opts.secret ?? 's3cret', signedPayload(profile.signed, Buffer.from(body), ts, nonce));
  const sig = opts.enc === 'base64' ? mac.toString('base64') : opts.enc === 'prefixed' ? `sha256=${mac.toString('hex')}` : mac.toString('hex');
  return { profile, secrets: ['s3cret'], now: NOW, rawBody: opts.body ?? body, headers: { [profile.signatureHeader]: sig, [profile.timestampHeader!]: ts, [profile.nonceHeader!]: nonce } };
}

test('webhook: a correctly signed request passes in hex, base64 and sha256= forms, for each platform profile', () => {
  for (const enc of ['hex', 'base64', 'prefixed'] as const) {
    const r = verifyWebhook(signed(cunke, { enc }));
    assert.equal(r.ok, true, enc);
  }
  const d = verifyWebhook(signed(douyin));
  assert.ok(d.ok);
  assert.equal(d.ok && d.replayTtlSeconds, 600);
});

test('webhook: tampered body, wrong secret, missing headers, stale or future timestamps are rejected with reasons', () => {
  const reason = (i: VerifyInput) => { const r = verifyWebhook(i); return r.ok ? 'ok' : r.reason; };
  assert.equal(reason({ ...signed(), rawBody: body.replace('张三', '李四') }), 'bad_signature');
  assert.equal(reason(signed(cunke, { secret: 'other' })), 'bad_signature');
  const noSig = signed();
  assert.equal(reason({ ...noSig, headers: { ...noSig.headers, [cunke.signatureHeader]: undefined } }), 'missing_signature');
  assert.equal(reason({ ...noSig, headers: { ...noSig.headers, [cunke.signatureHeader]: 'zz' } }), 'bad_signature_encoding');
  assert.equal(reason({ ...noSig, headers: { ...noSig.headers, [cunke.timestampHeader!]: undefined } }), 'missing_timestamp');
  assert.equal(reason(signed(cunke, { ts: String(Math.floor(NOW / 1000) - 301) })), 'timestamp_out_of_window');
  assert.equal(reason(signed(cunke, { ts: String(NOW + 301_000) })), 'timestamp_out_of_window');
  assert.equal(reason(signed(cunke, { ts: String(Math.floor(NOW / 1000) - 299) })), 'ok');
  assert.equal(reason({ ...noSig, secrets: [] }), 'no_secret');
});

test('webhook: secret rotation accepts the previous secret and says which matched', () => {
  const r = verifyWebhook({ ...signed(cunke, { secret: 'old' }), secrets: ['new', 'old'] });
  assert.equal(r.ok && r.secretIndex, 1);
});

test('webhook: the replay key is the same for a resent request and differs per nonce', () => {
  const a = verifyWebhook(signed());
  const b = verifyWebhook(signed());
  const c = verifyWebhook(signed(cunke, { nonce: 'n-2' }));
  assert.ok(a.ok && b.ok && c.ok);
  assert.equal(a.replayKey, b.replayKey);
  assert.notEqual(a.replayKey, c.replayKey);
});

test('webhook: responses follow each platform shape', () => {
  assert.deepEqual(webhookResponse(douyin, 'accepted'), { status: 200, contentType: 'application/json', body: '{"code":0,"message":"success"}' });
  assert.equal(webhookResponse(PLATFORM_PROFILES.order_notifications!, 'duplicate').body, 'success');
  assert.equal(webhookResponse(cunke, 'rejected').status, 401);
});

test('webhook: any single-byte change of the body fails verification (property)', () => {
  fc.assert(fc.property(fc.nat({ max: Buffer.byteLength(body) - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
    const input = signed();
    const buf = Buffer.from(body);
    buf[i] = buf[i]! ^ x;
    const r = verifyWebhook({ ...input, rawBody: buf });
    assert.equal(r.ok ? 'ok' : r.reason, 'bad_signature');
  }));
});
