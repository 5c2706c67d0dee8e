// Assignment dry run (issue 5 item 6): replays a scene's past leads against draft rules and
// compares the resulting distribution with the one the leads actually have. Pure: the route loads
// the leads and the assignees; the replay uses its own counters and a seeded random source, so
// it never moves a live round-robin counter and the same request gives the same report.
import { assignWithCounters, type AssignmentRules, type Assignee, type DryRunReport, type SkipReason } from '../domain/assignment.js';

export interface PastLead {
  lead_id: string;
  created_at: number;
  lead_data: { region?: string | null; lead_value?: number | null };
  tags: string[];
  assigned_to_user_id: string | null;
}

export interface DryRunWindow {
  from?: number;
  to?: number;
  limit: number;
}

export interface DryRunComparison extends DryRunReport {
  /** Why leads were queued or left unassigned (the decision's reason), with counts. */
  not_assigned_reasons: Record<string, number>;
  /** Users passed over, per user and reason, summed over the replay (why someone got fewer). */
  skipped: Record<string, Partial<Record<SkipReason, number>>>;
  window: { from: string | null; to: string | null; leads: number };
  /** How the same leads are assigned now (null key = unassigned). */
  actual: { per_user: Record<string, number>; unassigned: number };
  /** draft − actual per user, over every user either side names. */
  change: Record<string, number>;
}

/** mulberry32: a seeded uniform source, so a dry run is reproducible. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The newest `limit` leads inside the window, replayed oldest first (the order they arrived in). */
export function selectLeads(leads: readonly PastLead[], w: DryRunWindow): PastLead[] {
  return leads
    .filter((l) => (w.from === undefined || l.created_at >= w.from) && (w.to === undefined || l.created_at < w.to))
    .sort((a, b) => b.created_at - a.created_at || (a.lead_id < b.lead_id ? 1 : -1))
    .slice(0, w.limit)
    .reverse();
}

/**
 * Loads start from the assignees' current open-lead counts minus the replayed leads they hold,
 * so the replay does not count the same leads twice when least_load or capacity apply.
 */
export function compareDryRun(leads: readonly PastLead[], rules: AssignmentRules, users: readonly Assignee[], w: DryRunWindow, seed = 1): DryRunComparison {
  const picked = selectLeads(leads, w);
  const held = new Map<string, number>();
  for (const l of picked) if (l.assigned_to_user_id) held.set(l.assigned_to_user_id, (held.get(l.assigned_to_user_id) ?? 0) + 1);
  const base = users.map((u) => ({ ...u, load: Math.max(0, u.load - (held.get(u.user_id) ?? 0)) }));
  // The domain's dryRun loop, keeping the reasons it drops; loads grow as the replay assigns.
  const rng = seededRng(seed);
  const counters = new Map<string, number>();
  const report: DryRunReport = { total: 0, per_user: {}, queued: {}, unassigned: 0, by_strategy: {} };
  const not_assigned_reasons: Record<string, number> = {};
  const skipped: DryRunComparison['skipped'] = {};
  for (const id of rules.pool) report.per_user[id] = 0;
  for (const l of picked) {
    report.total++;
    const d = assignWithCounters({ lead_id: l.lead_id, region: l.lead_data.region ?? null, lead_value: l.lead_data.lead_value ?? null, tags: l.tags }, rules, base, { now: l.created_at, rng }, counters);
    for (const s of d.skipped) (skipped[s.user_id] ??= {})[s.reason] = (skipped[s.user_id]?.[s.reason] ?? 0) + 1;
    if (d.kind === 'assigned') {
      report.per_user[d.user_id] = (report.per_user[d.user_id] ?? 0) + 1;
      report.by_strategy[d.strategy] = (report.by_strategy[d.strategy] ?? 0) + 1;
      const u = base.find((x) => x.user_id === d.user_id);
      if (u) u.load++;
    } else {
      if (d.kind === 'queued') report.queued[d.queue] = (report.queued[d.queue] ?? 0) + 1;
      else report.unassigned++;
      const why = d.kind === 'needs_ticket' ? 'needs_ticket' : d.reason;
      not_assigned_reasons[why] = (not_assigned_reasons[why] ?? 0) + 1;
    }
  }
  const actual = { per_user: {} as Record<string, number>, unassigned: 0 };
  for (const l of picked) {
    if (l.assigned_to_user_id) actual.per_user[l.assigned_to_user_id] = (actual.per_user[l.assigned_to_user_id] ?? 0) + 1;
    else actual.unassigned++;
  }
  const change: Record<string, number> = {};
  for (const id of new Set([...Object.keys(report.per_user), ...Object.keys(actual.per_user)])) change[id] = (report.per_user[id] ?? 0) - (actual.per_user[id] ?? 0);
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return { ...report, not_assigned_reasons, skipped, window: { from: iso(w.from), to: iso(w.to), leads: picked.length }, actual, change };
}
