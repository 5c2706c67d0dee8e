// `deploy/local/stack.sh` itself, on a stack of its own (temporary data dir, free ports), so the
// stack the other tests use is never touched: up / up again (no-op) / down / up with data kept,
// a crashed daemon's stale pid file, a port change, and concurrent account provisioning.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { readDevices, type DeviceCredentials } from '../../deploy/local/broker-accounts.js';
import { isAlive, mqttLogin, readPidFile } from '../../deploy/local/procs.js';
import { loadStackConfig, REPO_ROOT, stackPaths } from '../../deploy/local/stack-env.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dataDir = mkdtempSync(join(tmpdir(), 'cunke-stack-'));
let env: NodeJS.ProcessEnv = {};

function stack(cmd: 'up' | 'down' | 'status', extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('bash', [join(REPO_ROOT, 'deploy/local/stack.sh'), cmd], { cwd: tmpdir(), env: { ...env, ...extraEnv }, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: stdout + stderr });
    });
  });
}

const stackEnv = (): Record<string, string> => parseEnv(readFileSync(join(dataDir, 'stack.env'), 'utf8')) as Record<string, string>;

describe('stack.sh lifecycle (own data dir and ports)', () => {
  before(async () => {
    const clean = { ...process.env };
    for (const k of ['REDIS_URL', 'MQTT_URL', 'MQTT_GATEWAY_PASSWORD', 'PII_HASH_KEY', 'PII_ENC_KEY', 'AUTH_TOKEN_SECRET', 'MQTT_GATEWAY_USERNAME', 'REDIS_APPENDFSYNC']) delete clean[k];
    env = { ...clean, CUNKE_DATA_DIR: dataDir, REDIS_PORT: String(await freePort()), MQTT_PORT: String(await freePort()), SIM_DEVICES: '3', SIM_TENANT: 'lifecycle' };
  });

  after(async () => {
    await stack('down');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('up creates secrets, accounts and both daemons; a second up is a quick no-op', async () => {
    const first = await stack('up');
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /redis started/);
    assert.match(first.out, /mosquitto started/);

    const secrets = stackEnv();
    for (const key of ['MQTT_GATEWAY_PASSWORD', 'REDIS_PASSWORD', 'REDIS_URL', 'MQTT_URL', 'PII_HASH_KEY', 'PII_ENC_KEY', 'AUTH_TOKEN_SECRET']) assert.ok(secrets[key], key);
    assert.match(secrets.PII_HASH_KEY ?? '', /^[0-9a-f]{64}$/);
    assert.match(secrets.PII_ENC_KEY ?? '', /^[0-9a-f]{64}$/);
    assert.equal(secrets.REDIS_URL, `redis://:${secrets.REDIS_PASSWORD}@127.0.0.1:${env.REDIS_PORT}`);
    assert.equal(secrets.MQTT_URL, `mqtt://127.0.0.1:${env.MQTT_PORT}`);
    assert.equal(statSync(join(dataDir, 'stack.env')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'devices.json')).mode & 0o777, 0o600);

    const config = loadStackConfig(env);
    const devices = readDevices(config);
    assert.deepEqual(devices.map((d) => d.username), ['lifecycle.sim-0001', 'lifecycle.sim-0002', 'lifecycle.sim-0003']);
    assert.deepEqual(await mqttLogin(config.mqttPort, devices[0]!.username, devices[0]!.password), { kind: 'connack', returnCode: 0 });

    const paths = stackPaths(config);
    const pids = [readPidFile(paths.redisPid), readPidFile(paths.mosquittoPid)];
    const t0 = Date.now();
    const second = await stack('up');
    const elapsed = Date.now() - t0;
    assert.equal(second.code, 0, second.out);
    assert.doesNotMatch(second.out, /started|provisioned/);
    assert.deepEqual([readPidFile(paths.redisPid), readPidFile(paths.mosquittoPid)], pids);
    assert.deepEqual(stackEnv(), secrets, 'stack.env must be kept');
    // < 1 s on an idle machine; generous here because the test suite shares two cores.
    assert.ok(elapsed < 5_000, `second up took ${elapsed} ms`);
  });

  test('down stops both cleanly, up again keeps Redis data (AOF) and the secrets', async () => {
    const config = loadStackConfig(env);
    const paths = stackPaths(config);
    const secrets = stackEnv();
    const redis = new Redis(secrets.REDIS_URL ?? '', { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await redis.set('lifecycle:key', 'kept');
    redis.disconnect();

    const pids = [readPidFile(paths.redisPid)!, readPidFile(paths.mosquittoPid)!];
    const down = await stack('down');
    assert.equal(down.code, 0, down.out);
    for (const pid of pids) assert.ok(!isAlive(pid), `pid ${pid} still alive`);
    assert.equal(readPidFile(paths.redisPid), null);
    assert.equal(readPidFile(paths.mosquittoPid), null);
    assert.equal((await stack('status')).code, 3);

    const up = await stack('up');
    assert.equal(up.code, 0, up.out);
    assert.deepEqual(stackEnv(), secrets);
    const again = new Redis(secrets.REDIS_URL ?? '', { lazyConnect: true, maxRetriesPerRequest: 1 });
    await again.connect();
    assert.equal(await again.get('lifecycle:key'), 'kept');
    assert.equal(await again.config('GET', 'appendonly').then((r) => (r as string[])[1]), 'yes');
    again.disconnect();
    assert.equal((await stack('status')).code, 0);
  });

  test('a crashed daemon leaves a stale pid file that does not block up', async () => {
    const paths = stackPaths(loadStackConfig(env));
    const pid = readPidFile(paths.mosquittoPid)!;
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(readPidFile(paths.mosquittoPid), pid, 'the pid file stays after SIGKILL');
    const up = await stack('up');
    assert.equal(up.code, 0, up.out);
    assert.match(up.out, /stale pid file/);
    assert.match(up.out, /mosquitto started/);
  });

  test('a port change rewrites the URL line and moves the daemon', async () => {
    const newPort = String(await freePort());
    const up = await stack('up', { MQTT_PORT: newPort });
    assert.equal(up.code, 0, up.out);
    assert.match(up.out, /mosquitto configuration changed: restarting/);
    assert.equal(stackEnv().MQTT_URL, `mqtt://127.0.0.1:${newPort}`);
    const config = loadStackConfig({ ...env, MQTT_PORT: newPort });
    const d = readDevices(config)[0]!;
    assert.deepEqual(await mqttLogin(Number(newPort), d.username, d.password), { kind: 'connack', returnCode: 0 });
    env.MQTT_PORT = newPort;
  });

  test('a port held by a foreign process fails with a clear message', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as { port: number }).port);
    try {
      const other = mkdtempSync(join(tmpdir(), 'cunke-stack-foreign-'));
      const r = await stack('up', { CUNKE_DATA_DIR: other, REDIS_PORT: port, MQTT_PORT: String(await freePort()) });
      rmSync(other, { recursive: true, force: true });
      assert.notEqual(r.code, 0);
      assert.match(r.out, new RegExp(`port ${port} .*already in use by another process`));
    } finally {
      server.close();
    }
  });

  test('ensureDevices from several processes at once loses nothing', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `conc-${String(i).padStart(3, '0')}`);
    const script = `
      import { ensureDevices } from './deploy/local/broker-accounts.ts';
      import { loadStackConfig } from './deploy/local/stack-env.ts';
      const [tenant, ids] = JSON.parse(process.argv[1]);
      process.stdout.write(JSON.stringify(await ensureDevices(loadStackConfig(), tenant, ids)));`;
    const child = (tenant: string, part: string[]): Promise<DeviceCredentials[]> =>
      new Promise((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify([tenant, part])], {
          cwd: REPO_ROOT,
          env,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.on('error', reject);
        p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as DeviceCredentials[]) : reject(new Error(`child exit ${code}`))));
      });
    // Overlapping ranges of one tenant (both may create the middle) plus a second tenant.
    const results = await Promise.all([child('conc', ids.slice(0, 200)), child('conc', ids.slice(100)), child('conc2', ids)]);
    const byName = new Map<string, string>();
    for (const c of results.flat()) {
      const seen = byName.get(c.username);
      if (seen !== undefined) assert.equal(c.password, seen, `two passwords for ${c.username}`);
      byName.set(c.username, c.password);
    }
    const config = loadStackConfig(env);
    const registry = readDevices(config);
    assert.equal(registry.length, 3 + 2 * ids.length);
    assert.equal(new Set(registry.map((d) => d.username)).size, registry.length);
    const passwd = readFileSync(stackPaths(config).passwdFile, 'utf8').trim().split('\n');
    assert.equal(passwd.length, 1 + registry.length);
    for (const d of registry.filter((_, i) => i % 97 === 0)) {
      assert.equal(d.password, byName.get(d.username) ?? d.password);
      assert.deepEqual(await mqttLogin(config.mqttPort, d.username, d.password), { kind: 'connack', returnCode: 0 }, d.username);
    }
  });
});
