// The one place that reads process.env. Every setting is declared once below with its type,
// default and meaning; `loadConfig()` validates them all and reports every bad key together.
// docs/configuration.md is generated from this table (`npm run config:doc`).
import { hostname } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Relative paths in the configuration are relative to the repository, not the cwd. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Kind = 'string' | 'int' | 'bool' | 'url' | 'enum';

interface Setting<K extends Kind = Kind> {
  env: string;
  kind: K;
  default: string;
  doc: string;
  values?: readonly string[];
  min?: number;
  max?: number;
  secret?: boolean;
}

const s = <K extends Kind>(setting: Setting<K>): Setting<K> => setting;

export const SETTINGS = {
  dataDir: s({ env: 'CUNKE_DATA_DIR', kind: 'string', default: 'var', doc: 'Directory for local state: Redis AOF, broker persistence, chDB data, device credentials, outboxes.' }),
  logLevel: s({ env: 'LOG_LEVEL', kind: 'enum', default: 'info', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], doc: 'pino log level for every process.' }),

  redisUrl: s({ env: 'REDIS_URL', kind: 'url', default: 'redis://127.0.0.1:6390', doc: 'Redis (hot state, dedupe, warehouse feed stream).' }),
  redisPort: s({ env: 'REDIS_PORT', kind: 'int', default: '6390', min: 1, max: 65535, doc: 'Port the local stack starts Redis on.' }),
  redisAppendFsync: s({ env: 'REDIS_APPENDFSYNC', kind: 'enum', default: 'everysec', values: ['always', 'everysec'], doc: 'AOF fsync policy of the local Redis. `everysec` survives any process crash; `always` also survives power loss at a throughput cost.' }),

  mqttUrl: s({ env: 'MQTT_URL', kind: 'url', default: 'mqtt://127.0.0.1:1884', doc: 'MQTT 5 broker.' }),
  mqttPort: s({ env: 'MQTT_PORT', kind: 'int', default: '1884', min: 1, max: 65535, doc: 'Port the local stack starts Mosquitto on.' }),
  mqttGatewayUsername: s({ env: 'MQTT_GATEWAY_USERNAME', kind: 'string', default: 'cunke-gateway', doc: 'Broker account of the gateway (may read every device topic, write commands).' }),
  mqttGatewayPassword: s({ env: 'MQTT_GATEWAY_PASSWORD', kind: 'string', default: '', secret: true, doc: 'Its password; the local stack generates one into $CUNKE_DATA_DIR/stack.env.' }),

  gatewayId: s({ env: 'GATEWAY_ID', kind: 'string', default: '', doc: 'Instance name in logs, metrics and MQTT client ids; defaults to gw-<hostname>. Must be stable across restarts and unique per instance: the broker keeps the unacknowledged messages of an instance under these client ids.' }),
  gatewayShareGroup: s({ env: 'GATEWAY_SHARE_GROUP', kind: 'string', default: 'gw', doc: 'MQTT shared-subscription group; instances in one group split the device traffic.' }),
  gatewayMqttConnections: s({ env: 'GATEWAY_MQTT_CONNECTIONS', kind: 'int', default: '16', min: 1, max: 256, doc: 'Broker connections per gateway instance. mqtt.js reads the next message of a connection only after the previous one is acknowledged, so acknowledging after durable work needs several connections to keep throughput.' }),
  gatewaySessionExpiryS: s({ env: 'GATEWAY_SESSION_EXPIRY_S', kind: 'int', default: '86400', min: 10, doc: 'How long the broker keeps an absent gateway instance\'s session, with the messages already routed to it (Mosquitto keeps routing a share of new ones there too). A crashed instance restarted with the same GATEWAY_ID within this time gets them all back; retire an instance for good with `npm run gateway -- --retire`.' }),
  gatewayBatchMax: s({ env: 'GATEWAY_BATCH_MAX', kind: 'int', default: '512', min: 1, max: 10000, doc: 'Largest micro-batch of messages made durable in one Redis call.' }),
  gatewayBatchWaitMs: s({ env: 'GATEWAY_BATCH_WAIT_MS', kind: 'int', default: '1', min: 0, max: 1000, doc: 'How long a micro-batch waits for more messages before it is flushed.' }),
  metricsHost: s({ env: 'METRICS_HOST', kind: 'string', default: '127.0.0.1', doc: 'Address the /metrics endpoints of the gateway and writer listen on (loopback unless a remote Prometheus scrapes them).' }),
  gatewayMetricsPort: s({ env: 'GATEWAY_METRICS_PORT', kind: 'int', default: '9464', min: 0, max: 65535, doc: 'Prometheus /metrics port of the gateway (0 = off).' }),
  dedupeTtlS: s({ env: 'DEDUPE_TTL_S', kind: 'int', default: '604800', min: 60, doc: 'How long an event id is remembered. Must exceed the longest a device may stay offline with events in its outbox.' }),
  callStateTtlS: s({ env: 'CALL_STATE_TTL_S', kind: 'int', default: '172800', min: 60, doc: 'How long live call state is kept in Redis after its last event.' }),
  deadLetterMaxLen: s({ env: 'DEAD_LETTER_MAXLEN', kind: 'int', default: '100000', min: 100, doc: 'Entries kept in the ingest dead-letter stream (oldest trimmed).' }),

  piiHashKey: s({ env: 'PII_HASH_KEY', kind: 'string', default: '', secret: true, doc: 'Hex key (>= 32 bytes) of the keyed hash (HMAC-SHA256) used to look up phone numbers and emails; the local stack generates one. Changing it orphans every stored hash.' }),
  piiEncKey: s({ env: 'PII_ENC_KEY', kind: 'string', default: '', secret: true, doc: 'Hex AES-256-GCM key (32 bytes) encrypting phone numbers and emails at rest; the local stack generates one.' }),
  phoneDefaultRegion: s({ env: 'PHONE_DEFAULT_REGION', kind: 'string', default: 'CN', doc: 'ISO country assumed for numbers dialled without a country code.' }),

  warehouseBackend: s({ env: 'WAREHOUSE_BACKEND', kind: 'enum', default: 'chdb', values: ['chdb', 'clickhouse'], doc: 'Embedded chDB (one owning process) or a ClickHouse server (>= 23).' }),
  chdbPath: s({ env: 'CHDB_PATH', kind: 'string', default: '', doc: 'chDB data directory; defaults to $CUNKE_DATA_DIR/chdb.' }),
  clickhouseUrl: s({ env: 'CLICKHOUSE_URL', kind: 'string', default: 'http://127.0.0.1:8123', doc: 'ClickHouse server HTTP endpoint (backend `clickhouse`).' }),
  clickhouseUser: s({ env: 'CLICKHOUSE_USER', kind: 'string', default: 'default', doc: 'ClickHouse user.' }),
  clickhousePassword: s({ env: 'CLICKHOUSE_PASSWORD', kind: 'string', default: '', secret: true, doc: 'ClickHouse password.' }),
  clickhouseDatabase: s({ env: 'CLICKHOUSE_DATABASE', kind: 'string', default: 'cunke', doc: 'Database holding the Cunke tables (both backends).' }),
  writerBatchMaxRows: s({ env: 'WRITER_BATCH_MAX_ROWS', kind: 'int', default: '20000', min: 1, max: 1000000, doc: 'Warehouse writer flushes when this many stream entries are pending.' }),
  writerFlushIntervalMs: s({ env: 'WRITER_FLUSH_INTERVAL_MS', kind: 'int', default: '500', min: 10, max: 600000, doc: 'and at the latest this long after the first pending entry.' }),
  writerMetricsPort: s({ env: 'WRITER_METRICS_PORT', kind: 'int', default: '9465', min: 0, max: 65535, doc: 'Prometheus /metrics port of the warehouse writer (0 = off).' }),

  apiHost: s({ env: 'API_HOST', kind: 'string', default: '127.0.0.1', doc: 'Address the REST API (and the dashboard page) listens on.' }),
  apiPort: s({ env: 'API_PORT', kind: 'int', default: '8080', min: 0, max: 65535, doc: 'Port of the REST API and the dashboard page.' }),
  apiPublicUrl: s({ env: 'API_PUBLIC_URL', kind: 'string', default: '', doc: 'Base URL users reach the API at (printed by `npm start`, used in the OpenAPI document); defaults to http://API_HOST:API_PORT.' }),
  apiBodyLimitBytes: s({ env: 'API_BODY_LIMIT_BYTES', kind: 'int', default: '1048576', min: 1024, max: 104857600, doc: 'Largest request body the API accepts (413 above it).' }),
  apiRateLimitPerMinute: s({ env: 'API_RATE_LIMIT_PER_MINUTE', kind: 'int', default: '1200', min: 1, doc: 'Requests per minute per credential (per source IP when unauthenticated), counted in Redis so every API instance shares the budget.' }),
  apiRunWriter: s({ env: 'API_RUN_WRITER', kind: 'enum', default: 'auto', values: ['auto', 'true', 'false'], doc: 'Whether the API process also runs the warehouse writer. `auto`: yes with the embedded chDB backend, whose data directory one process owns (it then answers the API\'s queries and writes the feeds); no with a ClickHouse server, where writers run as `npm run warehouse`.' }),
  metricsAllowRemote: s({ env: 'METRICS_ALLOW_REMOTE', kind: 'bool', default: 'false', doc: 'Serve the API\'s /metrics to non-loopback clients (a remote Prometheus). Off: only loopback callers get it.' }),
  authTokenSecret: s({ env: 'AUTH_TOKEN_SECRET', kind: 'string', default: '', secret: true, doc: 'Hex key (>= 32 bytes) signing dashboard bearer tokens (HMAC-SHA256); the local stack generates one. Rotating it signs every session out.' }),
  authTokenTtlS: s({ env: 'AUTH_TOKEN_TTL_S', kind: 'int', default: '43200', min: 60, max: 2592000, doc: 'Lifetime of a bearer token issued by POST /api/v1/auth/tokens.' }),
  liveHubPort: s({ env: 'LIVE_HUB_PORT', kind: 'int', default: '8081', min: 0, max: 65535, doc: 'WebSocket port of the gateway\'s live hub (uWebSockets.js) for dashboards (0 = off).' }),
  liveHubHost: s({ env: 'LIVE_HUB_HOST', kind: 'string', default: '127.0.0.1', doc: 'Address the live hub listens on.' }),
  liveTickMs: s({ env: 'LIVE_TICK_MS', kind: 'int', default: '50', min: 5, max: 1000, doc: 'The hub coalesces updates per topic and sends one frame per topic per tick.' }),
  liveMaxBufferedBytes: s({ env: 'LIVE_MAX_BUFFERED_BYTES', kind: 'int', default: '1048576', min: 16384, doc: 'A dashboard socket with more than this unsent is a slow consumer: it stops getting deltas and gets a resync (fresh snapshot) once drained.' }),

  agentOutboxMaxEvents: s({ env: 'AGENT_OUTBOX_MAX_EVENTS', kind: 'int', default: '100000', min: 10, doc: 'Events a device-agent keeps while it cannot reach the broker. When full: new heartbeats are not queued (a fresher one follows), MakeCall commands are rejected with OUTBOX_FULL, and the remaining steps of calls already in progress are still queued, so no started call loses its record.' }),
  agentHeartbeatIntervalS: s({ env: 'AGENT_HEARTBEAT_INTERVAL_S', kind: 'int', default: '30', min: 1, max: 3600, doc: 'Default heartbeat period of a device-agent.' }),
  simDevices: s({ env: 'SIM_DEVICES', kind: 'int', default: '20', min: 1, max: 20000, doc: 'Simulated devices started by `npm start` and provisioned in the broker.' }),
  simTenant: s({ env: 'SIM_TENANT', kind: 'string', default: 'demo', doc: 'Tenant of the simulated devices.' }),
  simCallsPerMinute: s({ env: 'SIM_CALLS_PER_MINUTE', kind: 'int', default: '6', min: 0, max: 60000, doc: 'Calls each simulated device places per minute on its own (0 = only on command).' }),
} as const;

type Settings = typeof SETTINGS;
type ValueOf<S> = S extends Setting<'int'> ? number : S extends Setting<'bool'> ? boolean : string;
export type Config = { [K in keyof Settings]: ValueOf<Settings[K]> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

function parseOne(setting: Setting, raw: string): { value?: string | number | boolean; problem?: string } {
  switch (setting.kind) {
    case 'int': {
      if (!/^-?\d+$/.test(raw)) return { problem: `${setting.env}=${raw} is not an integer` };
      const n = Number(raw);
      if (setting.min !== undefined && n < setting.min) return { problem: `${setting.env}=${raw} is below ${setting.min}` };
      if (setting.max !== undefined && n > setting.max) return { problem: `${setting.env}=${raw} is above ${setting.max}` };
      return { value: n };
    }
    case 'bool':
      if (!['true', 'false', '1', '0'].includes(raw)) return { problem: `${setting.env}=${raw} is not a boolean` };
      return { value: raw === 'true' || raw === '1' };
    case 'enum':
      if (!setting.values?.includes(raw)) return { problem: `${setting.env}=${raw} is not one of ${setting.values?.join(', ')}` };
      return { value: raw };
    case 'url':
      try {
        new URL(raw);
        return { value: raw };
      } catch {
        return { problem: `${setting.env}=${raw} is not a URL` };
      }
    case 'string':
      return { value: raw };
  }
}

/**
 * Reads and validates the configuration. `env` defaults to process.env, overlaid on the
 * local stack's generated file ($CUNKE_DATA_DIR/stack.env) when it exists, so processes
 * started by hand find the broker password the stack generated.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const merged: Record<string, string | undefined> = { ...readStackEnv(env), ...env };
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(SETTINGS) as [string, Setting][]) {
    const raw = merged[setting.env];
    const parsed = parseOne(setting, raw === undefined || raw === '' ? setting.default : raw);
    if (parsed.problem) problems.push(parsed.problem);
    else out[key] = parsed.value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const config = { ...(out as Config), ...overrides };
  if (!config.gatewayId) config.gatewayId = `gw-${hostname()}`;
  config.dataDir = resolve(REPO_ROOT, config.dataDir);
  if (!config.chdbPath) config.chdbPath = resolve(config.dataDir, 'chdb');
  return config;
}

function readStackEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const file = resolve(REPO_ROOT, env.CUNKE_DATA_DIR || SETTINGS.dataDir.default, 'stack.env');
  if (!existsSync(file)) return {};
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** The configuration with secrets masked, for a start-up log line. */
export function describeConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(SETTINGS) as [keyof Config, Setting][]) {
    const value = config[key];
    out[key] = setting.secret && value ? '***' : setting.kind === 'url' && typeof value === 'string' ? maskUrlPassword(value) : value;
  }
  return out;
}

/** redis://:secret@host:6379 -> redis://:***@host:6379 */
export function maskUrlPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return '[unparseable url]';
  }
}
