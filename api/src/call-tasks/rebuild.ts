// Restores call tasks in Redis from the warehouse (DESIGN.md: Redis is rebuildable): each task's
// newest version, its numbers in order, the running set, the id sequences, and a start job for
// every task still SCHEDULED (BullMQ's delayed jobs were in the Redis that was lost).
import type { TaskStore } from '../../../common/call-tasks/task-store.js';
import { taskFromRow } from '../../../common/call-tasks/task-store.js';
import type { TaskPhone } from '../../../common/call-tasks/model.js';
import type { DimCallTaskPhoneRow, DimCallTaskRow } from '../../../warehouse/src/domain/entity-rows.js';
import type { Warehouse } from '../../../warehouse/src/warehouse.js';
import type { TaskScheduler } from './scheduler.js';

export interface RebuildSummary {
  tasks: number;
  phones: number;
  rescheduled: number;
}

export async function rebuildCallTasks(wh: Warehouse, tasks: TaskStore, scheduler: TaskScheduler, opts: { tenantId?: string; nowMs?: number } = {}): Promise<RebuildSummary> {
  const where = opts.tenantId === undefined ? '' : 'WHERE tenant_id = {t:String}';
  const params: Record<string, string> = opts.tenantId === undefined ? {} : { t: opts.tenantId };
  const rows = await wh.query<DimCallTaskRow>(`SELECT * FROM ${wh.tables.dimCallTask} FINAL ${where}`, params);
  const out: RebuildSummary = { tasks: 0, phones: 0, rescheduled: 0 };
  const now = opts.nowMs ?? Date.now();
  for (const row of rows) {
    const task = taskFromRow(row);
    // One task's numbers at a time: bounded memory whatever the tenant's total.
    const phoneRows = await wh.query<Omit<DimCallTaskPhoneRow, 'tenant_id' | 'task_id' | 'created_at'>>(
      `SELECT idx, phone_hash, phone_enc, phone_masked, region FROM ${wh.tables.dimCallTaskPhone} FINAL
       WHERE tenant_id = {t:String} AND task_id = {k:String} ORDER BY idx`, { t: task.tenantId, k: task.taskId });
    const phones: TaskPhone[] = phoneRows.map((p) => ({ index: Number(p.idx), hash: p.phone_hash, enc: p.phone_enc, masked: p.phone_masked, region: p.region }));
    await tasks.restore(task, phones);
    if (task.status === 'SCHEDULED') {
      const due = task.scheduledTime ? Date.parse(task.scheduledTime) : now;
      const jobId = await scheduler.scheduleStart({ tenantId: task.tenantId, taskId: task.taskId }, task.version, due - now);
      await tasks.setStartJob(task.tenantId, task.taskId, jobId);
      out.rescheduled++;
    }
    out.tasks++;
    out.phones += phones.length;
  }
  return out;
}
