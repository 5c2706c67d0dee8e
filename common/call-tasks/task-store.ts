// The Redis-backed store of call tasks, shared by the API (create, list, control) and the
// dialer (running set, COMPLETE/FAIL). Every change is one atomic Redis step that also appends
// the task's new version (and, for transitions, an audit row) to the entity feed, so the
// warehouse (dim_call_task, audit_log) never misses a version and Redis stays rebuildable.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { keys as gatewayKeys } from '../../gateway/src/domain/redis-keys.js';
import { entityFeedFields, type AuditLogRow, type CallTaskPhoneChunkRow, type DimCallTaskRow, type EntityRows, type EntityTable } from '../../warehouse/src/domain/entity-rows.js';
import { fromDateTime64, toDateTime64 } from '../../warehouse/src/domain/time.js';
import { ENTITY_STREAM } from '../feed.js';
import type { Logger } from '../logger.js';
import { encryptPii, hashPii, maskPhone, type PiiKeys } from '../pii.js';
import {
  DEFAULT_PACING, DEFAULT_REDIAL, isTerminal, nextStatus, taskKeys,
  type CallTask, type NewTaskInput, type TaskAction, type TaskActor, type TaskListFilter, type TaskPhone, type TaskStatus,
} from './model.js';

export interface TaskPage {
  offset: number;
  limit: number;
  sort: 'createTime' | 'scheduledTime' | 'name';
  order: 'asc' | 'desc';
}

export interface TaskStats {
  totalCalls: number;
  successfulCalls: number;
  intendedCustomers: number;
}

export type TransitionOutcome = { ok: true; task: CallTask; from: TaskStatus } | { ok: false; current: TaskStatus | null };

/** A transition kept losing the optimistic race: something rewrites the task in a loop. */
export class TaskContentionError extends Error {
  constructor(readonly tenantId: string, readonly taskId: string, readonly attempts: number) {
    super(`task ${tenantId}/${taskId} changed concurrently ${attempts} times in a row`);
    this.name = 'TaskContentionError';
  }
}

/** Numbers per pipeline round trip on create: bounds one Redis reply and the client's buffers. */
const PHONE_CHUNK = 2000;
const TRANSITION_ATTEMPTS = 8;

/**
 * Compare-and-set of a task version. The new fields and feed entries are built in TypeScript
 * (one codec for rows, entityFeedFields), the script only checks the version is still the one
 * they were built from, so two instances racing on a task never both win.
 * KEYS: task hash, running set, entity stream. ARGV: expected version, running member,
 * '1' add / '0' remove, number of hash pairs, the pairs, then feed entries of 10 fields each.
 */
const TRANSITION_LUA = `
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
local n = tonumber(ARGV[4])
local h = {}
for j = 1, n * 2 do h[j] = ARGV[4 + j] end
redis.call('HSET', KEYS[1], unpack(h))
if ARGV[3] == '1' then redis.call('SADD', KEYS[2], ARGV[2]) else redis.call('SREM', KEYS[2], ARGV[2]) end
local i = 5 + n * 2
while i + 9 <= #ARGV do
  redis.call('XADD', KEYS[3], '*', unpack(ARGV, i, i + 9))
  i = i + 10
end
return 1
`;

const isoOrEmpty = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());
const dt64OrNull = (iso: string): string | null => (iso === '' ? null : toDateTime64(Date.parse(iso)));

/** The hash's fields: CallTask's own names, JSON for the non-scalar ones. */
function taskToHash(task: CallTask): string[] {
  return [
    'tenantId', task.tenantId, 'taskId', task.taskId, 'name', task.name, 'description', task.description, 'status', task.status,
    'callScript', task.callScript, 'scheduledTime', task.scheduledTime, 'callerId', task.callerId,
    'deviceIds', JSON.stringify(task.deviceIds), 'tags', JSON.stringify(task.tags), 'source', task.source,
    'redial', JSON.stringify(task.redial), 'pacing', JSON.stringify(task.pacing), 'phoneCount', String(task.phoneCount),
    'createdBy', task.createdBy, 'createTime', task.createTime, 'updateTime', task.updateTime, 'startedTime', task.startedTime,
    'completedTime', task.completedTime, 'version', String(task.version),
  ];
}

function parseJson<T>(raw: string | undefined, fallback: T): T {
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

function hashToTask(h: Record<string, string>): CallTask | null {
  if (!h.taskId || !h.status) return null;
  return {
    tenantId: h.tenantId ?? '', taskId: h.taskId, name: h.name ?? '', description: h.description ?? '', status: h.status as TaskStatus,
    callScript: h.callScript ?? '', scheduledTime: h.scheduledTime ?? '', callerId: h.callerId ?? '',
    deviceIds: parseJson(h.deviceIds, []), tags: parseJson(h.tags, []), source: h.source ?? '',
    redial: parseJson(h.redial, DEFAULT_REDIAL), pacing: parseJson(h.pacing, DEFAULT_PACING), phoneCount: Number(h.phoneCount ?? 0),
    createdBy: h.createdBy ?? '', createTime: h.createTime ?? '', updateTime: h.updateTime ?? '', startedTime: h.startedTime ?? '',
    completedTime: h.completedTime ?? '', version: Number(h.version ?? 0),
  };
}

export function taskRow(task: CallTask): DimCallTaskRow {
  return {
    tenant_id: task.tenantId, task_id: task.taskId, name: task.name, description: task.description, status: task.status,
    call_script: task.callScript, scheduled_time: dt64OrNull(task.scheduledTime), caller_id: task.callerId,
    device_ids: task.deviceIds, tags: task.tags, source: task.source, redial: JSON.stringify(task.redial), pacing: JSON.stringify(task.pacing),
    phone_count: task.phoneCount, created_by: task.createdBy, created_at: toDateTime64(Date.parse(task.createTime)),
    updated_at: toDateTime64(Date.parse(task.updateTime)), started_at: dt64OrNull(task.startedTime), completed_at: dt64OrNull(task.completedTime),
    version: task.version,
  };
}

/** The inverse of taskRow: a warehouse version back into the task (Redis rebuild). */
export function taskFromRow(row: DimCallTaskRow): CallTask {
  return {
    tenantId: row.tenant_id, taskId: row.task_id, name: row.name, description: row.description, status: row.status as TaskStatus,
    callScript: row.call_script, scheduledTime: fromDateTime64(row.scheduled_time) ?? '', callerId: row.caller_id,
    deviceIds: row.device_ids, tags: row.tags, source: row.source, redial: parseJson(row.redial, DEFAULT_REDIAL), pacing: parseJson(row.pacing, DEFAULT_PACING),
    phoneCount: Number(row.phone_count), createdBy: row.created_by, createTime: fromDateTime64(row.created_at) ?? '',
    updateTime: fromDateTime64(row.updated_at) ?? '', startedTime: fromDateTime64(row.started_at) ?? '',
    completedTime: fromDateTime64(row.completed_at) ?? '', version: Number(row.version),
  };
}

const runningMember = (t: string, k: string) => `${t}:${k}`;

export class TaskStore {
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly pii: PiiKeys,
    private readonly opts: { instance: string; log: Logger; defaultRegion: string; now?: () => number },
  ) {
    this.now = opts.now ?? Date.now;
  }

  private fields<T extends EntityTable>(table: T, row: EntityRows[T], nowMs: number): string[] {
    return entityFeedFields(table, row, nowMs, this.opts.instance);
  }

  /** One number as stored: never in clear, region for the callee's local time. */
  protectNumber(index: number, e164: string, region?: string): TaskPhone {
    return {
      index, hash: hashPii(this.pii, e164), enc: encryptPii(this.pii, e164), masked: maskPhone(e164),
      region: region ?? parsePhoneNumberFromString(e164)?.country ?? '',
    };
  }

  async create(tenantId: string, input: NewTaskInput, actor: TaskActor): Promise<CallTask> {
    const taskId = String(await this.redis.incr(taskKeys.seq(tenantId)));
    const nowMs = this.now();
    const nowIso = new Date(nowMs).toISOString();
    const createdAt = toDateTime64(nowMs);

    // Numbers first, in chunks: the task becomes visible (hash + index, below) only once its whole
    // list is stored, so the dialer never starts a task with half its numbers.
    const phonesKey = taskKeys.phones(tenantId, taskId);
    for (let start = 0; start < input.phones.length; start += PHONE_CHUNK) {
      const p = this.redis.pipeline();
      const chunk = input.phones.slice(start, start + PHONE_CHUNK).map((e164, i) => this.protectNumber(start + i, e164, input.regions?.[start + i]));
      p.rpush(phonesKey, ...chunk.map((ph) => JSON.stringify(ph)));
      p.xadd(ENTITY_STREAM, '*', ...this.fields('callTaskPhoneChunk', {
        tenant_id: tenantId, task_id: taskId, idx_from: start, phone_hash: chunk.map((ph) => ph.hash), phone_enc: chunk.map((ph) => ph.enc),
        phone_masked: chunk.map((ph) => ph.masked), region: chunk.map((ph) => ph.region), created_at: createdAt,
      } satisfies CallTaskPhoneChunkRow, nowMs));
      const results = await p.exec();
      const failed = results?.find(([err]) => err);
      if (failed) throw new Error(`storing numbers of task ${tenantId}/${taskId} failed: ${(failed[0] as Error).message}`);
    }

    const task: CallTask = {
      tenantId, taskId, name: input.name, description: input.description, status: 'SCHEDULED', callScript: input.callScript,
      scheduledTime: input.scheduledTime, callerId: input.callerId, deviceIds: input.deviceIds, tags: input.tags, source: input.source,
      redial: input.redial, pacing: input.pacing, phoneCount: input.phones.length, createdBy: actor.id,
      createTime: nowIso, updateTime: nowIso, startedTime: '', completedTime: '', version: 1,
    };
    await this.redis.multi()
      .hset(taskKeys.task(tenantId, taskId), ...taskToHash(task))
      .zadd(taskKeys.index(tenantId), nowMs, taskId)
      .xadd(ENTITY_STREAM, '*', ...this.fields('dimCallTask', taskRow(task), nowMs))
      .exec();
    this.opts.log.info({ tenantId, taskId, phones: task.phoneCount, actor: actor.id }, 'call task created');
    return task;
  }

  async get(tenantId: string, taskId: string): Promise<CallTask | null> {
    return hashToTask(await this.redis.hgetall(taskKeys.task(tenantId, taskId)));
  }

  /** Numbers from..to inclusive (LRANGE semantics; default: all). */
  async phones(tenantId: string, taskId: string, from = 0, to = -1): Promise<TaskPhone[]> {
    const raw = await this.redis.lrange(taskKeys.phones(tenantId, taskId), from, to);
    return raw.map((r) => JSON.parse(r) as TaskPhone);
  }

  async list(tenantId: string, filter: TaskListFilter, page: TaskPage): Promise<{ tasks: CallTask[]; total: number }> {
    const ids = await this.redis.zrangebyscore(taskKeys.index(tenantId), filter.fromMs ?? '-inf', filter.toMs ?? '+inf');
    if (ids.length === 0) return { tasks: [], total: 0 };
    const p = this.redis.pipeline();
    for (const id of ids) p.hgetall(taskKeys.task(tenantId, id));
    const rows = (await p.exec()) ?? [];
    const needle = filter.name?.toLowerCase();
    const tasks = rows
      .map(([, h]) => hashToTask((h ?? {}) as Record<string, string>))
      .filter((t): t is CallTask => t !== null)
      .filter((t) => (filter.status === undefined || t.status === filter.status) && (needle === undefined || t.name.toLowerCase().includes(needle)));
    const key = (t: CallTask): string | number =>
      page.sort === 'name' ? t.name : page.sort === 'scheduledTime' ? Date.parse(t.scheduledTime || t.createTime) : Date.parse(t.createTime);
    const dir = page.order === 'asc' ? 1 : -1;
    // Ties broken by numeric task id so pages are stable.
    tasks.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : Number(a.taskId) - Number(b.taskId);
      return c * dir;
    });
    return { tasks: tasks.slice(page.offset, page.offset + page.limit), total: tasks.length };
  }

  async transition(tenantId: string, taskId: string, action: TaskAction, actor: TaskActor, reason = ''): Promise<TransitionOutcome> {
    const key = taskKeys.task(tenantId, taskId);
    for (let attempt = 1; attempt <= TRANSITION_ATTEMPTS; attempt++) {
      const task = await this.get(tenantId, taskId);
      if (!task) return { ok: false, current: null };
      const step = nextStatus(task.status, action);
      if (!step.ok) return { ok: false, current: task.status };
      const nowMs = this.now();
      const nowIso = new Date(nowMs).toISOString();
      const next: CallTask = {
        ...task, status: step.to, version: task.version + 1, updateTime: nowIso,
        startedTime: step.to === 'RUNNING' && task.startedTime === '' ? nowIso : task.startedTime,
        completedTime: isTerminal(step.to) ? nowIso : task.completedTime,
      };
      const audit: AuditLogRow = {
        tenant_id: tenantId, audit_id: randomUUID(), at: toDateTime64(nowMs),
        actor_user_id: actor.kind === 'user' ? actor.id : `system:${actor.id}`, actor_key_id: actor.keyId ?? '',
        action: 'call-task.transition', resource_type: 'call_task', resource_id: taskId, outcome: 'OK', status_code: 200,
        request_id: actor.requestId ?? '', ip: '', user_agent: '', detail: `${step.from}->${step.to}${reason ? ` ${reason}` : ''}`.slice(0, 500),
      };
      const hash = ['status', next.status, 'version', String(next.version), 'updateTime', next.updateTime, 'startedTime', next.startedTime, 'completedTime', next.completedTime];
      const won = await this.redis.eval(
        TRANSITION_LUA, 3, key, taskKeys.running(), ENTITY_STREAM,
        String(task.version), runningMember(tenantId, taskId), step.to === 'RUNNING' ? '1' : '0', String(hash.length / 2), ...hash,
        ...this.fields('dimCallTask', taskRow(next), nowMs), ...this.fields('auditLog', audit, nowMs),
      );
      if (won === 1) {
        this.opts.log.info({ tenantId, taskId, from: step.from, to: step.to, actor: actor.id, reason }, 'call task transition');
        return { ok: true, task: next, from: step.from };
      }
    }
    throw new TaskContentionError(tenantId, taskId, TRANSITION_ATTEMPTS);
  }

  /** Every RUNNING task of every tenant: the dialer's work list after a restart. */
  async listRunning(): Promise<{ tenantId: string; taskId: string }[]> {
    const members = await this.redis.smembers(taskKeys.running());
    return members.flatMap((m) => {
      const cut = m.lastIndexOf(':');
      return cut > 0 ? [{ tenantId: m.slice(0, cut), taskId: m.slice(cut + 1) }] : [];
    });
  }

  /** totalCalls/successfulCalls from the ingest counters, intendedCustomers from the analysis set; one round trip. */
  async stats(tenantId: string, taskIds: string[]): Promise<Map<string, TaskStats>> {
    const out = new Map<string, TaskStats>();
    if (taskIds.length === 0) return out;
    const p = this.redis.pipeline();
    for (const k of taskIds) p.hmget(gatewayKeys.task(tenantId, k), 'dialed', 'connected').scard(taskKeys.intended(tenantId, k));
    const res = (await p.exec()) ?? [];
    taskIds.forEach((k, i) => {
      const counters = (res[2 * i]?.[1] ?? []) as (string | null)[];
      out.set(k, {
        totalCalls: Number(counters[0] ?? 0), successfulCalls: Number(counters[1] ?? 0), intendedCustomers: Number(res[2 * i + 1]?.[1] ?? 0),
      });
    });
    return out;
  }

  /**
   * Puts a task back from the warehouse after Redis lost it (api/src/call-tasks/rebuild.ts).
   * Appends nothing to the feed: the warehouse already has this version. The id sequence never
   * goes backwards, so a new task cannot reuse a restored id.
   */
  async restore(task: CallTask, phones: TaskPhone[]): Promise<void> {
    const { tenantId: t, taskId: k } = task;
    const m = this.redis.multi().del(taskKeys.phones(t, k));
    for (let start = 0; start < phones.length; start += PHONE_CHUNK) {
      m.rpush(taskKeys.phones(t, k), ...phones.slice(start, start + PHONE_CHUNK).map((ph) => JSON.stringify(ph)));
    }
    m.hset(taskKeys.task(t, k), ...taskToHash(task)).zadd(taskKeys.index(t), Date.parse(task.createTime), k);
    if (task.status === 'RUNNING') m.sadd(taskKeys.running(), runningMember(t, k));
    else m.srem(taskKeys.running(), runningMember(t, k));
    m.eval("if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end return 1", 1, taskKeys.seq(t), k);
    await m.exec();
  }

  /** The BullMQ job that will start a scheduled task, so cancel can remove it. */
  async setStartJob(tenantId: string, taskId: string, jobId: string): Promise<void> {
    await this.redis.hset(taskKeys.task(tenantId, taskId), 'startJob', jobId);
  }

  async startJob(tenantId: string, taskId: string): Promise<string | null> {
    return this.redis.hget(taskKeys.task(tenantId, taskId), 'startJob');
  }
}
