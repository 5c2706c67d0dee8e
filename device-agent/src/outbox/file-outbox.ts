// File-backed outbox: append-only segment files of CRC-framed records (frame-codec.ts) plus an
// ack cursor (cursor-file.ts). Layout of `dir`:
//
//   seg-0000000000000001.log   records with seq >= 1 (name = first seq it was created for)
//   seg-0000000000052213.log   the active segment: appends go here
//   ack                        acknowledged-through cursor
//
// Durability: with `fsync` (default) an append resolves only after its bytes are fdatasync'ed.
// Group commit: at most one write+fdatasync is in flight; appends arriving meanwhile wait and go
// out together in the next one, so 1,000 appends/s cost a few hundred fsyncs/s, not 1,000 in
// sequence, and throughput grows with load. Without `fsync` an append resolves once written to
// the OS (survives a process crash, not a power loss).
//
// Recovery (open): every segment is scanned; the first incomplete or corrupt record and everything
// after it in that segment is cut off (only a torn tail can be incomplete, and a torn record was
// never acknowledged to its producer, so it was never published). Unacknowledged records are
// loaded in order; seq continues after the highest seq seen, so it never repeats.
// Segments whose records are all acknowledged are deleted once the cursor covering them is durable.
import { mkdir, open, readdir, readFile, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../../common/logger.js';
import { readCursor, syncDir, writeCursor } from './cursor-file.js';
import { EntryQueue } from './entry-queue.js';
import { encodeFrame, scanFrames } from './frame-codec.js';
import { OutboxClosedError, type Outbox, type OutboxEntry } from './outbox.js';

export interface FileOutboxOptions {
  dir: string;
  /** fdatasync before an append resolves (default true). */
  fsync?: boolean;
  /** Roll to a new segment past this size (default 8 MiB). */
  segmentMaxBytes?: number;
  /** How long acknowledgements are coalesced before the cursor is written (default 500 ms). */
  ackPersistIntervalMs?: number;
  logger?: Logger;
}

interface Segment {
  firstSeq: number;
  /** firstSeq - 1 while empty. */
  lastSeq: number;
  path: string;
}

interface PendingAppend {
  seq: number;
  payload: Uint8Array;
  frame: Buffer;
  resolve: (seq: number) => void;
  reject: (err: Error) => void;
}

const SEGMENT_RE = /^seg-(\d{16})\.log$/;
const segmentName = (firstSeq: number): string => `seg-${String(firstSeq).padStart(16, '0')}.log`;

export async function openFileOutbox(options: FileOutboxOptions): Promise<FileOutbox> {
  await mkdir(options.dir, { recursive: true });
  const outbox = new FileOutbox(options);
  await outbox.recover();
  return outbox;
}

export class FileOutbox implements Outbox {
  recoveredThroughSeq = 0;
  private readonly dir: string;
  private readonly fsync: boolean;
  private readonly segmentMaxBytes: number;
  private readonly ackPersistIntervalMs: number;
  private readonly log: Logger | undefined;

  private readonly queue = new EntryQueue();
  private segments: Segment[] = [];
  private handle: FileHandle | null = null;
  private activeBytes = 0;

  private seq = 0;
  private ackedThrough = 0;
  private persistedAck = 0;
  private pending: PendingAppend[] = [];
  private writingCount = 0;
  private flushScheduled = false;
  private flushing: Promise<void> | null = null;
  private ackTimer: NodeJS.Timeout | null = null;
  private persisting: Promise<void> = Promise.resolve();
  private closed = false;
  private abandoned = false;
  private closing: Promise<void> | null = null;

  /** Number of write+fdatasync rounds, for group-commit measurements. */
  syncRounds = 0;

  constructor(options: FileOutboxOptions) {
    this.dir = options.dir;
    this.fsync = options.fsync ?? true;
    this.segmentMaxBytes = options.segmentMaxBytes ?? 8 * 1024 * 1024;
    this.ackPersistIntervalMs = options.ackPersistIntervalMs ?? 500;
    this.log = options.logger;
  }

  /** Called once by openFileOutbox. */
  async recover(): Promise<void> {
    const cursor = await readCursor(this.dir);
    if (cursor.problem) this.log?.warn({ dir: this.dir, problem: cursor.problem }, 'outbox cursor unreadable; replaying all records on disk');
    this.ackedThrough = this.persistedAck = cursor.ackedThrough;
    let lastSeq = cursor.ackedThrough;
    let lastFrameSeq = 0;
    const names = (await readdir(this.dir)).filter((n) => SEGMENT_RE.test(n)).sort();
    for (const name of names) {
      const firstSeq = Number(SEGMENT_RE.exec(name)?.[1]);
      const path = join(this.dir, name);
      const buf = await readFile(path);
      const scan = scanFrames(buf, lastFrameSeq);
      if (scan.problem) {
        this.log?.warn({ segment: name, offset: scan.validBytes, droppedBytes: buf.length - scan.validBytes, problem: scan.problem }, 'outbox segment cut at first bad record');
        await truncate(path, scan.validBytes);
      }
      const last = scan.frames[scan.frames.length - 1];
      const segment: Segment = { firstSeq, lastSeq: last ? last.seq : firstSeq - 1, path };
      for (const frame of scan.frames) {
        if (frame.seq > cursor.ackedThrough) this.queue.push({ seq: frame.seq, payload: Buffer.from(frame.payload) });
      }
      if (last) lastFrameSeq = last.seq;
      // An empty segment's name still bounds the seqs that may have been handed out.
      lastSeq = Math.max(lastSeq, segment.lastSeq, firstSeq - 1);
      this.segments.push(segment);
      this.activeBytes = scan.validBytes;
    }
    this.seq = lastSeq;
    this.recoveredThroughSeq = lastSeq;
    const active = this.segments[this.segments.length - 1];
    if (active) {
      this.handle = await open(active.path, 'a');
    } else {
      await this.createSegment(lastSeq + 1);
    }
    await this.deleteAckedSegments();
    this.log?.info({ dir: this.dir, unacked: this.queue.length, lastSeq, ackedThrough: this.ackedThrough, segments: this.segments.length }, 'outbox recovered');
  }

  append(encode: (seq: number) => Uint8Array): Promise<number> {
    if (this.closed) return Promise.reject(new OutboxClosedError());
    const seq = ++this.seq;
    const payload = encode(seq);
    const frame = encodeFrame(seq, payload);
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ seq, payload, frame, resolve, reject });
      this.scheduleFlush();
    });
  }

  read(fromSeq: number, max: number): OutboxEntry[] {
    return this.queue.read(fromSeq, max);
  }

  ackThrough(seq: number): void {
    if (seq <= this.ackedThrough || this.abandoned) return;
    this.ackedThrough = seq;
    this.queue.dropThrough(seq);
    if (!this.ackTimer && !this.closed) {
      this.ackTimer = setTimeout(() => {
        this.ackTimer = null;
        void this.persistAck();
      }, this.ackPersistIntervalMs);
      this.ackTimer.unref();
    }
  }

  size(): number {
    return this.queue.length + this.pending.length + this.writingCount;
  }

  lastSeq(): number {
    return this.seq;
  }

  close(): Promise<void> {
    if (!this.closing) this.closing = this.doClose();
    return this.closing;
  }

  /**
   * Simulates a crash: appends not yet written are lost (their promises reject), the cursor is
   * not updated, nothing more touches the disk. The files stay as a killed process leaves them.
   */
  async abandon(): Promise<void> {
    this.closed = true;
    this.abandoned = true;
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    const lost = this.pending;
    this.pending = [];
    for (const p of lost) p.reject(new OutboxClosedError());
    await this.flushing?.catch(() => undefined);
    await this.persisting.catch(() => undefined);
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    this.queue.clear();
  }

  private async doClose(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.pending.length > 0 || this.flushScheduled) {
      if (!this.flushing && !this.flushScheduled) this.scheduleFlush();
      await (this.flushing ?? new Promise((r) => setImmediate(r)));
    }
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    await this.persistAck();
    await this.handle?.close();
    this.handle = null;
  }

  private scheduleFlush(): void {
    if (this.flushing || this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate: everything appended in this turn of the event loop joins the first batch.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushing = (async () => {
        try {
          await this.flushLoop();
        } finally {
          this.flushing = null;
          // Appends made by the continuations of the last batch ran while this flush still
          // counted as active and did not schedule one: pick them up now.
          if (this.pending.length > 0 && !this.abandoned) this.scheduleFlush();
        }
      })();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0 && !this.abandoned) {
      const batch = this.pending;
      this.pending = [];
      this.writingCount = batch.length;
      try {
        await this.writeBatch(batch);
        if (this.abandoned) throw new OutboxClosedError();
        for (const p of batch) {
          this.queue.push({ seq: p.seq, payload: p.payload });
          p.resolve(p.seq);
        }
      } catch (err) {
        if (!this.abandoned) this.log?.error({ err, dir: this.dir, lost: batch.length }, 'outbox write failed');
        for (const p of batch) p.reject(err as Error);
      } finally {
        this.writingCount = 0;
      }
    }
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    const first = batch[0];
    if (!first) return;
    const frames = batch.map((p) => p.frame);
    const bytes = frames.reduce((n, f) => n + f.length, 0);
    if (this.activeBytes > 0 && this.activeBytes + bytes > this.segmentMaxBytes) await this.roll(first.seq);
    const handle = this.handle;
    if (!handle) throw new OutboxClosedError();
    try {
      const { bytesWritten } = await handle.writev(frames);
      if (bytesWritten !== bytes) throw new Error(`short write: ${bytesWritten} of ${bytes} bytes`);
      if (this.fsync) await handle.datasync();
      this.syncRounds++;
    } catch (err) {
      // Cut whatever part of the batch reached the file so the next batch starts on a frame boundary.
      if (!this.abandoned) await handle.truncate(this.activeBytes).catch(() => undefined);
      throw err;
    }
    this.activeBytes += bytes;
    const active = this.segments[this.segments.length - 1];
    const last = batch[batch.length - 1];
    if (active && last) active.lastSeq = last.seq;
  }

  private async roll(firstSeq: number): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    await this.createSegment(firstSeq);
  }

  private async createSegment(firstSeq: number): Promise<void> {
    const path = join(this.dir, segmentName(firstSeq));
    this.handle = await open(path, 'a');
    this.activeBytes = 0;
    this.segments.push({ firstSeq, lastSeq: firstSeq - 1, path });
    // The new file's directory entry must be durable before records in it are reported durable.
    if (this.fsync) await syncDir(this.dir);
  }

  private persistAck(): Promise<void> {
    // Serialised: a cursor write never overtakes an earlier one.
    this.persisting = this.persisting.then(async () => {
      if (this.abandoned || this.ackedThrough === this.persistedAck) return;
      const value = this.ackedThrough;
      await writeCursor(this.dir, value);
      this.persistedAck = value;
      await this.deleteAckedSegments();
    }).catch((err: unknown) => {
      this.log?.error({ err, dir: this.dir }, 'outbox cursor write failed');
    });
    return this.persisting;
  }

  /** Deletes non-active segments fully covered by the durable cursor. */
  private async deleteAckedSegments(): Promise<void> {
    const done = this.segments.slice(0, -1).filter((s) => s.lastSeq <= this.persistedAck);
    if (done.length === 0) return;
    // The cursor's rename must be durable before the records it covers disappear.
    await syncDir(this.dir);
    for (const segment of done) {
      await unlink(segment.path).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
    this.segments = this.segments.filter((s) => !done.includes(s));
    this.log?.debug({ dir: this.dir, deleted: done.length }, 'outbox segments deleted');
  }
}
