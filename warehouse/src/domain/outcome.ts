// What mapping one feed entry produces: rows to insert, or a dead letter. Outcomes are values,
// never exceptions (STYLE.md #3): a bad entry must not stop the batch it arrived in.
import type { WarehouseErrorCode } from '../errors.js';
import type { CallFactsRow, OdsDeviceEventRow, OdsDeviceStatusRow } from './rows.js';
import type { EntityTable } from './entity-rows.js';

export type MapOutcome =
  | { type: 'event'; ods: OdsDeviceEventRow; call: CallFactsRow | null }
  | { type: 'status'; status: OdsDeviceStatusRow }
  /** An entity-feed row, already checked to name an allowed table and a tenant. */
  | { type: 'row'; table: EntityTable; row: object }
  | DeadOutcome;

export interface DeadOutcome {
  type: 'dead';
  code: WarehouseErrorCode;
  /** Human-readable, never carries PII (no field values, only what is wrong). */
  detail: string;
}

export const dead = (code: WarehouseErrorCode, detail: string): DeadOutcome => ({ type: 'dead', code, detail });
