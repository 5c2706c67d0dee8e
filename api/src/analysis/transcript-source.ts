// Where the analysis worker gets a call's transcript: a tiny interface of its own, and the
// adapter over the recordings engineer's storage (api/src/recordings), where a device's
// transcript is an object whose key the call's recording hash names (`transcript_key`).
import type { Readable } from 'node:stream';
import type { Redis } from 'ioredis';
import { recordingKeys } from '../../../common/call-tasks/model.js';
import type { RecordingStorage } from '../recordings/storage.js';

export interface TranscriptSource {
  /** The call's transcript; null when none was stored (yet). */
  get(tenantId: string, callId: string, recordingId: string): Promise<string | null>;
}

/** Transcripts are small text files; a bigger object is not a transcript and is cut here. */
const MAX_TRANSCRIPT_BYTES = 1 << 20;

async function readText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    bytes += b.length;
    if (bytes > MAX_TRANSCRIPT_BYTES) {
      stream.destroy();
      break;
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks).subarray(0, MAX_TRANSCRIPT_BYTES).toString('utf8');
}

export class StorageTranscriptSource implements TranscriptSource {
  constructor(private readonly redis: Redis, private readonly storage: RecordingStorage) {}

  async get(tenantId: string, callId: string, recordingId: string): Promise<string | null> {
    const [key, forRecording] = await this.redis.hmget(recordingKeys.stored(tenantId, callId), 'transcript_key', 'transcript_recording_id');
    // A transcript of another recording of the call (a re-recorded call) is not this one's.
    if (!key || (forRecording && forRecording !== recordingId)) return null;
    const stream = await this.storage.get(key);
    return stream ? readText(stream) : null;
  }
}
