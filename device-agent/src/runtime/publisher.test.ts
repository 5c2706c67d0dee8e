// The outbox → broker pump: window, out-of-order PUBACKs, replay after reconnect, reason codes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../domain/rng.js';
import { FakeClock } from '../edges/fake-clock.js';
import { MemoryTransport } from '../edges/memory-transport.js';
import { MemoryDeadLetters } from '../outbox/dead-letter.js';
import { MemoryOutbox } from '../outbox/memory-outbox.js';
import { silentLogger } from '../test-support.js';
import { newCounters } from './counters.js';
import { DEFAULT_RETRY_BACKOFF, Publisher } from './publisher.js';

const settle = () => new Promise((r) => setImmediate(r));

async function setup(n: number, windowSize = 64) {
  const outbox = new MemoryOutbox();
  for (let i = 0; i < n; i++) await outbox.append((seq) => Buffer.from(String(seq)));
  const transport = new MemoryTransport(false);
  transport.holdAcks = true;
  const clock = new FakeClock();
  const counters = newCounters();
  const deadLetters = new MemoryDeadLetters();
  const publisher = new Publisher({
    outbox, transport, topic: 'cunke/v1/t/dev/d/evt', windowSize, deadLetters, retryNoSubscribers: true,
    retryBackoff: DEFAULT_RETRY_BACKOFF, clock, rng: createRng(1), counters, emit: () => undefined, log: silentLogger,
  });
  transport.start({ connected: (i) => publisher.onConnected(i), disconnected: () => publisher.onDisconnected(), command: async () => undefined }, () => ({ topic: 's', payload: new Uint8Array() }));
  const seqs = (from = 0) => transport.published.slice(from).map((m) => Number(Buffer.from(m.payload).toString()));
  return { outbox, transport, clock, counters, publisher, deadLetters, seqs };
}

describe('Publisher', () => {
  it('keeps at most windowSize publishes in flight, in outbox order', async () => {
    const { transport, seqs } = await setup(200, 64);
    transport.connect();
    assert.equal(transport.heldCount, 64);
    assert.deepEqual(seqs(), Array.from({ length: 64 }, (_, i) => i + 1));
  });

  it('acknowledges the outbox only over the contiguous prefix of PUBACKs', async () => {
    const { transport, outbox } = await setup(100, 10);
    transport.connect();
    transport.release((m) => Buffer.from(m.payload).toString() !== '1');
    await settle();
    assert.equal(outbox.size(), 100, 'seq 1 is still unacknowledged, so nothing is forgotten');
    transport.release();
    await settle();
    assert.equal(outbox.size(), 90);
  });

  it('replays everything unacknowledged, in order, after a reconnect', async () => {
    const { transport, outbox, counters, seqs } = await setup(30, 10);
    transport.connect();
    transport.release((_, i) => i === 1 || i === 2); // seqs 2 and 3 acked, 1 not
    await settle();
    transport.disconnect();
    const before = transport.published.length;
    transport.connect();
    const resent = seqs(before);
    assert.deepEqual(resent, [1, 4, 5, 6, 7, 8, 9, 10], 'pending first, in order, skipping the acked ones');
    // 2 and 3 still occupy the window until 1 is acknowledged: the window bounds how far the
    // publisher runs ahead of its oldest unacknowledged entry.
    assert.equal(counters.replayed, 8);
    transport.holdAcks = false;
    transport.release();
    await settle();
    while (outbox.size() > 0) await settle();
    assert.equal(counters.acked, 30);
  });

  it('caps the window at the broker Receive Maximum', async () => {
    const outbox = new MemoryOutbox();
    for (let i = 0; i < 50; i++) await outbox.append(() => Buffer.from('x'));
    const transport = new MemoryTransport(false, { receiveMaximum: 5 });
    transport.holdAcks = true;
    const publisher = new Publisher({
      outbox, transport, topic: 't', windowSize: 64, deadLetters: new MemoryDeadLetters(), retryNoSubscribers: true,
      retryBackoff: DEFAULT_RETRY_BACKOFF, clock: new FakeClock(), rng: createRng(1), counters: newCounters(), emit: () => undefined, log: silentLogger,
    });
    transport.start({ connected: (i) => publisher.onConnected(i), disconnected: () => undefined, command: async () => undefined }, () => ({ topic: 's', payload: new Uint8Array() }));
    transport.connect();
    assert.equal(transport.heldCount, 5);
  });

  it('keeps and retries an event refused with 135 (not authorized), after a backoff', async () => {
    const { transport, outbox, counters, clock, seqs } = await setup(3, 10);
    transport.holdAcks = false;
    transport.reasonCode = () => 135;
    transport.connect();
    await settle();
    await settle();
    assert.equal(counters.pubackErrors, 3);
    assert.equal(outbox.size(), 3, 'nothing dropped');
    const sent = transport.published.length;
    await clock.advance(100);
    assert.equal(transport.published.length, sent, 'paused during the backoff');
    transport.reasonCode = () => 0;
    await clock.advance(DEFAULT_RETRY_BACKOFF.baseMs);
    while (outbox.size() > 0) await settle();
    assert.deepEqual(seqs(sent), [1, 2, 3], 'retried in order');
    assert.equal(counters.acked, 3);
  });

  it('treats 0x10 (no matching subscribers) as not delivered', async () => {
    const { transport, outbox, counters } = await setup(2, 10);
    transport.holdAcks = false;
    transport.reasonCode = () => 0x10;
    transport.connect();
    await settle();
    await settle();
    assert.equal(outbox.size(), 2);
    assert.equal(counters.acked, 0);
  });

  it('dead-letters an event refused permanently (0x95 packet too large) and moves on', async () => {
    const { transport, outbox, counters, deadLetters } = await setup(3, 10);
    transport.holdAcks = false;
    transport.reasonCode = (m) => (Buffer.from(m.payload).toString() === '2' ? 0x95 : 0);
    transport.connect();
    while (outbox.size() > 0) await settle();
    assert.equal(counters.deadLettered, 1);
    assert.deepEqual(deadLetters.entries.map((d) => [d.entry.seq, d.reasonCode]), [[2, 0x95]]);
    assert.equal(counters.acked, 3);
  });
});
