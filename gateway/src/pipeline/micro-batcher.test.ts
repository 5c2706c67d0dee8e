import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MicroBatcher } from './micro-batcher.js';

test('flushes as soon as a batch is full, without waiting for the timer', async () => {
  const batches: number[][] = [];
  const b = new MicroBatcher<number>({ maxItems: 3, maxWaitMs: 10_000, maxInFlight: 1, flush: async (items) => { batches.push(items); } });
  [1, 2, 3].forEach((i) => b.push(i));
  await b.drain();
  assert.deepEqual(batches, [[1, 2, 3]]);
});

test('flushes a partial batch after the wait', async () => {
  const batches: number[][] = [];
  const b = new MicroBatcher<number>({ maxItems: 100, maxWaitMs: 5, maxInFlight: 1, flush: async (items) => { batches.push(items); } });
  b.push(1);
  b.push(2);
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(batches, [[1, 2]]);
});

test('never runs more flushes at once than allowed, and loses no item while throttled', async () => {
  let running = 0;
  let maxRunning = 0;
  const seen: number[] = [];
  const b = new MicroBatcher<number>({
    maxItems: 2, maxWaitMs: 1, maxInFlight: 2,
    flush: async (items) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 5));
      seen.push(...items);
      running--;
    },
  });
  for (let i = 0; i < 50; i++) b.push(i);
  await b.drain();
  assert.equal(maxRunning, 2);
  assert.deepEqual(seen.sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
});
