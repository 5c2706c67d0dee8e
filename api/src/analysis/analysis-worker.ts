// The call-analysis worker (spec 004 §4.3 CallAnalysisService): consumes QUEUES.callAnalysis
// jobs {tenantId, callId, recordingId} enqueued when a recording is stored, and for each call
//   1. appends a PROCESSING row (entity feed → dwd_call_analysis),
//   2. loads the transcript; none yet → retried by BullMQ (a device uploads its transcript after
//      the audio); still none on the job's last attempt → FAILED with error NO_TRANSCRIPT (the
//      offline analyser works on text only; a device without ASR gets no analysis),
//   3. analyses it with the tenant's rules → COMPLETED row with the result; an empty transcript
//      (nothing said) is a valid COMPLETED, LOW/NEUTRAL result,
//   4. HIGH intent: the callee's phone hash joins the task's intended set (intendedCustomers)
//      and one lead signal per call goes to the lead pipeline (common/call-tasks/model.ts).
// Failures: retryable ones (provider timeouts, 5xx…) are rethrown for BullMQ's own retries; a
// non-retryable one, or any on the last attempt, writes FAILED, appends a dead letter to
// `cunke:dlq:analysis` and leaves the job in BullMQ's failed set. Re-running a job is harmless:
// rows share the call's key (ReplacingMergeTree keeps the newest), SADD is a set, and the lead
// signal is guarded by a SET NX key.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, analysisKeys, leadSignalKeys, taskKeys, type AnalyseCallJob, type LeadSignal } from '../../../common/call-tasks/model.js';
import { ENTITY_STREAM } from '../../../common/feed.js';
import type { Logger } from '../../../common/logger.js';
import { keys as gatewayKeys } from '../../../gateway/src/domain/redis-keys.js';
import { entityFeedFields, type CallAnalysisRow } from '../../../warehouse/src/domain/entity-rows.js';
import { getCallRecords } from '../../../warehouse/src/queries/call-records.js';
import type { Warehouse } from '../../../warehouse/src/warehouse.js';
import type { Analyser, AnalysisResult } from './analyser.js';
import { completedRow, failedRow, processingRow, type RowKey } from './analysis-row.js';
import { AnalysisProviderError } from './http-analyser.js';
import type { AnalysisRulesStore } from './rules-store.js';
import type { TranscriptSource } from './transcript-source.js';

export const DEAD_LETTER_MAXLEN = 100_000;
/** How long "this call's lead signal was sent" is remembered (a re-run later than this would repeat it). */
export const LEAD_SIGNAL_GUARD_S = 90 * 86_400;

export interface AnalysisWorkerDeps {
  redis: Redis;
  warehouse: Warehouse;
  analyser: Analyser;
  transcripts: TranscriptSource;
  rules: AnalysisRulesStore;
  language: string;
  /** Writer name in the entity feed (field g). */
  writer: string;
  /** Entity feed stream the rows go to; ENTITY_STREAM unless a test isolates its own. */
  entityStream?: string;
  log: Logger;
  now?: () => number;
}

export type AnalysisOutcome = 'COMPLETED' | 'FAILED';

export class InvalidJobError extends Error {
  constructor(detail: string) {
    super(`invalid analysis job: ${detail}`);
    this.name = 'InvalidJobError';
  }
}

/** No transcript yet; BullMQ retries the job (the device may still be uploading it). */
export class TranscriptMissingError extends Error {
  constructor(readonly callId: string) {
    super(`no transcript for call ${callId} yet`);
    this.name = 'TranscriptMissingError';
  }
}

function checkJob(data: unknown): AnalyseCallJob {
  const d = (data ?? {}) as Partial<Record<keyof AnalyseCallJob, unknown>>;
  for (const f of ['tenantId', 'callId'] as const) {
    if (typeof d[f] !== 'string' || d[f] === '') throw new InvalidJobError(`${f} missing`);
  }
  return { tenantId: d.tenantId as string, callId: d.callId as string, recordingId: typeof d.recordingId === 'string' ? d.recordingId : '' };
}

interface CallContext {
  taskId: string;
  phoneHash: string;
  phoneEnc: string;
}

/** Lua: send the lead signal only if this call's was never sent (guard and XADD atomically). */
const LEAD_SIGNAL_SCRIPT = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', unpack(ARGV, 3))
end
return false`;

export class CallAnalysisProcessor {
  private readonly now: () => number;

  constructor(private readonly d: AnalysisWorkerDeps) {
    this.now = d.now ?? Date.now;
  }

  /**
   * One attempt at one job. `final` = no BullMQ retry follows this attempt: failures are then
   * written as FAILED and dead-lettered before the error is rethrown.
   */
  async process(data: unknown, final: boolean, attempt = 1): Promise<AnalysisOutcome> {
    let job: AnalyseCallJob;
    try {
      job = checkJob(data);
    } catch (err) {
      // A malformed job is malformed on every attempt.
      throw new UnrecoverableError((err as Error).message);
    }
    const key: RowKey = { tenantId: job.tenantId, callId: job.callId, recordingId: job.recordingId, provider: this.d.analyser.name };
    try {
      await this.append(processingRow(key, this.now()));
      const transcript = await this.d.transcripts.get(job.tenantId, job.callId, job.recordingId);
      if (transcript === null) {
        if (!final) throw new TranscriptMissingError(job.callId);
        await this.append(failedRow(key, 'NO_TRANSCRIPT', this.now()));
        this.d.log.info({ tenantId: job.tenantId, callId: job.callId }, 'no transcript: analysis FAILED (NO_TRANSCRIPT)');
        return 'FAILED';
      }
      const { rules } = await this.d.rules.get(job.tenantId);
      const result = await this.d.analyser.analyse({ transcript, language: this.d.language, tenantRules: rules });
      await this.append(completedRow(key, result, this.now()));
      if (result.intentionLevel === 'HIGH') await this.handOff(job, result);
      return 'COMPLETED';
    } catch (err) {
      if (err instanceof TranscriptMissingError) throw err;
      const e = err as Error;
      const retryable = !(err instanceof AnalysisProviderError) || err.retryable;
      if (final || !retryable) {
        const kind = err instanceof AnalysisProviderError ? err.kind : e.name;
        await this.deadLetter(job, key, kind, e.message, attempt);
        // Not retryable: BullMQ must not try again, the job goes straight to its failed set.
        if (!final) throw new UnrecoverableError(`${kind}: ${e.message}`);
      }
      throw err;
    }
  }

  private async append(row: CallAnalysisRow): Promise<void> {
    await this.d.redis.xadd(this.d.entityStream ?? ENTITY_STREAM, '*', ...entityFeedFields('dwdCallAnalysis', row, this.now(), this.d.writer));
  }

  private async deadLetter(job: AnalyseCallJob, key: RowKey, kind: string, reason: string, attempt: number): Promise<void> {
    const at = this.now();
    // Best effort each: the dead letter must not be lost because the FAILED row could not be written.
    await this.append(failedRow(key, `${kind}: ${reason}`, at)).catch((err: unknown) => this.d.log.error({ err, callId: job.callId }, 'FAILED analysis row not written'));
    await this.d.redis.xadd(analysisKeys.deadLetters(), 'MAXLEN', '~', DEAD_LETTER_MAXLEN, '*',
      'tenantId', job.tenantId, 'callId', job.callId, 'recordingId', job.recordingId, 'kind', kind, 'reason', reason.slice(0, 500),
      'attempts', String(attempt), 'at', String(at));
    this.d.log.warn({ tenantId: job.tenantId, callId: job.callId, kind, reason, attempt }, 'call analysis failed for good: dead-lettered');
  }

  /** The call's task and callee: live call state first, the warehouse record for what it lacks. */
  private async context(job: AnalyseCallJob): Promise<CallContext> {
    const [taskId, phoneHash] = await this.d.redis.hmget(gatewayKeys.call(job.tenantId, job.callId), 'task_id', 'phone_hash');
    const ctx: CallContext = { taskId: taskId ?? '', phoneHash: phoneHash ?? '', phoneEnc: '' };
    const [row] = await getCallRecords(this.d.warehouse, job.tenantId, { callId: job.callId }, { limit: 1 }, ['task_id', 'phone_hash', 'phone_enc']);
    if (row) {
      ctx.taskId ||= row.task_id;
      ctx.phoneHash ||= row.phone_hash;
      ctx.phoneEnc = row.phone_enc;
    }
    return ctx;
  }

  private async handOff(job: AnalyseCallJob, result: AnalysisResult): Promise<void> {
    const ctx = await this.context(job);
    if (!ctx.phoneHash) {
      this.d.log.warn({ tenantId: job.tenantId, callId: job.callId }, 'high intent but the callee is unknown: no intended customer, no lead signal');
      return;
    }
    if (ctx.taskId) await this.d.redis.sadd(taskKeys.intended(job.tenantId, ctx.taskId), ctx.phoneHash);
    const signal: LeadSignal = {
      tenantId: job.tenantId, phoneHash: ctx.phoneHash, phoneEnc: ctx.phoneEnc, source: 'CALL_ANALYSIS', callId: job.callId,
      taskId: ctx.taskId, recordingId: job.recordingId, score: result.intentionScore, intention: result.intention, at: this.now(),
    };
    const fields = Object.entries(signal).flatMap(([k, v]) => [k, String(v)]);
    await this.d.redis.eval(LEAD_SIGNAL_SCRIPT, 2, leadSignalKeys.sent(job.tenantId, job.callId), leadSignalKeys.stream(),
      String(LEAD_SIGNAL_GUARD_S), String(DEAD_LETTER_MAXLEN), ...fields);
  }
}

export interface AnalysisWorkerHandle {
  worker: Worker<AnalyseCallJob>;
  close(): Promise<void>;
}

/** `prefix`: BullMQ key prefix (tests isolate their queue with one; producers use the default). */
export function startAnalysisWorker(redisUrl: string, concurrency: number, deps: AnalysisWorkerDeps, prefix?: string): AnalysisWorkerHandle {
  // BullMQ blocks on its connection: it gets its own, never the API's.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const processor = new CallAnalysisProcessor(deps);
  const worker = new Worker<AnalyseCallJob>(QUEUES.callAnalysis, async (job: Job<AnalyseCallJob>) => {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return processor.process(job.data, final, job.attemptsMade + 1);
  }, { connection, concurrency, ...(prefix ? { prefix } : {}) });
  worker.on('failed', (job, err) => {
    if (!(err instanceof TranscriptMissingError)) deps.log.warn({ jobId: job?.id, err: err.message }, 'analysis attempt failed');
  });
  worker.on('error', (err) => deps.log.error({ err }, 'analysis worker error'));
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
