// Producer side of scheduled starts: a task created with a future scheduledTime gets one BullMQ
// delayed job; the dialer's worker consumes it and transitions the task to RUNNING. Delayed
// jobs live in Redis, so a start survives restarts of both the API and the dialer.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, type StartTaskJob } from '../../../common/call-tasks/model.js';

export const startJobId = (tenantId: string, taskId: string, version: number): string => `start-${tenantId}-${taskId}-${version}`;

export class TaskScheduler {
  private readonly connection: Redis;
  readonly queue: Queue<StartTaskJob>;

  constructor(redisUrl: string) {
    // BullMQ blocks and subscribes on its connections: it gets its own, never the API's.
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue<StartTaskJob>(QUEUES.callTask, { connection: this.connection });
  }

  /** Adds the delayed 'start' job; returns its id. Adding the same id twice keeps the first (BullMQ dedupes by id). */
  async scheduleStart(job: StartTaskJob, version: number, delayMs: number): Promise<string> {
    const jobId = startJobId(job.tenantId, job.taskId, version);
    await this.queue.add('start', job, { jobId, delay: Math.max(0, delayMs), removeOnComplete: 1000, removeOnFail: 5000 });
    return jobId;
  }

  /** Removes a pending start; true when there was one to remove. */
  async cancelStart(jobId: string): Promise<boolean> {
    return (await this.queue.remove(jobId)) === 1;
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
