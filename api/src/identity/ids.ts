// Identifiers of tenants, users and API keys, and the checks on them. Pure.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random lower-case alphanumerics (rejection sampling keeps every character equally likely). */
export function randomId(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 252 && out.length < length) out += ALPHABET[b % 36];
    }
  }
  return out;
}

/** Tenant ids appear in MQTT topics and Redis keys: a short slug, no separators of either. */
export const TENANT_ID_PATTERN = '^[a-z0-9][a-z0-9-]{1,31}$';
export const isTenantId = (s: string): boolean => new RegExp(TENANT_ID_PATTERN).test(s);

export const newUserId = (): string => `u_${randomId(12)}`;
export const newKeyId = (): string => randomId(12);
/** 32 random bytes, base64url: 43 characters (common/access/auth-keys.ts API_KEY_PATTERN). */
export const newKeySecret = (): string => randomBytes(32).toString('base64url');
