// Generates call records straight into dwd_call_record for read benchmarks: realistic spread
// over tenants' tasks, devices, outcomes and a month of start times, one facts row per call (as
// the table holds them once merged). Deterministic for a given seed.
import { createPhoneProtector, type PiiKeys } from '../../common/pii.js';
import type { CallFactsRow } from '../../warehouse/src/domain/rows.js';
import { toDateTime64 } from '../../warehouse/src/domain/time.js';
import type { Warehouse } from '../../warehouse/src/warehouse.js';
import { seededRandom } from '../support/events.js';

const CAUSES = ['NORMAL_CLEARING', 'NO_ANSWER', 'USER_BUSY', 'CALL_REJECTED', 'NETWORK_FAILURE'] as const;

export interface FixtureOptions {
  tenantId: string;
  calls: number;
  startMs: number;
  spanMs: number;
  tasks: number;
  devices: number;
  /** Distinct callee numbers; fewer than calls means repeat callees. */
  phones: number;
  seed?: number;
}

export async function insertCallRecords(wh: Warehouse, pii: PiiKeys, o: FixtureOptions, onProgress?: (done: number) => void): Promise<void> {
  const random = seededRandom(o.seed ?? 42);
  const protect = createPhoneProtector(pii, 'CN', o.phones + 10);
  const BATCH = 50_000;
  for (let done = 0; done < o.calls; done += BATCH) {
    const lines: string[] = [];
    for (let i = done; i < Math.min(o.calls, done + BATCH); i++) {
      const start = o.startMs + Math.floor(random() * o.spanMs);
      const cause = CAUSES[Math.floor(random() * CAUSES.length)]!;
      const answered = cause === 'NORMAL_CLEARING';
      const ringMs = 2_000 + Math.floor(random() * 20_000);
      const talkMs = answered ? 5_000 + Math.floor(random() * 300_000) : 0;
      const phone = protect(`138${String(Math.floor(random() * o.phones)).padStart(8, '0')}`);
      const end = start + ringMs + talkMs;
      const row: CallFactsRow = {
        tenant_id: o.tenantId, call_id: `call-${o.seed ?? 42}-${i}`, device_id: `dev-${i % o.devices}`, task_id: `task-${i % o.tasks}`,
        direction: 'OUTBOUND', phone_hash: phone.hash, phone_masked: phone.masked, phone_enc: phone.encrypted,
        dialing_at: toDateTime64(start), ringing_at: toDateTime64(start + 1000), hangup_at: toDateTime64(end), ended_at: toDateTime64(end + 50),
        ring_ms: ringMs, talk_ms: talkMs, total_ms: ringMs + talkMs, hangup_cause: cause, ended_cause: cause, hangup_party: 'CALLEE',
        first_event_at: toDateTime64(start), last_event_at: toDateTime64(end + 50), first_received_at: toDateTime64(start + 30), last_received_at: toDateTime64(end + 80),
      };
      if (answered) row.answered_at = toDateTime64(start + ringMs);
      lines.push(JSON.stringify(row));
    }
    await wh.insertEncoded(wh.tables.dwdCallRecord, Buffer.from(`${lines.join('\n')}\n`));
    onProgress?.(Math.min(o.calls, done + BATCH));
  }
}
