// Reads of audit_log for the API, scoped to one tenant. Builders are pure.
import { toDateTime64 } from '../domain/time.js';
import type { AuditLogRow } from '../domain/entity-rows.js';
import type { TableNames, Warehouse } from '../warehouse.js';
import { Conditions, type SqlQuery } from './sql.js';

export interface AuditFilter {
  action?: string;
  actorUserId?: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: string;
  fromMs?: number;
  toMs?: number;
}

function conditions(tenantId: string, f: AuditFilter): Conditions {
  const w = new Conditions().add('tenant_id = {tenantId:String}', { tenantId });
  if (f.action !== undefined) w.add('action = {action:String}', { action: f.action });
  if (f.actorUserId !== undefined) w.add('actor_user_id = {actor:String}', { actor: f.actorUserId });
  if (f.resourceType !== undefined) w.add('resource_type = {rtype:String}', { rtype: f.resourceType });
  if (f.resourceId !== undefined) w.add('resource_id = {rid:String}', { rid: f.resourceId });
  if (f.outcome !== undefined) w.add('outcome = {outcome:String}', { outcome: f.outcome });
  if (f.fromMs !== undefined) w.add("at >= {fromAt:DateTime64(3, 'UTC')}", { fromAt: toDateTime64(f.fromMs) });
  if (f.toMs !== undefined) w.add("at < {toAt:DateTime64(3, 'UTC')}", { toAt: toDateTime64(f.toMs) });
  return w;
}

export function auditLogQuery(t: TableNames, tenantId: string, f: AuditFilter, page: { limit: number; offset: number; order: 'asc' | 'desc' }): SqlQuery {
  const w = conditions(tenantId, f);
  const dir = page.order === 'asc' ? 'ASC' : 'DESC';
  return {
    // FINAL: a replayed feed entry must not show twice before background merges run.
    sql: `SELECT * FROM ${t.auditLog} FINAL ${w.toSql()} ORDER BY at ${dir}, audit_id ${dir} LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    params: { ...w.params, limit: page.limit, offset: page.offset },
  };
}

export function auditCountQuery(t: TableNames, tenantId: string, f: AuditFilter): SqlQuery {
  const w = conditions(tenantId, f);
  return { sql: `SELECT count() AS total FROM ${t.auditLog} FINAL ${w.toSql()}`, params: w.params };
}

export async function getAuditLog(wh: Warehouse, tenantId: string, f: AuditFilter, page: { limit: number; offset: number; order: 'asc' | 'desc' }): Promise<{ rows: AuditLogRow[]; total: number }> {
  const q = auditLogQuery(wh.tables, tenantId, f, page);
  const c = auditCountQuery(wh.tables, tenantId, f);
  const [rows, count] = await Promise.all([wh.query<AuditLogRow>(q.sql, q.params), wh.query<{ total: string }>(c.sql, c.params)]);
  return { rows, total: Number(count[0]?.total ?? 0) };
}
