// The tenant's do-not-call list and calling-hours/attempt-cap settings, which the dialer applies
// at dispatch time (common/call-tasks/compliance.ts). DNC entries are keyed phone hashes: the
// list can be checked and changed without storing numbers in clear anywhere.
import type { FastifyPluginAsync } from 'fastify';
import { complianceProblems, readCompliance, writeCompliance, MAX_ATTEMPTS_PER_DAY } from '../../../../common/call-tasks/compliance.js';
import { taskKeys, type ComplianceSettings } from '../../../../common/call-tasks/model.js';
import { ENTITY_STREAM } from '../../../../common/feed.js';
import { hashPii, maskPhone, normalizePhone } from '../../../../common/pii.js';
import { entityFeedFields, type DncEntryRow } from '../../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../../warehouse/src/domain/time.js';
import type { ApiDeps } from '../../deps.js';
import { ApiError, type FieldError } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, type JsonSchema } from '../../http/schemas.js';

const MAX_DNC_PER_REQUEST = 10_000;

const phoneListBody: JsonSchema = {
  type: 'object', required: ['phoneNumbers'], additionalProperties: false,
  properties: {
    phoneNumbers: {
      type: 'array', minItems: 1, maxItems: MAX_DNC_PER_REQUEST, items: {},
      description: `Numbers (strings, any format), 1..${MAX_DNC_PER_REQUEST}; each is normalised to E.164 and kept as a keyed hash`,
    },
  },
};

const complianceSchema: JsonSchema = {
  type: 'object',
  required: ['callingWindow', 'maxAttemptsPerNumberPerDay'],
  additionalProperties: false,
  properties: {
    callingWindow: {
      type: 'object', required: ['start', 'end', 'days'], additionalProperties: false,
      description: 'Hours a callee may be called, in the callee\'s local time (end exclusive, no crossing midnight)',
      properties: {
        start: { type: 'string', maxLength: 5, description: 'HH:MM, e.g. 09:00' },
        end: { type: 'string', maxLength: 5, description: 'HH:MM (24:00 allowed), e.g. 21:00' },
        days: { type: 'array', maxItems: 7, items: { type: 'integer' }, description: 'ISO weekdays, 1 = Monday … 7 = Sunday' },
      },
    },
    maxAttemptsPerNumberPerDay: { type: 'integer', description: `Attempts per number per callee-local day across all tasks, 1..${MAX_ATTEMPTS_PER_DAY}` },
  },
};

/** Hashes of the valid numbers, or every bad index as body.phoneNumbers[i]. */
function hashNumbers(raw: unknown[], region: string, deps: ApiDeps): { hash: string; masked: string }[] {
  const fields: FieldError[] = [];
  const out = new Map<string, string>();
  raw.forEach((r, i) => {
    const e164 = typeof r === 'string' && r.length <= 32 ? normalizePhone(r, region) : null;
    if (!e164) fields.push({ field: `body.phoneNumbers[${i}]`, rule: 'phone', message: 'not a valid phone number' });
    else out.set(hashPii(deps.pii, e164), maskPhone(e164));
  });
  if (fields.length > 0) throw new ApiError('VALIDATION_FAILED', fields);
  return [...out].map(([hash, masked]) => ({ hash, masked }));
}

export const complianceRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const region = deps.config.phoneDefaultRegion;

  /** One MULTI per change: the hot set and the warehouse rows can never disagree. */
  const changeDnc = async (tenantId: string, userId: string, numbers: { hash: string; masked: string }[], listed: 0 | 1): Promise<number> => {
    const nowMs = Date.now();
    const m = deps.redis.multi();
    if (listed === 1) m.sadd(taskKeys.dnc(tenantId), ...numbers.map((n) => n.hash));
    else m.srem(taskKeys.dnc(tenantId), ...numbers.map((n) => n.hash));
    for (const n of numbers) {
      m.xadd(ENTITY_STREAM, '*', ...entityFeedFields('dncEntry', {
        tenant_id: tenantId, phone_hash: n.hash, phone_masked: n.masked, listed, changed_by: userId, changed_at: toDateTime64(nowMs), version: nowMs,
      } satisfies DncEntryRow, nowMs, 'api'));
    }
    const res = await m.exec();
    return Number(res?.[0]?.[1] ?? 0);
  };

  app.post<{ Body: { phoneNumbers: unknown[] } }>('/dnc', {
    config: { permissions: ['lead:call:compliance'], audit: { action: 'dnc.add', resourceType: 'dnc' } },
    schema: {
      tags: ['compliance'], summary: 'Add numbers to the tenant\'s do-not-call list',
      body: phoneListBody,
      response: { 200: envelope({ type: 'object', properties: { added: { type: 'integer', description: 'Numbers not listed before' }, listed: { type: 'integer', description: 'Size of the list now' } } }), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const numbers = hashNumbers(request.body.phoneNumbers, region, deps);
    const added = await changeDnc(p.tenantId, p.userId, numbers, 1);
    request.auditDetail = `numbers=${numbers.length} added=${added}`;
    return reply.ok({ added, listed: await deps.redis.scard(taskKeys.dnc(p.tenantId)) });
  });

  app.delete<{ Body: { phoneNumbers: unknown[] } }>('/dnc', {
    config: { permissions: ['lead:call:compliance'], audit: { action: 'dnc.remove', resourceType: 'dnc' } },
    schema: {
      tags: ['compliance'], summary: 'Remove numbers from the tenant\'s do-not-call list',
      body: phoneListBody,
      response: { 200: envelope({ type: 'object', properties: { removed: { type: 'integer' }, listed: { type: 'integer' } } }), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const numbers = hashNumbers(request.body.phoneNumbers, region, deps);
    const removed = await changeDnc(p.tenantId, p.userId, numbers, 0);
    request.auditDetail = `numbers=${numbers.length} removed=${removed}`;
    return reply.ok({ removed, listed: await deps.redis.scard(taskKeys.dnc(p.tenantId)) });
  });

  app.get<{ Querystring: { phoneNumber: string } }>('/dnc/check', {
    config: { permissions: ['lead:call:compliance'], audit: { action: 'dnc.check', resourceType: 'dnc' } },
    schema: {
      tags: ['compliance'], summary: 'Is this number on the do-not-call list?',
      querystring: { type: 'object', required: ['phoneNumber'], properties: { phoneNumber: { type: 'string', minLength: 3, maxLength: 32 } } },
      response: { 200: envelope({ type: 'object', properties: { listed: { type: 'boolean' } } }), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const e164 = normalizePhone(request.query.phoneNumber, region);
    if (!e164) throw new ApiError('VALIDATION_FAILED', [{ field: 'query.phoneNumber', rule: 'phone', message: 'not a valid phone number' }]);
    const listed = (await deps.redis.sismember(taskKeys.dnc(p.tenantId), hashPii(deps.pii, e164))) === 1;
    return reply.ok({ listed });
  });

  app.get('/compliance', {
    config: { permissions: ['lead:call:compliance'], audit: { action: 'compliance.view', resourceType: 'compliance' } },
    schema: { tags: ['compliance'], summary: 'The tenant\'s calling hours and attempt cap (defaults when never set)', response: { 200: envelope(complianceSchema), ...errorResponses() } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    return reply.ok(await readCompliance(deps.redis, p.tenantId));
  });

  app.put<{ Body: ComplianceSettings }>('/compliance', {
    config: { permissions: ['lead:call:compliance'], audit: { action: 'compliance.update', resourceType: 'compliance' } },
    schema: { tags: ['compliance'], summary: 'Replace the tenant\'s calling hours and attempt cap', body: complianceSchema, response: { 200: envelope(complianceSchema), ...errorResponses(422) } },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const problems = complianceProblems(request.body);
    if (problems.length > 0) throw new ApiError('VALIDATION_FAILED', problems.map((x) => ({ field: `body.${x.path}`, rule: x.rule, message: x.message })));
    const settings: ComplianceSettings = {
      callingWindow: { ...request.body.callingWindow, days: [...request.body.callingWindow.days].sort((a, b) => a - b) },
      maxAttemptsPerNumberPerDay: request.body.maxAttemptsPerNumberPerDay,
    };
    await writeCompliance(deps.redis, p.tenantId, settings);
    request.auditDetail = `window=${settings.callingWindow.start}-${settings.callingWindow.end} days=${settings.callingWindow.days.join(',')} cap=${settings.maxAttemptsPerNumberPerDay}`;
    return reply.ok(settings);
  });
};
