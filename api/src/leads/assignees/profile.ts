// Assignee profiles: what the assignment strategies (domain/assignment.ts, spec 000 §五.5) need
// to know about a user beyond the identity store — skills, regions, weight, capacity, working
// hours in the user's zone, and "away". Pure: validation, and the Assignee a profile, the user's
// account status and the user's current open-lead count make.
import type { FieldError } from '../../errors.js';
import type { Assignee, WorkingWindow } from '../domain/assignment.js';

export interface AssigneeProfile {
  tenant_id: string;
  user_id: string;
  /** 'disabled' comes from the user account, never from the profile. */
  status: 'active' | 'away';
  team_id: string | null;
  /** IANA zone; null = the platform default (DIALER_DEFAULT_TIMEZONE). */
  time_zone: string | null;
  working_hours: WorkingWindow[];
  weight: number;
  /** Most open leads at once; null = no limit. */
  max_load: number | null;
  regions: string[];
  skills: string[];
  updated_at: number;
  version: number;
}

export type AssigneeProfileInput = Partial<Pick<AssigneeProfile, 'status' | 'team_id' | 'time_zone' | 'working_hours' | 'weight' | 'max_load' | 'regions' | 'skills'>>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeZone(z: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: z });
    return true;
  } catch {
    return false;
  }
}

const f = (field: string, rule: string, message: string): FieldError => ({ field: `body.${field}`, rule, message });

/** Shapes are checked by the route's JSON schema; this checks what a schema cannot. */
export function validateProfileInput(b: AssigneeProfileInput): FieldError[] {
  const errors: FieldError[] = [];
  if (b.time_zone != null && !isTimeZone(b.time_zone)) errors.push(f('time_zone', 'timezone', `unknown IANA time zone ${b.time_zone}`));
  b.working_hours?.forEach((w, i) => {
    if (!HHMM.test(w.start)) errors.push(f(`working_hours[${i}].start`, 'format', 'HH:MM'));
    if (!HHMM.test(w.end)) errors.push(f(`working_hours[${i}].end`, 'format', 'HH:MM'));
    if (w.start === w.end) errors.push(f(`working_hours[${i}]`, 'range', 'start and end are the same'));
    w.days.forEach((d, j) => { if (!Number.isInteger(d) || d < 1 || d > 7) errors.push(f(`working_hours[${i}].days[${j}]`, 'range', 'ISO weekday 1 (Monday) .. 7 (Sunday)')); });
  });
  return errors;
}

export function defaultProfile(tenantId: string, userId: string): AssigneeProfile {
  return { tenant_id: tenantId, user_id: userId, status: 'active', team_id: null, time_zone: null, working_hours: [], weight: 1, max_load: null, regions: [], skills: [], updated_at: 0, version: 0 };
}

/** PUT replaces the fields it names; the rest keep their saved values. */
export function applyProfileInput(prev: AssigneeProfile, b: AssigneeProfileInput, now: number): AssigneeProfile {
  const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
  return {
    ...prev,
    ...(b.status !== undefined ? { status: b.status } : {}),
    ...(b.team_id !== undefined ? { team_id: b.team_id } : {}),
    ...(b.time_zone !== undefined ? { time_zone: b.time_zone } : {}),
    ...(b.working_hours !== undefined ? { working_hours: b.working_hours.map((w) => ({ days: [...new Set(w.days)].sort(), start: w.start, end: w.end })) } : {}),
    ...(b.weight !== undefined ? { weight: b.weight } : {}),
    ...(b.max_load !== undefined ? { max_load: b.max_load } : {}),
    ...(b.regions !== undefined ? { regions: uniq(b.regions) } : {}),
    ...(b.skills !== undefined ? { skills: uniq(b.skills) } : {}),
    updated_at: now,
    version: prev.version + 1,
  };
}

/** The Assignee the strategies see: an inactive account is disabled whatever the profile says. */
export function toAssignee(userId: string, accountActive: boolean, profile: AssigneeProfile | null, load: number, defaultZone: string): Assignee {
  const p = profile ?? defaultProfile('', userId);
  return {
    user_id: userId,
    team_id: p.team_id,
    status: accountActive ? p.status : 'disabled',
    time_zone: p.time_zone ?? defaultZone,
    ...(p.working_hours.length ? { working_hours: p.working_hours } : {}),
    weight: p.weight,
    load,
    ...(p.max_load !== null ? { max_load: p.max_load } : {}),
    regions: p.regions,
    skills: p.skills,
  };
}
