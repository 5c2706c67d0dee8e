// Lead assignment (spec 000 §四.3 assignment_rules, §五.5: round robin, random, weighted, by load,
// by region, by skill tag, by lead value; issue 5 item 6). Pure: the clock, the random source and
// the round-robin counter come from the caller. Round robin is two-phase so it stays fair across
// processes and restarts: decideAssignment names the counter to increment, the caller INCRs it
// (atomic in Redis) and hands the ticket to applyTicket, which picks candidates[ticket mod K].
// Every result carries the trail of strategies tried and the users skipped, with reasons.

export type UserStatus = 'active' | 'away' | 'disabled';

export interface WorkingWindow {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Local HH:MM; an end before the start runs past midnight. */
  start: string;
  end: string;
}

export interface Assignee {
  user_id: string;
  team_id?: string | null;
  status: UserStatus;
  /** IANA zone; working hours are read in it. */
  time_zone: string;
  /** None means always on duty. */
  working_hours?: WorkingWindow[];
  weight?: number;
  /** Open leads now. */
  load: number;
  max_load?: number;
  regions?: string[];
  skills?: string[];
}

export interface AssignmentLead {
  lead_id: string;
  region?: string | null;
  lead_value?: number | null;
  tags?: readonly string[];
}

export type PickMode = 'round_robin' | 'random' | 'weighted' | 'least_load';

export type AssignmentStrategy =
  | { type: 'round_robin' }
  | { type: 'random' }
  | { type: 'weighted' }
  | { type: 'least_load' }
  | { type: 'region'; then?: PickMode }
  | { type: 'skill'; skills?: string[]; match?: 'any' | 'all'; then?: PickMode }
  | { type: 'value'; tiers: { min?: number; max?: number; user_ids: string[] }[]; then?: PickMode }
  | { type: 'user'; user_id: string };

export interface AssignmentRules {
  rule_id: string;
  /** Users this rule may assign to; strategies narrow it. */
  pool: string[];
  /** Tried in order until one yields a user (the fallback chain). */
  chain: AssignmentStrategy[];
  /** Where a lead goes when the whole chain yields no one. */
  fallback_queue?: string | null;
  respect_working_hours?: boolean;
}

export type SkipReason = 'away' | 'disabled' | 'off_hours' | 'at_capacity' | 'unknown_user';

export interface TrailStep {
  step: number;
  strategy: AssignmentStrategy['type'];
  outcome: string;
}

interface Explained {
  rule_id: string;
  skipped: { user_id: string; reason: SkipReason }[];
  trail: TrailStep[];
}

export type AssignmentDecision =
  | (Explained & { kind: 'assigned'; user_id: string; team_id: string | null; strategy: AssignmentStrategy['type']; step: number; candidates: string[]; reason: string })
  | (Explained & { kind: 'needs_ticket'; counter_key: string; strategy: AssignmentStrategy['type']; step: number; candidates: string[] })
  | (Explained & { kind: 'queued'; queue: string; reason: string })
  | (Explained & { kind: 'unassigned'; reason: string });

export interface AssignmentContext {
  now: number;
  /** Uniform in [0, 1). */
  rng: () => number;
}

const hhmm = (s: string): number => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

const recent = new Map<string, { day: number; minute: number }>();

/** Weekday (1..7) and minute of day at `now` in `timeZone`. Memoised per minute: Intl formatting costs microseconds per user per lead. */
export function localTime(now: number, timeZone: string): { day: number; minute: number } {
  const key = `${timeZone}|${Math.floor(now / 60_000)}`;
  const hit = recent.get(key);
  if (hit) return hit;
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const parts = Object.fromEntries(f.formatToParts(new Date(now)).map((p) => [p.type, p.value]));
  const out = { day: WEEKDAY[parts.weekday ?? ''] ?? 0, minute: Number(parts.hour) * 60 + Number(parts.minute) };
  if (recent.size >= 4096) recent.clear();
  recent.set(key, out);
  return out;
}

export function isOnDuty(u: Assignee, now: number): boolean {
  if (!u.working_hours || u.working_hours.length === 0) return true;
  const { day, minute } = localTime(now, u.time_zone);
  const prevDay = day === 1 ? 7 : day - 1;
  return u.working_hours.some((w) => {
    const s = hhmm(w.start);
    const e = hhmm(w.end);
    if (s <= e) return w.days.includes(day) && minute >= s && minute < e;
    // Overnight window: the evening part belongs to its start day, the early hours to the next.
    return (w.days.includes(day) && minute >= s) || (w.days.includes(prevDay) && minute < e);
  });
}

/** Errors in a rule set (scene save, spec 000 §九.3: referenced users must exist). */
export function validateAssignmentRules(r: unknown, knownUsers?: ReadonlySet<string>): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (!r || typeof r !== 'object') return [{ path: '', message: 'expected an object' }];
  const rules = r as Partial<AssignmentRules>;
  if (typeof rules.rule_id !== 'string' || rules.rule_id === '') errors.push({ path: 'rule_id', message: 'required' });
  const checkUsers = (ids: unknown, path: string) => {
    if (!Array.isArray(ids)) return void errors.push({ path, message: 'expected a list of user ids' });
    ids.forEach((id, i) => { if (typeof id !== 'string' || (knownUsers && !knownUsers.has(id))) errors.push({ path: `${path}[${i}]`, message: `user ${String(id)} does not exist` }); });
  };
  checkUsers(rules.pool, 'pool');
  if (!Array.isArray(rules.chain) || rules.chain.length === 0 || rules.chain.length > 10) errors.push({ path: 'chain', message: 'a list of 1..10 strategies' });
  else rules.chain.forEach((s, i) => {
    const p = `chain[${i}]`;
    // Rule sets arrive as raw JSON: a null step or tier is an error to report, not a crash.
    if (!s || typeof s !== 'object') return void errors.push({ path: p, message: 'a strategy object' });
    const then = (s as { then?: unknown }).then;
    if (then !== undefined && !['round_robin', 'random', 'weighted', 'least_load'].includes(then as string)) errors.push({ path: `${p}.then`, message: 'round_robin, random, weighted or least_load' });
    switch (s?.type) {
      case 'round_robin': case 'random': case 'weighted': case 'least_load': case 'region': break;
      case 'skill': if (s.skills !== undefined && !Array.isArray(s.skills)) errors.push({ path: `${p}.skills`, message: 'a list of skills' }); break;
      case 'value':
        if (!Array.isArray(s.tiers) || s.tiers.length === 0) errors.push({ path: `${p}.tiers`, message: 'a non-empty list of tiers' });
        else s.tiers.forEach((t, j) => {
          if (!t || typeof t !== 'object') return void errors.push({ path: `${p}.tiers[${j}]`, message: 'a tier object' });
          checkUsers(t.user_ids, `${p}.tiers[${j}].user_ids`);
          if (t.min !== undefined && t.max !== undefined && t.min > t.max) errors.push({ path: `${p}.tiers[${j}]`, message: 'min above max' });
        });
        break;
      case 'user': checkUsers([s.user_id], `${p}.user_id`); break;
      default: errors.push({ path: `${p}.type`, message: 'round_robin, random, weighted, least_load, region, skill, value or user' });
    }
  });
  return errors;
}

function eligibility(rules: AssignmentRules, users: readonly Assignee[], now: number) {
  const byId = new Map(users.map((u) => [u.user_id, u]));
  const eligible: Assignee[] = [];
  const skipped: Explained['skipped'] = [];
  for (const id of [...new Set(rules.pool)].sort()) {
    const u = byId.get(id);
    if (!u) skipped.push({ user_id: id, reason: 'unknown_user' });
    else if (u.status !== 'active') skipped.push({ user_id: id, reason: u.status });
    else if (u.max_load !== undefined && u.load >= u.max_load) skipped.push({ user_id: id, reason: 'at_capacity' });
    else if (rules.respect_working_hours !== false && !isOnDuty(u, now)) skipped.push({ user_id: id, reason: 'off_hours' });
    else eligible.push(u);
  }
  return { eligible, skipped, byId };
}

function narrow(s: AssignmentStrategy, lead: AssignmentLead, eligible: Assignee[]): { users: Assignee[]; keyPart: string; why: string } {
  switch (s.type) {
    case 'region': {
      const r = lead.region?.trim();
      return { users: r ? eligible.filter((u) => u.regions?.includes(r)) : [], keyPart: `region=${r ?? ''}`, why: r ? `region ${r}` : 'lead has no region' };
    }
    case 'skill': {
      const want = s.skills ?? [...(lead.tags ?? [])];
      const has = (u: Assignee, k: string) => u.skills?.includes(k) ?? false;
      const users = want.length === 0 ? [] : eligible.filter((u) => (s.match === 'all' ? want.every((k) => has(u, k)) : want.some((k) => has(u, k))));
      return { users, keyPart: `skill=${[...want].sort().join('+')}`, why: `skills ${want.join(', ') || '(none)'}` };
    }
    case 'value': {
      const v = lead.lead_value;
      const i = typeof v === 'number' ? s.tiers.findIndex((t) => (t.min === undefined || v >= t.min) && (t.max === undefined || v < t.max)) : -1;
      const tier = s.tiers[i];
      return { users: tier ? eligible.filter((u) => tier.user_ids.includes(u.user_id)) : [], keyPart: `tier=${i}`, why: tier ? `value ${v} in tier ${i}` : `value ${v ?? 'missing'} in no tier` };
    }
    case 'user':
      return { users: eligible.filter((u) => u.user_id === s.user_id), keyPart: `user=${s.user_id}`, why: `fixed user ${s.user_id}` };
    default:
      return { users: eligible, keyPart: 'all', why: 'whole pool' };
  }
}

function pickMode(s: AssignmentStrategy): PickMode {
  switch (s.type) {
    case 'random': case 'weighted': case 'least_load': case 'round_robin': return s.type;
    case 'region': case 'skill': case 'value': return s.then ?? 'round_robin';
    case 'user': return 'least_load';
  }
}

/** Decides, or names the round-robin counter the caller must increment before applyTicket. */
export function decideAssignment(lead: AssignmentLead, rules: AssignmentRules, users: readonly Assignee[], ctx: AssignmentContext): AssignmentDecision {
  const { eligible, skipped, byId } = eligibility(rules, users, ctx.now);
  const trail: TrailStep[] = [];
  const base = { rule_id: rules.rule_id, skipped, trail };
  for (const [step, s] of rules.chain.entries()) {
    const { users: cands, keyPart, why } = narrow(s, lead, eligible);
    if (cands.length === 0) { trail.push({ step, strategy: s.type, outcome: `no eligible user (${why})` }); continue; }
    const ids = cands.map((u) => u.user_id);
    const mode = pickMode(s);
    const done = (u: Assignee, how: string) => {
      trail.push({ step, strategy: s.type, outcome: `assigned ${u.user_id}` });
      return { ...base, kind: 'assigned' as const, user_id: u.user_id, team_id: byId.get(u.user_id)?.team_id ?? null, strategy: s.type, step, candidates: ids, reason: `${why}; ${how}` };
    };
    if (mode === 'round_robin') {
      trail.push({ step, strategy: s.type, outcome: `round robin over ${ids.length}` });
      return { ...base, kind: 'needs_ticket', counter_key: `${rules.rule_id}:${step}:${keyPart}`, strategy: s.type, step, candidates: ids };
    }
    if (mode === 'random') return done(cands[Math.min(cands.length - 1, Math.floor(ctx.rng() * cands.length))]!, 'random pick');
    if (mode === 'least_load') {
      const u = cands.slice().sort((a, b) => a.load - b.load || (a.user_id < b.user_id ? -1 : 1))[0]!;
      return done(u, `lowest load ${u.load}`);
    }
    const weights = cands.map((u) => Math.max(0, u.weight ?? 1));
    const total = weights.reduce((a, b) => a + b, 0);
    if (total <= 0) { trail.push({ step, strategy: s.type, outcome: 'all weights are zero' }); continue; }
    let x = ctx.rng() * total;
    let i = 0;
    while (i < cands.length - 1 && x >= weights[i]!) x -= weights[i++]!;
    return done(cands[i]!, `weighted pick (weight ${weights[i]} of ${total})`);
  }
  if (rules.fallback_queue) return { ...base, kind: 'queued', queue: rules.fallback_queue, reason: 'no strategy found an eligible user' };
  return { ...base, kind: 'unassigned', reason: 'no strategy found an eligible user and no fallback queue is set' };
}

/** Completes a round-robin decision with the counter value the caller got from an atomic increment. */
export function applyTicket(d: AssignmentDecision, ticket: number, users: readonly Assignee[]): AssignmentDecision {
  if (d.kind !== 'needs_ticket') return d;
  const k = d.candidates.length;
  const id = d.candidates[((Math.trunc(ticket) % k) + k) % k]!;
  const trail = [...d.trail.slice(0, -1), { step: d.step, strategy: d.strategy, outcome: `assigned ${id}` }];
  const { counter_key: _k, kind: _kind, ...rest } = d;
  return { ...rest, trail, kind: 'assigned', user_id: id, team_id: users.find((u) => u.user_id === id)?.team_id ?? null, reason: `round robin ticket ${ticket} of ${k}` };
}

/** One assignment with in-memory counters (tests, dry runs): the counters map is updated. */
export function assignWithCounters(lead: AssignmentLead, rules: AssignmentRules, users: readonly Assignee[], ctx: AssignmentContext, counters: Map<string, number>): AssignmentDecision {
  const d = decideAssignment(lead, rules, users, ctx);
  if (d.kind !== 'needs_ticket') return d;
  const t = counters.get(d.counter_key) ?? 0;
  counters.set(d.counter_key, t + 1);
  return applyTicket(d, t, users);
}

export interface DryRunReport {
  total: number;
  per_user: Record<string, number>;
  queued: Record<string, number>;
  unassigned: number;
  by_strategy: Record<string, number>;
}

/**
 * Replays leads (each at its own time) against draft rules and reports the distribution.
 * Loads grow as the replay assigns, so least_load and capacity behave as they would have.
 */
export function dryRun(leads: readonly (AssignmentLead & { at: number })[], rules: AssignmentRules, users: readonly Assignee[], rng: () => number): DryRunReport {
  const sim = users.map((u) => ({ ...u }));
  const counters = new Map<string, number>();
  const report: DryRunReport = { total: 0, per_user: {}, queued: {}, unassigned: 0, by_strategy: {} };
  for (const id of rules.pool) report.per_user[id] = 0;
  for (const lead of leads) {
    report.total++;
    const d = assignWithCounters(lead, rules, sim, { now: lead.at, rng }, counters);
    if (d.kind === 'assigned') {
      report.per_user[d.user_id] = (report.per_user[d.user_id] ?? 0) + 1;
      report.by_strategy[d.strategy] = (report.by_strategy[d.strategy] ?? 0) + 1;
      const u = sim.find((x) => x.user_id === d.user_id);
      if (u) u.load++;
    } else if (d.kind === 'queued') report.queued[d.queue] = (report.queued[d.queue] ?? 0) + 1;
    else report.unassigned++;
  }
  return report;
}
