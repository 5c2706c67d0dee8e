// The leads list over dwd_lead (spec 000 §6.2 item 3). dwd_lead keeps every version of a lead
// (version is in the sorting key), so the current lead is its highest version: the inner query
// reduces each lead of the tenant to its latest values with argMax (measured fastest in chDB,
// see api/README.md, the paragraph "Listing leads"), the outer one filters, sorts and pages. Builders are pure
// and return {sql, params}; user input only ever travels as bound parameters.
import { toDateTime64 } from '../domain/time.js';
import type { TableNames, Warehouse } from '../warehouse.js';
import { Conditions, type SqlQuery } from './sql.js';

export interface LeadListFilter {
  status?: string;
  sceneConfigId?: string;
  channelId?: string;
  assignedToUserId?: string;
  /** created_at >= fromMs. */
  fromMs?: number;
  /** created_at <= toMs (inclusive, as the in-memory filter always was). */
  toMs?: number;
  tagsAnyOf?: readonly string[];
  /**
   * created_at < beforeMs: the caller takes leads newer than this from Redis, because the
   * writer may not have flushed them yet.
   */
  beforeMs?: number;
}

export const LEAD_LIST_SORTS = ['created_at', 'updated_at'] as const;
export type LeadListSort = (typeof LEAD_LIST_SORTS)[number];

export interface LeadListPage {
  limit: number;
  offset: number;
  sort: LeadListSort;
  order: 'asc' | 'desc';
}

/** A page entry: the id and the sort keys (ms since epoch), so callers can merge other sources in. */
export interface LeadListKey {
  lead_id: string;
  created_ms: number;
  updated_ms: number;
}

function latestLeads(t: TableNames, tenantId: string, f: LeadListFilter): SqlQuery {
  // created_at, scene and channel never change after ingestion, so they filter before the reduction.
  const inner = new Conditions().add('tenant_id = {tenantId:String}', { tenantId });
  if (f.fromMs !== undefined) inner.add("created_at >= {fromTime:DateTime64(3, 'UTC')}", { fromTime: toDateTime64(f.fromMs) });
  if (f.toMs !== undefined) inner.add("created_at <= {toTime:DateTime64(3, 'UTC')}", { toTime: toDateTime64(f.toMs) });
  if (f.beforeMs !== undefined) inner.add("created_at < {beforeTime:DateTime64(3, 'UTC')}", { beforeTime: toDateTime64(f.beforeMs) });
  if (f.sceneConfigId !== undefined) inner.add('scene_config_id = {sceneConfigId:String}', { sceneConfigId: f.sceneConfigId });
  if (f.channelId !== undefined) inner.add('source_channel_id = {channelId:String}', { channelId: f.channelId });
  const outer = new Conditions();
  // Aliases differ from the column names: ClickHouse would otherwise resolve the inner WHERE's
  // created_at to the aggregate.
  if (f.status !== undefined) outer.add('cur_status = {status:String}', { status: f.status });
  if (f.assignedToUserId !== undefined) outer.add('cur_assignee = {assignee:String}', { assignee: f.assignedToUserId });
  if (f.tagsAnyOf !== undefined && f.tagsAnyOf.length > 0) outer.add('hasAny(cur_tags, {tags:Array(String)})', { tags: [...f.tagsAnyOf] });
  const sql =
    `SELECT lead_id, first_created AS created_at, cur_updated AS updated_at FROM (` +
    `SELECT lead_id, any(created_at) AS first_created, argMax(updated_at, version) AS cur_updated, argMax(status, version) AS cur_status, ` +
    `argMax(assigned_to_user_id, version) AS cur_assignee, argMax(tags, version) AS cur_tags ` +
    `FROM ${t.dwdLead} ${inner.toSql()} GROUP BY lead_id) ${outer.toSql()}`;
  return { sql, params: { ...inner.params, ...outer.params } };
}

export function listLeadKeysQuery(t: TableNames, tenantId: string, f: LeadListFilter, page: LeadListPage): SqlQuery {
  if (!LEAD_LIST_SORTS.includes(page.sort)) throw new TypeError(`unsupported sort ${String(page.sort)}`);
  const order = page.order === 'asc' ? 'ASC' : 'DESC';
  const base = latestLeads(t, tenantId, f);
  return {
    // lead_id breaks ties so pages are stable (and matches Redis' order for equal created_at).
    sql: `SELECT lead_id, toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(updated_at) AS updated_ms FROM (${base.sql}) ` +
      `ORDER BY ${page.sort} ${order}, lead_id ${order} LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    params: { ...base.params, limit: page.limit, offset: page.offset },
  };
}

export function countLeadsQuery(t: TableNames, tenantId: string, f: LeadListFilter): SqlQuery {
  const base = latestLeads(t, tenantId, f);
  return { sql: `SELECT count() AS total FROM (${base.sql})`, params: base.params };
}

export async function listLeadKeys(wh: Warehouse, tenantId: string, f: LeadListFilter, page: LeadListPage): Promise<LeadListKey[]> {
  const q = listLeadKeysQuery(wh.tables, tenantId, f, page);
  const rows = await wh.query<{ lead_id: string; created_ms: string | number; updated_ms: string | number }>(q.sql, q.params);
  return rows.map((r) => ({ lead_id: r.lead_id, created_ms: Number(r.created_ms), updated_ms: Number(r.updated_ms) }));
}

export async function countLeads(wh: Warehouse, tenantId: string, f: LeadListFilter): Promise<number> {
  const q = countLeadsQuery(wh.tables, tenantId, f);
  const rows = await wh.query<{ total: string | number }>(q.sql, q.params);
  return Number(rows[0]?.total ?? 0);
}
