import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareKeys, mergePage, warehouseWindow, type SortKey } from './merge-page.js';

test('a page of merge(warehouse, recent) equals the same page of the fully sorted union', () => {
  const key = fc.record({ at: fc.integer({ min: 0, max: 20 }), n: fc.nat(1000) });
  fc.assert(fc.property(
    fc.array(key, { maxLength: 40 }), fc.array(key, { maxLength: 8 }), fc.constantFrom<1 | -1>(1, -1), fc.nat(50), fc.integer({ min: 1, max: 10 }),
    (w, r, dir, offset, size) => {
      const toKeys = (xs: { at: number; n: number }[], p: string) => xs.map((x, i) => ({ id: `${p}${String(x.n).padStart(4, '0')}_${i}`, at: x.at }));
      const wh: SortKey[] = toKeys(w, 'w').sort((a, b) => compareKeys(a, b, dir));
      const rec = toKeys(r, 'r');
      const expected = [...wh, ...rec].sort((a, b) => compareKeys(a, b, dir)).slice(offset, offset + size).map((k) => k.id);
      const win = warehouseWindow(offset, size, rec.length);
      const fetched = wh.slice(win.offset, win.offset + win.limit);
      assert.deepEqual(mergePage(fetched, win.offset, rec, dir, offset, size), expected);
    },
  ), { numRuns: 2000 });
});

test('with no recent leads the page is the warehouse page', () => {
  const wh = [{ id: 'a', at: 3 }, { id: 'b', at: 2 }, { id: 'c', at: 1 }];
  const win = warehouseWindow(1, 2, 0);
  assert.deepEqual(win, { offset: 1, limit: 2 });
  assert.deepEqual(mergePage(wh.slice(1, 3), 1, [], -1, 1, 2), ['b', 'c']);
});
