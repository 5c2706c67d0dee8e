// Dispatch-time compliance: do-not-call, the calling window in the callee's local time and the
// tenant-wide cap on attempts per number per callee-local day. Pure: the DNC answer, the day's
// count and the clock are inputs. The claim script re-checks DNC and the cap atomically; this is
// the rule it mirrors and what the property tests pin down.
import type { CallingWindow, ComplianceSettings } from '../../../../common/call-tasks/model.js';
import { localTime, regionTimeZone, type LocalTime } from './timezones.js';

export type ComplianceVerdict =
  | { kind: 'allow'; local: LocalTime }
  /** Never dial this number in this task. */
  | { kind: 'drop'; reason: 'DNC' }
  /** Not now; look again at `retryAtMs`. */
  | { kind: 'defer'; reason: 'WINDOW' | 'DAILY_CAP'; retryAtMs: number };

export interface ComplianceInput {
  nowMs: number;
  region: string;
  onDnc: boolean;
  /** Attempts this number already had on the callee-local day of `nowMs`, all tasks. */
  attemptsToday: (ymd: string) => number;
  settings: ComplianceSettings;
  defaultTimeZone: string;
}

/** A deferred number is looked at again this often (window edges are minute-aligned). */
export const DEFER_RECHECK_MS = 60_000;

export function parseHhMm(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Whether a local time is inside the window (start inclusive, end exclusive; end < start wraps midnight). */
export function inWindow(local: LocalTime, window: CallingWindow): boolean {
  const start = parseHhMm(window.start);
  const end = parseHhMm(window.end);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return false;
  if (!window.days.includes(local.isoWeekday)) return false;
  const m = local.minuteOfDay;
  return start <= end ? m >= start && m < end : m >= start || m < end;
}

export function checkCompliance(input: ComplianceInput): ComplianceVerdict {
  if (input.onDnc) return { kind: 'drop', reason: 'DNC' };
  const local = localTime(input.nowMs, regionTimeZone(input.region, input.defaultTimeZone));
  if (!inWindow(local, input.settings.callingWindow)) {
    return { kind: 'defer', reason: 'WINDOW', retryAtMs: input.nowMs + DEFER_RECHECK_MS };
  }
  if (input.attemptsToday(local.ymd) >= input.settings.maxAttemptsPerNumberPerDay) {
    return { kind: 'defer', reason: 'DAILY_CAP', retryAtMs: input.nowMs + 15 * DEFER_RECHECK_MS };
  }
  return { kind: 'allow', local };
}
