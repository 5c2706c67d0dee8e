import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AckWindow } from './ack-window.js';

describe('AckWindow', () => {
  it('advances the cursor over the contiguous prefix of out-of-order completions', () => {
    const w = new AckWindow<string>();
    const entries = [1, 2, 3, 4].map((s) => w.add(s, `p${s}`));
    const attempts = entries.map((e) => w.markSent(e));
    assert.equal(w.inflight, 4);
    assert.equal(w.complete(3, attempts[2] ?? 0), null);
    assert.equal(w.complete(2, attempts[1] ?? 0), null);
    assert.equal(w.complete(1, attempts[0] ?? 0), 3);
    assert.equal(w.ackedThrough, 3);
    assert.equal(w.length, 1);
    assert.equal(w.complete(4, attempts[3] ?? 0), 4);
    assert.equal(w.length, 0);
  });

  it('handles gaps in seqs (the cursor follows entry order, not arithmetic)', () => {
    const w = new AckWindow<string>();
    const a = w.add(5, 'a');
    const b = w.add(9, 'b');
    const ta = w.markSent(a);
    const tb = w.markSent(b);
    assert.equal(w.complete(9, tb), null);
    assert.equal(w.complete(5, ta), 9);
  });

  it('ignores stale results from an older attempt', () => {
    const w = new AckWindow<string>();
    const e = w.add(1, 'x');
    const first = w.markSent(e);
    assert.equal(w.failAll(), 1);
    const second = w.markSent(e);
    assert.equal(w.complete(1, first), null, 'result of the first attempt arrives late');
    assert.equal(w.inflight, 1);
    assert.equal(w.complete(1, second), 1);
  });

  it('failed entries come back as pending, in order', () => {
    const w = new AckWindow<string>();
    const es = [1, 2, 3].map((s) => w.add(s, String(s)));
    const ts = es.map((e) => w.markSent(e));
    w.complete(2, ts[1] ?? 0);
    assert.equal(w.fail(3, ts[2] ?? 0), true);
    assert.equal(w.fail(3, ts[2] ?? 0), false, 'a second fail of the same attempt is a no-op');
    w.failAll();
    assert.deepEqual([...w.pendingEntries()].map((e) => e.seq), [1, 3]);
    assert.equal(w.inflight, 0);
  });

  it('property: any completion order yields cursor = highest seq and an empty window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: n, maxLength: n }))), ([n, order]) => {
        const w = new AckWindow<null>();
        const attempts = new Map<number, number>();
        for (let s = 1; s <= n; s++) attempts.set(s, w.markSent(w.add(s, null)));
        let cursor = 0;
        for (const s of order) {
          const c = w.complete(s, attempts.get(s) ?? 0);
          if (c !== null) {
            assert.ok(c > cursor);
            cursor = c;
          }
        }
        assert.equal(cursor, n);
        assert.equal(w.length, 0);
      }),
    );
  });
});
