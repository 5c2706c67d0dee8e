import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCli, simTaskIds, type Defaults } from './parse-args.js';

const defaults: Defaults = { devices: 20, tenant: 'demo', callsPerMinute: 6, heartbeatS: 30, registryPath: '/d/devices.json' };

describe('parseCli', () => {
  it('simulate with defaults from config', () => {
    const r = parseCli(['simulate'], defaults);
    assert.ok(r.ok && r.command.kind === 'simulate');
    assert.equal(r.command.devices, 20);
    assert.equal(r.command.tenant, 'demo');
    assert.equal(r.command.callsPerMinute, 6);
    assert.equal(r.command.timeScale, 1);
    assert.equal(r.command.fsync, true);
  });
  it('simulate with every option', () => {
    const r = parseCli(['simulate', '--devices', '5', '--tenant', 't2', '--calls-per-minute', '30', '--time-scale', '0.01', '--duration', '60', '--seed', '7', '--anonymous', '--no-fsync'], defaults);
    assert.ok(r.ok && r.command.kind === 'simulate');
    assert.deepEqual([r.command.devices, r.command.tenant, r.command.callsPerMinute, r.command.timeScale, r.command.durationS, r.command.seed, r.command.anonymous, r.command.fsync], [5, 't2', 30, 0.01, 60, 7, true, false]);
  });
  it('--tasks names the task ids autonomous calls are tagged with (default 3, 0 = none)', () => {
    const r = parseCli(['simulate'], defaults);
    assert.ok(r.ok && r.command.kind === 'simulate');
    assert.deepEqual(simTaskIds(r.command.tasks), ['sim-task-1', 'sim-task-2', 'sim-task-3']);
    const none = parseCli(['simulate', '--tasks', '0'], defaults);
    assert.ok(none.ok && none.command.kind === 'simulate' && simTaskIds(none.command.tasks).length === 0);
    assert.equal(parseCli(['simulate', '--tasks', '-1'], defaults).ok, false);
    assert.equal(parseCli(['simulate', '--tasks', '1.5'], defaults).ok, false);
  });
  it('run needs a device', () => {
    const r = parseCli(['run', '--tenant', 't'], defaults);
    assert.ok(!r.ok);
    assert.match(r.problems.join(), /needs --device/);
    const ok = parseCli(['run', '--tenant', 't', '--device', 'd-1'], defaults);
    assert.ok(ok.ok && ok.command.kind === 'run' && ok.command.device === 'd-1');
  });
  it('reports every bad value together', () => {
    const r = parseCli(['simulate', '--devices', '0', '--time-scale=-1', '--tenant', 'a/b'], defaults);
    assert.ok(!r.ok);
    assert.equal(r.problems.length, 3);
  });
  it('rejects unknown options and commands', () => {
    assert.equal(parseCli(['simulate', '--bogus'], defaults).ok, false);
    assert.equal(parseCli(['fly'], defaults).ok, false);
    const help = parseCli([], defaults);
    assert.ok(help.ok && help.command.kind === 'help');
  });
});
