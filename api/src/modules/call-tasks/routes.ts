// /api/v1/lead-generation/call-tasks (spec 004 §2.1, 2.2, 2.3, 2.7, 2.8): create, list, detail,
// start/stop, cancel. State changes go through TaskStore.transition (the one state machine,
// audited per transition); scheduled starts are BullMQ delayed jobs the dialer consumes.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { TASK_STATUSES, type TaskAction, type TaskActor, type TaskListFilter, type TaskStatus } from '../../../../common/call-tasks/model.js';
import { decryptPii } from '../../../../common/pii.js';
import { getCallRecords } from '../../../../warehouse/src/queries/call-records.js';
import type { ApiDeps } from '../../deps.js';
import { ApiError, notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, isoDateTime, pageOf, pagingQuery, toPage, type PagingParams } from '../../http/schemas.js';
import {
  BRIEF_COLUMNS, TASK_ID_PARAM, createBodySchema, createdSchema, presentCallRecordBrief, presentTaskDetail, presentTaskSummary,
  statusSchema, taskDetailSchema, taskSummarySchema, validateCreate, type CallRecordBriefRow, type CreateTaskBody,
} from './present.js';

const SORTS = ['createTime', 'scheduledTime', 'name'] as const;
type SortName = (typeof SORTS)[number];

interface ListQuery extends PagingParams<SortName> {
  name?: string;
  status?: TaskStatus;
  startTime?: string;
  endTime?: string;
}

const CALL_RECORDS_IN_DETAIL = 200;

const actorOf = (request: FastifyRequest): TaskActor => {
  const p = requirePrincipal(request.principal);
  return { kind: 'user', id: p.userId, keyId: p.keyId, requestId: request.id };
};

const stateConflict = (taskId: string, current: TaskStatus, action: TaskAction) =>
  new ApiError('TASK_STATE_CONFLICT', [], `task ${taskId} is ${current}: ${action} is not allowed`);

export const callTaskRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const { tasks, scheduler } = deps;

  /** A pending scheduled start is dropped once the task started or ended another way. */
  const dropStartJob = async (tenantId: string, taskId: string): Promise<void> => {
    const jobId = await tasks.startJob(tenantId, taskId);
    if (!jobId) return;
    try {
      await scheduler.cancelStart(jobId);
    } catch (err) {
      // The dialer's worker ignores a start of a task that is not SCHEDULED, so a stale job is harmless.
      deps.log.warn({ tenantId, taskId, err: (err as Error).message }, 'could not remove the scheduled start job');
    }
  };

  app.post<{ Body: CreateTaskBody }>('/call-tasks', {
    bodyLimit: deps.config.callTaskBodyLimitBytes,
    config: { permissions: ['lead:call:create'], idempotency: {}, audit: { action: 'call-task.create', resourceType: 'call_task' } },
    schema: {
      tags: ['call-tasks'],
      summary: 'Create an outbound call task (spec 004 §2.1)',
      body: createBodySchema(deps.config.callTaskMaxPhones),
      response: { 201: envelope(createdSchema), ...errorResponses(413, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const checked = validateCreate(request.body, { defaultRegion: deps.config.phoneDefaultRegion, nowMs: Date.now() });
    if (!checked.ok) throw new ApiError('VALIDATION_FAILED', checked.fields);
    const { input, duplicatesRemoved, delayMs } = checked.value;
    const actor = actorOf(request);
    let task = await tasks.create(p.tenantId, input, actor);
    if (delayMs > 0) {
      const jobId = await scheduler.scheduleStart({ tenantId: p.tenantId, taskId: task.taskId }, task.version, delayMs);
      await tasks.setStartJob(p.tenantId, task.taskId, jobId);
    } else {
      const started = await tasks.transition(p.tenantId, task.taskId, 'START', actor, 'no future scheduledTime: started on creation');
      if (started.ok) task = started.task;
      else deps.log.warn({ tenantId: p.tenantId, taskId: task.taskId, current: started.current }, 'new task could not be started at once');
    }
    request.auditResourceId = task.taskId;
    request.auditDetail = `phones=${task.phoneCount} duplicates=${duplicatesRemoved} status=${task.status}`;
    return reply.created({
      taskId: Number(task.taskId), name: task.name, status: task.status, createTime: task.createTime,
      scheduledTime: task.scheduledTime || null, phoneCount: task.phoneCount, duplicatesRemoved,
    });
  });

  app.get<{ Querystring: ListQuery }>('/call-tasks', {
    config: { permissions: ['lead:call:view', 'lead:call:list'], anyOf: true, audit: { action: 'call-task.list', resourceType: 'call_task' } },
    schema: {
      tags: ['call-tasks'],
      summary: 'List call tasks (spec 004 §2.2)',
      querystring: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200, description: 'Part of the task name (case-insensitive)' },
          status: { type: 'string', enum: [...TASK_STATUSES] },
          startTime: { ...isoDateTime, description: 'Tasks created at or after (ISO 8601)' },
          endTime: { ...isoDateTime, description: 'Tasks created at or before (ISO 8601)' },
          ...pagingQuery(SORTS, 'createTime'),
        },
      },
      response: { 200: envelope(pageOf(taskSummarySchema)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const q = request.query;
    const filter: TaskListFilter = {};
    if (q.name !== undefined) filter.name = q.name;
    if (q.status !== undefined) filter.status = q.status;
    if (q.startTime !== undefined) filter.fromMs = Date.parse(q.startTime);
    if (q.endTime !== undefined) filter.toMs = Date.parse(q.endTime);
    if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.toMs < filter.fromMs) {
      throw new ApiError('VALIDATION_FAILED', [{ field: 'query.endTime', rule: 'range', message: 'must not be before startTime' }]);
    }
    const { tasks: found, total } = await tasks.list(p.tenantId, filter, { offset: (q.page - 1) * q.size, limit: q.size, sort: q.sort, order: q.order });
    const stats = await tasks.stats(p.tenantId, found.map((t) => t.taskId));
    request.auditDetail = `page=${q.page} size=${q.size} returned=${found.length}`;
    return reply.ok(toPage(found.map((t) => presentTaskSummary(t, stats.get(t.taskId))), total, q));
  });

  app.get<{ Params: { taskId: string } }>('/call-tasks/:taskId', {
    config: { permissions: ['lead:call:view'], audit: { action: 'call-task.view', resourceType: 'call_task', resourceParam: 'taskId' } },
    schema: {
      tags: ['call-tasks'],
      summary: 'One call task with its numbers, devices and call records (spec 004 §2.3)',
      params: { type: 'object', required: ['taskId'], properties: { taskId: TASK_ID_PARAM } },
      response: { 200: envelope(taskDetailSchema), ...errorResponses(404) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const task = await tasks.get(p.tenantId, request.params.taskId);
    if (!task) throw notFound('call task');
    const canSee = p.permissions.has('pii:view');
    const reveal = (enc: string, masked: string): string => {
      if (!canSee || !enc) return masked;
      try {
        return decryptPii(deps.pii, enc);
      } catch {
        return masked; // sealed under a previous key: masked beats failing the page
      }
    };
    const [stats, phones, rows] = await Promise.all([
      tasks.stats(p.tenantId, [task.taskId]),
      tasks.phones(p.tenantId, task.taskId),
      getCallRecords(deps.warehouse, p.tenantId, { taskId: task.taskId }, { limit: CALL_RECORDS_IN_DETAIL, sort: 'start_time', order: 'desc' }, BRIEF_COLUMNS),
    ]);
    const records = rows.map((r) => presentCallRecordBrief(r as CallRecordBriefRow, (row) => reveal(row.phone_enc, row.phone_masked)));
    request.auditDetail = `phones=${phones.length} revealed=${canSee ? 1 : 0}`;
    return reply.ok(presentTaskDetail(task, stats.get(task.taskId), phones.map((ph) => reveal(ph.enc, ph.masked)), records));
  });

  app.put<{ Params: { taskId: string }; Body: { action: 'START' | 'STOP' } }>('/call-tasks/:taskId/status', {
    config: { permissions: ['lead:call:control'], audit: { action: 'call-task.status', resourceType: 'call_task', resourceParam: 'taskId' } },
    schema: {
      tags: ['call-tasks'],
      summary: 'Start or stop a call task (spec 004 §2.7)',
      params: { type: 'object', required: ['taskId'], properties: { taskId: TASK_ID_PARAM } },
      body: {
        type: 'object', required: ['action'], additionalProperties: false,
        properties: { action: { type: 'string', enum: ['START', 'STOP'] }, reason: { type: 'string', maxLength: 200 } },
      },
      response: { 200: envelope(statusSchema), ...errorResponses(404, 409, 422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const { taskId } = request.params;
    const { action } = request.body;
    const reason = (request.body as { reason?: string }).reason ?? '';
    const r = await tasks.transition(p.tenantId, taskId, action, actorOf(request), reason);
    if (!r.ok) throw r.current === null ? notFound('call task') : stateConflict(taskId, r.current, action);
    if (r.from === 'SCHEDULED') await dropStartJob(p.tenantId, taskId);
    request.auditDetail = `${r.from}->${r.task.status}`;
    return reply.ok({ taskId: Number(taskId), status: r.task.status });
  });

  app.put<{ Params: { taskId: string } }>('/call-tasks/:taskId/cancel', {
    config: { permissions: ['lead:call:cancel'], audit: { action: 'call-task.cancel', resourceType: 'call_task', resourceParam: 'taskId' } },
    schema: {
      tags: ['call-tasks'],
      summary: 'Cancel a call task (spec 004 §2.8); completed or stopped tasks cannot be cancelled (409)',
      params: { type: 'object', required: ['taskId'], properties: { taskId: TASK_ID_PARAM } },
      response: { 200: envelope(statusSchema), ...errorResponses(404, 409) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const { taskId } = request.params;
    const r = await tasks.transition(p.tenantId, taskId, 'CANCEL', actorOf(request), 'cancelled over the API');
    if (!r.ok) throw r.current === null ? notFound('call task') : stateConflict(taskId, r.current, 'CANCEL');
    await dropStartJob(p.tenantId, taskId);
    request.auditDetail = `${r.from}->CANCELLED`;
    return reply.ok({ taskId: Number(taskId), status: r.task.status });
  });
};
