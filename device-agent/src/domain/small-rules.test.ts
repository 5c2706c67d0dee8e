// Unit tests of the small pure rules: backoff, recent ids, admission, PUBACK policy, CRC, clock.
import assert from 'node:assert/strict';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, it } from 'node:test';
import { admitEvent, isOutboxFull } from './admission.js';
import { backoffDelayMs, DEFAULT_RECONNECT_BACKOFF } from './backoff.js';
import { crc32Table } from './crc32.js';
import { DeviceClock } from './device-clock.js';
import { classifyPuback } from './puback-policy.js';
import { RecentIds } from './recent-ids.js';
import { createRng } from './rng.js';
import { randomChineseMobile } from './phone-numbers.js';

describe('backoff', () => {
  it('grows exponentially, is jittered, and is capped', () => {
    const rng = createRng(1);
    const samples = (attempt: number) => Array.from({ length: 500 }, () => backoffDelayMs(DEFAULT_RECONNECT_BACKOFF, attempt, rng));
    const a0 = samples(0);
    const a3 = samples(3);
    const a20 = samples(20);
    assert.ok(Math.max(...a0) <= 500);
    assert.ok(Math.max(...a3) <= 4000 && Math.max(...a3) > 2000);
    assert.ok(Math.max(...a20) <= 30_000 && Math.max(...a20) > 25_000);
    assert.ok(Math.min(...a20) >= DEFAULT_RECONNECT_BACKOFF.floorMs);
    assert.ok(new Set(a20).size > 400, 'jittered: devices do not reconnect in lock-step');
  });
});

describe('RecentIds', () => {
  it('remembers the newest ids and evicts the oldest', () => {
    const ids = new RecentIds(3);
    assert.equal(ids.add('a'), true);
    assert.equal(ids.add('a'), false);
    ids.add('b');
    ids.add('c');
    ids.add('d');
    assert.equal(ids.has('a'), false);
    assert.deepEqual(ids.values(), ['b', 'c', 'd']);
  });
});

describe('admission when the outbox is full', () => {
  it('sheds heartbeats only; command acks and call steps are always queued', () => {
    assert.equal(isOutboxFull(99, 100), false);
    assert.equal(isOutboxFull(100, 100), true);
    assert.equal(admitEvent('heartbeat', 99, 100), true);
    assert.equal(admitEvent('heartbeat', 100, 100), false);
    assert.equal(admitEvent('call-step', 5000, 100), true);
    assert.equal(admitEvent('command-ack', 5000, 100), true);
  });
});

describe('PUBACK policy', () => {
  it('classifies reason codes', () => {
    assert.equal(classifyPuback(0), 'acked');
    assert.equal(classifyPuback(0x10), 'retry');
    assert.equal(classifyPuback(0x10, false), 'acked');
    assert.equal(classifyPuback(135), 'retry', 'not authorized: keep and retry');
    assert.equal(classifyPuback(0x97), 'retry', 'quota exceeded');
    assert.equal(classifyPuback(0x80), 'retry');
    assert.equal(classifyPuback(0x95), 'dead-letter', 'packet too large can never succeed');
    assert.equal(classifyPuback(0x99), 'dead-letter');
  });
});

describe('crc32', () => {
  it('table implementation matches zlib', () => {
    for (const text of ['', 'a', '123456789', 'x'.repeat(1000)]) {
      const data = Buffer.from(text);
      assert.equal(crc32Table(data), zlibCrc32(data));
    }
    assert.equal(crc32Table(Buffer.from('123456789')), 0xcbf43926);
  });
});

describe('DeviceClock', () => {
  it('follows the wall clock at rate 1', () => {
    const c = new DeviceClock(1000);
    assert.equal(c.read(1500), 1500);
  });
  it('runs at 1/timeScale during a call, at wall speed afterwards, never backwards', () => {
    const c = new DeviceClock(0);
    c.setRate(100, 1000); // timeScale 0.001 from wall 100
    assert.equal(c.read(145), 100 + 45_000);
    c.setRate(145, 1);
    c.advanceTo(145, 50_000);
    assert.equal(c.read(146), 50_001);
    c.advanceTo(146, 10); // earlier: ignored
    assert.equal(c.read(146), 50_001);
  });
});

describe('randomChineseMobile', () => {
  it('produces 11-digit numbers with a mobile prefix', () => {
    const rng = createRng(7);
    for (let i = 0; i < 200; i++) assert.match(randomChineseMobile(rng), /^1[3-9]\d{9}$/);
  });
});
