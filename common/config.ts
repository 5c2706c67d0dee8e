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
  dedupeTtlS: s({ env: 'DEDUPE_TTL_S', kind: 'int', default: '604800', min: 60, doc: 'How long event ids are remembered: the life of a dedupe bucket (one per device and hour of device time), counted from its first write. Must exceed the longest a device may stay offline with events in its outbox.' }),
  callStateTtlS: s({ env: 'CALL_STATE_TTL_S', kind: 'int', default: '172800', min: 60, doc: 'How long live call state is kept in Redis, counted from the call\'s first event (set once, not re-armed per step: calls are far shorter, and the warehouse keeps the record).' }),
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
  writerBatchMaxRows: s({ env: 'WRITER_BATCH_MAX_ROWS', kind: 'int', default: '20000', min: 1, max: 1000000, doc: 'Warehouse writer flushes when this many device messages (or entity rows) are gathered; a gateway feed entry carries a micro-batch of messages.' }),
  writerFlushIntervalMs: s({ env: 'WRITER_FLUSH_INTERVAL_MS', kind: 'int', default: '500', min: 10, max: 600000, doc: 'and at the latest this long after the first pending entry.' }),
  writerMetricsPort: s({ env: 'WRITER_METRICS_PORT', kind: 'int', default: '9465', min: 0, max: 65535, doc: 'Prometheus /metrics port of the warehouse writer (0 = off).' }),

  apiHost: s({ env: 'API_HOST', kind: 'string', default: '127.0.0.1', doc: 'Address the REST API (and the dashboard page) listens on.' }),
  apiPort: s({ env: 'API_PORT', kind: 'int', default: '8080', min: 0, max: 65535, doc: 'Port of the REST API and the dashboard page.' }),
  apiPublicUrl: s({ env: 'API_PUBLIC_URL', kind: 'string', default: '', doc: 'Base URL users reach the API at (printed by `npm start`, used in the OpenAPI document); defaults to http://API_HOST:API_PORT.' }),
  apiTrustProxy: s({ env: 'API_TRUST_PROXY', kind: 'string', default: '', doc: 'Comma-separated addresses/CIDRs of reverse proxies whose X-Forwarded-For the API believes (per-IP rate limits, audit source). Empty: the TCP peer is the client.' }),
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

  // Recordings (issue 4 §2.6): upload URLs the gateway issues to devices, storage, signed downloads.
  recordingUploadTtlS: s({ env: 'RECORDING_UPLOAD_TTL_S', kind: 'int', default: '900', min: 10, max: 86400, doc: 'Lifetime of the signed upload URL the gateway sends a device in UploadRecording (HMAC key derived from AUTH_TOKEN_SECRET with HKDF).' }),
  recordingUploadBaseUrl: s({ env: 'RECORDING_UPLOAD_BASE_URL', kind: 'string', default: '', doc: 'Base URL devices reach the API at for uploads; defaults to API_PUBLIC_URL, else http://API_HOST:API_PORT.' }),
  recordingReannounceS: s({ env: 'RECORDING_REANNOUNCE_S', kind: 'int', default: '600', min: 1, max: 604800, doc: 'A device-agent announces a recording again (new RecordingReady event, same recording id) when it has not uploaded it this long after the last announcement: the gateway\'s upload command is best effort.' }),
  recordingMaxBytes: s({ env: 'RECORDING_MAX_BYTES', kind: 'int', default: '52428800', min: 1024, doc: 'Largest recording the API stores (413 above it). Uploads are streamed to storage, never buffered.' }),
  recordingDownloadTtlS: s({ env: 'RECORDING_DOWNLOAD_TTL_S', kind: 'int', default: '600', min: 10, max: 86400, doc: 'Lifetime of the signed download URL returned by GET …/call-records/{recordId}/recording.' }),
  recordingStorage: s({ env: 'RECORDING_STORAGE', kind: 'enum', default: 'local', values: ['local', 's3'], doc: 'Where recordings are stored: local disk (RECORDING_DIR) or an S3-compatible bucket.' }),
  recordingDir: s({ env: 'RECORDING_DIR', kind: 'string', default: '', doc: 'Local recording store; defaults to $CUNKE_DATA_DIR/recordings.' }),
  s3Endpoint: s({ env: 'S3_ENDPOINT', kind: 'string', default: '', doc: 'S3-compatible endpoint (e.g. https://s3.eu-west-1.amazonaws.com, http://minio:9000); path-style requests.' }),
  s3Bucket: s({ env: 'S3_BUCKET', kind: 'string', default: '', doc: 'Bucket of the recordings (RECORDING_STORAGE=s3).' }),
  s3Region: s({ env: 'S3_REGION', kind: 'string', default: 'us-east-1', doc: 'Region used in SigV4 signatures.' }),
  s3AccessKeyId: s({ env: 'S3_ACCESS_KEY_ID', kind: 'string', default: '', doc: 'S3 access key id.' }),
  s3SecretAccessKey: s({ env: 'S3_SECRET_ACCESS_KEY', kind: 'string', default: '', secret: true, doc: 'S3 secret access key.' }),

  // Device control (spec 004 §4.4): the device registry and its broker credentials.
  deviceProvisioner: s({ env: 'DEVICE_PROVISIONER', kind: 'enum', default: 'local', values: ['local', 'none'], doc: 'How device credentials issued by the API reach the broker. `local`: written (hashed) into the local stack\'s Mosquitto password file and ACL under $CUNKE_DATA_DIR, and the broker reloaded. `none`: the broker is managed elsewhere; the API keeps only the password\'s Mosquitto hash in the registry (`password_hash` in Redis and dim_device) for an external auth backend to check.' }),
  deviceMqttPublicUrl: s({ env: 'DEVICE_MQTT_PUBLIC_URL', kind: 'string', default: '', doc: 'Broker URL given to devices with their credentials; defaults to MQTT_URL.' }),

  // Call tasks (spec 004 §2.1–2.3): creation limits of POST /api/v1/lead-generation/call-tasks.
  callTaskMaxPhones: s({ env: 'CALL_TASK_MAX_PHONES', kind: 'int', default: '100000', min: 1, max: 1000000, doc: 'Most numbers one call task may hold (422 above it).' }),
  callTaskBodyLimitBytes: s({ env: 'CALL_TASK_BODY_LIMIT_BYTES', kind: 'int', default: '4194304', min: 1024, max: 104857600, doc: 'Largest body of a call-task create (its phone list); only that route, the global API_BODY_LIMIT_BYTES stays as it is.' }),

  // Call analysis (spec 004 §4.3, issue 4): the BullMQ worker and its analyser (api/src/analysis).
  analysisWorker: s({ env: 'ANALYSIS_WORKER', kind: 'enum', default: 'auto', values: ['auto', 'true', 'false'], doc: 'Whether the API process runs the call-analysis worker. `auto`: yes when it owns the embedded chDB (API_RUN_WRITER resolves to yes), as in the single-process setup.' }),
  analysisConcurrency: s({ env: 'ANALYSIS_CONCURRENCY', kind: 'int', default: '4', min: 1, max: 256, doc: 'Calls one worker analyses at a time (the HTTP provider spends most of its time waiting).' }),
  analysisProvider: s({ env: 'ANALYSIS_PROVIDER', kind: 'enum', default: 'offline', values: ['offline', 'http'], doc: '`offline`: the built-in Chinese lexicon analyser over the call\'s transcript (tenant rules at /api/v1/lead-generation/analysis-rules). `http`: an external AI service at ANALYSIS_HTTP_URL.' }),
  analysisLanguage: s({ env: 'ANALYSIS_LANGUAGE', kind: 'string', default: 'zh-CN', doc: 'Language sent to the analyser with each transcript.' }),
  analysisHttpUrl: s({ env: 'ANALYSIS_HTTP_URL', kind: 'string', default: '', doc: 'Endpoint of the external analyser (POST JSON {transcript, language, rules}); required with ANALYSIS_PROVIDER=http.' }),
  analysisHttpApiKey: s({ env: 'ANALYSIS_HTTP_API_KEY', kind: 'string', default: '', secret: true, doc: 'Bearer key sent to the external analyser.' }),
  analysisHttpTimeoutMs: s({ env: 'ANALYSIS_HTTP_TIMEOUT_MS', kind: 'int', default: '15000', min: 100, max: 600000, doc: 'Longest one request to the external analyser may take (headers and body).' }),
  analysisHttpRetries: s({ env: 'ANALYSIS_HTTP_RETRIES', kind: 'int', default: '3', min: 0, max: 20, doc: 'Retries of a timed-out, 5xx or 429 request (exponential backoff from 500 ms, Retry-After honoured up to 60 s); then the call\'s analysis is FAILED and dead-lettered to cunke:dlq:analysis.' }),

  // Dialer (issue 4, gateway/src/dialer): runs call tasks, dispatches MakeCall to devices.
  dialerEnabled: s({ env: 'DIALER_ENABLED', kind: 'bool', default: 'true', doc: 'Whether the gateway runs the dialer (scheduled starts, dispatch, reconciliation). Several instances may: a per-task lease lets one drive each task.' }),
  dialerTickMs: s({ env: 'DIALER_TICK_MS', kind: 'int', default: '100', min: 5, max: 10000, doc: 'How often each driven task looks for due numbers and free devices.' }),
  dialerReconcileMs: s({ env: 'DIALER_RECONCILE_MS', kind: 'int', default: '250', min: 5, max: 10000, doc: 'How often in-flight MakeCalls are resolved from the command-ack, call and device state ingest keeps.' }),
  dialerLeaseMs: s({ env: 'DIALER_LEASE_MS', kind: 'int', default: '5000', min: 1000, max: 600000, doc: 'Per-task lease (renewed every second): how long a crashed instance keeps a task before another takes it over.' }),
  dialerAckTimeoutMs: s({ env: 'DIALER_ACK_TIMEOUT_MS', kind: 'int', default: '15000', min: 500, max: 600000, doc: 'A MakeCall expires (device refuses it) this long after it was issued; without an ack by then (+2 s for ingest) the attempt is NO_ACK.' }),
  dialerOfflineGraceMs: s({ env: 'DIALER_OFFLINE_GRACE_MS', kind: 'int', default: '60000', min: 0, max: 86400000, doc: 'A call whose device has been OFFLINE this long is resolved as DEVICE_LOST.' }),
  dialerSilentMs: s({ env: 'DIALER_SILENT_MS', kind: 'int', default: '300000', min: 1000, max: 86400000, doc: 'A call with no sign of life from its device (heartbeat, call event) this long is resolved as DEVICE_LOST. Keep above the heartbeat interval.' }),
  dialerCooldownS: s({ env: 'DIALER_COOLDOWN_S', kind: 'int', default: '600', min: 1, max: 86400, doc: 'How long a device the health rules flagged (collapsed connect rate, piling errors) gets no calls.' }),
  dialerDefaultTimezone: s({ env: 'DIALER_DEFAULT_TIMEZONE', kind: 'string', default: 'Asia/Shanghai', doc: 'IANA time zone of callees whose region has no entry in the dialer\'s region table (calling windows, daily caps).' }),
  // Lead pipeline (issue 5): scenes, ingestion stream, pipeline worker.
  leadPipelineWorker: s({ env: 'LEAD_PIPELINE_WORKER', kind: 'enum', default: 'auto', values: ['auto', 'true', 'false'], doc: 'Whether the API process runs the lead pipeline worker (reads cunke:leads:ingest and cunke:leads:signals). `auto`: yes when it owns the embedded chDB, like ANALYSIS_WORKER.' }),
  leadIngestBodyLimitBytes: s({ env: 'LEAD_INGEST_BODY_LIMIT_BYTES', kind: 'int', default: '262144', min: 1024, max: 10485760, doc: 'Largest body POST /api/v1/leads/ingestions accepts (one lead\'s raw payload).' }),
  leadIngestStreamMaxLen: s({ env: 'LEAD_INGEST_STREAM_MAXLEN', kind: 'int', default: '1000000', min: 1000, max: 100000000, doc: 'Approximate cap of the ingest stream (XADD MAXLEN ~); entries beyond it are trimmed oldest first, so keep it far above the worker\'s backlog.' }),
  // Lead spreadsheet import (issue 5 item 1, api/src/leads/imports; H2): POST /api/v1/leads/imports and its BullMQ job.
  leadImportWorker: s({ env: 'LEAD_IMPORT_WORKER', kind: 'enum', default: 'auto', values: ['auto', 'true', 'false'], doc: 'Whether the API process runs the lead import job worker (BullMQ queue cunke-lead-import). `auto`: yes when it owns the embedded chDB, like LEAD_PIPELINE_WORKER.' }),
  leadImportMaxBytes: s({ env: 'LEAD_IMPORT_MAX_BYTES', kind: 'int', default: '20971520', min: 1024, max: 268435456, doc: 'Largest CSV/Excel file POST /api/v1/leads/imports accepts (larger: 413). The file is kept in Redis until the job is done, so this bounds Redis memory per pending import.' }),
  leadImportMaxRows: s({ env: 'LEAD_IMPORT_MAX_ROWS', kind: 'int', default: '100000', min: 1, max: 10000000, doc: 'Data rows one import may hold; a file with more is FAILED (reason too_many_rows) before any row is enqueued.' }),
  leadImportMaxCellChars: s({ env: 'LEAD_IMPORT_MAX_CELL_CHARS', kind: 'int', default: '10000', min: 16, max: 1000000, doc: 'Longest cell value; a row with a longer cell is rejected (rule max_cell_length). CSV records longer than 64 times this fail the file.' }),
  leadImportBatchRows: s({ env: 'LEAD_IMPORT_BATCH_ROWS', kind: 'int', default: '500', min: 1, max: 10000, doc: 'Rows written per Redis MULTI (leads XADDed to cunke:leads:ingest, counters, error rows and the resume cursor together).' }),
  leadImportRetentionDays: s({ env: 'LEAD_IMPORT_RETENTION_DAYS', kind: 'int', default: '30', min: 1, max: 3650, doc: 'How long an import\'s status and error report are kept in Redis; the uploaded file itself is dropped when the job ends.' }),
  leadImportConcurrency: s({ env: 'LEAD_IMPORT_CONCURRENCY', kind: 'int', default: '1', min: 1, max: 16, doc: 'Import files one worker processes at a time.' }),
  // Inbound SIP leads (issue 5 item 8, gateway/src/sip; H6). Off unless DRACHTIO_HOST is set.
  drachtioHost: s({ env: 'DRACHTIO_HOST', kind: 'string', default: '', doc: 'drachtio-server (SIP engine) the gateway connects to as an application (inbound mode). Empty: the gateway runs no SIP ingress. See deploy/sip/README.md.' }),
  drachtioPort: s({ env: 'DRACHTIO_PORT', kind: 'int', default: '9022', min: 1, max: 65535, doc: 'drachtio-server admin (application) port.' }),
  drachtioSecret: s({ env: 'DRACHTIO_SECRET', kind: 'string', default: '', secret: true, doc: 'Shared secret of drachtio-server\'s admin port (its `<admin secret=...>`); required when DRACHTIO_HOST is set.' }),
  sipRoutingMode: s({ env: 'SIP_ROUTING_MODE', kind: 'enum', default: 'redirect', values: ['redirect', 'proxy'], doc: 'How a call to a monitored number reaches the owner: `redirect` answers 302 with the agent\'s SIP URI (the carrier re-routes; we leave the path), `proxy` keeps drachtio in the path (record-route) so the call end is seen. A scene may override it with scene_specific_params.sip_routing_mode.' }),
  sipQueueUri: s({ env: 'SIP_QUEUE_URI', kind: 'string', default: '', doc: 'SIP URI calls go to when no owner line is known (e.g. an ACD queue); empty: such calls get 480. A scene may override it with scene_specific_params.sip_queue_uri.' }),
  sipRateLimit: s({ env: 'SIP_RATE_LIMIT', kind: 'int', default: '30', min: 1, max: 1000000, doc: 'INVITEs one source IP may send per SIP_RATE_WINDOW_S; more get 503 with Retry-After (counted in Redis, shared by every gateway).' }),
  sipRateWindowS: s({ env: 'SIP_RATE_WINDOW_S', kind: 'int', default: '60', min: 1, max: 3600, doc: 'Fixed window of SIP_RATE_LIMIT, seconds.' }),
  sipTrustedSources: s({ env: 'SIP_TRUSTED_SOURCES', kind: 'string', default: '', doc: 'Comma-separated carrier trunk IPs whose P-Asserted-Identity is believed instead of From.' }),
  sipExtraScannerAgents: s({ env: 'SIP_EXTRA_SCANNER_AGENTS', kind: 'string', default: '', doc: 'Comma-separated User-Agent substrings rejected with 403 in addition to the built-in scanner list (friendly-scanner, sipvicious, sipcli…).' }),
  sipCallTtlS: s({ env: 'SIP_CALL_TTL_S', kind: 'int', default: '86400', min: 60, doc: 'How long an inbound call\'s state (answer for retransmissions, open call awaiting BYE) stays in Redis.' }),
  // Lead enrichment (issue 5 item 3): IP → region from a local database.
  geoipCsvPath: s({ env: 'GEOIP_CSV_PATH', kind: 'string', default: '', doc: 'IP2Location LITE DB3 CSV (IPv4 or IPv6 edition: ip_from, ip_to as integers, country_code, country_name, region_name, city_name) the lead pipeline fills `lead_data.region` from, using the lead\'s `meta.ip_address` (or a mapped `ip_address`) when the mapping set no region. Empty: no IP enrichment. Relative to the repository; loaded into memory at start-up, and a file with malformed lines is refused with their line numbers.' }),
  // Webhooks and public-ingestion rate limits (issue 5 item 1, api/src/modules/webhooks; H1).
  webhookBodyLimitBytes: s({ env: 'WEBHOOK_BODY_LIMIT_BYTES', kind: 'int', default: '262144', min: 1024, max: 10485760, doc: 'Largest body POST /api/v1/webhooks/{scene_type}/{scene_config_id} accepts (larger: 413).' }),
  publicRateWindowS: s({ env: 'PUBLIC_RATE_WINDOW_S', kind: 'int', default: '60', min: 1, max: 3600, doc: 'Fixed window, in seconds, of the LEAD_INGEST_RATE_* and WEBHOOK_RATE_* budgets (counted in Redis, shared by every API instance; a 429 carries Retry-After = the rest of the window).' }),
  leadIngestRatePerKey: s({ env: 'LEAD_INGEST_RATE_PER_KEY', kind: 'int', default: '600', min: 1, max: 10000000, doc: 'POST /api/v1/leads/ingestions calls one API key (or token) may make per PUBLIC_RATE_WINDOW_S; checked together with LEAD_INGEST_RATE_PER_IP, both enforced.' }),
  leadIngestRatePerIp: s({ env: 'LEAD_INGEST_RATE_PER_IP', kind: 'int', default: '1200', min: 1, max: 10000000, doc: 'POST /api/v1/leads/ingestions calls one source IP may make per PUBLIC_RATE_WINDOW_S, whatever key it uses.' }),
  webhookRatePerScene: s({ env: 'WEBHOOK_RATE_PER_SCENE', kind: 'int', default: '600', min: 1, max: 10000000, doc: 'Webhook deliveries one scene configuration may receive per PUBLIC_RATE_WINDOW_S (from all sources).' }),
  webhookRatePerIp: s({ env: 'WEBHOOK_RATE_PER_IP', kind: 'int', default: '600', min: 1, max: 10000000, doc: 'Webhook deliveries one source IP may send per PUBLIC_RATE_WINDOW_S (all scenes). Counted before the signature is checked, so forged floods are capped too.' }),
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
