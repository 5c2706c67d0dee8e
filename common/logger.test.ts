import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

test('phone numbers, emails, secrets and payloads in log fields are redacted', () => {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, cb) { lines.push(chunk.toString()); cb(); } });
  const log = createLogger('test', 'info', sink);
  log.info({ phoneNumber: '13800138001', call: { phone: '+8613800138001', callerId: '05925551234' }, email: 'a@b.cn', password: 'pw', token: 't0k', payload: Buffer.from('13800138001') }, 'event');
  log.child({ req: { headers: { authorization: 'Bearer abc' } } }).info('request');
  const out = lines.join('');
  for (const secret of ['13800138001', '8613800138001', '05925551234', 'a@b.cn', '"pw"', 't0k', 'Bearer abc']) {
    assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
  }
  assert.match(out, /\[redacted\]/);
});
