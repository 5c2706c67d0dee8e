// BullMQ glue of lead imports: the producer the upload route uses (one job per file, job id =
// import id, so adding it twice is one job) and the worker that runs import-job.ts. A job that
// throws (Redis unreachable mid-way) is retried with backoff and resumes from the import's cursor;
// after the last attempt the import is marked FAILED so nobody waits on it forever.
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../../../../common/logger.js';
import { runImport, type ImportJobDeps } from './import-job.js';

export const IMPORT_QUEUE = 'cunke-lead-import';
const ATTEMPTS = 5;

export interface ImportJob {
  tenantId: string;
  importId: string;
}

const jobOptions = (job: ImportJob) => ({
  jobId: `${job.tenantId}-${job.importId}`, attempts: ATTEMPTS, backoff: { type: 'exponential' as const, delay: 1000 },
  removeOnComplete: 1000, removeOnFail: 5000,
});

export class ImportQueue {
  private readonly connection: Redis;
  private readonly queue: Queue<ImportJob>;

  constructor(redisUrl: string, prefix?: string) {
    // BullMQ blocks and subscribes on its connections: it gets its own, never the API's.
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue<ImportJob>(IMPORT_QUEUE, { connection: this.connection, ...(prefix ? { prefix } : {}) });
  }

  async add(job: ImportJob): Promise<void> {
    await this.queue.add('import', job, jobOptions(job));
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

export interface ImportWorkerHandle {
  close(): Promise<void>;
}

export function startImportWorker(redisUrl: string, concurrency: number, deps: ImportJobDeps, prefix?: string): ImportWorkerHandle {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<ImportJob>(IMPORT_QUEUE, async (job: Job<ImportJob>) => {
    try {
      const s = await runImport(deps, job.data.tenantId, job.data.importId);
      return s ? { status: s.status, accepted: s.accepted, rejected: s.rejected } : null;
    } catch (err) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await deps.store.finish(job.data.tenantId, job.data.importId, 'FAILED', Date.now(), { reason: 'internal', message: `the import job failed ${ATTEMPTS} times: ${(err as Error).message}` })
          .catch((e: unknown) => deps.log.error({ err: e }, 'could not mark the import FAILED'));
      }
      throw err;
    }
  }, { connection, concurrency, ...(prefix ? { prefix } : {}) });
  // An API that stored an import and died before queueing it left it QUEUED: queue every open
  // import again (the job id is the import id, so one already queued or running is not doubled).
  const recovered = (async () => {
    const producer = new ImportQueue(redisUrl, prefix);
    try {
      const open = await deps.store.openImports();
      for (const j of open) await producer.add(j);
      if (open.length) deps.log.info({ imports: open.length }, 'open lead imports re-queued');
    } finally {
      await producer.close();
    }
  })().catch((err: unknown) => deps.log.error({ err }, 'could not re-queue open lead imports'));
  worker.on('failed', (job, err) => deps.log.warn({ jobId: job?.id, err: err.message }, 'lead import attempt failed'));
  worker.on('error', (err) => deps.log.error({ err }, 'lead import worker error'));
  return {
    async close() {
      await recovered;
      await worker.close();
      connection.disconnect();
    },
  };
}
