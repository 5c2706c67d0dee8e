import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyProfileInput, defaultProfile, toAssignee, validateProfileInput } from './profile.js';

test('profile input: unknown zones, bad times and weekdays are named', () => {
  assert.deepEqual(validateProfileInput({ time_zone: 'Asia/Shanghai', working_hours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }] }), []);
  assert.deepEqual(validateProfileInput({ time_zone: 'Mars/Olympus', working_hours: [{ days: [0, 8], start: '9:00', end: '24:00' }] }).map((e) => e.field), [
    'body.time_zone', 'body.working_hours[0].start', 'body.working_hours[0].end', 'body.working_hours[0].days[0]', 'body.working_hours[0].days[1]',
  ]);
});

test('PUT keeps unnamed fields; the account status overrides the profile; no profile means defaults', () => {
  const p1 = applyProfileInput(defaultProfile('t', 'u'), { skills: ['english', ' english ', 'vip'], max_load: 5 }, 10);
  const p2 = applyProfileInput(p1, { status: 'away' }, 20);
  assert.deepEqual([p2.skills, p2.max_load, p2.status, p2.version], [['english', 'vip'], 5, 'away', 2]);
  assert.equal(toAssignee('u', true, p2, 3, 'Asia/Shanghai').status, 'away');
  assert.equal(toAssignee('u', false, applyProfileInput(p2, { status: 'active' }, 30), 3, 'Asia/Shanghai').status, 'disabled');
  assert.deepEqual(toAssignee('u', true, null, 4, 'Asia/Shanghai'), { user_id: 'u', team_id: null, status: 'active', time_zone: 'Asia/Shanghai', weight: 1, load: 4, regions: [], skills: [] });
  assert.equal(toAssignee('u', true, p1, 0, 'UTC').max_load, 5);
});
