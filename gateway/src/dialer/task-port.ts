// What the dialer needs of the task store (common/call-tasks/task-store.ts TaskStore fits).
import type { CallTask, TaskAction, TaskActor, TaskPhone, TaskStatus } from '../../../common/call-tasks/model.js';

export interface TaskPort {
  get(tenantId: string, taskId: string): Promise<CallTask | null>;
  phones(tenantId: string, taskId: string, from?: number, to?: number): Promise<TaskPhone[]>;
  transition(tenantId: string, taskId: string, action: TaskAction, actor: TaskActor, reason?: string): Promise<{ ok: true; task: CallTask; from: TaskStatus } | { ok: false; current: TaskStatus | null }>;
  listRunning(): Promise<{ tenantId: string; taskId: string }[]>;
}
