// The contract every Warehouse backend must meet (STYLE.md #10), run against each backend by
// its own *.integration.test.ts. It covers the interface (binding, inserts, 64-bit results),
// the migrations, and the table semantics the writer relies on (replays collapse, call facts
// fold in any order, the SQL status rule equals the TypeScript one).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CALL_STATUSES, deriveCallStatus, durationSeconds, type CallStatusFacts } from '../src/domain/call-status.js';
import { DWD_CALL_RECORD_COLUMNS, ODS_DEVICE_EVENT_COLUMNS, ODS_DEVICE_STATUS_COLUMNS, type CallFactsRow, type OdsDeviceEventRow } from '../src/domain/rows.js';
import { JsonLines } from '../src/writer/json-lines.js';
import { loadMigrations, migrate, MigrationError } from '../src/migrate.js';
import { countCallRecords, countDeviceEvents, getCallRecord, getCallRecords } from '../src/queries/call-records.js';
import type { Warehouse } from '../src/warehouse.js';
import { shuffled } from './fixtures.js';
import { dropTestDatabase, testDatabaseName } from './test-db.js';

export interface ContractTarget {
  name: string;
  /** Opens the backend on the given (fresh) database. */
  open: (database: string) => Warehouse;
  /** A reason to skip the whole suite, or false. */
  skip: string | false;
}

const at = (s: number): string => `2024-05-01 10:00:${String(s).padStart(2, '0')}.000`;

function facts(tenant: string, callId: string, eventSecond: number, extra: Partial<CallFactsRow>): CallFactsRow {
  return {
    tenant_id: tenant, call_id: callId, device_id: 'dev-1',
    first_event_at: at(eventSecond), last_event_at: at(eventSecond),
    first_received_at: at(eventSecond), last_received_at: at(eventSecond), ...extra,
  };
}

function odsRow(tenant: string, eventId: string, seq: number): OdsDeviceEventRow {
  return {
    tenant_id: tenant, device_id: 'dev-1', event_id: eventId, seq, device_time: at(seq % 60), received_at: at(seq % 60),
    gateway_id: 'gw', kind: 'heartbeat', payload: '{}',
  };
}

export function warehouseContract(target: ContractTarget): void {
  describe(`Warehouse contract: ${target.name}`, { skip: target.skip }, () => {
    let wh: Warehouse;

    before(async () => {
      wh = target.open(testDatabaseName());
      await migrate(wh);
    });

    after(async () => {
      if (!wh) return;
      await dropTestDatabase(wh);
      await wh.close();
    });

    test('migrations are recorded and idempotent; an edited applied migration is refused', async () => {
      assert.deepEqual(await migrate(wh), []);
      const rows = await wh.query<{ version: number }>(`SELECT version FROM ${wh.tables.schemaMigrations} FINAL ORDER BY version`);
      assert.deepEqual(rows.map((r) => Number(r.version)), loadMigrations().map((m) => m.version));
      const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
      await assert.rejects(migrate(wh, { migrations: edited }), MigrationError);
    });

    test('parameters bind every type as data, with no string escaping', async () => {
      const nasty = "it's \\ \"quoted\"\n; DROP DATABASE x; --\t{x:String}";
      const [row] = await wh.query<Record<string, unknown>>(
        "SELECT {s:String} AS s, {n:UInt64} AS n, {d:DateTime64(3, 'UTC')} AS d, {a:Array(String)} AS a, {i:Int32} AS i, {z:Nullable(String)} AS z",
        { s: nasty, n: 18446744073709551615n, d: '2024-05-01 10:00:00.123', a: ["a'b", 'c'], i: -5, z: null },
      );
      assert.deepEqual(row, { s: nasty, n: '18446744073709551615', d: '2024-05-01 10:00:00.123', a: ["a'b", 'c'], i: -5, z: null });
    });

    test('insert of no rows is a no-op; an insert into a missing table rejects', async () => {
      await wh.insert(wh.tables.odsDeviceEvent, []);
      await assert.rejects(wh.insert(`${wh.database}.no_such_table`, [{ a: 1 }]));
      await assert.rejects(wh.insertEncoded(`${wh.database}.no_such_table`, Buffer.from('{"a":1}\n')));
      await assert.rejects(wh.insertEncoded(wh.tables.odsDeviceEvent, Buffer.from('{"tenant_id": not json\n')));
    });

    test('a replayed device event never doubles a row', async () => {
      const rows = [1, 2, 3].map((i) => odsRow('replay', crypto.randomUUID(), i));
      await wh.insert(wh.tables.odsDeviceEvent, rows);
      // The replay goes through the pre-serialised path the writer uses.
      const body = Buffer.from([rows[1]!, rows[2]!, rows[0]!].map((r) => `${JSON.stringify(r)}\n`).join(''));
      await wh.insertEncoded(wh.tables.odsDeviceEvent, body);
      await wh.insertEncoded(wh.tables.odsDeviceEvent, Buffer.alloc(0));
      assert.equal(await countDeviceEvents(wh, 'replay'), 3);
      const [raw] = await wh.query<{ n: string }>(`SELECT count() AS n FROM ${wh.tables.odsDeviceEvent} WHERE tenant_id = 'replay'`);
      assert.ok(Number(raw!.n) >= 3, 'both inserts landed (merged or not)');
    });

    test('the writer\'s column lists name every column without a default, and compact rows mean what the objects mean', async () => {
      const lists: [string, Readonly<Record<string, unknown>>][] = [
        ['ods_device_event', ODS_DEVICE_EVENT_COLUMNS], ['ods_device_status', ODS_DEVICE_STATUS_COLUMNS], ['dwd_call_record', DWD_CALL_RECORD_COLUMNS],
      ];
      for (const [table, defaults] of lists) {
        const cols = await wh.query<{ name: string; default_kind: string }>(
          'SELECT name, default_kind FROM system.columns WHERE database = {db:String} AND table = {t:String}', { db: wh.database, t: table });
        assert.deepEqual(Object.keys(defaults).sort(), cols.filter((c) => c.default_kind === '').map((c) => c.name).sort(), table);
      }
      // The same facts as objects in one call, as compact rows in another: identical records.
      const partial = [facts('compact', 'x', 0, { dialing_at: at(0), phone_masked: '138****8001', line: 2 }), facts('compact', 'x', 9, { ended_at: at(9), talk_ms: 7000, ended_cause: 'NORMAL_CLEARING' })];
      await wh.insert(wh.tables.dwdCallRecord, partial.map((f) => ({ ...f, call_id: 'objects' })));
      const lines = new JsonLines(DWD_CALL_RECORD_COLUMNS);
      for (const f of partial) lines.push({ ...f, call_id: 'compact' });
      await wh.insertEncoded(wh.tables.dwdCallRecord, lines.toBuffer(), lines.columns);
      const [a, b] = await Promise.all([getCallRecord(wh, 'compact', 'objects'), getCallRecord(wh, 'compact', 'compact')]);
      assert.ok(a && b);
      assert.deepEqual({ ...b, call_id: 'objects', record_id: a.record_id }, a);
      assert.equal(b.status, 'ANSWERED');
      assert.equal(b.answered_at, null, 'an absent Nullable time stays NULL');
    });

    test('call facts fold into one record whatever their order and duplication', async () => {
      const callFacts = [
        facts('fold', 'call-1', 0, { dialing_at: at(0), phone_hash: 'h1', phone_masked: '138****8001', direction: 'OUTBOUND', task_id: 'task-1' }),
        facts('fold', 'call-1', 2, { ringing_at: at(2) }),
        facts('fold', 'call-1', 5, { answered_at: at(5) }),
        facts('fold', 'call-1', 40, { hangup_at: at(40), hangup_cause: 'NORMAL_CLEARING', hangup_party: 'REMOTE' }),
        facts('fold', 'call-1', 41, { ended_at: at(41), ended_cause: 'NORMAL_CLEARING', ring_ms: 5000, talk_ms: 35500, total_ms: 40500 }),
        facts('fold', 'call-1', 50, { recording_id: 'rec-1', recording_bytes: 4096, recording_duration_ms: 35000 }),
      ];
      const order = shuffled([...callFacts, callFacts[3]!, callFacts[0]!], 7);
      await wh.insert(wh.tables.dwdCallRecord, order.slice(0, 4));
      await wh.insert(wh.tables.dwdCallRecord, order.slice(4));
      assert.equal(await countCallRecords(wh, 'fold'), 1);
      const r = await getCallRecord(wh, 'fold', 'call-1');
      assert.ok(r);
      assert.deepEqual(
        {
          status: r.status, start_time: r.start_time, end_time: r.end_time, answered_at: r.answered_at, duration_s: r.duration_s,
          talk_ms: r.talk_ms, ring_ms: r.ring_ms, cause: r.cause, phone_hash: r.phone_hash, direction: r.direction,
          task_id: r.task_id, recording_id: r.recording_id, recording_bytes: r.recording_bytes,
          first_event_at: r.first_event_at, last_event_at: r.last_event_at, analysis_status: r.analysis_status,
        },
        {
          status: 'ANSWERED', start_time: at(0), end_time: at(41), answered_at: at(5), duration_s: 36, talk_ms: 35500,
          ring_ms: 5000, cause: 'NORMAL_CLEARING', phone_hash: 'h1', direction: 'OUTBOUND', task_id: 'task-1',
          recording_id: 'rec-1', recording_bytes: '4096', first_event_at: at(0), last_event_at: at(50), analysis_status: 'PENDING',
        },
      );
      assert.match(r.record_id, /^\d+$/, 'UInt64 comes back as a decimal string');
    });

    test('the SQL status rule agrees with deriveCallStatus on every combination', async () => {
      const causes = ['', 'NORMAL_CLEARING', 'NO_ANSWER', 'USER_BUSY', 'CALL_REJECTED', 'INVALID_NUMBER', 'NETWORK_FAILURE', 'CANCELLED', 'UNREACHABLE', 'UNKNOWN_9'];
      const cases: CallStatusFacts[] = [];
      for (const answered of [false, true])
        for (const hungUp of [false, true])
          for (const ended of [false, true])
            for (const talkMs of [0, 499, 500, 2500])
              for (const hangupCause of causes)
                for (const endedCause of causes)
                  cases.push({ answeredAt: answered ? at(5) : null, hangupAt: hungUp ? at(9) : null, endedAt: ended ? at(10) : null, talkMs, hangupCause, endedCause });
      const rows = cases.map((c, i) =>
        facts('grid', `case-${i}`, 1, {
          ...(c.answeredAt ? { answered_at: at(5) } : {}),
          ...(c.hangupAt ? { hangup_at: at(9) } : {}),
          ...(c.endedAt ? { ended_at: at(10) } : {}),
          ...(c.talkMs ? { talk_ms: c.talkMs } : {}),
          ...(c.hangupCause ? { hangup_cause: c.hangupCause } : {}),
          ...(c.endedCause ? { ended_cause: c.endedCause } : {}),
        }),
      );
      await wh.insert(wh.tables.dwdCallRecord, rows);
      const got = await getCallRecords(wh, 'grid', {}, { limit: cases.length + 1 });
      assert.equal(got.length, cases.length);
      const byId = new Map(got.map((r) => [r.call_id, r]));
      const seen = new Set<string>();
      cases.forEach((c, i) => {
        const r = byId.get(`case-${i}`)!;
        assert.equal(r.status, deriveCallStatus(c), `case ${JSON.stringify(c)}`);
        assert.equal(Number(r.duration_s), durationSeconds(c.talkMs ?? 0), `duration of ${JSON.stringify(c)}`);
        seen.add(r.status);
      });
      assert.deepEqual([...seen].sort(), [...CALL_STATUSES].sort(), 'every status is exercised');
    });

    test('reads are scoped to one tenant and filter by status and time', async () => {
      await wh.insert(wh.tables.dwdCallRecord, [
        facts('scope-a', 'c1', 1, { dialing_at: at(1), hangup_at: at(3), hangup_cause: 'USER_BUSY' }),
        facts('scope-a', 'c2', 2, { dialing_at: at(2) }),
        facts('scope-b', 'c1', 1, { dialing_at: at(1), ended_at: at(3), ended_cause: 'NO_ANSWER' }),
      ]);
      assert.equal(await countCallRecords(wh, 'scope-a'), 2);
      assert.equal(await countCallRecords(wh, 'scope-a', { status: 'BUSY' }), 1);
      assert.equal(await countCallRecords(wh, 'scope-a', { status: 'NO_ANSWER' }), 0);
      const from = Date.UTC(2024, 4, 1, 10, 0, 2);
      assert.deepEqual((await getCallRecords(wh, 'scope-a', { fromMs: from }, { limit: 10 })).map((r) => r.call_id), ['c2']);
      assert.deepEqual(
        (await getCallRecords(wh, 'scope-a', {}, { limit: 1, offset: 1, sort: 'start_time', order: 'asc' })).map((r) => r.call_id),
        ['c2'],
      );
    });
  });
}
