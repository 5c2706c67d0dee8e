import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadDeviceRegistry, parseDeviceRegistry, RegistryError } from '../edges/registry.js';
import { anonymousDevices, selectDevice, selectDevices } from './select-devices.js';

const reg = [
  { tenantId: 'a', deviceId: 'd1', username: 'a.d1', password: 'p1' },
  { tenantId: 'b', deviceId: 'd2', username: 'b.d2', password: 'p2' },
  { tenantId: 'a', deviceId: 'd3', username: 'a.d3', password: 'p3' },
];

describe('device registry and selection', () => {
  it('validates entries and reports every bad one', () => {
    assert.equal(parseDeviceRegistry(reg).length, 3);
    assert.throws(() => parseDeviceRegistry([{ tenantId: 'a' }, { tenantId: 'x/y', deviceId: 'd', username: 'u', password: 'p' }]), (e: unknown) => e instanceof RegistryError && e.problems.length === 2);
    assert.throws(() => parseDeviceRegistry({}), RegistryError);
  });
  it('loads from a path; a missing file is a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cunke-reg-'));
    try {
      await writeFile(join(dir, 'devices.json'), JSON.stringify(reg));
      assert.equal((await loadDeviceRegistry(join(dir, 'devices.json'))).length, 3);
      await assert.rejects(loadDeviceRegistry(join(dir, 'nope.json')), /file not found/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('selects the first N devices of a tenant, or says how many there are', () => {
    const ok = selectDevices(reg, 'a', 2);
    assert.ok(ok.ok && ok.devices.map((d) => d.deviceId).join() === 'd1,d3');
    const short = selectDevices(reg, 'a', 3);
    assert.ok(!short.ok && /2 device/.test(short.problem));
    assert.ok(selectDevice(reg, 'b', 'd2').ok);
    assert.ok(!selectDevice(reg, 'a', 'd2').ok);
  });
  it('anonymous devices are sim-0001… with tenant.device usernames', () => {
    assert.deepEqual(anonymousDevices('demo', 2).map((d) => d.username), ['demo.sim-0001', 'demo.sim-0002']);
    assert.deepEqual(anonymousDevices('demo', 1, 'x').map((d) => d.deviceId), ['x']);
  });
});
