// The unified response: `{code, message, data}` for successes, and for every error the same
// shape plus a machine `errorCode`, the failing fields on 422, and the request id. Fastify's
// own errors (bad JSON, body too large, schema validation, rate limit) are translated here.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_ERR, ApiError, type ApiErrorCode, type FieldError } from '../errors.js';
import { message, pickLang } from '../i18n/messages.js';

interface AjvError {
  instancePath?: string;
  keyword: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** ajv errors -> one FieldError per failing field, named `query.size`, `body.phoneNumbers/2`. */
export function fieldErrors(errors: readonly AjvError[], context: string): FieldError[] {
  const where = context === 'querystring' ? 'query' : context;
  return errors.map((e) => {
    const path = (e.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const missing = e.keyword === 'required' ? String(e.params?.missingProperty ?? '') : '';
    const extra = e.keyword === 'additionalProperties' ? String(e.params?.additionalProperty ?? '') : '';
    const field = [where, path, missing || extra].filter(Boolean).join('.');
    return { field, rule: e.keyword, message: e.message ?? e.keyword };
  });
}

function classify(err: FastifyError): ApiError {
  if (err instanceof ApiError) return err;
  const validation = (err as FastifyError & { validation?: AjvError[]; validationContext?: string }).validation;
  if (validation) return new ApiError('VALIDATION_FAILED', fieldErrors(validation, (err as { validationContext?: string }).validationContext ?? 'body'));
  const byCode: Record<string, ApiErrorCode> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  };
  const mapped = err.code ? byCode[err.code] : undefined;
  if (mapped) return new ApiError(mapped, [], err.message);
  if (err.statusCode === 429) return new ApiError('RATE_LIMITED');
  // Malformed JSON and other client errors Fastify raises carry a 4xx status.
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new ApiError('BAD_REQUEST', [], err.message);
  return new ApiError('INTERNAL');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, e: ApiError): FastifyReply {
  const body: Record<string, unknown> = {
    code: e.status,
    message: message(API_ERR[e.errorCode].message, request.lang),
    errorCode: e.errorCode,
    requestId: request.id,
    data: null,
  };
  if (e.fields.length > 0) body.errors = e.fields;
  if (e.detail && e.status < 500) body.detail = e.detail;
  return reply.code(e.status).type('application/json; charset=utf-8').send(body);
}

/** Paths of values that are numbers but not finite ('1e309' coerces to Infinity), as field names. */
export function nonFiniteFields(value: unknown, path: string, out: string[] = []): string[] {
  if (typeof value === 'number' && !Number.isFinite(value)) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => nonFiniteFields(v, `${path}.${i}`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFiniteFields(v, `${path}.${k}`, out);
  return out;
}

export function installEnvelope(app: FastifyInstance): void {
  app.decorateRequest('lang', 'zh');
  app.addHook('onRequest', async (request) => {
    request.lang = pickLang(request.headers['accept-language']);
  });
  app.decorateReply('ok', function (this: FastifyReply, data: unknown) {
    return this.code(200).send({ code: 200, message: message('ok', this.request.lang), data });
  });
  app.decorateReply('created', function (this: FastifyReply, data: unknown) {
    return this.code(201).send({ code: 201, message: message('created', this.request.lang), data });
  });
  // ajv coerces '1e309' (query) and JSON's 1e309 (body) to Infinity and then skips its
  // minimum/maximum checks, which only test finite numbers: refuse such values for every route.
  app.addHook('preHandler', async (request) => {
    const bad = [...nonFiniteFields(request.query, 'query'), ...nonFiniteFields(request.params, 'params'), ...nonFiniteFields(request.body, 'body')];
    if (bad.length > 0) throw new ApiError('VALIDATION_FAILED', bad.map((field) => ({ field, rule: 'finite', message: 'must be a finite number' })));
  });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const e = classify(err);
    if (e.status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ errorCode: e.errorCode, status: e.status }, 'request refused');
    return sendError(request, reply, e);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new ApiError('NOT_FOUND', [], `no route ${request.method} ${request.url.split('?')[0]}`)));
}
