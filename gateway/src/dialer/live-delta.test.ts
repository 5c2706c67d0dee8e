// The dialer's supervisor deltas go through the live hub's pure routing like any other delta.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { coalesce } from '../live/domain/coalesce.js';
import { parseFeedDeltas, type DialerDelta } from '../live/domain/deltas.js';
import { isOnTopic, topicsOf } from '../live/domain/topics.js';

const cooldown: DialerDelta = { t: 'dialer', kind: 'device-cooldown', deviceId: 'd1', reason: 'errors', untilMs: 5 };
const starved: DialerDelta = { t: 'dialer', kind: 'task-starved', taskId: '7', sinceMs: 1 };

it('dialer deltas survive feed parsing and reach the tenant and their device/task topics', () => {
  assert.deepEqual(parseFeedDeltas(JSON.stringify([cooldown, starved, { t: 'future-thing' }])), [cooldown, starved]);
  assert.deepEqual(topicsOf(cooldown), ['tenant', 'device/d1']);
  assert.deepEqual(topicsOf(starved), ['tenant', 'task/7']);
  assert.equal(isOnTopic(cooldown, { kind: 'device', id: 'd1' }), true);
  assert.equal(isOnTopic(cooldown, { kind: 'task', id: '7' }), false);
  assert.equal(isOnTopic(starved, { kind: 'task', id: '7' }), true);
  const frames = coalesce([{ id: '1-0', deltas: [cooldown, starved] }], () => true);
  assert.equal(frames.get('tenant')?.length, 2);
  assert.equal(frames.get('device/d1')?.length, 1);
});
