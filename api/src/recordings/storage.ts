// Where recording bytes live, behind one interface: local disk by default, an S3-compatible
// bucket by configuration (RECORDING_STORAGE). Writes are streamed and checksummed on the way
// in; an object only becomes visible under its key once its SHA-256 matched, so a reader never
// sees a partial or wrong file.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../../common/config.js';
import { S3Storage } from './s3-storage.js';

export interface PutExpectation {
  /** Lower-case hex SHA-256 the bytes must have; undefined = any (the hash is still computed). */
  sha256?: string;
  /** More bytes than this and the write stops. */
  maxBytes: number;
  contentType: string;
  /** The announced size, when known (S3 needs a Content-Length to stream). */
  sizeBytes?: number;
}

export type PutResult =
  | { ok: true; bytes: number; sha256: string }
  | { ok: false; problem: 'TOO_LARGE' | 'CHECKSUM_MISMATCH'; bytes: number; sha256: string };

export interface StoredObject {
  size: number;
}

export interface ByteRange {
  /** Inclusive. */
  start: number;
  end: number;
}

export interface RecordingStorage {
  readonly kind: 'local' | 's3';
  put(key: string, body: Readable, expect: PutExpectation): Promise<PutResult>;
  /** The object's bytes (or one range of them); null when there is no such object. */
  get(key: string, range?: ByteRange): Promise<Readable | null>;
  stat(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
}

export class StorageKeyError extends Error {
  constructor(readonly key: string) {
    super(`storage key escapes the store: ${JSON.stringify(key)}`);
    this.name = 'StorageKeyError';
  }
}

/** Counts and hashes bytes flowing through; errors once more than `maxBytes` passed. */
export class HashingLimiter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  tooLarge = false;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.tooLarge = true;
      cb(new Error('TOO_LARGE'));
      return;
    }
    this.hash.update(chunk);
    cb(null, chunk);
  }
}

export class LocalDiskStorage implements RecordingStorage {
  readonly kind = 'local' as const;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new StorageKeyError(key);
    return path;
  }

  async put(key: string, body: Readable, expect: PutExpectation): Promise<PutResult> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.part-${randomBytes(6).toString('hex')}`;
    const meter = new HashingLimiter(expect.maxBytes);
    try {
      await pipeline(body, meter, createWriteStream(temp, { flags: 'wx' }));
    } catch (err) {
      await rm(temp, { force: true });
      if (meter.tooLarge) return { ok: false, problem: 'TOO_LARGE', bytes: meter.bytes, sha256: '' };
      throw err;
    }
    const sha256 = meter.hash.digest('hex');
    if (expect.sha256 !== undefined && sha256 !== expect.sha256) {
      await rm(temp, { force: true });
      return { ok: false, problem: 'CHECKSUM_MISMATCH', bytes: meter.bytes, sha256 };
    }
    // Atomic on one filesystem: readers see the old object or the complete new one.
    await rename(temp, path);
    return { ok: true, bytes: meter.bytes, sha256 };
  }

  async get(key: string, range?: ByteRange): Promise<Readable | null> {
    const path = this.pathOf(key);
    if (!(await this.stat(key))) return null;
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const s = await stat(this.pathOf(key));
      return s.isFile() ? { size: s.size } : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

export class StorageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageConfigError';
  }
}

export function createRecordingStorage(config: Config): RecordingStorage {
  if (config.recordingStorage === 's3') {
    const missing = (['s3Endpoint', 's3Bucket', 's3AccessKeyId', 's3SecretAccessKey'] as const).filter((k) => !config[k]);
    if (missing.length > 0) throw new StorageConfigError(`RECORDING_STORAGE=s3 needs ${missing.join(', ')}`);
    return new S3Storage({
      endpoint: config.s3Endpoint, bucket: config.s3Bucket, region: config.s3Region,
      accessKeyId: config.s3AccessKeyId, secretAccessKey: config.s3SecretAccessKey,
    });
  }
  return new LocalDiskStorage(config.recordingDir || resolve(config.dataDir, 'recordings'));
}
