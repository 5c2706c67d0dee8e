// CRC-32 (IEEE 802.3, the zlib/PNG polynomial) for outbox frame checks. Node >= 20.15 ships
// zlib.crc32 natively; older Node 20 releases fall back to the table below.
import * as zlib from 'node:zlib';

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32Table(data: Uint8Array, initial = 0): number {
  let crc = (initial ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) {
    crc = (TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

type NativeCrc = (data: Uint8Array, initial?: number) => number;
const native = (zlib as unknown as { crc32?: NativeCrc }).crc32;

export const crc32: (data: Uint8Array, initial?: number) => number = native ?? crc32Table;
