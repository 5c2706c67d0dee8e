// The outbox's ack cursor: "every entry with seq <= N is acknowledged". 16 bytes
// (magic, u64 N, CRC-32), replaced atomically by write-to-temp + fsync + rename, so a crash leaves
// either the old or the new cursor, never a mix. A lost update only means some acknowledged
// events are published again (duplicates, which the gateway drops by event_id), never a loss.
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from '../domain/crc32.js';

const MAGIC = 0x434b4143; // "CKAC"
export const CURSOR_FILE = 'ack';

export interface CursorRead {
  ackedThrough: number;
  /** Set when a cursor file existed but could not be trusted. */
  problem: string | null;
}

export function encodeCursor(ackedThrough: number): Buffer {
  const buf = Buffer.alloc(16);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeBigUInt64LE(BigInt(ackedThrough), 4);
  buf.writeUInt32LE(crc32(buf.subarray(0, 12)), 12);
  return buf;
}

export function decodeCursor(buf: Buffer): CursorRead {
  if (buf.length !== 16 || buf.readUInt32LE(0) !== MAGIC) return { ackedThrough: 0, problem: 'bad cursor header' };
  if (crc32(buf.subarray(0, 12)) !== buf.readUInt32LE(12)) return { ackedThrough: 0, problem: 'cursor crc mismatch' };
  return { ackedThrough: Number(buf.readBigUInt64LE(4)), problem: null };
}

export async function readCursor(dir: string): Promise<CursorRead> {
  try {
    return decodeCursor(await readFile(join(dir, CURSOR_FILE)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ackedThrough: 0, problem: null };
    throw err;
  }
}

export async function writeCursor(dir: string, ackedThrough: number): Promise<void> {
  const tmp = join(dir, `${CURSOR_FILE}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(encodeCursor(ackedThrough));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, CURSOR_FILE));
}

/** fsync of a directory makes creations, renames and deletions in it durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
