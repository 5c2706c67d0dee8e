// The entries gathered for one flush and the rows their messages map to, already serialised per
// table. An entry's id is acknowledged only with its whole batch, after every insert succeeded.
import { singleMessageFields } from '../../../common/feed.js';
import type { MappedMessage } from '../domain/map-feed-entry.js';
import type { TableKey } from '../warehouse.js';
import { JsonLines } from './json-lines.js';
import { DWD_CALL_RECORD_COLUMNS, ODS_DEVICE_EVENT_COLUMNS, ODS_DEVICE_STATUS_COLUMNS } from '../domain/rows.js';
import { ENTITY_TABLES } from '../domain/entity-rows.js';
import type { DeadLetter, RawEntry } from './redis-feed.js';

/** The tables a batch writes, in write order. */
export const BATCH_TABLES = ['odsDeviceEvent', 'dwdCallRecord', 'odsDeviceStatus', ...ENTITY_TABLES] as const satisfies readonly TableKey[];
export type BatchTable = (typeof BATCH_TABLES)[number];

export class Batch {
  readonly ids: string[] = [];
  readonly rows: Record<BatchTable, JsonLines> = {
    odsDeviceEvent: new JsonLines(ODS_DEVICE_EVENT_COLUMNS),
    dwdCallRecord: new JsonLines(DWD_CALL_RECORD_COLUMNS),
    odsDeviceStatus: new JsonLines(ODS_DEVICE_STATUS_COLUMNS),
    auditLog: new JsonLines(),
    dimTenant: new JsonLines(),
    dimUser: new JsonLines(),
    dimApiKey: new JsonLines(),
    dimCallTask: new JsonLines(),
    callTaskPhoneChunk: new JsonLines(),
    dncEntry: new JsonLines(),
    dimDevice: new JsonLines(),
    callRecording: new JsonLines(),
    dwdCallAnalysis: new JsonLines(),
    dimSceneConfig: new JsonLines(),
    dwdLead: new JsonLines(),
    leadIdentityLink: new JsonLines(),
    leadProcessingLog: new JsonLines(),
    dimLeadImport: new JsonLines(),
    leadIdentityAction: new JsonLines(),
    sipInboundCall: new JsonLines(),
    dimChannel: new JsonLines(),
    dimLeadTagDefinition: new JsonLines(),
    dimLeadAssignee: new JsonLines(),
  };
  readonly dead: DeadLetter[] = [];
  /** Tables already written, so that a retry after a partial failure skips them. */
  readonly written = new Set<BatchTable>();
  deadLettered = false;

  private messages = 0;

  constructor(readonly openedAtMs: number) {}

  /** Messages gathered (a gateway entry carries a micro-batch of them). */
  get size(): number {
    return this.messages;
  }

  add(entry: RawEntry, mapped: readonly MappedMessage[]): void {
    this.ids.push(entry.id);
    for (const m of mapped) this.addOne(entry, m);
  }

  private addOne(entry: RawEntry, { outcome, message }: MappedMessage): void {
    this.messages++;
    switch (outcome.type) {
      case 'event':
        this.rows.odsDeviceEvent.push(outcome.ods);
        if (outcome.call) this.rows.dwdCallRecord.push(outcome.call);
        return;
      case 'status':
        this.rows.odsDeviceStatus.push(outcome.status);
        return;
      case 'row':
        this.rows[outcome.table].push(outcome.row);
        return;
      case 'dead':
        // Only the bad message, as an entry of its own, so a replay does not repeat its batch.
        this.dead.push({ entry: message ? { id: entry.id, fields: singleMessageFields(message) } : entry, code: outcome.code, detail: outcome.detail });
        return;
    }
  }

  /** An entry deleted from the stream while pending: nothing to write, but it must be acked. */
  addLost(id: string): void {
    this.ids.push(id);
    this.messages++;
  }

  /** Called after each read: turns that read's rows into Buffers. */
  seal(): void {
    for (const t of BATCH_TABLES) this.rows[t].seal();
  }
}
