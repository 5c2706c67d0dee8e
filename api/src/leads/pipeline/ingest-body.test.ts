import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { piiKeysFromHex } from '../../../../common/pii.js';
import { openIngestBody, sealIngestBody } from './ingest-body.js';

const pii = piiKeysFromHex(randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));

test('a sealed body shows no contact detail and opens to the exact original text', () => {
  const body = JSON.stringify({ submission_data: { phone: '138 0013 8000', email: 'zs@corp.cn' } });
  const sealed = sealIngestBody(pii, body);
  assert.ok(!sealed.includes('138') && !sealed.includes('corp.cn'));
  assert.equal(openIngestBody(pii, sealed), body);
});

test('entries written before sealing (clear JSON) still open; a body sealed with another key fails loudly', () => {
  assert.equal(openIngestBody(pii, '{"a":1}'), '{"a":1}');
  const other = piiKeysFromHex(randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
  assert.throws(() => openIngestBody(pii, sealIngestBody(other, '{}')));
});
