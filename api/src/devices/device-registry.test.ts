import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registryAllowsDispatch } from '../../../common/call-tasks/model.js';
import { verifyMosquittoPassword, hashMosquittoPassword } from '../../../deploy/local/broker-accounts.js';
import { newDevicePassword, nextVersion, parseRegistryHash } from './device-registry.js';

test('a half-made or missing registration is not a device', () => {
  assert.equal(parseRegistryHash('d1', {}), null);
  assert.equal(parseRegistryHash('d1', { created_at: '1700000000000' }), null);
});

test('registry hash -> device, tolerating bad labels', () => {
  const d = parseRegistryHash('d1', {
    name: 'Phone', status: 'DISABLED', labels: '{"site":"sh"}', created_at: '1700000000000', updated_at: '1700000001000',
    version: '1700000001000', credential_version: '3', password_hash: '',
  });
  assert.deepEqual(d, {
    deviceId: 'd1', name: 'Phone', status: 'DISABLED', labels: { site: 'sh' }, createdAt: '2023-11-14T22:13:20.000Z', updatedAt: '2023-11-14T22:13:21.000Z',
    version: 1700000001000, credentialVersion: 3, credentialsActive: false,
  });
  assert.deepEqual(parseRegistryHash('d1', { status: 'ENABLED', created_at: '1', labels: 'not json' })?.labels, {});
  assert.deepEqual(parseRegistryHash('d1', { status: 'ENABLED', created_at: '1', labels: '[1]' })?.labels, {});
});

test('versions strictly increase even within one millisecond or when the clock steps back', () => {
  assert.equal(nextVersion(0, 1000), 1000);
  assert.equal(nextVersion(1000, 1000), 1001);
  assert.equal(nextVersion(5000, 1000), 5001);
});

test('passwords are fresh, 192-bit, and verify against their Mosquitto hash only', () => {
  const a = newDevicePassword();
  assert.match(a, /^[A-Za-z0-9_-]{32}$/);
  assert.notEqual(a, newDevicePassword());
  const h = hashMosquittoPassword(a);
  assert.ok(!h.includes(a));
  assert.ok(verifyMosquittoPassword(a, h));
  assert.ok(!verifyMosquittoPassword(newDevicePassword(), h));
});

test('only a DISABLED registry status stops dispatch (unregistered simulator devices still dial)', () => {
  assert.equal(registryAllowsDispatch('DISABLED'), false);
  assert.equal(registryAllowsDispatch('ENABLED'), true);
  assert.equal(registryAllowsDispatch(undefined), true);
});
