// What the API knows about stored recordings: the Redis hash per call (fast lookup for §2.6
// and the analysis worker), the warehouse row (entity feed → call_recording), and what storing
// one sets off: a live delta on the tenant's feed and the call's analysis job.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, recordingKeys, type AnalyseCallJob } from '../../../common/call-tasks/model.js';
import { ENTITY_STREAM } from '../../../common/feed.js';
import type { Logger } from '../../../common/logger.js';
import { keys as gatewayKeys } from '../../../gateway/src/domain/redis-keys.js';
import type { RecordingDelta } from '../../../gateway/src/live/domain/deltas.js';
import { entityFeedFields, type CallRecordingRow } from '../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../warehouse/src/domain/time.js';

export interface StoredRecording {
  tenantId: string;
  callId: string;
  recordingId: string;
  deviceId: string;
  storageKey: string;
  bytes: number;
  sha256: string;
  contentType: string;
  durationMs: number;
  storedAtMs: number;
  /** '' until the device uploaded a transcript. */
  transcriptKey: string;
}

export const storageKeyOf = (tenantId: string, callId: string, recordingId: string): string => `${tenantId}/${callId}/${recordingId}.audio`;
export const transcriptKeyOf = (tenantId: string, callId: string, recordingId: string): string => `${tenantId}/${callId}/${recordingId}.transcript.txt`;
export const analyseJobId = (tenantId: string, callId: string): string => `analyse-${tenantId}-${callId}`;

function toHash(r: StoredRecording): Record<string, string> {
  return {
    recording_id: r.recordingId, device_id: r.deviceId, storage_key: r.storageKey, bytes: String(r.bytes), sha256: r.sha256,
    content_type: r.contentType, duration_ms: String(r.durationMs), stored_at_ms: String(r.storedAtMs), transcript_key: r.transcriptKey,
  };
}

function fromHash(tenantId: string, callId: string, h: Record<string, string>): StoredRecording | null {
  if (!h.storage_key || !h.recording_id) return null;
  return {
    tenantId, callId, recordingId: h.recording_id, deviceId: h.device_id ?? '', storageKey: h.storage_key, bytes: Number(h.bytes ?? 0),
    sha256: h.sha256 ?? '', contentType: h.content_type ?? 'application/octet-stream', durationMs: Number(h.duration_ms ?? 0),
    storedAtMs: Number(h.stored_at_ms ?? 0), transcriptKey: h.transcript_key ?? '',
  };
}

export function warehouseRowOf(r: StoredRecording): CallRecordingRow {
  return {
    tenant_id: r.tenantId, call_id: r.callId, recording_id: r.recordingId, device_id: r.deviceId, storage_key: r.storageKey,
    bytes: r.bytes, sha256: r.sha256, content_type: r.contentType, duration_ms: r.durationMs,
    has_transcript: r.transcriptKey ? 1 : 0, stored_at: toDateTime64(r.storedAtMs), version: r.storedAtMs,
  };
}

/**
 * The calls among `callIds` whose recording file is stored — not merely announced by the device,
 * nor with only its transcript uploaded — in one pipelined round trip.
 */
export async function storedRecordingCalls(redis: Redis, tenantId: string, callIds: readonly string[]): Promise<Set<string>> {
  if (callIds.length === 0) return new Set();
  const pipeline = redis.pipeline();
  for (const callId of callIds) pipeline.hexists(recordingKeys.stored(tenantId, callId), 'storage_key');
  const results = (await pipeline.exec()) ?? [];
  return new Set(callIds.filter((_, i) => results[i]?.[1] === 1));
}

export class RecordingStore {
  private readonly queueConnection: Redis;
  readonly analysisQueue: Queue<AnalyseCallJob>;

  constructor(private readonly redis: Redis, redisUrl: string, private readonly writer: string, private readonly log: Logger) {
    // BullMQ blocks and subscribes on its connections: it gets its own, never the API's.
    this.queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.analysisQueue = new Queue<AnalyseCallJob>(QUEUES.callAnalysis, { connection: this.queueConnection });
  }

  async get(tenantId: string, callId: string): Promise<StoredRecording | null> {
    return fromHash(tenantId, callId, await this.redis.hgetall(recordingKeys.stored(tenantId, callId)));
  }

  /** A transcript may arrive before its recording: only its key is noted until then. */
  async noteTranscript(tenantId: string, callId: string, recordingId: string, transcriptKey: string): Promise<void> {
    const key = recordingKeys.stored(tenantId, callId);
    await this.redis.multi().hset(key, 'transcript_key', transcriptKey, 'transcript_recording_id', recordingId).exec();
    const stored = await this.get(tenantId, callId);
    // Recording already stored: a new row version says it now has a transcript.
    if (stored && stored.recordingId === recordingId) await this.appendRow(stored);
  }

  /**
   * Records a stored recording: hash + warehouse row in one MULTI (both or neither), then the
   * live delta and the analysis job, best effort (the recording is stored whatever they do).
   */
  async recordStored(r: Omit<StoredRecording, 'transcriptKey'>): Promise<StoredRecording> {
    const key = recordingKeys.stored(r.tenantId, r.callId);
    const [transcriptKey, transcriptFor] = await this.redis.hmget(key, 'transcript_key', 'transcript_recording_id');
    const full: StoredRecording = { ...r, transcriptKey: transcriptKey && transcriptFor === r.recordingId ? transcriptKey : '' };
    await this.redis.multi()
      .hset(key, toHash(full))
      .xadd(ENTITY_STREAM, '*', ...entityFeedFields('callRecording', warehouseRowOf(full), r.storedAtMs, this.writer))
      .exec();
    await Promise.all([this.publishLive(full), this.enqueueAnalysis(full)]);
    return full;
  }

  private async appendRow(r: StoredRecording): Promise<void> {
    await this.redis.xadd(ENTITY_STREAM, '*', ...entityFeedFields('callRecording', warehouseRowOf({ ...r, storedAtMs: Math.max(Date.now(), r.storedAtMs + 1) }), Date.now(), this.writer));
  }

  private async publishLive(r: StoredRecording): Promise<void> {
    const delta: RecordingDelta = {
      t: 'recording', callId: r.callId, recordingId: r.recordingId, deviceId: r.deviceId, bytes: r.bytes,
      durationMs: r.durationMs, hasTranscript: r.transcriptKey !== '', storedAtMs: r.storedAtMs,
    };
    try {
      await this.redis.xadd(gatewayKeys.liveFeed(r.tenantId), 'MAXLEN', '~', 2000, '*', 'd', JSON.stringify([delta]), 'g', this.writer);
    } catch (err) {
      this.log.warn({ err, callId: r.callId }, 'recording live delta not appended; dashboards see it at their next snapshot');
    }
  }

  private async enqueueAnalysis(r: StoredRecording): Promise<void> {
    try {
      await this.analysisQueue.add('analyse', { tenantId: r.tenantId, callId: r.callId, recordingId: r.recordingId }, {
        jobId: analyseJobId(r.tenantId, r.callId), attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 10000, removeOnFail: 10000,
      });
    } catch (err) {
      this.log.error({ err, callId: r.callId }, 'analysis job not enqueued');
    }
  }

  async close(): Promise<void> {
    await this.analysisQueue.close();
    this.queueConnection.disconnect();
  }
}
