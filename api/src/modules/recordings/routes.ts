// Recordings (spec 004 §2.6, issue 4 deliverable 4):
//   PUT /api/v1/device-uploads/recordings/{t}/{d}/{call}/{rec}?…&sig=   device upload target,
//       authorised by the URL's signature (issued by the gateway in UploadRecording), streamed
//       to storage and checked against the signed size and SHA-256.
//   GET /api/v1/lead-generation/call-records/{recordId}/recording       §2.6: a signed, expiring URL
//   GET /api/v1/recordings/{token}                                      the file, with byte ranges
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  DOWNLOAD_PATH_PREFIX, parseRange, recordingKeysFrom, signDownloadToken, verifyDownloadToken, verifyUpload, type UrlProblem,
} from '../../../../common/recordings/signed-url.js';
import { getCallRecords } from '../../../../warehouse/src/queries/call-records.js';
import type { ApiDeps } from '../../deps.js';
import { ApiError, invalidField, notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses } from '../../http/schemas.js';
import { RecordingStore, storageKeyOf, transcriptKeyOf } from '../../recordings/recording-store.js';
import { createRecordingStorage, type RecordingStorage } from '../../recordings/storage.js';

/** Transcripts are a few KB of text; anything near this is not one. */
export const TRANSCRIPT_MAX_BYTES = 256 * 1024;
const RECORD_ID = '^[0-9]{1,20}$';
const SEGMENT = { type: 'string', minLength: 1, maxLength: 128 } as const;

interface UploadParams { tenantId: string; deviceId: string; callId: string; recordingId: string }
type UploadQuery = Record<string, string | undefined>;

const refusedUrl = (problem: UrlProblem) => new ApiError('FORBIDDEN', [], problem === 'EXPIRED' ? 'signed URL expired' : 'signed URL is malformed or forged');

/** The request body, unread: uploads are streamed, never parsed or buffered. */
const drain = (request: FastifyRequest) => new Promise<void>((resolve) => {
  if (request.raw.readableEnded) return resolve();
  request.raw.on('end', resolve).on('error', () => resolve()).on('close', () => resolve());
  request.raw.resume();
});

export interface RecordingRoutesOptions {
  deps: ApiDeps;
  /** Tests inject a storage (default: from config). */
  storage?: RecordingStorage;
}

export const recordingRoutes: FastifyPluginAsync<RecordingRoutesOptions> = async (app, { deps, storage: injected }) => {
  const urlKeys = recordingKeysFrom(deps.tokenSecret);
  const storage = injected ?? createRecordingStorage(deps.config);
  const store = new RecordingStore(deps.redis, deps.config.redisUrl, `api-recordings`, deps.log.child({ stage: 'recordings' }));
  app.addHook('onClose', async () => store.close());

  // Bodies of this plugin's routes are read as streams by the handlers (encapsulated: other
  // modules keep their JSON parser).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  app.put<{ Params: UploadParams; Querystring: UploadQuery }>('/device-uploads/recordings/:tenantId/:deviceId/:callId/:recordingId', {
    config: { public: true },
    schema: {
      tags: ['recordings'],
      summary: 'Device upload of a call recording (or, with part=transcript, its transcript); authorised by the URL signature',
      params: { type: 'object', required: ['tenantId', 'deviceId', 'callId', 'recordingId'], properties: { tenantId: SEGMENT, deviceId: SEGMENT, callId: SEGMENT, recordingId: SEGMENT } },
      querystring: { type: 'object', additionalProperties: { type: 'string' } },
      response: { 200: envelope({ type: 'object', additionalProperties: true }), 201: envelope({ type: 'object', additionalProperties: true }), ...errorResponses(409, 413, 422) },
    },
  }, async (request, reply) => {
    const v = verifyUpload(urlKeys.upload, { ...request.params, query: request.query }, Date.now());
    if (!v.ok) throw refusedUrl(v.problem);
    const g = v.value;
    const declared = request.headers['x-content-sha256'];
    const transcript = request.query.part === 'transcript';
    if (transcript) {
      const key = transcriptKeyOf(g.tenantId, g.callId, g.recordingId);
      const put = await storage.put(key, request.raw, {
        maxBytes: TRANSCRIPT_MAX_BYTES, contentType: 'text/plain; charset=utf-8',
        ...(typeof declared === 'string' ? { sha256: declared.toLowerCase() } : {}),
      });
      if (!put.ok) throw put.problem === 'TOO_LARGE' ? new ApiError('PAYLOAD_TOO_LARGE', [], `transcripts are at most ${TRANSCRIPT_MAX_BYTES} bytes`)
        : invalidField('body', 'sha256', 'the transcript does not match X-Content-SHA256');
      await store.noteTranscript(g.tenantId, g.callId, g.recordingId, key);
      return reply.ok({ callId: g.callId, recordingId: g.recordingId, part: 'transcript', bytes: put.bytes, sha256: put.sha256 });
    }

    if (typeof declared === 'string' && declared.toLowerCase() !== g.sha256) throw invalidField('header.x-content-sha256', 'sha256', 'differs from the checksum the upload URL was issued for');
    if (g.sizeBytes > deps.config.recordingMaxBytes) throw new ApiError('PAYLOAD_TOO_LARGE', [], `recordings are at most ${deps.config.recordingMaxBytes} bytes`);
    const length = Number(request.headers['content-length'] ?? Number.NaN);
    if (length > g.sizeBytes) throw new ApiError('PAYLOAD_TOO_LARGE', [], 'more bytes than the upload URL was issued for');

    const existing = await store.get(g.tenantId, g.callId);
    if (existing) {
      if (existing.recordingId !== g.recordingId || existing.sha256 !== g.sha256) {
        throw new ApiError('CONFLICT', [], 'this call already has a stored recording with another checksum');
      }
      // Idempotent: the device retried after we stored it (its ack or our answer was lost).
      await drain(request);
      return reply.ok({ callId: g.callId, recordingId: g.recordingId, bytes: existing.bytes, sha256: existing.sha256, alreadyStored: true });
    }

    const key = storageKeyOf(g.tenantId, g.callId, g.recordingId);
    const put = await storage.put(key, request.raw, { sha256: g.sha256, maxBytes: g.sizeBytes, sizeBytes: g.sizeBytes, contentType: g.contentType });
    if (!put.ok) {
      if (put.problem === 'TOO_LARGE') throw new ApiError('PAYLOAD_TOO_LARGE', [], 'more bytes than the upload URL was issued for');
      throw invalidField('body', 'sha256', `received ${put.bytes} bytes whose SHA-256 is not the one the upload URL was issued for`);
    }
    const stored = await store.recordStored({
      tenantId: g.tenantId, callId: g.callId, recordingId: g.recordingId, deviceId: g.deviceId, storageKey: key,
      bytes: put.bytes, sha256: put.sha256, contentType: g.contentType, durationMs: g.durationMs, storedAtMs: Date.now(),
    });
    request.log.info({ tenantId: g.tenantId, callId: g.callId, bytes: put.bytes }, 'recording stored');
    return reply.created({ callId: g.callId, recordingId: g.recordingId, bytes: stored.bytes, sha256: stored.sha256, alreadyStored: false });
  });

  app.get<{ Params: { recordId: string } }>('/lead-generation/call-records/:recordId/recording', {
    config: { permissions: ['lead:call:record:download'], audit: { action: 'call-record.recording-url', resourceType: 'call_record', resourceParam: 'recordId' } },
    schema: {
      tags: ['call-records'],
      summary: 'A signed, expiring URL of the call\'s recording (spec 004 §2.6)',
      params: { type: 'object', required: ['recordId'], properties: { recordId: { type: 'string', pattern: RECORD_ID } } },
      response: {
        200: envelope({ type: 'object', required: ['recordingUrl', 'expiresAt'], properties: { recordingUrl: { type: 'string' }, expiresAt: { type: 'string' } } }),
        ...errorResponses(404),
      },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    if (BigInt(request.params.recordId) > 0xffffffffffffffffn) throw invalidField('params.recordId', 'maximum', 'above the 64-bit range');
    const [row] = await getCallRecords(deps.warehouse, p.tenantId, { recordId: request.params.recordId }, { limit: 1 }, ['call_id']);
    if (!row) throw notFound('call record');
    const stored = await store.get(p.tenantId, row.call_id);
    if (!stored) throw notFound('recording');
    const expiresAtMs = Date.now() + deps.config.recordingDownloadTtlS * 1000;
    const token = signDownloadToken(urlKeys.download, { t: p.tenantId, c: stored.callId, r: stored.recordingId, u: p.userId, k: p.keyId, exp: expiresAtMs });
    request.auditDetail = `recording=${stored.recordingId}`;
    // API_PUBLIC_URL when configured; else the origin the caller reached us at (deps.publicUrl
    // is computed before listen and names port 0 when the port is chosen by the OS).
    const base = deps.config.apiPublicUrl || `${request.protocol}://${request.host}`;
    return reply.ok({ recordingUrl: `${base}${DOWNLOAD_PATH_PREFIX}/${token}`, expiresAt: new Date(expiresAtMs).toISOString() });
  });

  // A wildcard, not `:token`: Fastify caps named parameters at 100 characters (maxParamLength)
  // and a token is ~300.
  app.get<{ Params: { '*': string } }>('/recordings/*', {
    // Authorised by the token's signature; audited explicitly below (no principal on this route).
    config: { public: true },
    schema: {
      tags: ['recordings'],
      summary: 'Streams a recording (signed URL from §2.6); honours Range',
      params: { type: 'object', required: ['*'], properties: { '*': { type: 'string', minLength: 1, maxLength: 2048, description: 'the signed token' } } },
    },
  }, async (request, reply) => {
    const token = request.params['*'];
    const v = verifyDownloadToken(urlKeys.download, token, Date.now());
    const audit = (claims: { t: string; u: string; k: string; c: string }, status: number, detail: string) => deps.audit.record({
      tenant_id: claims.t, atMs: Date.now(), actor_user_id: claims.u, actor_key_id: claims.k, action: 'recording.download',
      resource_type: 'call_recording', resource_id: claims.c, outcome: status < 400 ? 'OK' : status === 403 ? 'DENIED' : 'FAILED',
      status_code: status, request_id: request.id, ip: request.ip, user_agent: request.headers['user-agent'] ?? '', detail,
    });
    if (!v.ok) {
      // An expired token still names its tenant and user truthfully (the signature held).
      if (v.problem === 'EXPIRED') {
        const claims = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { t: string; u: string; k: string; c: string };
        audit(claims, 403, 'expired');
      }
      throw refusedUrl(v.problem);
    }
    const c = v.value;
    const stored = await store.get(c.t, c.c);
    const object = stored && stored.recordingId === c.r ? await storage.stat(stored.storageKey) : null;
    if (!stored || !object) {
      audit(c, 404, 'not stored');
      throw notFound('recording');
    }
    return sendObject(request, reply, storage, stored.storageKey, stored.contentType, object.size, (status, detail) => audit(c, status, `recording=${c.r} ${detail}`));
  });
};

async function sendObject(
  request: FastifyRequest, reply: FastifyReply, storage: RecordingStorage, key: string, contentType: string, size: number,
  audit: (status: number, detail: string) => void,
): Promise<FastifyReply> {
  const range = parseRange(request.headers.range, size);
  reply.header('accept-ranges', 'bytes').header('cache-control', 'private, no-store').header('content-type', contentType);
  if (range.kind === 'unsatisfiable') {
    audit(416, `range=${request.headers.range ?? ''}`);
    return reply.code(416).header('content-range', `bytes */${size}`).send('');
  }
  const span = range.kind === 'partial' ? { start: range.start, end: range.end } : undefined;
  const body: Readable | null = await storage.get(key, span);
  if (!body) throw notFound('recording');
  audit(span ? 206 : 200, span ? `bytes=${span.start}-${span.end}` : 'full');
  if (span) {
    reply.code(206).header('content-range', `bytes ${span.start}-${span.end}/${size}`).header('content-length', String(span.end - span.start + 1));
  } else {
    reply.code(200).header('content-length', String(size));
  }
  return reply.send(body);
}

