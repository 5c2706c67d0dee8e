import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTicket } from './assignment.js';
import { planLead, type PlanInput } from './plan-lead.js';
import { compileTagRules } from './tag-rules.js';

const base = (): PlanInput => ({
  lead_id: 'L2',
  payload: { submission_data: { name: '张三', phone: '13800138001', message: '产品A 价格?' }, region: '上海' },
  scene: {
    scene_config_id: 'sc1', scene_type: 'WEB_FORM', source_channel_default_id: 'baidu', deduplication_strategy: 'BY_PHONE_OR_EMAIL',
    data_mapping_rules: { fields: [{ target: 'name', source: 'submission_data.name' }, { target: 'phone', source: 'submission_data.phone' }, { target: 'message', source: 'submission_data.message' }, { target: 'region', source: 'region' }] },
    assignment_rules: { rule_id: 'r', pool: ['u1', 'u2'], chain: [{ type: 'region' }, { type: 'round_robin' }], fallback_queue: 'q' },
  },
  compiledTags: compileTagRules([{ id: 'a', when: { field: 'message', op: 'contains', value: '产品A' }, actions: { add: ['产品A意向'] } }]).rules,
  candidates: [{ record_id: 'L1', source: 'CALLCENTER', at: 1, strategy: null, mobile: '+8613800138001', name: '张三' }],
  oneId: {},
  users: [{ user_id: 'u1', status: 'active', time_zone: 'Asia/Shanghai', load: 0, regions: ['上海'] }, { user_id: 'u2', status: 'active', time_zone: 'Asia/Shanghai', load: 0 }],
  ctx: { now: 1_764_800_000_000, rng: () => 0 },
});

test('plan: a web-form lead is mapped, matched to the call-centre record, tagged and routed by region, with a log', () => {
  const p = planLead(base());
  assert.equal(p.lead_data.phone, '+8613800138001');
  assert.deepEqual([p.identity?.kind, p.identity?.identity_id, p.identity?.matched_by], ['match', 'L1', { kind: 'mobile', weight: 1 }]);
  assert.deepEqual(p.tagging.tags, ['产品A意向']);
  assert.equal(p.assignment?.kind, 'needs_ticket');
  const done = applyTicket(p.assignment!, 0, base().users);
  assert.equal(done.kind === 'assigned' && done.user_id, 'u1');
  assert.deepEqual(p.log.map((l) => `${l.stage}:${l.outcome}`), ['mapping:ok', 'identity:ok', 'tagging:ok', 'assignment:ok']);
});

test('plan: mapping errors and failing rules are logged and the lead still goes through', () => {
  const i = base();
  i.payload = { submission_data: { phone: 'n/a', message: 'hello' } };
  i.compiledTags = [{ id: 'boom', priority: 0, add: [], remove: [], test: () => { throw new Error('bad'); } }];
  const p = planLead(i);
  assert.deepEqual(p.log.map((l) => `${l.stage}:${l.outcome}`), ['mapping:partial', 'identity:ok', 'tagging:partial', 'assignment:ok']);
  assert.equal(p.identity?.kind, 'new');
  assert.deepEqual(p.tagging.errors, [{ ruleId: 'boom', error: 'bad' }]);
});
