// Where the local stack keeps its files, and its generated secrets ($CUNKE_DATA_DIR/stack.env).
// Relative data dirs are resolved against the repository root, never the cwd, so `stack.sh`
// behaves the same wherever it is called from.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig, type Config } from '../../common/config.js';
import { writeFileAtomic } from './procs.js';

export { REPO_ROOT } from '../../common/config.js';
import { REPO_ROOT } from '../../common/config.js';

/**
 * loadConfig() with CUNKE_DATA_DIR resolved against the repository root. The stack's ports
 * are REDIS_PORT / MQTT_PORT when set in `env`; otherwise the ports of the URL lines in an
 * existing stack.env (so a data dir keeps the ports it was started with), else the defaults.
 */
export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(REPO_ROOT, env.CUNKE_DATA_DIR || 'var');
  const file = readEnvFile(join(dataDir, 'stack.env'));
  const redisPort = env.REDIS_PORT ? null : urlPort(file.REDIS_URL);
  const mqttPort = env.MQTT_PORT ? null : urlPort(file.MQTT_URL);
  return loadConfig({ ...env, CUNKE_DATA_DIR: dataDir }, {
    ...(redisPort !== null ? { redisPort } : {}),
    ...(mqttPort !== null ? { mqttPort } : {}),
  });
}

function urlPort(url: string | undefined): number | null {
  if (!url) return null;
  try {
    const port = Number(new URL(url).port);
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

export interface StackPaths {
  dataDir: string;
  stackEnv: string;
  stackLock: string;
  redisDir: string;
  redisConf: string;
  redisPid: string;
  redisLog: string;
  mosquittoDir: string;
  mosquittoConf: string;
  mosquittoPid: string;
  mosquittoLog: string;
  mosquittoData: string;
  passwdFile: string;
  aclFile: string;
  accountsLock: string;
  devicesFile: string;
}

export function stackPaths(config: Pick<Config, 'dataDir'>): StackPaths {
  const dataDir = resolve(config.dataDir);
  const redisDir = join(dataDir, 'redis');
  const mosquittoDir = join(dataDir, 'mosquitto');
  return {
    dataDir,
    stackEnv: join(dataDir, 'stack.env'),
    stackLock: join(dataDir, '.stack.lock'),
    redisDir,
    redisConf: join(redisDir, 'redis.conf'),
    redisPid: join(redisDir, 'redis.pid'),
    redisLog: join(redisDir, 'redis.log'),
    mosquittoDir,
    mosquittoConf: join(mosquittoDir, 'mosquitto.conf'),
    mosquittoPid: join(mosquittoDir, 'mosquitto.pid'),
    mosquittoLog: join(mosquittoDir, 'mosquitto.log'),
    mosquittoData: join(mosquittoDir, 'data'),
    passwdFile: join(mosquittoDir, 'passwd'),
    aclFile: join(mosquittoDir, 'acl'),
    accountsLock: join(mosquittoDir, '.accounts.lock'),
    devicesFile: join(dataDir, 'devices.json'),
  };
}

export interface StackSecrets {
  MQTT_GATEWAY_PASSWORD: string;
  REDIS_PASSWORD: string;
  REDIS_URL: string;
  MQTT_URL: string;
  PII_HASH_KEY: string;
  PII_ENC_KEY: string;
  AUTH_TOKEN_SECRET: string;
}

const SECRET_KEYS = ['MQTT_GATEWAY_PASSWORD', 'REDIS_PASSWORD', 'REDIS_URL', 'MQTT_URL', 'PII_HASH_KEY', 'PII_ENC_KEY', 'AUTH_TOKEN_SECRET'] as const;

function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** The secrets as stored in stack.env (process env does not override them here). */
export function readStackSecrets(config: Pick<Config, 'dataDir'>): StackSecrets {
  const file = stackPaths(config).stackEnv;
  const values = readEnvFile(file);
  const missing = SECRET_KEYS.filter((k) => !values[k]);
  if (missing.length > 0) {
    throw new Error(`${file} is missing ${missing.join(', ')}: run \`bash deploy/local/stack.sh up\` first`);
  }
  return values as unknown as StackSecrets;
}

/**
 * Creates stack.env (mode 0600) on first use and keeps it afterwards: random secrets are
 * generated only when absent; the URL lines follow the configured ports. Other keys a user
 * added to the file are kept. Returns the secrets.
 */
export function ensureStackSecrets(config: Pick<Config, 'dataDir' | 'redisPort' | 'mqttPort'>): StackSecrets {
  const file = stackPaths(config).stackEnv;
  mkdirSync(dirname(file), { recursive: true });
  const before = readEnvFile(file);
  const v: Record<string, string> = { ...before };
  v.MQTT_GATEWAY_PASSWORD ||= randomBytes(16).toString('hex');
  v.REDIS_PASSWORD ||= randomBytes(16).toString('hex');
  v.PII_HASH_KEY ||= randomBytes(32).toString('hex');
  v.PII_ENC_KEY ||= randomBytes(32).toString('hex');
  v.AUTH_TOKEN_SECRET ||= randomBytes(32).toString('hex');
  v.REDIS_URL = `redis://:${v.REDIS_PASSWORD}@127.0.0.1:${config.redisPort}`;
  v.MQTT_URL = `mqtt://127.0.0.1:${config.mqttPort}`;

  const changed = Object.keys(v).some((k) => v[k] !== before[k]);
  if (changed || !existsSync(file)) {
    const lines = [
      '# Secrets of the local stack, generated once by deploy/local/stack.sh. Keep private (0600).',
      '# common/config.ts reads this file; variables in the process environment win over it.',
      ...SECRET_KEYS.map((k) => `${k}=${v[k]}`),
      ...Object.keys(v)
        .filter((k) => !(SECRET_KEYS as readonly string[]).includes(k))
        .map((k) => `${k}=${quoteEnv(v[k] ?? '')}`),
    ];
    writeFileAtomic(file, lines.join('\n') + '\n', 0o600);
  } else if ((statSync(file).mode & 0o777) !== 0o600) {
    chmodSync(file, 0o600);
  }
  return v as unknown as StackSecrets;
}

function quoteEnv(value: string): string {
  return /^[\w@%+=:,./-]*$/.test(value) ? value : JSON.stringify(value);
}
