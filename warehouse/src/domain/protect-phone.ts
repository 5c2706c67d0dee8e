// Phone protection for the writer: hash, ciphertext and masked form of a number (common/pii.ts),
// memoised because parsing a number with libphonenumber costs ~35 µs, every step of a call
// repeats the same number and a caller id repeats across thousands of calls. The cache holds
// raw numbers only in this process's memory, which already sees them in the decoded payloads.
// Pure apart from the keys and the cache it owns: no I/O, no clock.
import { protectPhone, type PiiKeys, type ProtectedPhone } from '../../../common/pii.js';

export type PhoneProtector = (raw: string) => ProtectedPhone;

const EMPTY: ProtectedPhone = Object.freeze({ e164: '', hash: '', encrypted: '', masked: '' });

export function createPhoneProtector(keys: PiiKeys, defaultRegion: string, maxEntries = 100_000): PhoneProtector {
  const cache = new Map<string, ProtectedPhone>();
  return (raw: string): ProtectedPhone => {
    if (raw === '') return EMPTY;
    const hit = cache.get(raw);
    if (hit) return hit;
    const value = protectPhone(keys, raw, defaultRegion);
    // Insertion-ordered Map as a FIFO bound: cheap, and good enough for a hit rate that comes
    // from repetition within minutes.
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(raw, value);
    return value;
  };
}
