import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Assignee, AssignmentRules } from '../domain/assignment.js';
import { compareDryRun, selectLeads, type PastLead } from './dry-run.js';

const user = (id: string, extra: Partial<Assignee> = {}): Assignee => ({ user_id: id, status: 'active', time_zone: 'UTC', load: 0, ...extra });
const lead = (i: number, owner: string | null = null, tags: string[] = []): PastLead => ({ lead_id: `l${i}`, created_at: 1_000 + i, lead_data: {}, tags, assigned_to_user_id: owner });
const rr: AssignmentRules = { rule_id: 'rr', pool: ['a', 'b', 'c'], chain: [{ type: 'round_robin' }] };

test('round robin over N past leads splits them evenly and compares with the actual owners', () => {
  const leads = Array.from({ length: 9 }, (_, i) => lead(i, 'a'));
  const r = compareDryRun(leads, rr, [user('a'), user('b'), user('c')], { limit: 100 });
  assert.deepEqual(r.per_user, { a: 3, b: 3, c: 3 });
  assert.deepEqual(r.actual, { per_user: { a: 9 }, unassigned: 0 });
  assert.deepEqual(r.change, { a: -6, b: 3, c: 3 });
  assert.equal(r.window.leads, 9);
});

test('away users are skipped with the reason; a pool with no one left is queued with the reason', () => {
  const r = compareDryRun([lead(1), lead(2)], { ...rr, fallback_queue: 'backlog' }, [user('a', { status: 'away' }), user('b', { status: 'disabled' }), user('c', { status: 'away' })], { limit: 10 });
  assert.deepEqual(r.queued, { backlog: 2 });
  assert.deepEqual(r.not_assigned_reasons, { 'no strategy found an eligible user': 2 });
  assert.deepEqual(r.skipped, { a: { away: 2 }, b: { disabled: 2 }, c: { away: 2 } });
});

test('least_load starts from current loads without counting the replayed leads twice', () => {
  // a holds 4 open leads, 3 of them among the replayed ones: its load before the replay is 1.
  const leads = [lead(1, 'a'), lead(2, 'a'), lead(3, 'a')];
  const r = compareDryRun(leads, { rule_id: 'll', pool: ['a', 'b'], chain: [{ type: 'least_load' }] }, [user('a', { load: 4 }), user('b', { load: 2 })], { limit: 10 });
  assert.deepEqual(r.per_user, { a: 2, b: 1 });
});

test('window: the newest `limit` leads in [from, to), replayed oldest first', () => {
  const leads = Array.from({ length: 10 }, (_, i) => lead(i));
  assert.deepEqual(selectLeads(leads, { from: 1_002, to: 1_008, limit: 3 }).map((l) => l.lead_id), ['l5', 'l6', 'l7']);
});

test('property: every replayed lead is counted exactly once, and the same seed gives the same report', () => {
  fc.assert(fc.property(
    fc.array(fc.record({ owner: fc.constantFrom(null, 'a', 'b'), tag: fc.constantFrom('x', 'y') }), { maxLength: 40 }),
    fc.constantFrom<AssignmentRules['chain'][number]['type']>('round_robin', 'random', 'weighted', 'least_load'),
    fc.integer({ min: 0, max: 1000 }),
    (rows, type, seed) => {
      const leads = rows.map((r, i) => lead(i, r.owner, [r.tag]));
      const rules = { rule_id: 'p', pool: ['a', 'b', 'c'], chain: [{ type: 'skill', skills: ['x'] }, { type }], fallback_queue: 'q' } as AssignmentRules;
      const users = [user('a', { skills: ['x'], max_load: 5 }), user('b', { weight: 3 }), user('c', { status: 'away' })];
      const r = compareDryRun(leads, rules, users, { limit: 100 }, seed);
      const assigned = Object.values(r.per_user).reduce((s, n) => s + n, 0);
      assert.equal(assigned + r.unassigned + Object.values(r.queued).reduce((s, n) => s + n, 0), leads.length);
      assert.equal(r.per_user.c, 0);
      assert.deepEqual(compareDryRun(leads, rules, users, { limit: 100 }, seed), r);
    },
  ), { numRuns: 200 });
});
