// Personal data handling (DESIGN.md "PII"): a phone number is normalised to E.164, then kept
// as a keyed hash (lookups), an AES-256-GCM ciphertext (recovery by permitted users) and a
// masked display form. Pure apart from the keys it is given.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export class PiiKeyError extends Error {
  constructor(what: string) {
    super(`${what} is missing or too short: set it (hex, 32 bytes) or start the local stack, which generates one`);
    this.name = 'PiiKeyError';
  }
}

export interface PiiKeys {
  hashKey: Buffer;
  encKey: Buffer;
}

export function piiKeysFromHex(hashKeyHex: string, encKeyHex: string): PiiKeys {
  const hashKey = Buffer.from(hashKeyHex, 'hex');
  const encKey = Buffer.from(encKeyHex, 'hex');
  if (hashKey.length < 32) throw new PiiKeyError('PII_HASH_KEY');
  if (encKey.length !== 32) throw new PiiKeyError('PII_ENC_KEY');
  return { hashKey, encKey };
}

/**
 * E.164 form of a dialled or presented number, or null when it cannot be a real number.
 * Numbers without a country code are read in `defaultRegion`.
 */
export function normalizePhone(raw: string, defaultRegion = 'CN'): string | null {
  return parsePhone(raw, defaultRegion)?.e164 ?? null;
}

/** normalizePhone plus the number's ISO region ('' when libphonenumber cannot tell), from one parse. */
export function parsePhone(raw: string, defaultRegion = 'CN'): { e164: string; region: string } | null {
  const trimmed = raw.trim();
  if (trimmed === '' || !/\d/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, defaultRegion as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  return { e164: parsed.number, region: parsed.country ?? '' };
}

/** Keyed hash for equality lookups; hex. Unkeyed hashes of phone numbers are trivially reversible. */
export function hashPii(keys: PiiKeys, value: string): string {
  return createHmac('sha256', keys.hashKey).update(value).digest('hex');
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM; output is base64(iv | tag | ciphertext). */
export function encryptPii(keys: PiiKeys, value: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.encKey, iv);
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decryptPii(keys: PiiKeys, sealed: string): string {
  const buf = Buffer.from(sealed, 'base64');
  if (buf.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', keys.encKey, buf.subarray(0, IV_BYTES));
  decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/**
 * Display form that keeps the first three and last four national digits: 138****8001.
 * Short numbers keep only their last two digits.
 */
export function maskPhone(e164OrRaw: string): string {
  const digits = e164OrRaw.replace(/\D/g, '');
  const national = e164OrRaw.startsWith('+86') ? digits.slice(2) : digits;
  if (national.length >= 8) return `${national.slice(0, 3)}****${national.slice(-4)}`;
  if (national.length <= 2) return '*'.repeat(national.length);
  return `${'*'.repeat(national.length - 2)}${national.slice(-2)}`;
}

export interface ProtectedPhone {
  /** E.164 when the number parsed, else '' (the hash then covers the raw digits). */
  e164: string;
  hash: string;
  encrypted: string;
  masked: string;
}

/** Everything we store about a phone number; never the number itself in clear. */
export function protectPhone(keys: PiiKeys, raw: string, defaultRegion = 'CN'): ProtectedPhone {
  const e164 = normalizePhone(raw, defaultRegion);
  const canonical = e164 ?? raw.replace(/[^\d+]/g, '');
  return {
    e164: e164 ?? '',
    hash: canonical ? hashPii(keys, canonical) : '',
    encrypted: canonical ? encryptPii(keys, canonical) : '',
    masked: canonical ? maskPhone(canonical) : '',
  };
}

/**
 * protectPhone memoised: parsing a number with libphonenumber costs ~35 µs, every step of a call
 * repeats the same number and a caller id repeats across thousands of calls. The cache holds raw
 * numbers only in this process's memory, which already sees them in the decoded payloads.
 */
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

/** Lower-cased, trimmed address, or null when it is not one. Deliberately permissive beyond `a@b.c`. */
export function normalizeEmail(raw: string): string | null {
  const e = raw.trim().toLowerCase();
  return /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(e) && e.length <= 254 ? e : null;
}

/** z***@example.com: the first character of the local part and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export interface ProtectedEmail {
  hash: string;
  encrypted: string;
  masked: string;
}

export function protectEmail(keys: PiiKeys, normalized: string): ProtectedEmail {
  return { hash: hashPii(keys, normalized), encrypted: encryptPii(keys, normalized), masked: maskEmail(normalized) };
}
