import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickLang } from '../src/i18n/messages.js';
import { fieldErrors } from '../src/plugins/envelope.js';
import { loggableUrl } from '../src/plugins/observability.js';
import { bearerCredential } from '../src/plugins/auth.js';
import { presentDevice } from '../src/modules/devices/present.js';
import { toPage } from '../src/http/schemas.js';
import { mapEntityRow } from '../../warehouse/src/domain/entity-rows.js';
import { LineState } from '../../proto/src/index.js';

test('language: zh-CN unless English is preferred', () => {
  assert.equal(pickLang(undefined), 'zh');
  assert.equal(pickLang('en-US,en;q=0.9'), 'en');
  assert.equal(pickLang('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
  assert.equal(pickLang('fr, en;q=0.5'), 'en');
  assert.equal(pickLang('en;q=0.3, zh;q=0.7'), 'zh');
  assert.equal(pickLang('de'), 'zh');
});

test('ajv errors become one named field each', () => {
  const f = fieldErrors([
    { instancePath: '/size', keyword: 'maximum', message: 'must be <= 200' },
    { instancePath: '', keyword: 'required', params: { missingProperty: 'name' }, message: "must have required property 'name'" },
    { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'admin' } },
    { instancePath: '/phoneNumbers/2', keyword: 'pattern' },
  ], 'querystring');
  assert.deepEqual(f.map((x) => x.field), ['query.size', 'query.name', 'query.admin', 'query.phoneNumbers.2']);
});

test('logged URLs carry no personal or secret query values', () => {
  assert.equal(loggableUrl('/x?phoneNumber=13800138000&size=10'), '/x?phoneNumber=%5Bredacted%5D&size=10');
  assert.equal(loggableUrl('/x?EMAIL=a@b.c&token=ck1.abc'), '/x?EMAIL=%5Bredacted%5D&token=%5Bredacted%5D');
  assert.equal(loggableUrl('/x'), '/x');
});

test('bearer credentials: present, absent, malformed', () => {
  assert.equal(bearerCredential('Bearer abc'), 'abc');
  assert.equal(bearerCredential('bearer   abc '), 'abc');
  assert.equal(bearerCredential(undefined), undefined);
  assert.equal(bearerCredential('Basic dXNlcg=='), '');
});

test('pages: pages = ceil(total / size)', () => {
  assert.deepEqual(toPage([], 0, { page: 1, size: 10 }), { records: [], total: 0, size: 10, current: 1, pages: 0 });
  assert.equal(toPage([], 21, { page: 3, size: 10 }).pages, 3);
});

test('device live state: names for enums, no heartbeat fields before the first heartbeat', () => {
  const d = presentDevice('d1', { presence: 'ONLINE', line_state: String(LineState.LINE_STATE_IN_CALL), active_call_id: 'c1' });
  assert.equal(d.lineState, 'IN_CALL');
  assert.equal(d.activeCallId, 'c1');
  assert.equal(d.batteryPct, null);
  assert.equal(presentDevice('d2', {}).presence, 'UNKNOWN');
});

test('entity rows: only known tables, JSON objects naming a tenant', () => {
  const entry = (table: string, body: string) => ({ id: '1-0', kind: 'r' as const, bytes: Buffer.from(body), receivedAtMs: Date.now(), gatewayId: 'x', table });
  assert.equal(mapEntityRow(entry('auditLog', '{"tenant_id":"a"}')).type, 'row');
  assert.equal(mapEntityRow(entry('odsDeviceEvent', '{"tenant_id":"a"}')).type, 'dead');
  assert.equal(mapEntityRow(entry('auditLog', '{"tenant_id":""}')).type, 'dead');
  assert.equal(mapEntityRow(entry('auditLog', '[1]')).type, 'dead');
  assert.equal(mapEntityRow(entry('auditLog', 'nope')).type, 'dead');
});
