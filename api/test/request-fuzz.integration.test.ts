// Property: no request, however malformed, makes the API answer 5xx. Random query strings,
// path parameters, headers and bodies (JSON and not) go through the whole stack — auth, ajv,
// handlers, Redis and chDB — with an admin key so they reach the deepest code.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { namespace } from '../../test/support/services.js';

let api: TestApi;
let adminKey: string;

before(async () => {
  api = await startTestApi({ apiRateLimitPerMinute: 1_000_000 });
  adminKey = await api.keyFor(namespace('fz'), 'admin');
});
after(async () => api?.close());

const QUERY_NAMES = ['page', 'size', 'sort', 'order', 'taskId', 'phoneNumber', 'analysisStatus', 'status', 'deviceId', 'startTime', 'endTime',
  'presence', 'lineState', 'action', 'actorUserId', 'resourceType', 'resourceId', 'outcome'];

const nasty = fc.oneof(
  fc.string(), fc.string({ unit: 'grapheme' }), fc.integer().map(String), fc.double().map(String),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', 'null', '[]', '{}', '\u0000', '%00', "'; DROP TABLE x; --", '{p:String}',
    '9'.repeat(40), '2026-13-45T99:99:99Z', '+86 139 1234 5678', 'ANSWERED', 'asc', 'startTime', '../../etc/passwd'),
);

const query = fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ maxLength: 8 })), fc.oneof(nasty, fc.array(nasty, { maxLength: 3 })), { maxKeys: 6 });

function toQueryString(q: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  const s = p.toString();
  return s ? `?${s}` : '';
}

const ROUTES: [string, (id: string) => string][] = [
  ['GET', () => '/api/v1/lead-generation/call-records'],
  ['GET', (id) => `/api/v1/lead-generation/call-records/${id}`],
  ['GET', () => '/api/v1/devices'],
  ['GET', (id) => `/api/v1/devices/${id}`],
  ['GET', () => '/api/v1/audit-logs'],
  ['GET', () => '/api/v1/users'],
  ['POST', () => '/api/v1/users'],
  ['PATCH', (id) => `/api/v1/users/${id}`],
  ['GET', () => '/api/v1/api-keys'],
  ['POST', () => '/api/v1/api-keys'],
  ['DELETE', (id) => `/api/v1/api-keys/${id}`],
  ['POST', () => '/api/v1/auth/tokens'],
  ['GET', () => '/api/v1/auth/me'],
  ['GET', () => '/api/v1/roles'],
  ['GET', () => '/api/v1/lead-generation/call-tasks'],
  ['POST', () => '/api/v1/lead-generation/call-tasks'],
  ['GET', (id) => `/api/v1/lead-generation/call-tasks/${id}`],
  ['PUT', (id) => `/api/v1/lead-generation/call-tasks/${id}/status`],
  ['PUT', (id) => `/api/v1/lead-generation/call-tasks/${id}/cancel`],
  ['POST', () => '/api/v1/lead-generation/dnc'],
  ['DELETE', () => '/api/v1/lead-generation/dnc'],
  ['GET', () => '/api/v1/lead-generation/dnc/check'],
  ['PUT', () => '/api/v1/lead-generation/compliance'],
];

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ name: nasty, role: nasty, email: nasty, status: nasty, scopes: fc.array(nasty), userId: nasty }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ name: nasty, callScript: nasty, phoneNumbers: fc.array(nasty, { maxLength: 5 }), scheduledTime: nasty, deviceIds: fc.array(nasty, { maxLength: 3 }), action: fc.constantFrom('START', 'STOP', 'X'),
    callingWindow: fc.record({ start: nasty, end: nasty, days: fc.array(fc.integer({ min: -2, max: 9 }), { maxLength: 8 }) }), maxAttemptsPerNumberPerDay: fc.integer({ min: -1, max: 60 }) }, { requiredKeys: [] })
    .map((v) => JSON.stringify(v)),
  fc.string(),
);

test('no input yields a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ROUTES), nasty, query, body,
      fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', ''),
      fc.option(fc.string({ maxLength: 140 })),
      async ([method, path], id, q, payload, contentType, idem) => {
        const headers: Record<string, string> = { authorization: `Bearer ${adminKey}` };
        if (contentType && payload !== undefined) headers['content-type'] = contentType;
        if (idem !== null) headers['idempotency-key'] = idem;
        const url = `${path(encodeURIComponent(id))}${toQueryString(q)}`;
        const res = await api.app.inject({ method: method as 'GET', url, headers, payload: method === 'GET' || method === 'DELETE' ? undefined : payload });
        assert.ok(res.statusCode < 500, `${method} ${url} -> ${res.statusCode} ${res.body.slice(0, 300)}`);
        const parsed = JSON.parse(res.body) as { code: number; message: string };
        assert.equal(parsed.code, res.statusCode);
        assert.equal(typeof parsed.message, 'string');
      },
    ),
    { numRuns: 400 },
  );
});
