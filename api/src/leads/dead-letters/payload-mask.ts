// Masks contact details inside an arbitrary JSON payload (a dead letter's raw body) so operators
// without pii:view can still read why it failed. Pure. Errs on the side of masking: a value that
// merely could be a phone number (an order id of eleven digits) is masked too, because showing a
// real number to the wrong person is the costlier mistake.
import { maskEmail, maskPhone, normalizeEmail, normalizePhone } from '../../../../common/pii.js';

const PHONE_SHAPE = /^\+?[\d\s().-]{7,24}$/;
// Runs of digits (with the separators people type) inside free text: "请拨 138 0013 8001 联系".
const EMBEDDED_PHONE = /\+?\d[\d\s().-]{5,22}\d/g;
const EMBEDDED_EMAIL = /[^\s@"<>()[\],;:，。；：]{1,64}@[^\s@"'<>()[\],;:，。；：]+\.[A-Za-z]{2,}/g;
const MAX_DEPTH = 64;

const digitCount = (s: string): number => s.replace(/\D/g, '').length;

function phoneOf(s: string, region: string): string | null {
  if (!PHONE_SHAPE.test(s) || digitCount(s) < 7) return null;
  return normalizePhone(s, region);
}

/** One string: the whole value if it is a phone or an e-mail, else every phone or e-mail inside it. */
export function maskText(s: string, region = 'CN'): string {
  const trimmed = s.trim();
  if (normalizeEmail(trimmed)) return maskEmail(trimmed);
  const whole = phoneOf(trimmed, region);
  if (whole) return maskPhone(whole);
  return s
    .replace(EMBEDDED_EMAIL, (m) => maskEmail(m))
    .replace(EMBEDDED_PHONE, (m) => {
      const e164 = digitCount(m) >= 7 ? normalizePhone(m, region) : null;
      return e164 ? maskPhone(e164) : m;
    });
}

/**
 * A copy of `value` with every string (and object key) passed through maskText and every integer
 * that normalises to a phone number replaced by its masked form. Depth beyond 64 is cut to
 * '[depth]' rather than recursing without bound on hostile input.
 */
export function maskPayload(value: unknown, region = 'CN', depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[depth]';
  if (typeof value === 'string') return maskText(value, region);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1_000_000) return value;
    const e164 = normalizePhone(String(value), region);
    return e164 ? maskPhone(e164) : value;
  }
  if (Array.isArray(value)) return value.map((v) => maskPayload(v, region, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[maskText(k, region)] = maskPayload(v, region, depth + 1);
    return out;
  }
  return value;
}
