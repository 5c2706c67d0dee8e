import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ALL_PERMISSIONS, ROLES, allows, effectivePermissions } from './permissions.js';
import { issueToken, verifyToken, tokenSecretFromHex } from './token.js';

const secret = Buffer.alloc(32, 7);
const claims = { tid: 'acme', uid: 'u_1', kid: 'k1', perms: ['live:view'] };

test('a token verifies until its expiry, then is EXPIRED', () => {
  const { token, expiresAt } = issueToken(secret, claims, 1_000_000, 60);
  assert.equal(expiresAt.getTime(), 1_060_000);
  const ok = verifyToken(secret, token, 1_059_999);
  assert.ok(ok.ok && ok.claims.tid === 'acme' && ok.claims.perms[0] === 'live:view');
  assert.deepEqual(verifyToken(secret, token, 1_060_000), { ok: false, problem: 'EXPIRED' });
});

test('a signature spelled another way is refused (base64url ignores the last character\'s spare bits)', () => {
  const { token } = issueToken(secret, claims, Date.now(), 60);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (const c of alphabet) {
    if (c === token.at(-1)) continue;
    assert.equal(verifyToken(secret, token.slice(0, -1) + c, Date.now()).ok, false, `last character ${c}`);
  }
});

test('any change to a token, or another secret, breaks its signature', () => {
  const { token } = issueToken(secret, claims, Date.now(), 60);
  fc.assert(fc.property(fc.integer({ min: 4, max: token.length - 1 }), fc.constantFrom(...'ABCabc012_-'), (i, c) => {
    fc.pre(token[i] !== c && token[i] !== '.');
    const changed = token.slice(0, i) + c + token.slice(i + 1);
    assert.equal(verifyToken(secret, changed, Date.now()).ok, false);
  }));
  assert.deepEqual(verifyToken(Buffer.alloc(32, 8), token, Date.now()), { ok: false, problem: 'BAD_SIGNATURE' });
  // Claims re-signed by nobody: swapping in another tenant's body keeps the old signature.
  const [, , sig] = token.split('.');
  const forged = `ck1.${Buffer.from(JSON.stringify({ ...claims, tid: 'other', iat: 0, exp: 9e9 })).toString('base64url')}.${sig}`;
  assert.deepEqual(verifyToken(secret, forged, Date.now()), { ok: false, problem: 'BAD_SIGNATURE' });
});

test('malformed tokens are MALFORMED, never a throw', () => {
  fc.assert(fc.property(fc.string(), (s) => {
    const r = verifyToken(secret, `ck1.${s}`, Date.now());
    assert.equal(r.ok, false);
  }));
  assert.throws(() => tokenSecretFromHex('abcd'), /AUTH_TOKEN_SECRET/);
});

test('roles grant only catalogue permissions; scopes only narrow', () => {
  for (const role of Object.values(ROLES)) for (const p of role.permissions) assert.ok(ALL_PERMISSIONS.includes(p));
  assert.deepEqual(effectivePermissions('analyst', ['lead:call:view', 'admin:key:manage']), ['lead:call:view']);
  assert.equal(effectivePermissions('admin').length, ALL_PERMISSIONS.length);
  assert.ok(!effectivePermissions('analyst').includes('pii:view'));
  assert.ok(effectivePermissions('supervisor').includes('pii:view'));
});

test('allows: all-of by default, any-of on request', () => {
  const held = new Set(['lead:call:record:list']);
  assert.equal(allows(held, ['lead:call:view', 'lead:call:record:list']), false);
  assert.equal(allows(held, ['lead:call:view', 'lead:call:record:list'], true), true);
  assert.equal(allows(held, []), true);
});
