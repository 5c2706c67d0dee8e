// Rows that reach the warehouse through the entity feed (common/feed.ts kind 'r'): their
// types, the tables allowed, and the pure check the writer applies before inserting one.
// Producers (the API, admin CLIs) build rows with these types; the writer never trusts them.
import type { FeedEntry } from '../../../common/feed.js';
import { WH_ERR } from '../errors.js';
import { dead, type MapOutcome } from './outcome.js';
import { isStorableTimeMs } from './time.js';

/** 'YYYY-MM-DD hh:mm:ss.sss' in UTC, the DateTime64(3) text form. */
export type DateTime64Text = string;

export interface AuditLogRow {
  tenant_id: string;
  audit_id: string;
  at: DateTime64Text;
  actor_user_id: string;
  actor_key_id: string;
  action: string;
  resource_type: string;
  resource_id: string;
  outcome: 'OK' | 'DENIED' | 'FAILED';
  status_code: number;
  request_id: string;
  ip: string;
  user_agent: string;
  detail: string;
}

export interface DimTenantRow {
  tenant_id: string;
  name: string;
  status: string;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  version: number;
}

export interface DimUserRow {
  tenant_id: string;
  user_id: string;
  name: string;
  email_hash: string;
  email_masked: string;
  email_enc: string;
  role: string;
  status: string;
  created_at: DateTime64Text;
  updated_at: DateTime64Text;
  version: number;
}

export interface DimApiKeyRow {
  tenant_id: string;
  key_id: string;
  user_id: string;
  name: string;
  scopes: string[];
  secret_hash: string;
  created_by: string;
  created_at: DateTime64Text;
  revoked_at: DateTime64Text | null;
  updated_at: DateTime64Text;
  version: number;
}

export interface EntityRows {
  auditLog: AuditLogRow;
  dimTenant: DimTenantRow;
  dimUser: DimUserRow;
  dimApiKey: DimApiKeyRow;
}

export const ENTITY_TABLES = ['auditLog', 'dimTenant', 'dimUser', 'dimApiKey'] as const satisfies readonly (keyof EntityRows)[];
export type EntityTable = (typeof ENTITY_TABLES)[number];

/** Every entity row names its tenant; the writer refuses one that does not. */
export function mapEntityRow(entry: FeedEntry): MapOutcome {
  const table = entry.table ?? '';
  if (!(ENTITY_TABLES as readonly string[]).includes(table)) return dead(WH_ERR.INVALID, `unknown entity table ${JSON.stringify(table.slice(0, 40))}`);
  if (!isStorableTimeMs(entry.receivedAtMs)) return dead(WH_ERR.MALFORMED_ENTRY, 't is out of range');
  let row: unknown;
  try {
    row = JSON.parse(entry.bytes.toString('utf8'));
  } catch {
    return dead(WH_ERR.DECODE, 'entity row is not JSON');
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return dead(WH_ERR.INVALID, 'entity row is not a JSON object');
  const tenantId = (row as { tenant_id?: unknown }).tenant_id;
  if (typeof tenantId !== 'string' || tenantId === '') return dead(WH_ERR.INVALID, 'entity row lacks tenant_id');
  return { type: 'row', table: table as EntityTable, row };
}

/** The XADD field list of one entity row (after the stream name and id). */
export function entityFeedFields<T extends EntityTable>(table: T, row: EntityRows[T], nowMs: number, writer: string): string[] {
  return ['k', 'r', 'n', table, 'b', JSON.stringify(row), 't', String(nowMs), 'g', writer];
}
