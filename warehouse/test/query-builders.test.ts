import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countCallRecordsQuery, getCallRecordKeysQuery } from '../src/queries/call-records.js';
import { tableNames } from '../src/warehouse.js';

const t = tableNames('cunke');

test('values travel as parameters, never in the SQL text', () => {
  const evil = "t1' OR 1=1 --";
  const q = getCallRecordKeysQuery(t, evil, { status: ['BUSY', 'NO_ANSWER'], taskId: 'x\'y', fromMs: 0 }, { limit: 10, offset: 20 });
  assert.ok(!q.sql.includes(evil) && !q.sql.includes("x'y"));
  assert.equal(q.params.tenantId, evil);
  assert.deepEqual(q.params.statuses, ['BUSY', 'NO_ANSWER']);
  assert.equal(q.params.fromTime, '1970-01-01 00:00:00.000');
  assert.equal(q.params.limit, 10);
  assert.equal(q.params.offset, 20);
  // Pages read the view without the analysis join (migration 011).
  assert.match(q.sql, /FROM cunke\.dwd_call_record_base_v WHERE tenant_id = \{tenantId:String\}/);
  assert.match(q.sql, /ORDER BY start_time DESC, call_id DESC/);
});

test('the tenant condition is always present', () => {
  const q = countCallRecordsQuery(t, 'tenant-a');
  assert.equal(q.sql, 'SELECT count() AS total FROM cunke.dwd_call_record_base_v WHERE tenant_id = {tenantId:String}');
  assert.deepEqual(q.params, { tenantId: 'tenant-a' });
});

test('analysis status filters are tenant-scoped semi-joins on the analysis table; PENDING = no analysis yet', () => {
  const done = countCallRecordsQuery(t, 'tenant-a', { analysisStatus: 'COMPLETED' });
  assert.match(done.sql, /call_id IN \(SELECT call_id FROM cunke\.dwd_call_analysis FINAL WHERE tenant_id = \{tenantId:String\} AND status = \{analysisStatus:String\}\)/);
  assert.equal(done.params.analysisStatus, 'COMPLETED');
  const pending = countCallRecordsQuery(t, 'tenant-a', { analysisStatus: 'PENDING' });
  assert.match(pending.sql, /call_id NOT IN \(SELECT call_id FROM cunke\.dwd_call_analysis FINAL WHERE tenant_id = \{tenantId:String\} AND status != 'PENDING'\)/);
});

test('sort columns come from a whitelist', () => {
  assert.throws(() => getCallRecordKeysQuery(t, 'a', {}, { limit: 1, sort: 'phone_enc' as never }), /unsupported sort/);
  assert.match(getCallRecordKeysQuery(t, 'a', {}, { limit: 1, sort: 'duration_s', order: 'asc' }).sql, /ORDER BY duration_s ASC/);
});

test('table names come from one map and reject bad database names', () => {
  assert.equal(t.odsDeviceEvent, 'cunke.ods_device_event');
  assert.throws(() => tableNames('cunke; DROP'), /invalid/);
});
