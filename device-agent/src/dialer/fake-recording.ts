// Deterministic stand-in for a call recording: the bytes are a pure function of the recording
// id and size, so the sha256 the device reports can be checked later (e.g. by an upload
// simulator) without storing any audio.
import { createHash } from 'node:crypto';
import { createRng, deriveSeed } from '../domain/rng.js';

const CHUNK = 64 * 1024;

function* chunks(recordingId: string, sizeBytes: number): Generator<Buffer> {
  const rng = createRng(deriveSeed(0x5eed, recordingId));
  for (let offset = 0; offset < sizeBytes; offset += CHUNK) {
    const n = Math.min(CHUNK, sizeBytes - offset);
    const buf = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i += 4) {
      const word = (rng.next() * 4294967296) >>> 0;
      for (let b = 0; b < 4 && i + b < n; b++) buf[i + b] = (word >>> (b * 8)) & 0xff;
    }
    yield buf;
  }
}

export function fakeRecordingBytes(recordingId: string, sizeBytes: number): Buffer {
  return Buffer.concat([...chunks(recordingId, sizeBytes)]);
}

export function fakeRecordingSha256(recordingId: string, sizeBytes: number): string {
  const hash = createHash('sha256');
  for (const chunk of chunks(recordingId, sizeBytes)) hash.update(chunk);
  return hash.digest('hex');
}

/** mp3, mono, ~16 kbit/s: what call-center recorders commonly store. */
export const RECORDING_CONTENT_TYPE = 'audio/mpeg';
export const RECORDING_BYTES_PER_S = 2000;
/** ID3 tag and first frame header. */
export const RECORDING_HEADER_BYTES = 417;
