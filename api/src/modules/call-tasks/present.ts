// Call tasks in the REST shape of spec 004 §2.1–2.3, and the pure checks of a create request
// that JSON schema cannot express (per-number validity, dedupe, time). No I/O.
import {
  DEFAULT_PACING, DEFAULT_REDIAL, RETRYABLE_OUTCOMES, TASK_STATUSES,
  type CallTask, type NewTaskInput, type Pacing, type RedialPolicy, type RetryableOutcome,
} from '../../../../common/call-tasks/model.js';
import type { TaskStats } from '../../../../common/call-tasks/task-store.js';
import { parsePhone } from '../../../../common/pii.js';
import { ID_PATTERN } from '../../../../proto/src/topics.js';
import { fromDateTime64 } from '../../../../warehouse/src/domain/time.js';
import type { CallRecordRow } from '../../../../warehouse/src/queries/call-records.js';
import type { FieldError } from '../../errors.js';
import { isoDateTime, nullable, type JsonSchema } from '../../http/schemas.js';

/** The body of POST /call-tasks after ajv (types, lengths and enums already hold). */
export interface CreateTaskBody {
  name: string;
  description?: string;
  phoneNumbers: unknown[];
  callScript: string;
  scheduledTime?: string;
  callerId?: string;
  deviceIds?: string[];
  tags?: string[];
  source?: string;
  redialPolicy?: Partial<RedialPolicy>;
  pacing?: Partial<Pacing>;
}

export interface ValidatedCreate {
  input: NewTaskInput;
  /** Numbers dropped because they repeat an earlier one (same E.164 form). */
  duplicatesRemoved: number;
  /** ms until the scheduled start; 0 or less = start now. */
  delayMs: number;
}

/**
 * Every problem of a create body at once (422 lists them all): each unparsable number by its
 * index, blank name/script. Duplicates are not an error: they collapse into the first.
 */
export function validateCreate(body: CreateTaskBody, opts: { defaultRegion: string; nowMs: number }): { ok: true; value: ValidatedCreate } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  if (body.name.trim() === '') fields.push({ field: 'body.name', rule: 'minLength', message: 'must not be blank' });
  if (body.callScript.trim() === '') fields.push({ field: 'body.callScript', rule: 'minLength', message: 'must not be blank' });
  const seen = new Set<string>();
  const phones: string[] = [];
  const regions: string[] = [];
  body.phoneNumbers.forEach((raw, i) => {
    if (typeof raw !== 'string') {
      fields.push({ field: `body.phoneNumbers[${i}]`, rule: 'type', message: 'must be a string' });
      return;
    }
    const parsed = raw.length <= 32 ? parsePhone(raw, opts.defaultRegion) : null;
    if (!parsed) {
      fields.push({ field: `body.phoneNumbers[${i}]`, rule: 'phone', message: 'not a valid phone number' });
      return;
    }
    if (!seen.has(parsed.e164)) {
      seen.add(parsed.e164);
      phones.push(parsed.e164);
      regions.push(parsed.region);
    }
  });
  if (fields.length > 0) return { ok: false, fields };
  const scheduledMs = body.scheduledTime ? Date.parse(body.scheduledTime) : Number.NaN;
  const delayMs = Number.isFinite(scheduledMs) ? scheduledMs - opts.nowMs : 0;
  const redial: RedialPolicy = { ...DEFAULT_REDIAL, ...body.redialPolicy };
  redial.retryOn = [...new Set(redial.retryOn)] as RetryableOutcome[];
  return {
    ok: true,
    value: {
      input: {
        name: body.name.trim(), description: body.description ?? '', callScript: body.callScript,
        // A time already past means "start now" (spec: optional plan time); keep what was asked for the record.
        scheduledTime: Number.isFinite(scheduledMs) ? new Date(scheduledMs).toISOString() : '',
        callerId: body.callerId ?? '', deviceIds: [...new Set(body.deviceIds ?? [])], tags: [...new Set(body.tags ?? [])], source: body.source ?? '',
        redial, pacing: { ...DEFAULT_PACING, ...body.pacing }, phones, regions,
      },
      duplicatesRemoved: body.phoneNumbers.length - phones.length,
      delayMs,
    },
  };
}

/** Spec ids are integers; ours are a per-tenant sequence, so a JSON number is exact. */
const wireId = (taskId: string): number => Number(taskId);
const orNull = (s: string): string | null => (s === '' ? null : s);

export function presentTaskSummary(task: CallTask, stats: TaskStats | undefined) {
  return {
    taskId: wireId(task.taskId),
    name: task.name,
    description: task.description,
    status: task.status,
    scheduledTime: orNull(task.scheduledTime),
    createTime: task.createTime,
    startedTime: orNull(task.startedTime),
    completedTime: orNull(task.completedTime),
    totalCalls: stats?.totalCalls ?? 0,
    successfulCalls: stats?.successfulCalls ?? 0,
    intendedCustomers: stats?.intendedCustomers ?? 0,
    phoneCount: task.phoneCount,
    tags: task.tags,
    source: task.source,
  };
}

export type CallRecordBriefRow = Pick<CallRecordRow, 'record_id' | 'phone_masked' | 'phone_enc' | 'start_time' | 'duration_s' | 'analysis_status'>;
export const BRIEF_COLUMNS = ['record_id', 'phone_masked', 'phone_enc', 'start_time', 'duration_s', 'analysis_status'] as const satisfies readonly (keyof CallRecordRow)[];

export function presentCallRecordBrief(row: CallRecordBriefRow, phone: (row: CallRecordBriefRow) => string) {
  return {
    recordId: row.record_id,
    phoneNumber: phone(row),
    startTime: fromDateTime64(row.start_time),
    duration: Number(row.duration_s),
    analysisStatus: row.analysis_status,
  };
}

export function presentTaskDetail(task: CallTask, stats: TaskStats | undefined, phoneNumbers: string[], callRecords: ReturnType<typeof presentCallRecordBrief>[]) {
  return {
    ...presentTaskSummary(task, stats),
    updateTime: task.updateTime,
    phoneNumbers,
    callScript: task.callScript,
    callerId: task.callerId,
    deviceIds: task.deviceIds,
    redialPolicy: task.redial,
    pacing: task.pacing,
    callRecords,
  };
}

// ---- JSON schemas (ajv on input, serialisation + OpenAPI on output) ----

export const TASK_ID_PARAM: JsonSchema = { type: 'string', pattern: '^[1-9][0-9]{0,14}$', description: 'Task id (integer)' };

export const redialSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Which outcomes are dialled again, after how long, up to how many attempts per number (defaults: NO_ANSWER and BUSY, 1800 s, 3)',
  properties: {
    retryOn: { type: 'array', items: { type: 'string', enum: [...RETRYABLE_OUTCOMES] }, maxItems: RETRYABLE_OUTCOMES.length },
    delayS: { type: 'integer', minimum: 0, maximum: 7 * 86400 },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 10, description: 'Attempts per number including the first (1 = never redial)' },
  },
};

export const pacingSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Dialling pace (defaults: 6 per device per minute, 600 per task per minute, 45 s ring timeout)',
  properties: {
    perDevicePerMinute: { type: 'integer', minimum: 1, maximum: 60 },
    perTaskPerMinute: { type: 'integer', minimum: 1, maximum: 100000 },
    ringTimeoutS: { type: 'integer', minimum: 5, maximum: 180 },
  },
};

export function createBodySchema(maxPhones: number): JsonSchema {
  return {
    type: 'object',
    required: ['name', 'phoneNumbers', 'callScript'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200, description: '任务名称' },
      description: { type: 'string', maxLength: 2000 },
      phoneNumbers: {
        type: 'array', minItems: 1, maxItems: maxPhones,
        // Items are checked by the handler so that each bad one is reported as body.phoneNumbers[i].
        items: {},
        description: `Numbers to call (strings, any format; read in PHONE_DEFAULT_REGION without a country code), 1..${maxPhones}. Repeats collapse into the first (see duplicatesRemoved).`,
      },
      callScript: { type: 'string', minLength: 1, maxLength: 20000 },
      scheduledTime: { ...isoDateTime, description: 'Start time (ISO 8601); absent or past = start now' },
      callerId: { type: 'string', maxLength: 32 },
      deviceIds: {
        type: 'array', maxItems: 10000, items: { type: 'string', pattern: ID_PATTERN.source },
        description: 'Devices that may run the task; empty = any eligible device. Device ids are strings such as "sim-0001" (the spec\'s integers cannot name our devices, whose ids are their MQTT identities).',
      },
      tags: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 64 } },
      source: { type: 'string', maxLength: 64 },
      redialPolicy: redialSchema,
      pacing: pacingSchema,
    },
  };
}

const summaryProperties: Record<string, JsonSchema> = {
  taskId: { type: 'integer', example: 101 },
  name: { type: 'string' },
  description: { type: 'string' },
  status: { type: 'string', enum: [...TASK_STATUSES] },
  scheduledTime: nullable(isoDateTime),
  createTime: isoDateTime,
  startedTime: nullable(isoDateTime),
  completedTime: nullable(isoDateTime),
  totalCalls: { type: 'integer', description: 'Calls dialled' },
  successfulCalls: { type: 'integer', description: 'Calls answered' },
  intendedCustomers: { type: 'integer', description: 'Distinct numbers the analysis found intent at' },
  phoneCount: { type: 'integer', description: 'Numbers in the task (after duplicates collapsed)' },
  tags: { type: 'array', items: { type: 'string' } },
  source: { type: 'string' },
};

export const taskSummarySchema: JsonSchema = { type: 'object', properties: summaryProperties };

export const taskDetailSchema: JsonSchema = {
  type: 'object',
  properties: {
    ...summaryProperties,
    updateTime: isoDateTime,
    phoneNumbers: { type: 'array', items: { type: 'string' }, description: 'Masked unless the caller holds pii:view, then E.164' },
    callScript: { type: 'string' },
    callerId: { type: 'string' },
    deviceIds: { type: 'array', items: { type: 'string' } },
    redialPolicy: redialSchema,
    pacing: pacingSchema,
    callRecords: {
      type: 'array',
      description: 'The task\'s newest 200 call records',
      items: {
        type: 'object',
        properties: {
          recordId: { type: 'string', description: '64-bit id as a decimal string' },
          phoneNumber: { type: 'string' },
          startTime: nullable(isoDateTime),
          duration: { type: 'integer', description: 'Talk time, seconds' },
          analysisStatus: { type: 'string' },
        },
      },
    },
  },
};

export const createdSchema: JsonSchema = {
  type: 'object',
  properties: {
    taskId: { type: 'integer', example: 101 },
    name: { type: 'string' },
    status: { type: 'string', enum: [...TASK_STATUSES] },
    createTime: isoDateTime,
    scheduledTime: nullable(isoDateTime),
    phoneCount: { type: 'integer' },
    duplicatesRemoved: { type: 'integer' },
  },
};

export const statusSchema: JsonSchema = {
  type: 'object',
  properties: { taskId: { type: 'integer' }, status: { type: 'string', enum: [...TASK_STATUSES] } },
};
