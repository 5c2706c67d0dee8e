// Cleaning of the identifiers a lead carries (spec 000 §五.2 "数据清洗"; issue 5 item 3) and
// recognition of junk values, which must never join two people (issue 5 item 4). Phones go
// through common/pii.ts so every part of Cunke agrees on one E.164 form.
import { normalizePhone } from '../../../../common/pii.js';

export type JunkReason =
  | 'empty' | 'zero' | 'repeated_digits' | 'sequential_digits' | 'placeholder_number'
  | 'placeholder_email' | 'placeholder_name' | 'invalid';

export type Normalised =
  | { ok: true; value: string; junk: false }
  | { ok: true; value: string; junk: true; reason: JunkReason }
  | { ok: false; reason: JunkReason; message: string };

/** Full-width forms (ＡＢＣ１２３, U+3000 space) to ASCII; NFKC also folds compatibility characters. */
export function toHalfWidth(s: string): string {
  return s.normalize('NFKC');
}

/**
 * Well-known test numbers seen in Chinese lead data. 13800138000 is the textbook example number
 * (it is even the example in spec 000 §6.2), so two real people "share" it all the time.
 */
export const KNOWN_PLACEHOLDER_NUMBERS: ReadonlySet<string> = new Set(['13800138000', '12345678910', '10086', '10010', '95588']);

function nationalDigits(e164OrRaw: string): string {
  const digits = e164OrRaw.replace(/\D/g, '');
  return e164OrRaw.trim().startsWith('+86') ? digits.slice(2) : digits;
}

function isSequential(d: string): boolean {
  if (d.length < 7) return false;
  let up = true;
  let down = true;
  for (let i = 1; i < d.length; i++) {
    const prev = d.charCodeAt(i - 1) - 48;
    const cur = d.charCodeAt(i) - 48;
    if (cur !== (prev + 1) % 10) up = false;
    if (cur !== (prev + 9) % 10) down = false;
  }
  return up || down;
}

/**
 * Why a phone number is junk, or null. Works on raw or E.164 input. Placeholder numbers are a
 * real prefix followed by one digit repeated (13800000000, 13911111111): people type them to get
 * past a required field.
 */
export function phoneJunkReason(raw: string): JunkReason | null {
  const d = nationalDigits(toHalfWidth(raw));
  if (d === '') return 'empty';
  if (/^0+$/.test(d)) return 'zero';
  if (/^(\d)\1+$/.test(d)) return 'repeated_digits';
  if (isSequential(d)) return 'sequential_digits';
  if (KNOWN_PLACEHOLDER_NUMBERS.has(d)) return 'placeholder_number';
  if (d.length >= 10 && /(\d)\1{6,}$/.test(d)) return 'placeholder_number';
  return null;
}

/** E.164 plus a junk verdict. Invalid numbers are an error; junk ones are kept (for display) but flagged. */
export function normalisePhoneField(raw: string, defaultRegion = 'CN'): Normalised {
  const half = toHalfWidth(raw).trim();
  if (half === '') return { ok: false, reason: 'empty', message: 'phone is empty' };
  const junk = phoneJunkReason(half);
  const e164 = normalizePhone(half, defaultRegion);
  if (e164 === null) {
    if (junk) return { ok: false, reason: junk, message: `phone is a placeholder (${junk})` };
    return { ok: false, reason: 'invalid', message: 'phone is not a possible number' };
  }
  return junk ? { ok: true, value: e164, junk: true, reason: junk } : { ok: true, value: e164, junk: false };
}

const EMAIL_RE = /^[^\s@"(),:;<>[\\\]]{1,64}@(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const JUNK_EMAIL_LOCALS = new Set(['test', 'tests', 'testing', 'noreply', 'no-reply', 'null', 'none', 'nobody', 'na', 'n/a', 'abc', 'asdf', 'qwerty', 'xxx', 'aaa', '123', '123456', 'example', 'demo', 'fake']);
// RFC 2606 reserves example.* and .test; the rest are what forms receive from people who do not want mail.
const JUNK_EMAIL_DOMAINS = new Set(['example.com', 'example.org', 'example.net', 'test.com', 'test.cn', 'test.test', 'abc.com', 'xxx.com', 'a.com', 'email.com', 'mailinator.com', 'qq.co']);

export function emailJunkReason(normalised: string): JunkReason | null {
  const at = normalised.lastIndexOf('@');
  const local = normalised.slice(0, at).toLowerCase();
  const domain = normalised.slice(at + 1);
  const label = domain.split('.')[0] ?? '';
  if (JUNK_EMAIL_DOMAINS.has(domain) || domain.endsWith('.test') || domain.endsWith('.invalid') || domain.endsWith('.example')) return 'placeholder_email';
  if (JUNK_EMAIL_LOCALS.has(local) && (local === label || JUNK_EMAIL_LOCALS.has(label))) return 'placeholder_email';
  if (local === label && local.length <= 4) return 'placeholder_email';
  if (/^(.)\1+$/.test(local) && local.length >= 3) return 'placeholder_email';
  return null;
}

/** Trimmed, half-width, domain lower-cased (the local part is case-sensitive by RFC 5321). */
export function normaliseEmailField(raw: string): Normalised {
  const half = toHalfWidth(raw).trim();
  if (half === '') return { ok: false, reason: 'empty', message: 'email is empty' };
  const at = half.lastIndexOf('@');
  if (at <= 0) return { ok: false, reason: 'invalid', message: 'email has no local part or @' };
  const value = `${half.slice(0, at)}@${half.slice(at + 1).toLowerCase()}`;
  if (value.length > 254 || !EMAIL_RE.test(value)) return { ok: false, reason: 'invalid', message: 'email is not a valid address' };
  const junk = emailJunkReason(value);
  return junk ? { ok: true, value, junk: true, reason: junk } : { ok: true, value, junk: false };
}

/** Matching key of an email: mailbox providers treat the local part case-insensitively in practice. */
export function emailMatchKey(normalised: string): string {
  return normalised.toLowerCase();
}

const JUNK_NAMES = new Set(['test', 'testing', 'unknown', 'none', 'null', 'n/a', 'na', 'nil', '-', '--', '.', '?', 'x', 'xx', 'xxx', 'asdf', 'abc', '测试', '未知', '无', '匿名', '客户', '先生', '女士', '小姐', '某某']);

export function nameJunkReason(normalised: string): JunkReason | null {
  if (normalised === '') return 'empty';
  if (JUNK_NAMES.has(normalised.toLowerCase())) return 'placeholder_name';
  if (/^\d+$/.test(normalised)) return 'placeholder_name';
  if (/^(.)\1+$/u.test(normalised)) return 'placeholder_name';
  return null;
}

const CJK = '\\p{Script=Han}';
const BETWEEN_CJK = new RegExp(`(?<=${CJK})\\s+(?=${CJK})`, 'gu');

/** Trim, half-width, collapse whitespace; spaces between two Han characters are typing noise (张 三). */
export function normaliseName(raw: string): string {
  return toHalfWidth(raw).trim().replace(/\s+/g, ' ').replace(BETWEEN_CJK, '');
}

export function normaliseNameField(raw: string): Normalised {
  const value = normaliseName(raw);
  if (value === '') return { ok: false, reason: 'empty', message: 'name is empty' };
  if (value.length > 200) return { ok: false, reason: 'invalid', message: 'name is longer than 200 characters' };
  const junk = nameJunkReason(value);
  return junk ? { ok: true, value, junk: true, reason: junk } : { ok: true, value, junk: false };
}

/** Company names compare after the same cleaning plus case folding; legal-form suffixes are kept (they distinguish firms). */
export function normaliseCompany(raw: string): string {
  return normaliseName(raw);
}

export function companyMatchKey(normalised: string): string {
  return normalised.toLowerCase().replace(/[\s·.,，。()（）]/g, '');
}
