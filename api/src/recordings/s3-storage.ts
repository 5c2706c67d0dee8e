// RecordingStorage on an S3-compatible bucket (AWS S3, MinIO, Ceph RGW…), path-style, signed
// with AWS Signature V4 by hand: four HTTP verbs do not justify a 10 MB SDK. Integrity: a PUT
// carries the expected SHA-256 as x-amz-content-sha256, which S3 checks against the received
// bytes before the object becomes visible (XAmzContentSHA256Mismatch otherwise), so a wrong
// upload is never stored; the bytes are also hashed here on the way through.
import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { HashingLimiter, type ByteRange, type PutExpectation, type PutResult, type RecordingStorage, type StoredObject } from './storage.js';

export interface S3Options {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Clock for signatures (tests). */
  now?: () => Date;
}

export class S3Error extends Error {
  constructor(readonly status: number, readonly operation: string, readonly body: string) {
    super(`S3 ${operation} failed with ${status}: ${body.slice(0, 300)}`);
    this.name = 'S3Error';
  }
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
// RFC 3986 unreserved characters stay; everything else is %XX (S3's canonical URI rules).
const encodeSegment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SignInput {
  method: string;
  url: URL;
  headers: Record<string, string>;
  payloadSha256: string;
  now: Date;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Adds x-amz-date, x-amz-content-sha256 and Authorization (SigV4, service s3) to `headers`. */
export function signV4(i: SignInput): Record<string, string> {
  const amzDate = i.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...i.headers, host: i.url.host, 'x-amz-date': amzDate, 'x-amz-content-sha256': i.payloadSha256 };
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v.trim().replace(/\s+/g, ' ');
  const query = [...i.url.searchParams].map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).sort().join('&');
  const canonical = [i.method, i.url.pathname, query, names.map((n) => `${n}:${lower[n]}\n`).join(''), names.join(';'), i.payloadSha256].join('\n');
  const scope = `${day}/${i.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const kSigning = hmac(hmac(hmac(hmac(`AWS4${i.secretAccessKey}`, day), i.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${i.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

export class S3Storage implements RecordingStorage {
  readonly kind = 's3' as const;

  constructor(private readonly o: S3Options) {}

  private urlOf(key: string): URL {
    const base = this.o.endpoint.replace(/\/+$/, '');
    return new URL(`${base}/${encodeSegment(this.o.bucket)}/${key.split('/').map(encodeSegment).join('/')}`);
  }

  private async request(method: string, key: string, headers: Record<string, string>, payloadSha256: string, body?: Buffer | Readable): Promise<Response> {
    const url = this.urlOf(key);
    const signed = signV4({
      method, url, headers, payloadSha256, now: this.o.now?.() ?? new Date(),
      region: this.o.region, accessKeyId: this.o.accessKeyId, secretAccessKey: this.o.secretAccessKey,
    });
    delete signed.host; // fetch sets it from the URL
    const init: RequestInit & { duplex?: 'half' } = { method, headers: signed };
    if (body instanceof Readable) {
      // A web stream body needs half-duplex; Readable.toWeb's type differs from fetch's BodyInit only nominally.
      init.body = Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    } else if (body) {
      init.body = new Uint8Array(body) as Uint8Array<ArrayBuffer>;
    }
    return fetch(url, init);
  }

  async put(key: string, body: Readable, expect: PutExpectation): Promise<PutResult> {
    const meter = new HashingLimiter(expect.maxBytes);
    if (expect.sha256 === undefined || expect.sizeBytes === undefined) {
      // No checksum known in advance (transcripts, small): buffer, hash, then PUT the exact bytes.
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of body.pipe(meter)) chunks.push(chunk as Buffer);
      } catch (err) {
        if (meter.tooLarge) return { ok: false, problem: 'TOO_LARGE', bytes: meter.bytes, sha256: '' };
        throw err;
      }
      const bytes = Buffer.concat(chunks);
      const sha256 = sha256Hex(bytes);
      if (expect.sha256 !== undefined && sha256 !== expect.sha256) return { ok: false, problem: 'CHECKSUM_MISMATCH', bytes: bytes.length, sha256 };
      const res = await this.request('PUT', key, { 'content-type': expect.contentType, 'content-length': String(bytes.length) }, sha256, bytes);
      if (!res.ok) throw new S3Error(res.status, 'PutObject', await res.text());
      await res.arrayBuffer();
      return { ok: true, bytes: bytes.length, sha256 };
    }
    let res: Response;
    try {
      res = await this.request('PUT', key, { 'content-type': expect.contentType, 'content-length': String(expect.sizeBytes) }, expect.sha256, body.pipe(meter));
    } catch (err) {
      if (meter.tooLarge) return { ok: false, problem: 'TOO_LARGE', bytes: meter.bytes, sha256: '' };
      throw err;
    }
    const text = await res.text();
    if (res.ok) return { ok: true, bytes: meter.bytes, sha256: expect.sha256 };
    if (res.status === 400 && /XAmzContentSHA256Mismatch|BadDigest/.test(text)) {
      return { ok: false, problem: 'CHECKSUM_MISMATCH', bytes: meter.bytes, sha256: meter.hash.copy().digest('hex') };
    }
    throw new S3Error(res.status, 'PutObject', text);
  }

  async get(key: string, range?: ByteRange): Promise<Readable | null> {
    const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end}` } : {};
    const res = await this.request('GET', key, headers, sha256Hex(''));
    if (res.status === 404) {
      await res.arrayBuffer();
      return null;
    }
    if (!res.ok || !res.body) throw new S3Error(res.status, 'GetObject', await res.text());
    // Same nominal web-stream mismatch as above, the other way.
    return Readable.fromWeb(res.body as unknown as import('node:stream/web').ReadableStream<Uint8Array>);
  }

  async stat(key: string): Promise<StoredObject | null> {
    const res = await this.request('HEAD', key, {}, sha256Hex(''));
    if (res.status === 404) return null;
    if (!res.ok) throw new S3Error(res.status, 'HeadObject', '');
    return { size: Number(res.headers.get('content-length') ?? 0) };
  }

  async delete(key: string): Promise<void> {
    const res = await this.request('DELETE', key, {}, sha256Hex(''));
    await res.arrayBuffer();
    if (!res.ok && res.status !== 404) throw new S3Error(res.status, 'DeleteObject', '');
  }
}
