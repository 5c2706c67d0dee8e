// The one behavioural contract every Outbox implementation must meet (in the spirit of the
// MQTT.js / aedes store test suites). outbox.test.ts runs it against each store; a new store adds
// one line there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutboxClosedError, type Outbox } from './outbox.js';

export interface OutboxHarness {
  /** A fresh, empty store. */
  open(): Promise<Outbox>;
  /** Durable stores: close `outbox` and open the same storage again. */
  reopen?(outbox: Outbox): Promise<Outbox>;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

async function appendTexts(outbox: Outbox, texts: string[]): Promise<number[]> {
  return Promise.all(texts.map((t) => outbox.append(() => bytes(t))));
}

function readAllTexts(outbox: Outbox): string[] {
  return outbox.read(0, Number.MAX_SAFE_INTEGER).map((e) => text(e.payload));
}

export function runOutboxContract(name: string, harness: OutboxHarness): void {
  describe(`Outbox contract: ${name}`, () => {
    it('starts empty', async () => {
      const outbox = await harness.open();
      assert.equal(outbox.size(), 0);
      assert.deepEqual(outbox.read(0, 10), []);
      assert.equal(outbox.lastSeq(), 0);
      await outbox.close();
    });

    it('allocates seqs 1, 2, 3… and passes each to encode', async () => {
      const outbox = await harness.open();
      const seen: number[] = [];
      const seqs = await Promise.all([1, 2, 3].map(() => outbox.append((seq) => { seen.push(seq); return bytes(`e${seq}`); })));
      assert.deepEqual(seqs, [1, 2, 3]);
      assert.deepEqual(seen, [1, 2, 3]);
      assert.equal(outbox.lastSeq(), 3);
      assert.deepEqual(outbox.read(0, 10).map((e) => [e.seq, text(e.payload)]), [[1, 'e1'], [2, 'e2'], [3, 'e3']]);
      await outbox.close();
    });

    it('an entry is readable once its append resolved', async () => {
      const outbox = await harness.open();
      const seq = await outbox.append(() => bytes('x'));
      assert.deepEqual(outbox.read(seq, 1).map((e) => e.seq), [seq]);
      await outbox.close();
    });

    it('reads oldest first, from a seq, at most max', async () => {
      const outbox = await harness.open();
      await appendTexts(outbox, ['a', 'b', 'c', 'd', 'e']);
      assert.deepEqual(outbox.read(0, 2).map((e) => text(e.payload)), ['a', 'b']);
      assert.deepEqual(outbox.read(3, 10).map((e) => text(e.payload)), ['c', 'd', 'e']);
      assert.deepEqual(outbox.read(6, 10), []);
      assert.deepEqual(outbox.read(0, 0), []);
      await outbox.close();
    });

    it('keeps the order of many concurrent appends', async () => {
      const outbox = await harness.open();
      const texts = Array.from({ length: 2000 }, (_, i) => `m${i}`);
      const seqs = await appendTexts(outbox, texts);
      assert.deepEqual(seqs, texts.map((_, i) => i + 1));
      assert.deepEqual(readAllTexts(outbox), texts);
      assert.equal(outbox.size(), 2000);
      await outbox.close();
    });

    it('serial appends, each awaited before the next, all resolve (no lost wake-up)', async () => {
      const outbox = await harness.open();
      for (let i = 1; i <= 300; i++) assert.equal(await outbox.append(() => bytes(`s${i}`)), i);
      // And a mix: a burst whose continuations append more.
      const chained = await Promise.all(Array.from({ length: 20 }, async () => {
        await outbox.append(() => bytes('a'));
        return outbox.append(() => bytes('b'));
      }));
      assert.equal(chained.length, 20);
      assert.equal(outbox.size(), 340);
      await outbox.close();
    });

    it('ackThrough forgets the acknowledged prefix and is idempotent', async () => {
      const outbox = await harness.open();
      await appendTexts(outbox, ['a', 'b', 'c', 'd']);
      outbox.ackThrough(2);
      assert.equal(outbox.size(), 2);
      assert.deepEqual(readAllTexts(outbox), ['c', 'd']);
      outbox.ackThrough(1);
      outbox.ackThrough(2);
      assert.equal(outbox.size(), 2);
      outbox.ackThrough(99);
      assert.equal(outbox.size(), 0);
      assert.deepEqual(outbox.read(0, 10), []);
      const next = await outbox.append(() => bytes('e'));
      assert.equal(next, 5, 'seq keeps increasing after everything was acknowledged');
      await outbox.close();
    });

    it('size counts appends that are not durable yet', async () => {
      const outbox = await harness.open();
      const p = outbox.append(() => bytes('x'));
      assert.equal(outbox.size(), 1);
      await p;
      assert.equal(outbox.size(), 1);
      await outbox.close();
    });

    it('rejects appends after close, and close is idempotent', async () => {
      const outbox = await harness.open();
      await outbox.close();
      await outbox.close();
      await assert.rejects(outbox.append(() => bytes('late')), OutboxClosedError);
    });

    it('close waits for appends in progress', async () => {
      const outbox = await harness.open();
      const appends = appendTexts(outbox, ['a', 'b', 'c']);
      await outbox.close();
      assert.deepEqual(await appends, [1, 2, 3]);
    });

    if (harness.reopen) {
      const reopen = harness.reopen.bind(harness);

      it('after reopen: unacknowledged entries come back in order, acknowledged ones do not', async () => {
        let outbox = await harness.open();
        await appendTexts(outbox, ['a', 'b', 'c', 'd', 'e']);
        outbox.ackThrough(2);
        outbox = await reopen(outbox);
        assert.deepEqual(outbox.read(0, 10).map((e) => [e.seq, text(e.payload)]), [[3, 'c'], [4, 'd'], [5, 'e']]);
        assert.equal(outbox.size(), 3);
        assert.equal(outbox.recoveredThroughSeq, 5);
        await outbox.close();
      });

      it('after reopen: seq continues, even when everything had been acknowledged', async () => {
        let outbox = await harness.open();
        await appendTexts(outbox, ['a', 'b', 'c']);
        outbox.ackThrough(3);
        outbox = await reopen(outbox);
        assert.equal(outbox.size(), 0);
        assert.equal(outbox.lastSeq(), 3);
        assert.equal(await outbox.append(() => bytes('d')), 4);
        outbox = await reopen(outbox);
        assert.deepEqual(readAllTexts(outbox), ['d']);
        await outbox.close();
      });
    }
  });
}
