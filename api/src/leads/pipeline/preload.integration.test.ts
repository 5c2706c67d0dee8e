// LeadStore.preload (one Lua step) must give the worker exactly what the step-by-step reads gave:
// candidates() and PipelineOneId.open + options(). Random identity indexes (shared identifiers,
// members not matched directly, members without a record, the lead itself indexed, manual links,
// separations, stale action ids) on real Redis, compared read for read.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { encryptPii, piiKeysFromHex } from '../../../../common/pii.js';
import { testConfig } from '../../../../test/support/services.js';
import type { StoredAction } from '../identity/identity-decisions.js';
import { oneIdKeys, PipelineOneId, queueAction } from '../identity/identity-store.js';
import { leadKeys, LeadStore } from './lead-store.js';

const pii = piiKeysFromHex(randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
let redis: Redis;
let store: LeadStore;

before(() => {
  redis = new Redis(testConfig().redisUrl);
  store = new LeadStore(redis, pii, 'test', `cunke:test:feed:${randomBytes(4).toString('hex')}`);
});

after(async () => {
  redis.disconnect();
});

const SELF = 'ld_self';
const ids = ['ld_a', 'ld_b', 'ld_c', 'ld_d', 'ld_e', 'ld_f', SELF];
const keys = ['k1', 'k2', 'k3', 'k4'];

const world = fc.record({
  index: fc.array(fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...ids)), { maxLength: 12 }),
  identityOf: fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom('ld_a', 'ld_c', 'ld_e')), { maxLength: 8 }),
  members: fc.array(fc.tuple(fc.constantFrom('ld_a', 'ld_c', 'ld_e'), fc.constantFrom(...ids)), { maxLength: 12 }),
  sealed: fc.subarray(ids),
  /** A record stored under another key than its record_id: the preload must not guess its actions. */
  renamed: fc.boolean(),
  links: fc.array(fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)), { maxLength: 3 }),
  separations: fc.array(fc.tuple(fc.subarray(ids, { minLength: 1 }), fc.subarray(ids, { minLength: 1 })), { maxLength: 2 }),
  staleAction: fc.option(fc.constantFrom(...ids), { nil: undefined }),
  query: fc.subarray(keys),
  exists: fc.boolean(),
  epoch: fc.option(fc.nat(9), { nil: undefined }),
});

test('preload reads what exists, the epoch, candidates() and the operator options would, in the same order', async () => {
  await fc.assert(fc.asyncProperty(world, async (w) => {
    const t = `pre_${randomBytes(5).toString('hex')}`;
    const m = redis.multi();
    for (const [k, id] of w.index) m.sadd(leadKeys.index(t, k), id);
    for (const [id, ident] of w.identityOf) m.set(leadKeys.identityOf(t, id), ident);
    for (const [ident, id] of w.members) m.sadd(leadKeys.members(t, ident), id);
    for (const id of w.sealed) {
      const recordId = w.renamed && id === w.sealed[0] ? `${id}_moved` : id;
      m.set(leadKeys.record(t, id), encryptPii(pii, JSON.stringify({ record_id: recordId, source: 'WEB_FORM', at: 1, strategy: 'ONEID', mobile: `+861380000${id.length}` })));
    }
    w.links.forEach(([a, b], i) => queueAction(m, t, { type: 'link', id: `l${i}`, reason: 'r', a, b, at: i, by: 'u' } satisfies StoredAction));
    w.separations.forEach(([a, b], i) => queueAction(m, t, { type: 'separation', id: `s${i}`, reason: 'r', side_a: a, side_b: b, at: i, by: 'u' } satisfies StoredAction));
    if (w.staleAction) m.sadd(oneIdKeys.actionsOf(t, w.staleAction), 'removed_action');
    if (w.exists) m.hset(leadKeys.lead(t, SELF), 'doc', '{}', 'version', '1');
    if (w.epoch !== undefined) m.set(oneIdKeys.epoch(t), String(w.epoch));
    await m.exec();

    const oneId = await PipelineOneId.open(redis, t);
    const want = await store.candidates(t, w.query, SELF);
    const wantOptions = await oneId.options([SELF, ...want.records.map((r) => r.record_id)]);

    const got = await store.preload(t, SELF, w.query, oneIdKeys.epoch(t), oneIdKeys.actionsOf(t, ''), oneIdKeys.actions(t));
    assert.equal(got.exists, w.exists);
    assert.equal(got.epoch, w.epoch === undefined ? null : String(w.epoch));
    assert.deepEqual(got.records, want.records);
    assert.deepEqual(got.membersOf, want.membersOf);
    const gotOptions = await PipelineOneId.at(redis, t, got.epoch).optionsPreloaded([SELF, ...got.records.map((r) => r.record_id)], got.actionIds, got.actions);
    assert.deepEqual(gotOptions, wantOptions);
    // The epoch read with the candidates is what check() compares with.
    await PipelineOneId.at(redis, t, got.epoch).check();
    await redis.incr(oneIdKeys.epoch(t));
    await assert.rejects(PipelineOneId.at(redis, t, got.epoch).check(), /while this lead was resolved/);
    await redis.del(...(await redis.keys(`cunke:lead:*${t}*`)));
  }), { numRuns: 150 });
});

test('an identity of 9,000 records (beyond one Lua unpack) is preloaded whole, with its actions', async () => {
  const t = `pre_${randomBytes(5).toString('hex')}`;
  const members = Array.from({ length: 9000 }, (_, i) => `ld_${String(i).padStart(5, '0')}`);
  const m = redis.multi();
  m.sadd(leadKeys.index(t, 'k1'), members[0]!);
  m.set(leadKeys.identityOf(t, members[0]!), members[0]!);
  m.sadd(leadKeys.members(t, members[0]!), ...members);
  for (const id of members) m.set(leadKeys.record(t, id), encryptPii(pii, JSON.stringify({ record_id: id, source: 'WEB_FORM', at: 1, strategy: 'ONEID' })));
  queueAction(m, t, { type: 'link', id: 'l0', reason: 'r', a: members[10]!, b: members[8800]!, at: 1, by: 'u' });
  queueAction(m, t, { type: 'separation', id: 's0', reason: 'r', side_a: [members[1500]!], side_b: [SELF], at: 2, by: 'u' });
  await m.exec();
  const want = await store.candidates(t, ['k1'], SELF);
  const wantOptions = await (await PipelineOneId.open(redis, t)).options([SELF, ...want.records.map((r) => r.record_id)]);
  const got = await store.preload(t, SELF, ['k1'], oneIdKeys.epoch(t), oneIdKeys.actionsOf(t, ''), oneIdKeys.actions(t));
  assert.equal(got.records.length, 9000);
  assert.deepEqual(got.records, want.records);
  const gotOptions = await PipelineOneId.at(redis, t, got.epoch).optionsPreloaded([SELF, ...got.records.map((r) => r.record_id)], got.actionIds, got.actions);
  assert.equal(gotOptions.manualLinks?.length, 1);
  assert.equal(gotOptions.separations?.length, 1);
  assert.deepEqual(gotOptions, wantOptions);
  await redis.del(...(await redis.keys(`cunke:lead:*${t}*`)));
});
