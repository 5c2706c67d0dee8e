// One page of the leads list drawn from two disjoint, equally ordered sources: the warehouse
// (leads older than the freshness cut-off, paged in SQL) and Redis (the few leads newer than
// the cut-off, which the writer may not have flushed yet). Pure, so the arithmetic is tested alone.

export interface SortKey {
  id: string;
  /** The sort field's value, ms since epoch. */
  at: number;
}

/** Ascending (at, id); the list is this order or its reverse, as SQL's `ORDER BY f, lead_id`. */
export function compareKeys(a: SortKey, b: SortKey, dir: 1 | -1): number {
  return dir * (a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Which warehouse rows a page needs: a recent lead can only push a warehouse row later, by at
 * most recentCount places, so rows [offset - recentCount, offset + size) are enough.
 */
export function warehouseWindow(offset: number, size: number, recentCount: number): { offset: number; limit: number } {
  const from = Math.max(0, offset - recentCount);
  return { offset: from, limit: offset + size - from };
}

/**
 * The ids at [offset, offset + size) of merge(warehouse, recent). `fetched` is the warehouse's
 * rows from position `fetchedFrom` (warehouseWindow); `recent` holds every recent match, any order.
 * Recent leads that sort before fetched[0] when fetchedFrom > 0 fall before `offset` (see
 * warehouseWindow) and are dropped; the rest have exact positions in a sequential merge.
 */
export function mergePage(fetched: readonly SortKey[], fetchedFrom: number, recent: readonly SortKey[], dir: 1 | -1, offset: number, size: number): string[] {
  const rec = [...recent].sort((a, b) => compareKeys(a, b, dir));
  let r = 0;
  if (fetchedFrom > 0) {
    if (fetched.length === 0) return [];
    while (r < rec.length && compareKeys(rec[r]!, fetched[0]!, dir) < 0) r++;
  }
  let pos = fetchedFrom + r;
  let w = 0;
  const out: string[] = [];
  while (pos < offset + size && (w < fetched.length || r < rec.length)) {
    const takeRecent = w >= fetched.length || (r < rec.length && compareKeys(rec[r]!, fetched[w]!, dir) < 0);
    const next = takeRecent ? rec[r++]! : fetched[w++]!;
    if (pos >= offset) out.push(next.id);
    pos++;
  }
  return out;
}
