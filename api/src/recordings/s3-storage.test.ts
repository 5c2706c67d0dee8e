// S3Storage against AWS's published SigV4 example and a small in-test S3 fake that checks each
// request's signature from the bytes on the wire and the payload hash, as S3 does. No S3 server
// runs here; the fake is the outside service, not our infrastructure.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { S3Storage, signV4 } from './s3-storage.js';

const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

test('signV4 reproduces the AWS S3 documentation example (GET object with Range)', () => {
  const headers = signV4({
    method: 'GET', url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'), headers: { range: 'bytes=0-9' },
    payloadSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', now: new Date('2013-05-24T00:00:00Z'), region: 'us-east-1', ...CREDS,
  });
  assert.equal(headers.authorization,
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
});

let server: Server;
let endpoint = '';
const objects = new Map<string, Buffer>();
const refused: string[] = [];

function verify(req: IncomingMessage, body: Buffer): string | null {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!auth) return 'AuthorizationHeaderMalformed';
  const signed = auth[4]!.split(';');
  const headers: Record<string, string> = {};
  for (const h of signed) if (h !== 'host' && h !== 'x-amz-date' && h !== 'x-amz-content-sha256') headers[h] = String(req.headers[h] ?? '');
  const payload = String(req.headers['x-amz-content-sha256']);
  const amzDate = String(req.headers['x-amz-date']);
  const now = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const expected = signV4({ method: req.method!, url: new URL(req.url!, `http://${req.headers.host}`), headers, payloadSha256: payload, now, region: auth[3]!, ...CREDS });
  if (expected.authorization !== req.headers.authorization) return 'SignatureDoesNotMatch';
  if (payload !== createHash('sha256').update(body).digest('hex')) return 'XAmzContentSHA256Mismatch';
  return null;
}

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const problem = verify(req, body);
      if (problem) {
        refused.push(problem);
        res.writeHead(problem === 'SignatureDoesNotMatch' ? 403 : 400).end(`<Error><Code>${problem}</Code></Error>`);
        return;
      }
      const key = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
      const obj = objects.get(key);
      if (req.method === 'PUT') {
        objects.set(key, body);
        res.writeHead(200).end();
      } else if (!obj) {
        res.writeHead(404).end();
      } else if (req.method === 'HEAD') {
        res.writeHead(200, { 'content-length': obj.length }).end();
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else {
        const m = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
        if (m) res.writeHead(206).end(obj.subarray(Number(m[1]), Number(m[2]) + 1));
        else res.writeHead(200).end(obj);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

after(() => new Promise<void>((r) => server.close(() => r())));

test('put (streamed, checksummed), range get, stat, delete through a signature-checking fake', async () => {
  const s3 = new S3Storage({ endpoint, bucket: 'recs', region: 'eu-west-1', ...CREDS });
  const bytes = randomBytes(300_000);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const put = await s3.put('acme/call 1/rec.audio', Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), { sha256, sizeBytes: bytes.length, maxBytes: 1_000_000, contentType: 'audio/mpeg' });
  assert.deepEqual(put, { ok: true, bytes: bytes.length, sha256 });
  assert.deepEqual(await s3.stat('acme/call 1/rec.audio'), { size: bytes.length });
  const part = await s3.get('acme/call 1/rec.audio', { start: 10, end: 19 });
  assert.deepEqual(Buffer.concat(await part!.toArray()), bytes.subarray(10, 20));
  const wrong = Buffer.from(bytes);
  wrong[5] = wrong[5]! ^ 1;
  const mismatch = await s3.put('acme/c2/rec.audio', Readable.from([wrong]), { sha256, sizeBytes: wrong.length, maxBytes: 1_000_000, contentType: 'audio/mpeg' });
  assert.equal(mismatch.ok, false);
  assert.equal(mismatch.ok ? '' : mismatch.problem, 'CHECKSUM_MISMATCH');
  assert.equal(await s3.stat('acme/c2/rec.audio'), null);
  const transcript = await s3.put('acme/call 1/rec.transcript.txt', Readable.from([Buffer.from('客服：您好\n')]), { maxBytes: 1000, contentType: 'text/plain; charset=utf-8' });
  assert.ok(transcript.ok);
  await s3.delete('acme/call 1/rec.audio');
  assert.equal(await s3.get('acme/call 1/rec.audio'), null);
  assert.deepEqual(refused, ['XAmzContentSHA256Mismatch']);
});

test('requests signed with the wrong secret are refused by the fake, and surface as errors', async () => {
  const s3 = new S3Storage({ endpoint, bucket: 'recs', region: 'eu-west-1', accessKeyId: CREDS.accessKeyId, secretAccessKey: 'wrong' });
  await assert.rejects(s3.stat('acme/x'), /HeadObject failed with 403/);
});
