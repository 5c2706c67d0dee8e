import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { complianceProblems } from '../../../../common/call-tasks/compliance.js';
import { DEFAULT_COMPLIANCE, DEFAULT_PACING, DEFAULT_REDIAL, type CallTask } from '../../../../common/call-tasks/model.js';
import { presentTaskSummary, validateCreate, type CreateTaskBody } from './present.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const base = (over: Partial<CreateTaskBody> = {}): CreateTaskBody => ({ name: 'Promo', callScript: 'Hello', phoneNumbers: ['13800000001'], ...over });

test('validateCreate reports every bad number by its index, and blank name/script, at once', () => {
  const r = validateCreate(base({ name: '  ', callScript: ' ', phoneNumbers: ['13800000001', 'abc', 42, '12', '13800000002'] }), { defaultRegion: 'CN', nowMs: NOW });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.fields.map((f) => f.field), ['body.name', 'body.callScript', 'body.phoneNumbers[1]', 'body.phoneNumbers[2]', 'body.phoneNumbers[3]']);
  assert.deepEqual(r.fields.map((f) => f.rule), ['minLength', 'minLength', 'phone', 'type', 'phone']);
});

test('validateCreate collapses numbers that are the same in E.164 and keeps first-seen order', () => {
  const r = validateCreate(base({ phoneNumbers: ['138 0000 0002', '+8613800000001', '13800000002', '13800000001'] }), { defaultRegion: 'CN', nowMs: NOW });
  assert.ok(r.ok);
  assert.deepEqual(r.value.input.phones, ['+8613800000002', '+8613800000001']);
  assert.equal(r.value.duplicatesRemoved, 2);
});

test('validateCreate: future scheduledTime gives its delay, past or absent starts now; defaults fill policies', () => {
  const future = validateCreate(base({ scheduledTime: new Date(NOW + 90_000).toISOString() }), { defaultRegion: 'CN', nowMs: NOW });
  assert.ok(future.ok);
  assert.equal(future.value.delayMs, 90_000);
  const past = validateCreate(base({ scheduledTime: new Date(NOW - 1000).toISOString() }), { defaultRegion: 'CN', nowMs: NOW });
  assert.ok(past.ok);
  assert.ok(past.value.delayMs <= 0);
  const none = validateCreate(base({ redialPolicy: { maxAttempts: 1 } }), { defaultRegion: 'CN', nowMs: NOW });
  assert.ok(none.ok);
  assert.equal(none.value.delayMs, 0);
  assert.equal(none.value.input.scheduledTime, '');
  assert.deepEqual(none.value.input.redial, { ...DEFAULT_REDIAL, maxAttempts: 1 });
  assert.deepEqual(none.value.input.pacing, DEFAULT_PACING);
});

test('property: phoneCount + duplicatesRemoved always equals the numbers sent, and phones are unique', () => {
  const digits = fc.integer({ min: 0, max: 99 }).map((n) => `138000000${String(n).padStart(2, '0')}`);
  fc.assert(fc.property(fc.array(digits, { minLength: 1, maxLength: 60 }), (numbers) => {
    const r = validateCreate(base({ phoneNumbers: numbers }), { defaultRegion: 'CN', nowMs: NOW });
    assert.ok(r.ok);
    assert.equal(r.value.input.phones.length + r.value.duplicatesRemoved, numbers.length);
    assert.equal(new Set(r.value.input.phones).size, r.value.input.phones.length);
  }));
});

test('presentTaskSummary: integer taskId, null for unset times, stats default to 0', () => {
  const task: CallTask = {
    tenantId: 't', taskId: '101', name: 'n', description: '', status: 'SCHEDULED', callScript: 's', scheduledTime: '', callerId: '',
    deviceIds: [], tags: ['a'], source: '', redial: DEFAULT_REDIAL, pacing: DEFAULT_PACING, phoneCount: 2, createdBy: 'u',
    createTime: '2026-01-01T00:00:00.000Z', updateTime: '2026-01-01T00:00:00.000Z', startedTime: '', completedTime: '', version: 1,
  };
  const s = presentTaskSummary(task, undefined);
  assert.equal(s.taskId, 101);
  assert.equal(s.scheduledTime, null);
  assert.equal(s.completedTime, null);
  assert.deepEqual([s.totalCalls, s.successfulCalls, s.intendedCustomers], [0, 0, 0]);
  assert.equal(presentTaskSummary(task, { totalCalls: 5, successfulCalls: 3, intendedCustomers: 1 }).successfulCalls, 3);
});

test('complianceProblems accepts the default and names each broken rule', () => {
  assert.deepEqual(complianceProblems(DEFAULT_COMPLIANCE), []);
  const bad = complianceProblems({ callingWindow: { start: '9:00', end: '25:00', days: [0, 3, 3, 8] }, maxAttemptsPerNumberPerDay: 51 });
  assert.deepEqual(bad.map((p) => p.path).sort(), [
    'callingWindow.days', 'callingWindow.days[0]', 'callingWindow.days[3]', 'callingWindow.end', 'callingWindow.start', 'maxAttemptsPerNumberPerDay',
  ]);
  assert.deepEqual(complianceProblems({ callingWindow: { start: '18:00', end: '09:00', days: [1] }, maxAttemptsPerNumberPerDay: 1 }).map((p) => p.rule), ['range']);
});
