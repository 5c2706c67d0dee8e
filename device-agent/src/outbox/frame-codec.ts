// On-disk framing of outbox segments. Each record:
//
//   offset 0  u32 LE  payload length
//   offset 4  u32 LE  CRC-32 of bytes 8.. (seq + payload)
//   offset 8  u64 LE  seq
//   offset 16 ...     payload (an encoded DeviceEnvelope)
//
// A crash can leave a partially written last record (a "torn tail"); the CRC and the length
// tell a complete record from a torn one, so recovery keeps every complete record and cuts the
// file at the first bad byte.
import { crc32 } from '../domain/crc32.js';

export const FRAME_HEADER_BYTES = 16;
/** Far above any envelope; a larger length field means the header itself is garbage. */
export const MAX_FRAME_PAYLOAD_BYTES = 1 << 20;

export function encodeFrame(seq: number, payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeBigUInt64LE(BigInt(seq), 8);
  frame.set(payload, FRAME_HEADER_BYTES);
  frame.writeUInt32LE(crc32(frame.subarray(8)), 4);
  return frame;
}

export interface DecodedFrame {
  seq: number;
  payload: Buffer;
  /** Offset just past this frame. */
  end: number;
}

export type ScanResult = {
  frames: DecodedFrame[];
  /** Bytes of the buffer that hold complete, valid frames. */
  validBytes: number;
  /** Why scanning stopped before the end of the buffer, if it did. */
  problem: string | null;
};

/**
 * Reads consecutive frames from `buf` until the end or the first invalid one. `afterSeq`: seqs
 * must be strictly increasing and above it (a frame that violates that is corruption).
 */
export function scanFrames(buf: Buffer, afterSeq = 0): ScanResult {
  const frames: DecodedFrame[] = [];
  let offset = 0;
  let lastSeq = afterSeq;
  while (offset < buf.length) {
    if (buf.length - offset < FRAME_HEADER_BYTES) return { frames, validBytes: offset, problem: 'truncated header' };
    const length = buf.readUInt32LE(offset);
    if (length > MAX_FRAME_PAYLOAD_BYTES) return { frames, validBytes: offset, problem: `implausible length ${length}` };
    const end = offset + FRAME_HEADER_BYTES + length;
    if (end > buf.length) return { frames, validBytes: offset, problem: 'truncated payload' };
    const crc = buf.readUInt32LE(offset + 4);
    if (crc32(buf.subarray(offset + 8, end)) !== crc) return { frames, validBytes: offset, problem: 'crc mismatch' };
    const seq = Number(buf.readBigUInt64LE(offset + 8));
    if (seq <= lastSeq) return { frames, validBytes: offset, problem: `seq ${seq} not after ${lastSeq}` };
    frames.push({ seq, payload: buf.subarray(offset + FRAME_HEADER_BYTES, end), end });
    lastSeq = seq;
    offset = end;
  }
  return { frames, validBytes: offset, problem: null };
}
