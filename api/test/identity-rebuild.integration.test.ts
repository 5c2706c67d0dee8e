// Redis is rebuildable (DESIGN.md): tenants, users and keys written through the entity feed
// come back from the warehouse after Redis loses them, revocations included. And the admin CLI
// bootstraps a tenant whose key works at once, reusing it on later runs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { authKeys } from '../../common/access/auth-keys.js';
import { REPO_ROOT } from '../../common/config.js';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { dropKeys, namespace } from '../../test/support/services.js';
import { waitFor } from '../../test/support/wait.js';

const run = promisify(execFile);
let api: TestApi;
before(async () => { api = await startTestApi(); });
after(async () => api?.close());

test('after Redis loses the identity index, rebuild restores keys and keeps revocations', async () => {
  const tenant = namespace('rb');
  const admin = await api.keyFor(tenant, 'admin');
  const kept = (await api.call('POST', '/api/v1/api-keys', { key: admin, body: { name: 'kept' } })).body.data;
  const gone = (await api.call('POST', '/api/v1/api-keys', { key: admin, body: { name: 'gone' } })).body.data;
  assert.equal((await api.call('DELETE', `/api/v1/api-keys/${gone.keyId}`, { key: admin })).status, 200);
  const wh = api.deps.warehouse;
  await waitFor('identity rows in the warehouse', async () => {
    const [r] = await wh.query<{ n: string; revoked: string }>(
      `SELECT count() AS n, countIf(revoked_at IS NOT NULL) AS revoked FROM ${wh.tables.dimApiKey} FINAL WHERE tenant_id = {t:String}`, { t: tenant });
    return Number(r?.n) === 3 && Number(r?.revoked) === 1;
  }, { timeoutMs: 15_000 });

  for (const id of [kept.keyId, gone.keyId]) await api.deps.redis.del(authKeys.apiKey(id));
  await dropKeys(api.deps.redis, `cunke:auth:*${tenant}*`);
  for (const id of [kept.keyId, gone.keyId]) api.deps.resolver.forget(id);
  assert.equal((await api.call('GET', '/api/v1/auth/me', { key: kept.key })).status, 401);

  const restored = await api.deps.identity.rebuild(wh);
  assert.ok(restored.keys >= 3);
  api.deps.resolver.forget(kept.keyId);
  const me = await api.call('GET', '/api/v1/auth/me', { key: kept.key });
  assert.equal(me.status, 200);
  assert.equal(me.body.data.tenantId, tenant);
  assert.equal((await api.call('GET', '/api/v1/auth/me', { key: gone.key })).status, 401);
});

test('admin bootstrap creates a tenant and a working admin key, and reuses it from its key file', async () => {
  const tenant = namespace('bs');
  const dir = mkdtempSync(join(tmpdir(), 'cunke-admin-'));
  try {
    const keyFile = join(dir, 'admin.key');
    const cli = () => run(process.execPath, ['--import', 'tsx', 'api/src/cli/admin.ts', 'bootstrap', '--tenant', tenant, '--key-file', keyFile], { cwd: REPO_ROOT });
    const first = (await cli()).stdout.trim();
    assert.equal(readFileSync(keyFile, 'utf8').trim(), first);
    const me = await api.call('GET', '/api/v1/auth/me', { key: first });
    assert.equal(me.status, 200);
    assert.deepEqual([me.body.data.tenantId, me.body.data.role], [tenant, 'admin']);
    assert.equal((await cli()).stdout.trim(), first);
    await assert.rejects(run(process.execPath, ['--import', 'tsx', 'api/src/cli/admin.ts', 'bootstrap', '--tenant', 'Bad Tenant!'], { cwd: REPO_ROOT }), /--tenant must match/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
