// Call tasks (spec 004 §2.1–2.3, 2.7, 2.8): the shared model of the API (which creates and
// controls tasks), the dialer (which runs them) and the analysis worker (which counts intended
// customers). Pure: types, the task state machine, the Redis key layout and queue names.
// The stores that read and write these keys live at the edges (common/call-tasks/task-store.ts).

export const TASK_STATUSES = ['SCHEDULED', 'RUNNING', 'STOPPED', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * What can happen to a task. START/STOP come from `PUT …/status`, CANCEL from `PUT …/cancel`,
 * COMPLETE/FAIL from the dialer (every number final / nothing can ever be dialled).
 */
export const TASK_ACTIONS = ['START', 'STOP', 'CANCEL', 'COMPLETE', 'FAIL'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/**
 * The task state machine, in one place. SCHEDULED → RUNNING ⇄ STOPPED; RUNNING → COMPLETED /
 * FAILED / CANCELLED; SCHEDULED → CANCELLED. The spec (§2.8) forbids cancelling a completed or
 * a stopped task (409). Terminal states accept nothing.
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, Partial<Record<TaskAction, TaskStatus>>>> = {
  SCHEDULED: { START: 'RUNNING', CANCEL: 'CANCELLED' },
  RUNNING: { STOP: 'STOPPED', COMPLETE: 'COMPLETED', FAIL: 'FAILED', CANCEL: 'CANCELLED' },
  STOPPED: { START: 'RUNNING' },
  COMPLETED: {},
  FAILED: {},
  CANCELLED: {},
};

export type TransitionResult = { ok: true; from: TaskStatus; to: TaskStatus } | { ok: false; from: TaskStatus; action: TaskAction };

export function nextStatus(from: TaskStatus, action: TaskAction): TransitionResult {
  const to = TASK_TRANSITIONS[from][action];
  return to ? { ok: true, from, to } : { ok: false, from, action };
}

export function isTerminal(status: TaskStatus): boolean {
  return Object.keys(TASK_TRANSITIONS[status]).length === 0;
}

/** Call outcomes the dialer may retry (never a final decline: CALL_REJECTED is not here). */
export const RETRYABLE_OUTCOMES = ['NO_ANSWER', 'BUSY', 'UNREACHABLE', 'NETWORK_FAILURE', 'NO_ACK', 'DEVICE_LOST'] as const;
export type RetryableOutcome = (typeof RETRYABLE_OUTCOMES)[number];

/** Per task: which outcomes are dialled again, after how long, up to how many attempts per number. */
export interface RedialPolicy {
  retryOn: RetryableOutcome[];
  delayS: number;
  /** Attempts per number within this task, the first included (1 = never redial). */
  maxAttempts: number;
}

export interface Pacing {
  /** New calls a device may start per minute (it never has more than one at a time anyway). */
  perDevicePerMinute: number;
  /** New calls the whole task may start per minute. */
  perTaskPerMinute: number;
  /** Ring timeout sent in MakeCall. */
  ringTimeoutS: number;
}

/** Hours a callee may be called, in the callee's local time ("HH:MM", end exclusive). */
export interface CallingWindow {
  start: string;
  end: string;
  /** ISO weekdays allowed, 1 = Monday … 7 = Sunday. */
  days: number[];
}

/** Tenant-wide compliance, applied at dispatch time to every task. */
export interface ComplianceSettings {
  callingWindow: CallingWindow;
  /** Attempts per number per (callee-local) day across all of the tenant's tasks. */
  maxAttemptsPerNumberPerDay: number;
}

export const DEFAULT_REDIAL: RedialPolicy = { retryOn: ['NO_ANSWER', 'BUSY'], delayS: 1800, maxAttempts: 3 };
export const DEFAULT_PACING: Pacing = { perDevicePerMinute: 6, perTaskPerMinute: 600, ringTimeoutS: 45 };
export const DEFAULT_COMPLIANCE: ComplianceSettings = {
  callingWindow: { start: '09:00', end: '21:00', days: [1, 2, 3, 4, 5, 6, 7] },
  maxAttemptsPerNumberPerDay: 3,
};

/** A task as stored (Redis hash `keys.task`, one version row per change in the warehouse). */
export interface CallTask {
  tenantId: string;
  /** Per-tenant sequence (spec: integer); a decimal string on the wire and in Redis keys. */
  taskId: string;
  name: string;
  description: string;
  status: TaskStatus;
  callScript: string;
  /** ISO 8601; '' = start on creation. */
  scheduledTime: string;
  callerId: string;
  /** Devices that may run it; empty = any eligible device of the tenant. */
  deviceIds: string[];
  tags: string[];
  source: string;
  redial: RedialPolicy;
  pacing: Pacing;
  phoneCount: number;
  createdBy: string;
  createTime: string;
  updateTime: string;
  startedTime: string;
  completedTime: string;
  /** Incremented on every change; the warehouse keeps every version. */
  version: number;
}

/** One number of a task. The raw number never leaves the API unencrypted. */
export interface TaskPhone {
  /** Position in the task's list, 0-based. */
  index: number;
  /** Keyed hash of the E.164 number (DNC, attempt caps, OneID). */
  hash: string;
  /** AES-GCM ciphertext of the E.164 number (common/pii.ts); the dialer decrypts to dial. */
  enc: string;
  masked: string;
  /** ISO region of the number (libphonenumber), for the callee's local time. */
  region: string;
}

/** Who changed a task, for the audit trail. */
export interface TaskActor {
  kind: 'user' | 'system';
  /** User id, or the system component ('dialer', 'scheduler'). */
  id: string;
  keyId?: string;
  requestId?: string;
}

/**
 * Redis keys of call tasks. Owned by the task store (api) except where noted.
 * Task counters `cunke:task:{t}:{k}` (dialed, connected, …) stay with the ingest script
 * (gateway/src/domain/redis-keys.ts `keys.task`).
 */
export const taskKeys = {
  /** Per-tenant task id sequence (INCR). */
  seq: (t: string) => `cunke:ct:seq:${t}`,
  /** Hash: the task's fields (JSON-encoded where not scalar) — see task-store.ts. */
  task: (t: string, k: string) => `cunke:ct:${t}:${k}`,
  /** Sorted set of the tenant's task ids, scored by creation time (ms). */
  index: (t: string) => `cunke:ct:idx:${t}`,
  /** List of the task's numbers as JSON TaskPhone, in order. */
  phones: (t: string, k: string) => `cunke:ct:ph:${t}:${k}`,
  /** Set of "tenant:task" that are RUNNING (the dialer's work list, restored after restarts). */
  running: () => 'cunke:ct:running',
  /** Set of phone hashes intended customers were found at (analysis worker; SCARD = intendedCustomers). */
  intended: (t: string, k: string) => `cunke:ct:intent:${t}:${k}`,
  /** Set of phone hashes on the tenant's do-not-call list. */
  dnc: (t: string) => `cunke:dnc:${t}`,
  /** Hash: the tenant's ComplianceSettings as JSON under field `json`. */
  compliance: (t: string) => `cunke:compliance:${t}`,
};

/** BullMQ queues shared between producers (API) and workers (dialer, analysis). */
export const QUEUES = {
  /** Job 'start' {tenantId, taskId}: a scheduled task's start time has come. Delayed jobs, id `start-{t}-{k}-{version}`. */
  callTask: 'cunke-call-task',
  /** Job 'analyse' {tenantId, callId, recordingId}: a recording was stored. Id `analyse-{t}-{callId}`. */
  callAnalysis: 'cunke-call-analysis',
} as const;

export interface StartTaskJob {
  tenantId: string;
  taskId: string;
}

export interface AnalyseCallJob {
  tenantId: string;
  callId: string;
  recordingId: string;
}

// ---------------------------------------------------------------- device registry (spec 004 §4.4)

/** Registry status of a device. The dialer dispatches only to ENABLED (registered) devices. */
export const DEVICE_REGISTRY_STATUSES = ['ENABLED', 'DISABLED'] as const;
export type DeviceRegistryStatus = (typeof DEVICE_REGISTRY_STATUSES)[number];

/**
 * Redis keys of the device registry, owned by api/src/devices/device-registry.ts. The hash has
 * name, status, labels (JSON), created_at/updated_at (epoch ms), version, credential_version,
 * password_hash; a hash without `status` is a registration still in progress.
 */
export const deviceRegistryKeys = {
  device: (t: string, d: string) => `cunke:devreg:${t}:${d}`,
  /** Set of the tenant's registered device ids. */
  index: (t: string) => `cunke:devreg:idx:${t}`,
};

/**
 * Whether the registry lets a device take calls: a DISABLED one never does. `registryStatus` is
 * the hash's `status` field (undefined when the device is not registered, e.g. the simulator's
 * pre-provisioned accounts, which stay dispatchable).
 */
export function registryAllowsDispatch(registryStatus: string | undefined): boolean {
  return registryStatus !== 'DISABLED';
}

// --- Added with the task store (common/call-tasks/task-store.ts) ---

/** What the API hands the task store on create; already validated, numbers E.164 and deduplicated. */
export interface NewTaskInput
  extends Pick<CallTask, 'name' | 'description' | 'callScript' | 'scheduledTime' | 'callerId' | 'deviceIds' | 'tags' | 'source' | 'redial' | 'pacing'> {
  /** E.164 numbers in dialling order, without duplicates. */
  phones: string[];
  /** ISO region of each number when the caller already parsed them (saves a second parse per number). */
  regions?: string[];
}

/** List filters of GET /call-tasks (spec §2.2); times are ms since epoch on createTime, inclusive. */
export interface TaskListFilter {
  /** Case-insensitive substring of the task name. */
  name?: string;
  status?: TaskStatus;
  fromMs?: number;
  toMs?: number;
}

/**
 * Stored recordings (issue 4 deliverable 4), written by the API's upload route
 * (api/src/recordings/recording-store.ts). The analysis worker reads the transcript through
 * `createRecordingStorage(config).get(transcript_key)` (api/src/recordings/storage.ts).
 */
export const recordingKeys = {
  /**
   * Hash of the call's stored recording: recording_id, device_id, storage_key, bytes, sha256,
   * content_type, duration_ms, stored_at_ms, transcript_key ('' until a transcript was uploaded).
   */
  stored: (t: string, callId: string) => `cunke:rec:${t}:${callId}`,
};

// --- Added with the call-analysis worker (api/src/analysis) ---

/** Redis keys of call analysis, owned by api/src/analysis. */
export const analysisKeys = {
  /** Hash: the tenant's analyser rule overrides as JSON under `json`, plus `version`, `updated_at` (ms), `updated_by`. */
  rules: (t: string) => `cunke:analysis:rules:${t}`,
  /** Stream of analysis jobs that failed for good: tenantId, callId, recordingId, kind, reason, attempts, at. */
  deadLetters: () => 'cunke:dlq:analysis',
};

/**
 * Hand-off of high-intent callees to the lead pipeline: one entry per analysed call whose
 * intention is HIGH (XADD guarded by `leadSignalKeys.sent`, so a re-run never repeats it).
 * Fields: tenantId, phoneHash, phoneEnc (AES-GCM, common/pii.ts; '' when unknown), source
 * 'CALL_ANALYSIS', callId, taskId ('' for calls outside a task), recordingId, score (0..1),
 * intention ('高意向'), at (ms). Consumers read it with a consumer group and create or update the
 * lead keyed by (tenantId, phoneHash).
 */
export const leadSignalKeys = {
  stream: () => 'cunke:leads:signals',
  sent: (t: string, callId: string) => `cunke:leads:signal-sent:${t}:${callId}`,
};

export interface LeadSignal {
  tenantId: string;
  phoneHash: string;
  phoneEnc: string;
  source: 'CALL_ANALYSIS';
  callId: string;
  taskId: string;
  recordingId: string;
  score: number;
  intention: string;
  at: number;
}
