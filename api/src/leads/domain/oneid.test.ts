import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  buildIdentityGraph, detectSharedNumbers, explainLink, IdentityOperationError, mergeIdentities, mergeProfile, previewMerge, resolveRecord, unmergeIdentity,
  type IdentityGraph, type IdentityRecord, type OneIdOptions,
} from './oneid.js';

const rec = (id: string, p: Partial<IdentityRecord>): IdentityRecord => ({ record_id: id, source: 'WEB_FORM', at: 1000, strategy: null, ...p });
const clusterSets = (g: IdentityGraph) => g.clusters.map((c) => c.record_ids.join(','));

test('oneid: same mobile links across sources with weight 1.0, and the link explains why', () => {
  const g = buildIdentityGraph([
    rec('r1', { mobile: '+8613800138001', name: '张三', source: 'CALLCENTER', at: 1 }),
    rec('r2', { mobile: '+8613800138001', name: '张三', source: 'WEWORK', at: 2 }),
    rec('r3', { mobile: '+8613800138002', name: '李四', source: 'CALLCENTER', at: 3 }),
  ]);
  assert.deepEqual(clusterSets(g), ['r1,r2', 'r3']);
  const why = explainLink(g, 'r2', 'r1');
  assert.deepEqual(why, [{ from: 'r1', to: 'r2', identifier: { kind: 'mobile', value: '+8613800138001' }, weight: 1, priority: 1, source: 'WEWORK', at: 2 }]);
  assert.equal(explainLink(g, 'r1', 'r3'), null);
});

test('oneid: chains across identifiers, weights and priorities of spec 003 §5.1 are reported', () => {
  const g = buildIdentityGraph([
    rec('a', { mobile: '+8613911112222' }),
    rec('b', { mobile: '+8613911112222', email: 'wang@corp.cn' }),
    rec('c', { email: 'WANG@corp.cn', unionid: 'oX1' }),
    rec('d', { unionid: 'oX1' }),
  ]);
  assert.deepEqual(clusterSets(g), ['a,b,c,d']);
  assert.deepEqual(explainLink(g, 'a', 'd')!.map((l) => [l.identifier.kind, l.weight]), [['mobile', 1], ['email', 0.9], ['unionid', 0.95]]);
});

test('oneid: name+company (0.7) is a suggestion for review, not a merge, unless the threshold allows it', () => {
  const rs = [rec('a', { name: '王五', company: 'XX金融公司' }), rec('b', { name: '王 五', company: 'xx金融公司' })];
  const g = buildIdentityGraph(rs);
  assert.deepEqual(clusterSets(g), ['a', 'b']);
  assert.equal(g.suggestions.length, 1);
  assert.equal(g.suggestions[0]!.identifier.kind, 'name_company');
  assert.deepEqual(clusterSets(buildIdentityGraph(rs, { autoMergeThreshold: 0.7 })), ['a,b']);
});

test('oneid: a shared number (FAQ Q2) links only together with the name', () => {
  const m = '+862161234567';
  const g = buildIdentityGraph([
    rec('a', { mobile: m, name: '张三' }), rec('b', { mobile: m, name: '李四' }), rec('c', { mobile: m, name: '张 三' }), rec('d', { mobile: m }),
  ]);
  assert.deepEqual(g.sharedNumbers, [{ mobile: m, names: ['张三', '李四'] }]);
  assert.deepEqual(clusterSets(g), ['a,c', 'b', 'd']);
  const d = resolveRecord(rec('e', { mobile: m, name: '王五' }), [rec('a', { mobile: m, name: '张三' })]);
  assert.equal(d.kind, 'new');
  assert.equal(d.shared_number, true);
  assert.deepEqual(d.split_identities, []);
});

test('oneid: a record revealing a shared number splits the identity that number had joined', () => {
  const m = '+862161234567';
  const existing = [rec('a', { mobile: m, name: '张三' }), rec('b', { mobile: m })];
  assert.deepEqual(clusterSets(buildIdentityGraph(existing)), ['a,b']);
  const d = resolveRecord(rec('c', { mobile: m, name: '李四' }), existing);
  assert.equal(d.kind, 'new');
  assert.deepEqual(d.split_identities, ['a']);
});

test('oneid: junk identifiers never link; they are reported', () => {
  const g = buildIdentityGraph([
    rec('a', { mobile: '+8613800000000', email: 'test@test.com', unionid: '0', name: '测试', company: 'x' }),
    rec('b', { mobile: '+8613800000000', email: 'test@test.com', unionid: '0', name: '测试', company: 'x' }),
  ]);
  assert.deepEqual(clusterSets(g), ['a', 'b']);
  assert.deepEqual(g.junk.filter((j) => j.record_id === 'a').map((j) => j.kind), ['mobile', 'email', 'unionid']);
});

test('oneid: deduplication_strategy limits the identifiers a scene links by', () => {
  const base = { mobile: '+8613800138001', email: 'li@corp.cn' };
  const by = (sa: IdentityRecord['strategy'], sb: IdentityRecord['strategy'], pb = base) => clusterSets(buildIdentityGraph([rec('a', { ...base, strategy: sa }), rec('b', { ...pb, strategy: sb })]));
  assert.deepEqual(by('NO_CHECK', null), ['a', 'b']);
  assert.deepEqual(by('BY_EMAIL', 'BY_PHONE'), ['a', 'b']);
  assert.deepEqual(by('BY_PHONE', null, { mobile: base.mobile, email: 'other@corp.cn' }), ['a,b']);
  assert.deepEqual(by('BY_PHONE', null, { mobile: '+8613800138009', email: base.email }), ['a', 'b']);
  assert.deepEqual(by('BY_PHONE_OR_EMAIL', 'BY_PHONE_OR_EMAIL', { mobile: '+8613800138009', email: base.email }), ['a,b']);
});

test('oneid: two different unionids are two people: the bridging link is refused as a conflict', () => {
  const d = resolveRecord(rec('c', { mobile: '+8613800138001', unionid: 'oB' }), [rec('a', { mobile: '+8613800138001', unionid: 'oA' })]);
  assert.equal(d.kind, 'conflict');
  assert.equal(d.conflicts[0]!.reason, 'unique_identifier_conflict');
});

test('oneid: resolve reports match, merge of two identities, and the rule that fired', () => {
  const existing = [rec('a', { mobile: '+8613800138001' }), rec('b', { email: 'li@corp.cn' })];
  const m = resolveRecord(rec('c', { mobile: '+8613800138001' }), existing);
  assert.deepEqual([m.kind, m.identity_id, m.matched_identities, m.matched_by], ['match', 'a', ['a'], { kind: 'mobile', weight: 1 }]);
  const mg = resolveRecord(rec('0', { mobile: '+8613800138001', email: 'li@corp.cn' }), existing);
  assert.deepEqual([mg.kind, mg.identity_id, mg.matched_identities], ['merge', '0', ['a', 'b']]);
  assert.equal(resolveRecord(rec('z', { mobile: '+8613800138555' }), existing).kind, 'new');
});

test('field conflicts follow FAQ Q3: name latest, job title WeWork, mobile call centre, company for review', () => {
  const p = mergeProfile([
    rec('cc', { source: 'CALLCENTER', at: 300, name: '张三丰', mobile: '+8613800138001', company: 'XX金融公司', attributes: { job_title: '经理', region: '' } }),
    rec('ww', { source: 'WEWORK', at: 100, name: '张三', mobile: '+8613800138009', company: 'XX金融有限公司', attributes: { job_title: 'CFO', region: '上海' } }),
    rec('wf', { source: 'WEB_FORM', at: 200, name: '', company: 'xx金融公司' }),
  ]);
  assert.deepEqual(p.profile, { company: 'XX金融有限公司', job_title: 'CFO', mobile: '+8613800138001', name: '张三丰', region: '上海' });
  assert.equal(p.provenance.company!.rule, 'manual');
  assert.deepEqual(p.reviews, [{ field: 'company', values: [{ value: 'XX金融有限公司', record_id: 'ww', source: 'WEWORK' }, { value: 'xx金融公司', record_id: 'wf', source: 'WEB_FORM' }] }]);
});

test('merge preview, merge and unmerge; unionid conflicts block a manual merge', () => {
  const rs = [rec('a', { mobile: '+8613800138001', unionid: 'oA' }), rec('b', { email: 'li@corp.cn' }), rec('c', { unionid: 'oC' })];
  const pv = previewMerge(rs, {}, 'b', 'a');
  assert.deepEqual([pv.survivor_id, pv.absorbed_id, pv.record_ids, pv.blocked], ['a', 'b', ['a', 'b'], null]);
  const merged = mergeIdentities(rs, {}, 'a', 'b', 'u1', 5);
  assert.deepEqual(clusterSets(buildIdentityGraph(rs, merged)), ['a,b', 'c']);
  assert.equal(explainLink(buildIdentityGraph(rs, merged), 'a', 'b')![0]!.identifier.kind, 'manual');
  assert.throws(() => mergeIdentities(rs, {}, 'a', 'c', 'u1', 5), (e: unknown) => e instanceof IdentityOperationError && e.code === 'MERGE_BLOCKED');
  assert.throws(() => unmergeIdentity(rs, merged, 'a', ['a', 'b'], 'u1', 6), (e: unknown) => e instanceof IdentityOperationError && e.code === 'BAD_SIDES');
  // An automatic identity can be split too, and stays split when more evidence of the same kind arrives.
  const auto = [rec('p', { mobile: '+8613800138001' }), rec('q', { mobile: '+8613800138001' })];
  const split = unmergeIdentity(auto, {}, 'p', ['q'], 'u1', 7);
  assert.deepEqual(clusterSets(buildIdentityGraph(auto, split)), ['p', 'q']);
  const d = resolveRecord(rec('r', { mobile: '+8613800138001' }), auto, split);
  assert.deepEqual([d.kind, d.identity_id], ['match', 'p']);
  const g = buildIdentityGraph([...auto, rec('r', { mobile: '+8613800138001' })], split);
  assert.deepEqual(clusterSets(g), ['p,r', 'q']);
  assert.deepEqual(g.refused.map((l) => [l.from, l.to, l.reason]), [['p', 'q', 'separated'], ['q', 'r', 'separated']]);
});

// ---- properties -------------------------------------------------------------------------

const mobiles = ['+8613800138001', '+8613911112222', '+862161234567', '+8613800000000', '+8611111111111'];
const emails = ['li@corp.cn', 'wang@corp.cn', 'test@test.com'];
const arbRecord = (i: number) => fc.record({
  mobile: fc.option(fc.constantFrom(...mobiles), { nil: undefined }),
  email: fc.option(fc.constantFrom(...emails), { nil: undefined }),
  unionid: fc.option(fc.constantFrom('oA', 'oB', '0'), { nil: undefined }),
  name: fc.option(fc.constantFrom('张三', '李四', '测试'), { nil: undefined }),
  company: fc.option(fc.constantFrom('XX金融', 'YY科技'), { nil: undefined }),
  strategy: fc.constantFrom(null, 'NO_CHECK', 'BY_PHONE', 'BY_EMAIL', 'BY_PHONE_OR_EMAIL', 'ONEID') as fc.Arbitrary<IdentityRecord['strategy']>,
  source: fc.constantFrom('CALLCENTER', 'WEWORK', 'WEB_FORM'),
  at: fc.integer({ min: 0, max: 50 }),
}).map((p): IdentityRecord => ({ record_id: `r${String(i).padStart(2, '0')}`, ...p }));
const arbRecords = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbRecord(i))));

test('property: any permutation of the same records gives the same clusters, links and profiles', () => {
  fc.assert(fc.property(arbRecords.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))), ([rs, shuffled]) => {
    const a = buildIdentityGraph(rs);
    const b = buildIdentityGraph(shuffled);
    assert.deepEqual(a.clusters, b.clusters);
    assert.deepEqual(a.links, b.links);
    assert.deepEqual(a.refused, b.refused);
    for (const c of a.clusters) {
      const members = (list: IdentityRecord[]) => list.filter((r) => c.record_ids.includes(r.record_id));
      assert.deepEqual(mergeProfile(members(rs)), mergeProfile(members(shuffled).reverse()));
    }
  }), { numRuns: 300 });
});

test('property: junk identifiers never cause a merge', () => {
  const junkOnly = fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fc.record({
    mobile: fc.constantFrom('+8613800000000', '+8611111111111', '+8612345678901', undefined),
    email: fc.constantFrom('test@test.com', 'a@a.com', undefined),
    unionid: fc.constantFrom('0', '', 'null', undefined),
    name: fc.constantFrom('测试', 'test', undefined),
    company: fc.constantFrom('XX', undefined),
  }).map((p): IdentityRecord => ({ record_id: `j${i}`, source: 'WEB_FORM', at: i, strategy: null, ...p })))));
  fc.assert(fc.property(junkOnly, (rs) => {
    const g = buildIdentityGraph(rs, { autoMergeThreshold: 0.5 });
    assert.equal(g.clusters.length, rs.length);
    assert.equal(g.suggestions.length, 0);
  }), { numRuns: 200 });
});

test('property: unmerge(merge(a, b)) restores a and b and every other identity', () => {
  fc.assert(fc.property(arbRecords, fc.nat(), fc.nat(), (rs, i, j) => {
    const opts: OneIdOptions = {};
    const g0 = buildIdentityGraph(rs, opts);
    if (g0.clusters.length < 2) return;
    const a = g0.clusters[i % g0.clusters.length]!;
    const b = g0.clusters[(i % g0.clusters.length + 1 + (j % (g0.clusters.length - 1))) % g0.clusters.length]!;
    if (previewMerge(rs, opts, a.identity_id, b.identity_id).blocked) return;
    const merged = mergeIdentities(rs, opts, a.identity_id, b.identity_id, 'u', 1);
    const g1 = buildIdentityGraph(rs, merged);
    const mergedId = g1.clusterOf.get(a.identity_id)!;
    assert.equal(g1.clusterOf.get(b.identity_id), mergedId);
    const restored = unmergeIdentity(rs, merged, mergedId, a.record_ids, 'u', 2);
    const g2 = buildIdentityGraph(rs, restored);
    assert.deepEqual(g2.clusters, g0.clusters);
    const profile = (g: IdentityGraph, id: string) => mergeProfile(rs.filter((r) => g.clusterOf.get(r.record_id) === id));
    assert.deepEqual(profile(g2, a.identity_id), profile(g0, a.identity_id));
    assert.deepEqual(profile(g2, b.identity_id), profile(g0, b.identity_id));
  }), { numRuns: 300 });
});

test('property: resolving records one at a time against index-loaded candidates agrees with the whole-set graph', () => {
  // The I/O contract of README step 2: candidates = every record of every identity that shares an
  // identifier with the new record, plus every record holding its mobile, plus the shared-number flags.
  fc.assert(fc.property(arbRecords, (rs) => {
    const seen: IdentityRecord[] = [];
    for (const r of rs) {
      const g = buildIdentityGraph(seen);
      const shares = (o: IdentityRecord) => (!!r.mobile && o.mobile === r.mobile) || (!!r.email && o.email === r.email) || (!!r.unionid && o.unionid === r.unionid) || (!!r.name && !!r.company && o.name === r.name && o.company === r.company);
      const ids = new Set(seen.filter(shares).map((o) => g.clusterOf.get(o.record_id)));
      const candidates = seen.filter((o) => ids.has(g.clusterOf.get(o.record_id)) || (!!r.mobile && o.mobile === r.mobile));
      const sharedMobiles = new Set(detectSharedNumbers([...seen, r]).keys());
      const d = resolveRecord(r, candidates, { sharedMobiles });
      seen.push(r);
      const whole = buildIdentityGraph(seen);
      assert.equal(d.identity_id, whole.clusterOf.get(r.record_id));
      const cluster = whole.clusters.find((c) => c.identity_id === d.identity_id)!;
      assert.deepEqual(buildIdentityGraph(candidates.concat(r), { sharedMobiles }).clusters.find((c) => c.identity_id === d.identity_id)!.record_ids, cluster.record_ids);
    }
  }), { numRuns: 300 });
});
