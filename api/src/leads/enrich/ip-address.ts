// IP address text → number (IPv4) or bigint (IPv6), and the ranges that never enrich: private,
// loopback, link-local, CGNAT, documentation, multicast and other reserved space (RFC 6890 and
// the IANA special-purpose registries). Pure; no node:net so the domain stays free of sockets.

export type ParsedIp = { v: 4; n: number } | { v: 6; n: bigint };

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(s: string): number | null {
  const m = V4.exec(s);
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!;
    // "010" is octal to some parsers and decimal to others: refuse rather than guess.
    if (part.length > 1 && part.startsWith('0')) return null;
    const b = Number(part);
    if (b > 255) return null;
    n = n * 256 + b;
  }
  return n;
}

export function parseIpv6(s: string): bigint | null {
  if (s.includes('%') || s.length > 45 || !/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let text = s;
  if (s.includes('.')) {
    // Embedded IPv4 (::ffff:1.2.3.4): rewrite it as its two hex groups.
    const lastColon = s.lastIndexOf(':');
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    text = `${s.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const rest = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !rest) return null;
  const given = head.length + rest.length;
  let groups: number[];
  if (halves.length === 2) {
    if (given > 7) return null;
    groups = [...head, ...new Array<number>(8 - given).fill(0), ...rest];
  } else {
    if (given !== 8) return null;
    groups = head;
  }
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(g);
  return n;
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) is looked up as IPv4, as databases store it that way. */
export function parseIp(s: string): ParsedIp | null {
  const t = s.trim();
  const v4 = parseIpv4(t);
  if (v4 !== null) return { v: 4, n: v4 };
  const v6 = parseIpv6(t);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { v: 4, n: Number(v6 - V4_MAPPED_PREFIX) };
  return { v: 6, n: v6 };
}

const cidr4 = (a: string, bits: number): [number, number] => {
  const base = parseIpv4(a)!;
  const size = 2 ** (32 - bits);
  return [base, base + size - 1];
};
const RESERVED_V4: [number, number][] = [
  cidr4('0.0.0.0', 8), cidr4('10.0.0.0', 8), cidr4('100.64.0.0', 10), cidr4('127.0.0.0', 8), cidr4('169.254.0.0', 16),
  cidr4('172.16.0.0', 12), cidr4('192.0.0.0', 24), cidr4('192.0.2.0', 24), cidr4('192.88.99.0', 24), cidr4('192.168.0.0', 16),
  cidr4('198.18.0.0', 15), cidr4('198.51.100.0', 24), cidr4('203.0.113.0', 24), cidr4('224.0.0.0', 4), cidr4('240.0.0.0', 4),
];
const cidr6 = (a: string, bits: number): [bigint, bigint] => {
  const base = parseIpv6(a)!;
  return [base, base + (1n << BigInt(128 - bits)) - 1n];
};
const RESERVED_V6: [bigint, bigint][] = [
  cidr6('::', 96), // unspecified, loopback, deprecated IPv4-compatible
  cidr6('64:ff9b::', 96), cidr6('64:ff9b:1::', 48), // NAT64: the real address is the embedded IPv4
  cidr6('100::', 64), cidr6('2001::', 23), cidr6('2001:db8::', 32), cidr6('2002::', 16),
  cidr6('fc00::', 7), cidr6('fe80::', 10), cidr6('fec0::', 10), cidr6('ff00::', 8),
];

/** True for addresses that say nothing about where a person is (private, loopback, documentation, ...). */
export function isReservedIp(ip: ParsedIp): boolean {
  if (ip.v === 4) return RESERVED_V4.some(([lo, hi]) => ip.n >= lo && ip.n <= hi);
  return RESERVED_V6.some(([lo, hi]) => ip.n >= lo && ip.n <= hi);
}
