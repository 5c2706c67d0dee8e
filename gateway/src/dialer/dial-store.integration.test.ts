// The claim and resolve scripts against real Redis: the rules that make dispatch safe hold
// atomically, whatever the dialer's in-memory view says.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { taskKeys } from '../../../common/call-tasks/model.js';
import { connectRedis, dropKeys, namespace } from '../../../test/support/services.js';
import { DialStore, type ClaimArgs } from './dial-store.js';
import { forgetSetMembers } from './test-support.js';
import type { NumberState } from './domain/attempts.js';
import { dialKeys } from './redis-keys.js';

const ns = namespace('ds');
const t = `t${ns}`;
const OWNER = 'owner-a';

describe('dial store scripts', () => {
  let redis: Redis;
  let store: DialStore;
  let seq = 0;
  const args = (over: Partial<ClaimArgs> & { index?: number; deviceId?: string; taskId?: string } = {}): ClaimArgs => {
    const commandId = `c${++seq}`;
    const index = over.index ?? 0;
    const deviceId = over.deviceId ?? 'd1';
    return {
      tenantId: t, taskId: over.taskId ?? 'k1', owner: OWNER, hash: 'h1', ymd: '20260105', nowMs: Date.now(), maxAttempts: 3, maxPerDay: 3,
      perTaskPerMinute: 60_000, perDevicePerMinute: 60_000, slotTtlMs: 60_000,
      attempt: { commandId, index, deviceId, dispatchedAtMs: Date.now(), ackDeadlineMs: Date.now() + 1000 },
      ...over,
    };
  };

  before(async () => {
    redis = await connectRedis();
    store = new DialStore(redis);
    for (const k of ['k1', 'k2', 'k3', 'k4']) assert.equal(await store.lease(t, k, OWNER, 60_000), true);
  });

  after(async () => {
    await dropKeys(redis, `*${ns}*`);
    await forgetSetMembers(redis, ns);
    redis.disconnect();
  });

  it('only the lease holder claims; a lease is exclusive until released', async () => {
    assert.equal(await store.lease(t, 'k1', 'owner-b', 60_000), false);
    assert.equal(await store.claim({ ...args({ index: 9 }), owner: 'owner-b' }), 'LEASE');
  });

  it('many claims racing for one number: exactly one wins, attempt recorded before anything else', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store.claim(args({ index: 1, deviceId: `race${i}`, hash: 'h-race' }))));
    assert.equal(results.filter((r) => r === 'OK').length, 1);
    assert.ok(results.every((r) => r === 'OK' || r === 'NUMBER'));
    const st = JSON.parse((await redis.hget(dialKeys.numbers(t, 'k1'), '1'))!) as NumberState;
    assert.deepEqual([st.s, st.a], ['IN_FLIGHT', 1]);
    assert.equal(await redis.hlen(dialKeys.inflight(t, 'k1')), 1);
  });

  it('one call per device: a taken slot or a cooldown refuses the device', async () => {
    assert.equal(await store.claim(args({ index: 2, deviceId: 'busy', hash: 'h2' })), 'OK');
    assert.equal(await store.claim(args({ index: 3, deviceId: 'busy', hash: 'h3' })), 'DEVICE');
    assert.equal(await store.coolDown(t, 'cool', 'test', 60_000), true);
    assert.equal(await store.claim(args({ index: 3, deviceId: 'cool', hash: 'h3' })), 'DEVICE');
  });

  it('DNC drops the number for good', async () => {
    await redis.sadd(taskKeys.dnc(t), 'h-dnc');
    assert.equal(await store.claim(args({ index: 4, deviceId: 'd4', hash: 'h-dnc' })), 'DNC');
    const st = JSON.parse((await redis.hget(dialKeys.numbers(t, 'k1'), '4'))!) as NumberState;
    assert.deepEqual([st.s, st.o], ['DROPPED', 'DNC']);
    assert.equal(await redis.exists(dialKeys.slot(t, 'd4')), 0);
  });

  it('the daily cap counts across tasks of the tenant', async () => {
    const cap = { hash: 'h-cap', maxPerDay: 2 };
    assert.equal(await store.claim(args({ taskId: 'k2', index: 0, deviceId: 'e1', ...cap })), 'OK');
    assert.equal(await store.claim(args({ taskId: 'k3', index: 0, deviceId: 'e2', ...cap })), 'OK');
    assert.equal(await store.claim(args({ taskId: 'k4', index: 0, deviceId: 'e3', ...cap })), 'CAP');
    assert.equal(await redis.get(dialKeys.day(t, '20260105', 'h-cap')), '2');
    assert.ok((await redis.ttl(dialKeys.day(t, '20260105', 'h-cap'))) > 47 * 3600);
  });

  it('pacing: the task bucket refuses beyond its allowance', async () => {
    // 6 per minute: a bucket of 1, refilled every 10 s.
    const paced = { taskId: 'k4', perTaskPerMinute: 6 };
    assert.equal(await store.claim(args({ ...paced, index: 5, deviceId: 'p1', hash: 'hp1' })), 'OK');
    assert.equal(await store.claim(args({ ...paced, index: 6, deviceId: 'p2', hash: 'hp2' })), 'RATE_TASK');
    const later = args({ ...paced, index: 6, deviceId: 'p2', hash: 'hp2' });
    assert.equal(await store.claim({ ...later, nowMs: later.nowMs + 10_001 }), 'OK');
  });

  it('resolve frees the slot once, refunds a refused attempt, and is idempotent', async () => {
    const a = args({ index: 7, deviceId: 'r1', hash: 'h7' });
    assert.equal(await store.claim(a), 'OK');
    const attempt = { ...a.attempt, hash: 'h7', ymd: '20260105' };
    const next: NumberState = { s: 'PENDING', a: 0, n: 0, o: 'REFUSED:LINE_BUSY', c: a.attempt.commandId };
    assert.equal(await store.resolve(t, 'k1', OWNER, attempt, next, true), 1);
    assert.equal(await store.resolve(t, 'k1', OWNER, attempt, { ...next, s: 'DONE' }, true), 0);
    assert.equal(await redis.exists(dialKeys.slot(t, 'r1')), 0);
    assert.equal(await redis.get(dialKeys.day(t, '20260105', 'h7')), '0');
    assert.equal(JSON.parse((await redis.hget(dialKeys.numbers(t, 'k1'), '7'))!).s, 'PENDING');
    assert.equal(await store.resolve(t, 'k1', 'owner-b', attempt, next, false), -1);
  });
});
