// Tenant compliance settings and the do-not-call list as the dialer reads them at dispatch time
// (and the API writes them). The check of a settings object is pure; the reads are one Redis
// command each.
import type { Redis } from 'ioredis';
import { DEFAULT_COMPLIANCE, taskKeys, type ComplianceSettings } from './model.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MAX_ATTEMPTS_PER_DAY = 50;

export interface ComplianceProblem {
  /** Path inside the settings object, e.g. `callingWindow.start`. */
  path: string;
  rule: string;
  message: string;
}

/** Every problem of a candidate settings object (empty = valid). */
export function complianceProblems(s: ComplianceSettings): ComplianceProblem[] {
  const out: ComplianceProblem[] = [];
  const w = s.callingWindow;
  if (!HHMM.test(w.start)) out.push({ path: 'callingWindow.start', rule: 'pattern', message: 'must be HH:MM (00:00-23:59)' });
  if (!HHMM.test(w.end) && w.end !== '24:00') out.push({ path: 'callingWindow.end', rule: 'pattern', message: 'must be HH:MM (00:00-24:00)' });
  if (HHMM.test(w.start) && (HHMM.test(w.end) || w.end === '24:00') && w.end <= w.start) {
    out.push({ path: 'callingWindow.end', rule: 'range', message: 'must be after start (windows do not cross midnight)' });
  }
  if (w.days.length === 0) out.push({ path: 'callingWindow.days', rule: 'minItems', message: 'at least one day' });
  w.days.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 1 || d > 7) out.push({ path: `callingWindow.days[${i}]`, rule: 'range', message: 'ISO weekday 1 (Monday) to 7 (Sunday)' });
  });
  if (new Set(w.days).size !== w.days.length) out.push({ path: 'callingWindow.days', rule: 'uniqueItems', message: 'days must not repeat' });
  const cap = s.maxAttemptsPerNumberPerDay;
  if (!Number.isInteger(cap) || cap < 1 || cap > MAX_ATTEMPTS_PER_DAY) {
    out.push({ path: 'maxAttemptsPerNumberPerDay', rule: 'range', message: `integer 1..${MAX_ATTEMPTS_PER_DAY}` });
  }
  return out;
}

/** The tenant's settings, DEFAULT_COMPLIANCE when it never set any (or the stored JSON is unreadable). */
export async function readCompliance(redis: Redis, tenantId: string): Promise<ComplianceSettings> {
  const raw = await redis.hget(taskKeys.compliance(tenantId), 'json');
  if (!raw) return DEFAULT_COMPLIANCE;
  try {
    const parsed = JSON.parse(raw) as ComplianceSettings;
    // A stored value always passed complianceProblems; refusing a corrupt one keeps the safe default.
    return complianceProblems(parsed).length === 0 ? parsed : DEFAULT_COMPLIANCE;
  } catch {
    return DEFAULT_COMPLIANCE;
  }
}

export async function writeCompliance(redis: Redis, tenantId: string, s: ComplianceSettings): Promise<void> {
  await redis.hset(taskKeys.compliance(tenantId), 'json', JSON.stringify(s));
}

/** Is this keyed phone hash (common/pii.ts hashPii of the E.164 number) on the tenant's DNC list? */
export async function isOnDnc(redis: Redis, tenantId: string, phoneHash: string): Promise<boolean> {
  return (await redis.sismember(taskKeys.dnc(tenantId), phoneHash)) === 1;
}
