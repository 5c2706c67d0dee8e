// A local IP → location range database, parsed from the IP2Location LITE DB3 CSV format
// ("ip_from","ip_to","country_code","country_name","region_name","city_name"; addresses as
// decimal integers, IPv4 in the IPv4 file, IPv6 and ::ffff:0:0/96-mapped IPv4 in the IPv6 one)
// and looked up by binary search over the sorted, non-overlapping ranges. Pure: the caller reads
// the file. Locations are interned, so a 3M-row file holds one object per distinct place.
import { isReservedIp, parseIp } from './ip-address.js';

export interface GeoLocation {
  country_code: string;
  country_name: string;
  region_name: string | null;
  city_name: string | null;
}

export interface GeoLineError {
  line: number;
  message: string;
}

export class GeoIpFormatError extends Error {
  constructor(readonly source: string, readonly errors: readonly GeoLineError[]) {
    super(`${source}: ${errors.length} malformed line(s): ${errors.slice(0, 10).map((e) => `line ${e.line}: ${e.message}`).join('; ')}${errors.length > 10 ? '; ...' : ''}`);
    this.name = 'GeoIpFormatError';
  }
}

export interface GeoIpDb {
  /** Ranges loaded (IPv4 + IPv6). */
  readonly size: number;
  /** Location of a public address; null for unknown, malformed, private or reserved ones. */
  lookup(ip: string): GeoLocation | null;
}

/** One CSV line, RFC 4180 quoting ("" inside quotes); null when a quote is left open. */
export function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      if (i === line.length) return out;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const c = line.indexOf(',', i);
      out.push((c < 0 ? line.slice(i) : line.slice(i, c)).trim());
      if (c < 0) return out;
      i = c + 1;
    }
  }
}

const V4_MAX = 0xffffffffn;
const V4_MAX_N = 0xffffffff;
const V4_MAPPED_LO = 0xffffn << 32n;
const V4_MAPPED_HI = V4_MAPPED_LO + V4_MAX;
const V6_MAX = (1n << 128n) - 1n;
const DIGITS = /^\d{1,39}$/;
// IP2Location writes "-" where it knows nothing.
const known = (s: string): string | null => (s === '' || s === '-' ? null : s);

// IPv4 bounds as numbers (exact in a double, far smaller than bigints over millions of rows).
interface Row<N extends number | bigint> { from: N; to: N; loc: number; line: number }

/**
 * Builds the database line by line (the LITE files are hundreds of MB: the loader streams them);
 * `build()` reports every bad line with its number.
 */
export class GeoIpBuilder {
  private readonly errors: GeoLineError[] = [];
  private readonly locations: GeoLocation[] = [];
  private readonly locIndex = new Map<string, number>();
  private readonly v4: Row<number>[] = [];
  private readonly v6: Row<bigint>[] = [];
  private lineNo = 0;

  add(raw: string): void {
    const { errors, locations, locIndex, v4, v6 } = this;
    const lineNo = ++this.lineNo;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const cols = splitCsvLine(line);
    if (!cols) {
      errors.push({ line: lineNo, message: 'unbalanced quotes' });
      return;
    }
    // A header row (some exports add one) is not data.
    if (lineNo === 1 && cols[0] === 'ip_from') return;
    if (cols.length < 6) {
      errors.push({ line: lineNo, message: `expected 6 columns (ip_from, ip_to, country_code, country_name, region_name, city_name), got ${cols.length}` });
      return;
    }
    const [a, b, cc, cn, rn, city] = cols as [string, string, string, string, string, string];
    if (!DIGITS.test(a) || !DIGITS.test(b)) {
      errors.push({ line: lineNo, message: `ip_from/ip_to must be decimal integers, got "${a.slice(0, 40)}", "${b.slice(0, 40)}"` });
      return;
    }
    // Numbers up to 15 digits are exact doubles: the IPv4 file never needs a bigint.
    const small = a.length <= 15 && b.length <= 15;
    const from = small ? Number(a) : BigInt(a);
    const to = small ? Number(b) : BigInt(b);
    if (from > to || (!small && (to as bigint) > V6_MAX)) {
      errors.push({ line: lineNo, message: from > to ? `ip_from ${a} is above ip_to ${b}` : `ip_to ${b} is beyond the IPv6 space` });
      return;
    }
    const country = known(cc);
    if (!country) return; // an unallocated/unknown block: nothing to enrich with
    const key = `${country}\u0000${cn}\u0000${rn}\u0000${city}`;
    let loc = locIndex.get(key);
    if (loc === undefined) {
      loc = locations.length;
      locations.push({ country_code: country, country_name: known(cn) ?? country, region_name: known(rn), city_name: known(city) });
      locIndex.set(key, loc);
    }
    if (typeof from === 'number' && typeof to === 'number' && to <= V4_MAX_N) v4.push({ from, to, loc, line: lineNo });
    else {
      const f = BigInt(from);
      const t = BigInt(to);
      if (t <= V4_MAX) v4.push({ from: Number(f), to: Number(t), loc, line: lineNo });
      else if (f >= V4_MAPPED_LO && t <= V4_MAPPED_HI) v4.push({ from: Number(f - V4_MAPPED_LO), to: Number(t - V4_MAPPED_LO), loc, line: lineNo });
      else v6.push({ from: f, to: t, loc, line: lineNo });
    }
  }

  build(): { db: GeoIpDb; errors: GeoLineError[] } {
    const { errors, locations } = this;
    const checkSorted = <N extends number | bigint>(rows: Row<N>[]): Row<N>[] => {
      rows.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
      const kept: Row<N>[] = [];
      for (const r of rows) {
        const prev = kept[kept.length - 1];
        if (prev && r.from <= prev.to) errors.push({ line: r.line, message: `range overlaps the range of line ${prev.line}` });
        else kept.push(r);
      }
      return kept;
    };
    const r4 = checkSorted(this.v4);
    const r6 = checkSorted(this.v6);
    errors.sort((x, y) => x.line - y.line);
    const from4 = Float64Array.from(r4, (r) => r.from);
    const to4 = Float64Array.from(r4, (r) => r.to);
    const loc4 = Uint32Array.from(r4, (r) => r.loc);
    const from6 = r6.map((r) => r.from);
    const to6 = r6.map((r) => r.to);
    const loc6 = Uint32Array.from(r6, (r) => r.loc);

    /** Index of the last range starting at or below n, or -1. */
    function floor<T extends number | bigint>(starts: ArrayLike<T>, n: T): number {
      let lo = 0;
      let hi = starts.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (starts[mid]! <= n) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    }

    const db: GeoIpDb = {
      size: r4.length + r6.length,
      lookup(ip: string): GeoLocation | null {
        const p = parseIp(ip);
        if (!p || isReservedIp(p)) return null;
        if (p.v === 4) {
          const i = floor(from4, p.n);
          return i >= 0 && p.n <= to4[i]! ? locations[loc4[i]!]! : null;
        }
        const i = floor(from6, p.n);
        return i >= 0 && p.n <= to6[i]! ? locations[loc6[i]!]! : null;
      },
    };
    return { db, errors };
  }
}

/** Parses the whole text of an IP2Location DB3 CSV (IPv4 or IPv6 edition). */
export function parseIp2LocationCsv(text: string): { db: GeoIpDb; errors: GeoLineError[] } {
  const b = new GeoIpBuilder();
  for (const line of text.split('\n')) b.add(line);
  return b.build();
}
