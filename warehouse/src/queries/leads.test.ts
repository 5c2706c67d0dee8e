import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableNames } from '../warehouse.js';

const TABLES = tableNames('cunke');
import { countLeadsQuery, listLeadKeysQuery } from './leads.js';

const hostile = "x' OR 1=1 --";

test('every filter value travels as a bound parameter, never in the SQL text', () => {
  const f = { status: hostile, sceneConfigId: hostile, channelId: hostile, assignedToUserId: hostile, tagsAnyOf: [hostile], fromMs: 1, toMs: 2, beforeMs: 3 };
  for (const q of [listLeadKeysQuery(TABLES, hostile, f, { limit: 20, offset: 40, sort: 'updated_at', order: 'asc' }), countLeadsQuery(TABLES, hostile, f)]) {
    assert.ok(!q.sql.includes(hostile));
    assert.equal(q.params.tenantId, hostile);
    assert.deepEqual(q.params.tags, [hostile]);
    for (const p of ['status', 'sceneConfigId', 'channelId', 'assignee', 'fromTime', 'toTime', 'beforeTime']) assert.ok(q.sql.includes(`{${p}:`), p);
  }
});

test('mutable fields are filtered on the latest version; no filter, no condition', () => {
  const q = listLeadKeysQuery(TABLES, 't', { status: 'NEW' }, { limit: 10, offset: 0, sort: 'created_at', order: 'desc' });
  assert.match(q.sql, /argMax\(status, version\) AS cur_status/);
  assert.match(q.sql, /WHERE cur_status = \{status:String\}/);
  assert.match(q.sql, /ORDER BY created_at DESC, lead_id DESC LIMIT \{limit:UInt32\} OFFSET \{offset:UInt64\}/);
  assert.deepEqual(Object.keys(countLeadsQuery(TABLES, 't', {}).params), ['tenantId']);
  assert.throws(() => listLeadKeysQuery(TABLES, 't', {}, { limit: 1, offset: 0, sort: 'phone' as never, order: 'asc' }), /unsupported sort/);
});
