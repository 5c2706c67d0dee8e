// `npm run admin -- <command>`: tenant bootstrap and identity maintenance from a shell.
//   bootstrap --tenant <id> [--name <name>] [--key-file <path>]
//       creates the tenant (if new), an admin user and an admin API key, and prints the key once.
//       With --key-file the key is also written there (0600), and a later run reuses a key from
//       that file while it still works instead of minting another (what `npm start` does for
//       its demo tenant).
//   create-key --tenant <id> --role <role> [--name <name>]
//       a new user with that role and a key for it; prints the key once.
//   rebuild
//       restores the Redis identity index from the warehouse (needs the warehouse: with the
//       embedded chDB, run it while the API is stopped; the API also does it on start when the
//       index is empty).
// Writes go to Redis and the entity feed, so they work while the API owns the warehouse.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { ROLE_NAMES, isRole } from '../../../common/access/permissions.js';
import { PrincipalResolver } from '../../../common/access/resolve-principal.js';
import { tokenSecretFromHex } from '../../../common/access/token.js';
import { loadConfig } from '../../../common/config.js';
import { piiKeysFromHex } from '../../../common/pii.js';
import { openWarehouse } from '../../../warehouse/src/edges/open-warehouse.js';
import { migrate } from '../../../warehouse/src/migrate.js';
import { isTenantId, TENANT_ID_PATTERN } from '../identity/ids.js';
import { IdentityStore } from '../identity/identity-store.js';

class UsageError extends Error {}

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true,
    options: { tenant: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, 'key-file': { type: 'string' } },
  });
  const config = loadConfig();
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  const identity = new IdentityStore(redis, piiKeysFromHex(config.piiHashKey, config.piiEncKey), 'admin-cli');
  try {
    const command = positionals[0];
    if (command === 'rebuild') {
      const wh = openWarehouse(config);
      await migrate(wh);
      out(JSON.stringify(await identity.rebuild(wh)));
      await wh.close();
      return;
    }
    const tenantId = values.tenant ?? '';
    if (!isTenantId(tenantId)) throw new UsageError(`--tenant must match ${TENANT_ID_PATTERN}`);
    if (command === 'bootstrap') {
      const keyFile = values['key-file'];
      if (keyFile && existsSync(keyFile)) {
        const saved = readFileSync(keyFile, 'utf8').trim();
        const check = await new PrincipalResolver(redis, tokenSecretFromHex(config.authTokenSecret)).resolve(saved);
        if (check.ok && check.principal.tenantId === tenantId) {
          out(saved);
          return;
        }
      }
      if (!(await identity.getTenant(tenantId))) await identity.createTenant(tenantId, values.name ?? tenantId);
      const user = await identity.createUser(tenantId, { name: 'Administrator', role: 'admin' });
      const { key } = await identity.createApiKey(tenantId, { userId: user.userId, name: 'bootstrap admin key', createdBy: 'admin-cli' });
      if (keyFile) {
        mkdirSync(dirname(keyFile), { recursive: true });
        writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
        chmodSync(keyFile, 0o600);
      }
      out(key);
      return;
    }
    if (command === 'create-key') {
      const role = values.role ?? '';
      if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLE_NAMES.join(', ')}`);
      if (!(await identity.getTenant(tenantId))) throw new UsageError(`no tenant ${tenantId}: bootstrap it first`);
      const user = await identity.createUser(tenantId, { name: values.name ?? `${role} user`, role });
      const { key } = await identity.createApiKey(tenantId, { userId: user.userId, name: values.name ?? `${role} key`, createdBy: 'admin-cli' });
      out(key);
      return;
    }
    throw new UsageError('usage: admin bootstrap|create-key|rebuild --tenant <id> [--role <role>] [--name <name>] [--key-file <path>]');
  } finally {
    redis.disconnect();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`admin: ${(err as Error).message}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
