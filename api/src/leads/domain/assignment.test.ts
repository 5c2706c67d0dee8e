import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyTicket, assignWithCounters, decideAssignment, dryRun, isOnDuty, validateAssignmentRules, type Assignee, type AssignmentRules } from './assignment.js';

const u = (user_id: string, p: Partial<Assignee> = {}): Assignee => ({ user_id, status: 'active', time_zone: 'Asia/Shanghai', load: 0, ...p });
const seq = (xs: number[]) => { let i = 0; return () => xs[i++ % xs.length]!; };
// Wednesday 2026-12-02 10:00 in Shanghai (02:00 UTC).
const WED_10_SH = Date.UTC(2026, 11, 2, 2, 0);
const ctx = { now: WED_10_SH, rng: seq([0.5]) };
const rr = (pool: string[], extra: Partial<AssignmentRules> = {}): AssignmentRules => ({ rule_id: 'r1', pool, chain: [{ type: 'round_robin' }], ...extra });

test('round robin: N assignments over K users give each floor(N/K) or ceil(N/K)', () => {
  const users = ['a', 'b', 'c'].map((id) => u(id));
  const counters = new Map<string, number>();
  const counts: Record<string, number> = {};
  for (let i = 0; i < 10; i++) {
    const d = assignWithCounters({ lead_id: `l${i}` }, rr(['c', 'a', 'b']), users, ctx, counters);
    assert.equal(d.kind, 'assigned');
    if (d.kind === 'assigned') counts[d.user_id] = (counts[d.user_id] ?? 0) + 1;
  }
  assert.deepEqual(counts, { a: 4, b: 3, c: 3 });
});

test('round robin is two-phase: the caller increments the named counter and applies the ticket', () => {
  const users = ['a', 'b'].map((id) => u(id));
  const d = decideAssignment({ lead_id: 'l' }, rr(['a', 'b']), users, ctx);
  assert.equal(d.kind, 'needs_ticket');
  if (d.kind !== 'needs_ticket') return;
  assert.equal(d.counter_key, 'r1:0:all');
  const done = applyTicket(d, 7, users);
  assert.equal(done.kind === 'assigned' && done.user_id, 'b');
  assert.equal(done.trail.at(-1)!.outcome, 'assigned b');
});

test('eligibility: away, disabled, at capacity and off-hours users are skipped with reasons', () => {
  const users = [
    u('away', { status: 'away' }), u('gone', { status: 'disabled' }), u('full', { load: 5, max_load: 5 }),
    u('ny', { time_zone: 'America/New_York', working_hours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }] }),
    u('sh', { working_hours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }] }),
  ];
  const d = assignWithCounters({ lead_id: 'l' }, rr(['away', 'gone', 'full', 'ny', 'sh', 'ghost']), users, ctx, new Map());
  assert.equal(d.kind === 'assigned' && d.user_id, 'sh');
  assert.deepEqual(d.skipped, [{ user_id: 'away', reason: 'away' }, { user_id: 'full', reason: 'at_capacity' }, { user_id: 'ghost', reason: 'unknown_user' }, { user_id: 'gone', reason: 'disabled' }, { user_id: 'ny', reason: 'off_hours' }]);
});

test('working hours are read in the user time zone, including overnight windows', () => {
  const night = u('n', { time_zone: 'Asia/Shanghai', working_hours: [{ days: [2], start: '22:00', end: '06:00' }] });
  assert.equal(isOnDuty(night, Date.UTC(2026, 11, 1, 15, 0)), true); // Tue 23:00 Shanghai
  assert.equal(isOnDuty(night, Date.UTC(2026, 11, 1, 21, 0)), true); // Wed 05:00 Shanghai, Tuesday's shift
  assert.equal(isOnDuty(night, Date.UTC(2026, 11, 2, 21, 0)), false); // Thu 05:00: Wednesday had no shift
  const ny = u('ny', { time_zone: 'America/New_York', working_hours: [{ days: [3], start: '09:00', end: '17:00' }] });
  assert.equal(isOnDuty(ny, Date.UTC(2026, 11, 2, 15, 0)), true); // Wed 10:00 New York
  assert.equal(isOnDuty(ny, WED_10_SH), false); // Tue 21:00 New York
});

test('fallback chain: region, then skill, then value tier, then a queue; each step explained', () => {
  const users = [u('east', { regions: ['上海'], skills: ['保险'] }), u('north', { regions: ['北京'], skills: ['贷款'] }), u('vip', { skills: ['贷款'], load: 3 }), u('vip2', { load: 1 })];
  const rules: AssignmentRules = {
    rule_id: 'r', pool: ['east', 'north', 'vip', 'vip2'], fallback_queue: 'triage',
    chain: [{ type: 'region', then: 'least_load' }, { type: 'skill', then: 'least_load' }, { type: 'value', tiers: [{ min: 100000, user_ids: ['vip', 'vip2'] }], then: 'least_load' }],
  };
  const go = (lead: Parameters<typeof decideAssignment>[0]) => decideAssignment(lead, rules, users, ctx);
  const a = go({ lead_id: '1', region: '北京' });
  assert.equal(a.kind === 'assigned' && `${a.user_id}/${a.strategy}`, 'north/region');
  const b = go({ lead_id: '2', region: '深圳', tags: ['贷款'] });
  assert.equal(b.kind === 'assigned' && `${b.user_id}/${b.strategy}`, 'north/skill');
  assert.deepEqual(b.trail.map((t) => t.outcome), ['no eligible user (region 深圳)', 'assigned north']);
  const c = go({ lead_id: '3', lead_value: 250000 });
  assert.equal(c.kind === 'assigned' && `${c.user_id}/${c.strategy}/${c.reason}`, 'vip2/value/value 250000 in tier 0; lowest load 1');
  const q = go({ lead_id: '4', lead_value: 10 });
  assert.deepEqual([q.kind, q.kind === 'queued' && q.queue, q.trail.length], ['queued', 'triage', 3]);
  assert.equal(decideAssignment({ lead_id: '5' }, { ...rules, fallback_queue: null }, users, ctx).kind, 'unassigned');
});

test('random and weighted use the injected random source; weighted follows the weights', () => {
  const users = [u('a', { weight: 1 }), u('b', { weight: 3 })];
  const r = decideAssignment({ lead_id: 'l' }, { rule_id: 'r', pool: ['a', 'b'], chain: [{ type: 'random' }] }, users, { now: WED_10_SH, rng: () => 0.99 });
  assert.equal(r.kind === 'assigned' && r.user_id, 'b');
  const picks = { a: 0, b: 0 };
  for (let i = 0; i < 400; i++) {
    const d = decideAssignment({ lead_id: 'l' }, { rule_id: 'r', pool: ['a', 'b'], chain: [{ type: 'weighted' }] }, users, { now: WED_10_SH, rng: () => i / 400 });
    if (d.kind === 'assigned') picks[d.user_id as 'a' | 'b']++;
  }
  assert.deepEqual(picks, { a: 100, b: 300 });
});

test('dry run replays leads at their own times and reports the distribution', () => {
  const users = [u('a', { working_hours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }] }), u('b')];
  const leads = [0, 1, 2, 3].map((i) => ({ lead_id: `d${i}`, at: WED_10_SH })).concat([{ lead_id: 'night', at: WED_10_SH + 12 * 3600_000 }]);
  const rep = dryRun(leads, rr(['a', 'b'], { fallback_queue: 'q' }), users, seq([0]));
  assert.deepEqual(rep, { total: 5, per_user: { a: 2, b: 3 }, queued: {}, unassigned: 0, by_strategy: { round_robin: 5 } });
});

test('rule validation names unknown users and bad strategies', () => {
  const errs = validateAssignmentRules({ rule_id: 'r', pool: ['a', 'x'], chain: [{ type: 'fifo' }, { type: 'value', tiers: [{ min: 5, max: 1, user_ids: ['y'] }] }, { type: 'region', then: 'magic' }] }, new Set(['a']));
  assert.deepEqual(errs.map((e) => e.path), ['pool[1]', 'chain[0].type', 'chain[1].tiers[0].user_ids[0]', 'chain[1].tiers[0]', 'chain[2].then']);
});

test('property: round robin through any sequence of eligible-set changes is fair within each stable set', () => {
  const ids = ['u1', 'u2', 'u3', 'u4', 'u5'];
  const phases = fc.array(fc.record({ away: fc.subarray(ids, { maxLength: 4 }), n: fc.integer({ min: 1, max: 25 }) }), { minLength: 1, maxLength: 8 });
  fc.assert(fc.property(phases, (ps) => {
    const counters = new Map<string, number>();
    for (const p of ps) {
      const users = ids.map((id) => u(id, { status: p.away.includes(id) ? 'away' : 'active' }));
      const counts = new Map(ids.filter((id) => !p.away.includes(id)).map((id) => [id, 0]));
      for (let i = 0; i < p.n; i++) {
        const d = assignWithCounters({ lead_id: String(i) }, rr(ids), users, ctx, counters);
        assert.equal(d.kind, 'assigned');
        if (d.kind === 'assigned') counts.set(d.user_id, counts.get(d.user_id)! + 1);
      }
      const v = [...counts.values()];
      assert.ok(Math.max(...v) - Math.min(...v) <= 1, JSON.stringify([...counts]));
      assert.equal(v.reduce((a, b) => a + b, 0), p.n);
    }
  }), { numRuns: 300 });
});

test('validation: null steps and tiers in raw JSON are reported, not thrown', () => {
  assert.deepEqual(validateAssignmentRules({ rule_id: 'r', pool: [], chain: [null, { type: 'value', tiers: [null] }] }).map((e) => e.path), ['chain[0]', 'chain[1].tiers[0]']);
});
