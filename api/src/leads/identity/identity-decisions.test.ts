import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildIdentityGraph, explainLink, mergeIdentities, resolveRecord, unmergeIdentity, type IdentityRecord, type OneIdOptions } from '../domain/oneid.js';
import { diffOptions, explainPair, optionsTouching, reviewId, reviewsOf, separatedPair, tagLeadData, type StoredAction } from './identity-decisions.js';

const rec = (id: string, o: Partial<IdentityRecord> = {}): IdentityRecord => ({ record_id: id, source: 'WEB_FORM', at: Number(id.slice(1)) || 1, strategy: null, ...o });
const hash = (k: string, v: string) => `h(${k}:${v.length})`;

test('optionsTouching keeps only the actions that name one of the records', () => {
  const actions: StoredAction[] = [
    { type: 'link', id: 'l1', reason: '', a: 'r1', b: 'r2', at: 1, by: 'u' },
    { type: 'link', id: 'l2', reason: '', a: 'r8', b: 'r9', at: 1, by: 'u' },
    { type: 'separation', id: 's1', reason: '', side_a: ['r3'], side_b: ['r4', 'r5'], at: 1, by: 'u' },
  ];
  const o = optionsTouching(actions, new Set(['r2', 'r5']));
  assert.deepEqual(o.manualLinks.map((l) => (l as StoredAction).id), ['l1']);
  assert.deepEqual(o.separations.map((s) => (s as StoredAction).id), ['s1']);
  assert.deepEqual(optionsTouching(actions, new Set(['r7'])), { manualLinks: [], separations: [] });
});

test('diffOptions finds what merge and unmerge added and removed, so stored ids can be deleted', () => {
  const records = [rec('r1', { mobile: '+8613790461827' }), rec('r2', { mobile: '+8613790461827' }), rec('r3', { email: 'a@corp.cn' })];
  const sep: StoredAction = { type: 'separation', id: 's1', reason: '', side_a: ['r1'], side_b: ['r3'], at: 1, by: 'u' };
  const before: OneIdOptions = { separations: [sep as Extract<StoredAction, { type: 'separation' }>] };
  const merged = mergeIdentities(records, before, 'r1', 'r3', 'u', 5);
  const d = diffOptions(before, merged);
  assert.equal(d.added.length, 1);
  assert.deepEqual(d.removed, [sep], 'the separation the merge lifts');
  const split = unmergeIdentity(records, merged, 'r1', ['r3'], 'u', 6);
  const d2 = diffOptions(merged, split);
  assert.equal(d2.removed.length, 1, 'the manual link across the sides');
  assert.ok('side_a' in d2.added[0]!);
  assert.deepEqual(diffOptions(split, split), { added: [], removed: [] });
});

test('reviewsOf queues suggestions not already separated and unionid conflicts, never separation refusals', () => {
  const a = rec('r1', { name: '钱二', company: '乙公司', mobile: '+8613851739264' });
  const b = rec('r2', { name: '钱二', company: '乙公司', mobile: '+8613962840571' });
  const d = resolveRecord(b, [a]);
  const items = reviewsOf('r2', d, [], hash, 9);
  assert.equal(items.length, 1);
  assert.deepEqual([items[0]!.kind, items[0]!.identifier, items[0]!.weight, items[0]!.record_a, items[0]!.record_b], ['suggestion', 'name_company', 0.7, 'r1', 'r2']);
  assert.ok(!JSON.stringify(items).includes('钱二'), 'no identifier value in clear');
  assert.deepEqual(reviewsOf('r2', d, [{ side_a: ['r2'], side_b: ['r1'], at: 1, by: 'u' }], hash, 9), []);

  const u1 = rec('r3', { unionid: 'wx_aaa1', mobile: '+8613318462975' });
  const u2 = rec('r4', { unionid: 'wx_bbb2', mobile: '+8613318462975' });
  const c = reviewsOf('r4', resolveRecord(u2, [u1]), [], hash, 9);
  assert.deepEqual(c.map((x) => [x.kind, x.reason]), [['conflict', 'unique_identifier_conflict']]);

  const s = resolveRecord(rec('r6', { mobile: '+8613318462976' }), [rec('r5', { mobile: '+8613318462976' })], { separations: [{ side_a: ['r5'], side_b: ['r6'], at: 1, by: 'u' }] });
  assert.equal(s.conflicts[0]?.reason, 'separated');
  assert.deepEqual(reviewsOf('r6', s, [], hash, 9), []);
});

test('reviewId is the same for a pair in either order and differs by kind', () => {
  assert.equal(reviewId('suggestion', 'a', 'b', 'name_company'), reviewId('suggestion', 'b', 'a', 'name_company'));
  assert.notEqual(reviewId('suggestion', 'a', 'b', 'name_company'), reviewId('conflict', 'a', 'b', 'name_company'));
  assert.ok(separatedPair([{ side_a: ['x'], side_b: ['y', 'z'], at: 1, by: 'u' }], 'z', 'x'));
  assert.ok(!separatedPair([{ side_a: ['x'], side_b: ['y', 'z'], at: 1, by: 'u' }], 'y', 'z'));
});

test('explainPair: the path when one, else separated / below threshold / nothing shared', () => {
  const recs = [rec('r1', { mobile: '+8613790461827' }), rec('r2', { mobile: '+8613790461827' }), rec('r3', { name: '钱二', company: '乙公司' }), rec('r4', { name: '钱二', company: '乙公司' }), rec('r5', { email: 'x@corp.cn' })];
  const g = buildIdentityGraph(recs);
  const one = explainPair(g, explainLink(g, 'r1', 'r2'), 'r1', 'r2');
  assert.ok(one.same && one.path[0]!.identifier.kind === 'mobile');
  assert.deepEqual(explainPair(g, null, 'r3', 'r4'), { same: false, reason: 'below_auto_merge_threshold', links: g.suggestions });
  assert.deepEqual(explainPair(g, null, 'r1', 'r5'), { same: false, reason: 'no_shared_identifier', links: [] });
  const gs = buildIdentityGraph(recs, { separations: [{ side_a: ['r1'], side_b: ['r2'], at: 1, by: 'u' }] });
  const sep = explainPair(gs, explainLink(gs, 'r1', 'r2'), 'r1', 'r2');
  assert.ok(!sep.same && sep.reason === 'separated');
});

test('tagLeadData fills what the lead lacks from the identity profile, never contact fields, own values win', () => {
  const out = tagLeadData({ name: '李四', phone: '+8613628407153' }, { name: '孙三', company: '丙公司', mobile: '+8613573920184', email: 'a@b.cn', job_title: 'CTO' });
  assert.deepEqual(out, { name: '李四', phone: '+8613628407153', company: '丙公司', job_title: 'CTO' });
  assert.deepEqual(tagLeadData({ name: 'x' }, null), { name: 'x' });
});
