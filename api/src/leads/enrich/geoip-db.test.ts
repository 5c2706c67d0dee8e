import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseIp2LocationCsv, splitCsvLine } from './geoip-db.js';
import { isReservedIp, parseIp, parseIpv4, parseIpv6 } from './ip-address.js';
import { withIpRegion } from './ip-region.js';

const ip4 = (s: string) => parseIpv4(s)!;
// Ranges in the IP2Location LITE DB3 layout, deliberately out of order.
const CSV = [
  `"0","16777215","-","-","-","-"`,
  `"${ip4('36.96.0.0')}","${ip4('36.127.255.255')}","CN","China","Guangdong","Shenzhen"`,
  `"${ip4('1.0.0.0')}","${ip4('1.0.0.255')}","AU","Australia","Queensland","Brisbane"`,
  `"${ip4('1.0.1.0')}","${ip4('1.0.3.255')}","CN","China","Fujian","Fuzhou"`,
  `"${ip4('8.8.8.0')}","${ip4('8.8.8.255')}","US","United States of America","California","Mountain View"`,
  `"${ip4('175.45.176.0')}","${ip4('175.45.179.255')}","KP","Korea (Democratic People's Republic of)","P'yongyang","-"`,
  `"${ip4('61.0.0.0')}","${ip4('61.0.0.255')}","KR","Korea, Republic of","-","-"`,
  // IPv6 edition rows: 2400:da00::/32 and the IPv4-mapped form of 202.96.128.0/24.
  `"${parseIpv6('2400:da00::')!}","${parseIpv6('2400:da00:ffff:ffff:ffff:ffff:ffff:ffff')!}","CN","China","Beijing","Beijing"`,
  `"${parseIpv6('::ffff:202.96.128.0')!}","${parseIpv6('::ffff:202.96.128.255')!}","CN","China","Guangdong","Guangzhou"`,
].join('\r\n');

test('CSV lines: quoted fields with commas and doubled quotes; an open quote is null', () => {
  assert.deepEqual(splitCsvLine('"1","2","KR","Korea, Republic of","a ""b""","-"'), ['1', '2', 'KR', 'Korea, Republic of', 'a "b"', '-']);
  assert.deepEqual(splitCsvLine('1,2,CN'), ['1', '2', 'CN']);
  assert.equal(splitCsvLine('"1","2'), null);
});

test('lookup over ranges: inside, both boundaries, just outside, gaps and unknown blocks', () => {
  const { db, errors } = parseIp2LocationCsv(CSV);
  assert.deepEqual(errors, []);
  assert.equal(db.size, 8, 'the "-" block is not a range');
  assert.equal(db.lookup('1.0.1.0')?.region_name, 'Fujian');
  assert.equal(db.lookup('1.0.3.255')?.region_name, 'Fujian');
  assert.equal(db.lookup('1.0.2.77')?.city_name, 'Fuzhou');
  assert.equal(db.lookup('1.0.0.255')?.country_code, 'AU');
  assert.equal(db.lookup('1.0.4.0'), null, 'just past the last Fujian address');
  assert.equal(db.lookup('36.96.0.0')?.region_name, 'Guangdong');
  assert.equal(db.lookup('36.127.255.255')?.city_name, 'Shenzhen');
  assert.equal(db.lookup('36.95.255.255'), null);
  assert.equal(db.lookup('36.128.0.0'), null);
  assert.equal(db.lookup('0.1.2.3'), null, 'unknown ("-") and reserved');
  assert.equal(db.lookup('255.255.255.254'), null);
  const kr = db.lookup('61.0.0.9')!;
  assert.deepEqual(kr, { country_code: 'KR', country_name: 'Korea, Republic of', region_name: null, city_name: null });
  assert.equal(db.lookup('175.45.177.1')?.region_name, "P'yongyang");
});

test('IPv6 ranges, IPv4-mapped rows and IPv4-mapped addresses', () => {
  const { db } = parseIp2LocationCsv(CSV);
  assert.equal(db.lookup('2400:da00::1')?.region_name, 'Beijing');
  assert.equal(db.lookup('2400:DA00:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF')?.region_name, 'Beijing');
  assert.equal(db.lookup('2400:da01::'), null);
  assert.equal(db.lookup('202.96.128.9')?.city_name, 'Guangzhou', 'a ::ffff: row serves plain IPv4');
  assert.equal(db.lookup('::ffff:1.0.1.1')?.region_name, 'Fujian', 'a mapped address is looked up as IPv4');
  assert.equal(db.lookup('::ffff:0100:0101')?.region_name, 'Fujian');
});

test('private and reserved addresses never enrich, even inside a database range', () => {
  const db = parseIp2LocationCsv(`"0","4294967295","CN","China","Everywhere","-"\n"${parseIpv6('2000::')!}","${parseIpv6('3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')!}","CN","China","Everywhere6","-"`).db;
  for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.100', '127.0.0.1', '169.254.1.1', '100.64.0.1', '0.0.0.0',
    '192.0.2.5', '198.51.100.7', '203.0.113.9', '224.0.0.1', '255.255.255.255', '198.18.0.1', '::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '2001:db8::1', '::ffff:10.0.0.1', '2002:c000:0204::1']) {
    assert.equal(db.lookup(ip), null, ip);
  }
  assert.equal(db.lookup('172.32.0.1')?.region_name, 'Everywhere', 'just outside 172.16/12');
  assert.equal(db.lookup('11.0.0.1')?.region_name, 'Everywhere');
  assert.equal(db.lookup('2400:cb00::1')?.region_name, 'Everywhere6');
});

test('malformed lines are reported with their line numbers; good lines still parse', () => {
  const text = [
    '"ip_from","ip_to","country_code","country_name","region_name","city_name"',
    `"16777216","16777471","AU","Australia","Queensland","Brisbane"`,
    `"16777472","16778239","CN","China"`,
    `"abc","16779000","CN","China","Fujian","Fuzhou"`,
    ``,
    `"16779300","16779200","CN","China","Fujian","Fuzhou"`,
    `"16777300","16777400","CN","China","Fujian","Fuzhou"`,
    `"1","2","CN","China","Fujian`,
    `"1","${1n << 128n}","CN","China","Fujian","Fuzhou"`,
  ].join('\n');
  const { db, errors } = parseIp2LocationCsv(text);
  assert.deepEqual(errors.map((e) => e.line), [3, 4, 6, 7, 8, 9]);
  assert.match(errors[0]!.message, /expected 6 columns/);
  assert.match(errors[1]!.message, /decimal integers/);
  assert.match(errors[2]!.message, /above ip_to/);
  assert.match(errors[3]!.message, /overlaps the range of line 2/);
  assert.match(errors[4]!.message, /unbalanced quotes/);
  assert.match(errors[5]!.message, /beyond the IPv6 space/);
  assert.equal(db.lookup('1.0.0.1')?.city_name, 'Brisbane');
});

test('address parsing: strict IPv4, IPv6 forms, junk refused', () => {
  assert.equal(parseIpv4('1.2.3.4'), 0x01020304);
  for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', ' 1.2.3.4x', '']) assert.equal(parseIpv4(bad), null, bad);
  assert.equal(parseIpv6('::'), 0n);
  assert.equal(parseIpv6('::1'), 1n);
  assert.equal(parseIpv6('1::'), 1n << 112n);
  assert.equal(parseIpv6('1:2:3:4:5:6:7:8'), 0x00010002000300040005000600070008n);
  assert.equal(parseIpv6('::ffff:1.2.3.4'), (0xffffn << 32n) | 0x01020304n);
  for (const bad of ['1:2:3:4:5:6:7', '1::2::3', '12345::', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', 'g::1', '::1.2.3', 'hello']) assert.equal(parseIpv6(bad), null, bad);
  assert.equal(parseIp(' 8.8.8.8 ')?.v, 4);
  assert.equal(parseIp('not an ip'), null);
  assert.equal(isReservedIp(parseIp('8.8.8.8')!), false);
});

test('property: every IPv4 address in [from, to] finds its row; the neighbours outside do not', () => {
  fc.assert(fc.property(
    fc.uniqueArray(fc.integer({ min: 0x0b000000, max: 0x5fffffff }), { minLength: 2, maxLength: 40 }), fc.nat(), (cuts, pick) => {
      const bounds = [...cuts].sort((a, b) => a - b);
      // Every other interval between cuts is a range; the ones in between are gaps.
      const rows: [number, number, string][] = [];
      for (let i = 0; i + 1 < bounds.length; i += 2) rows.push([bounds[i]!, bounds[i + 1]! - 1, `R${i}`]);
      if (rows.length === 0) return;
      const { db, errors } = parseIp2LocationCsv(rows.reverse().map(([a, b, r]) => `"${a}","${b}","CN","China","${r}","-"`).join('\n'));
      assert.deepEqual(errors, []);
      const [a, b, r] = rows[pick % rows.length]!;
      const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
      if (b < a) return; // adjacent cuts: an empty row is skipped by the builder's from > to check
      const inside = a + ((pick * 7919) % (b - a + 1));
      assert.equal(db.lookup(dotted(inside))?.region_name, r);
      assert.equal(db.lookup(dotted(a))?.region_name, r);
      assert.equal(db.lookup(dotted(b))?.region_name, r);
      assert.notEqual(db.lookup(dotted(b + 1))?.region_name, r);
      assert.notEqual(db.lookup(dotted(a - 1))?.region_name, r);
    }));
});

test('withIpRegion: meta.ip_address or mapped ip_address; a mapped region wins; no match leaves the lead alone', () => {
  const { db } = parseIp2LocationCsv(CSV);
  const d = withIpRegion(db, { name: 'x', custom: { a: 1 } }, { meta: { ip_address: '1.0.1.9' } });
  assert.equal(d.region, 'Fujian');
  assert.deepEqual(d.custom, { a: 1, ip_geo: { country_code: 'CN', country: 'China', region: 'Fujian', city: 'Fuzhou' } });
  assert.equal(withIpRegion(db, { ip_address: '8.8.8.8' }, {}).region, 'California');
  assert.equal(withIpRegion(db, { ip_address: '61.0.0.1' }, {}).region, 'Korea, Republic of', 'no region in the row: the country');
  const mapped = { region: '广东' };
  assert.equal(withIpRegion(db, mapped, { meta: { ip_address: '1.0.1.9' } }), mapped);
  const priv = { name: 'y' };
  assert.equal(withIpRegion(db, priv, { meta: { ip_address: '192.168.1.100' } }), priv);
  assert.equal(withIpRegion(db, priv, { meta: { ip_address: 42 } }), priv);
  assert.equal(withIpRegion(db, priv, null), priv);
});
