// The HTTP provider adapter against a fake provider on a local port that behaves like a real
// one: it checks the bearer key, rate-limits with Retry-After, fails, stalls and garbles.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { AnalysisProviderError, HttpAnalyser, retryAfterMs } from './http-analyser.js';

type Step = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const GOOD = { sentiment: 'POSITIVE', intentionLevel: 'HIGH', intentionScore: 0.91, keywords: ['价格'], summary: '客户询问价格' };
const ok: Step = (_q, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(GOOD)); };
const status = (code: number, headers: Record<string, string> = {}): Step => (_q, res) => { res.writeHead(code, headers); res.end('{}'); };

let script: Step[] = [];
const seen: { auth: string | undefined; body: string; at: number }[] = [];
let url = '';
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => { body += c.toString(); });
  req.on('end', () => {
    seen.push({ auth: req.headers.authorization, body, at: Date.now() });
    if (req.headers.authorization !== 'Bearer k-secret') return status(401)(req, res, body);
    (script.shift() ?? ok)(req, res, body);
  });
});

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/analyse`;
});
after(() => { server.closeAllConnections(); server.close(); });

const analyser = (o: Partial<ConstructorParameters<typeof HttpAnalyser>[0]> = {}) =>
  new HttpAnalyser({ url, apiKey: 'k-secret', timeoutMs: 300, retries: 2, backoffBaseMs: 20, backoffMaxMs: 100, maxRetryAfterMs: 2000, ...o });
const input = { transcript: '客户：多少钱', language: 'zh-CN', tenantRules: { intent: { 分期: 2 } } };

async function rejection(p: Promise<unknown>): Promise<AnalysisProviderError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AnalysisProviderError, String(err));
    return err;
  }
  assert.fail('expected a rejection');
}

test('sends the transcript, language and rules with the bearer key and maps the answer', async () => {
  script = [];
  seen.length = 0;
  const r = await analyser().analyse(input);
  assert.deepEqual(JSON.parse(seen[0]!.body), { transcript: '客户：多少钱', language: 'zh-CN', rules: { intent: { 分期: 2 } } });
  assert.equal(r.intention, '高意向');
  assert.equal(r.intentionLevel, 'HIGH');
  assert.equal(r.transcription, '客户：多少钱');
});

test('429 with Retry-After waits that long, then 500 backs off, then succeeds', async () => {
  script = [status(429, { 'retry-after': '1' }), status(500)];
  seen.length = 0;
  const r = await analyser().analyse(input);
  assert.equal(r.sentiment, 'POSITIVE');
  assert.equal(seen.length, 3);
  assert.ok(seen[1]!.at - seen[0]!.at >= 950, `waited ${seen[1]!.at - seen[0]!.at} ms after 429`);
  assert.ok(seen[2]!.at - seen[1]!.at < 900);
});

test('5xx on every attempt: gives up after the retries with HTTP_5XX', async () => {
  script = [status(502), status(500), status(503), ok];
  seen.length = 0;
  const e = await rejection(analyser().analyse(input));
  assert.equal(e.kind, 'HTTP_5XX');
  assert.equal(e.attempts, 3);
  assert.equal(seen.length, 3);
  script = [];
});

test('a slow provider times out on each attempt', async () => {
  const slow: Step = (_q, res) => { setTimeout(() => ok(_q, res, ''), 1000).unref(); };
  script = [slow, slow];
  seen.length = 0;
  const t0 = Date.now();
  const e = await rejection(analyser({ retries: 1 }).analyse(input));
  assert.equal(e.kind, 'TIMEOUT');
  assert.equal(seen.length, 2);
  assert.ok(Date.now() - t0 < 1000, 'timeouts bound the wait');
  script = [];
});

test('a wrong key, malformed JSON and an invalid answer fail at once, without retries', async () => {
  seen.length = 0;
  assert.equal((await rejection(analyser({ apiKey: 'wrong' }).analyse(input))).kind, 'AUTH');
  assert.equal(seen.length, 1);
  script = [(_q, res) => { res.writeHead(200); res.end('{"sentiment": "POSI'); }];
  assert.equal((await rejection(analyser().analyse(input))).kind, 'MALFORMED');
  script = [(_q, res) => { res.writeHead(200); res.end(JSON.stringify({ ...GOOD, intentionScore: 7 })); }];
  const e = await rejection(analyser().analyse(input));
  assert.equal(e.kind, 'MALFORMED');
  assert.match(e.message, /intentionScore/);
  assert.equal(seen.length, 3);
});

test('Retry-After accepts seconds and HTTP dates', () => {
  assert.equal(retryAfterMs('3', 0), 3000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6_000);
  assert.equal(retryAfterMs('soon', 0), null);
  assert.equal(retryAfterMs(null, 0), null);
});
