// GET /leads without reading every lead of the tenant (issue 5 item 7). Unfiltered and by
// created_at: a page of the tenant's time-ordered set in Redis. Otherwise the warehouse
// (dwd_lead, latest version per lead) filters, counts and pages ids, the page's documents come
// from Redis (as fresh as the detail view), and leads created in the last freshWindowMs — which
// the feed writer may not have flushed yet — are filtered in memory from Redis and merged in.
import type { Redis } from 'ioredis';
import { countLeads, listLeadKeys, type LeadListFilter } from '../../../../warehouse/src/queries/leads.js';
import type { Warehouse } from '../../../../warehouse/src/warehouse.js';
import { leadTimePage, leadsByIds, leadsCreatedSince } from '../../leads/pipeline/lead-pages.js';
import type { StoredLead } from '../../leads/pipeline/lead-store.js';
import { mergePage, warehouseWindow } from './merge-page.js';
import { matchesLead, type LeadFilter } from './present.js';

export interface ListLeadsQuery extends LeadFilter {
  page: number;
  size: number;
  sort: 'created_at' | 'updated_at';
  order: 'asc' | 'desc';
}

export interface ListLeadsDeps {
  redis: Redis;
  warehouse: Warehouse;
  /** Leads created this recently are taken from Redis, not the warehouse. */
  freshWindowMs: number;
  now?: () => number;
}

export function tagList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export function toWarehouseFilter(q: LeadFilter): LeadListFilter {
  const tags = tagList(q.tags_contain_any);
  return {
    ...(q.status ? { status: q.status } : {}),
    ...(q.scene_config_id ? { sceneConfigId: q.scene_config_id } : {}),
    ...(q.channel_id ? { channelId: q.channel_id } : {}),
    ...(q.assigned_to_user_id ? { assignedToUserId: q.assigned_to_user_id } : {}),
    ...(q.start_date ? { fromMs: Date.parse(q.start_date) } : {}),
    ...(q.end_date ? { toMs: Date.parse(q.end_date) } : {}),
    ...(tags.length ? { tagsAnyOf: tags } : {}),
  };
}

const isUnfiltered = (f: LeadListFilter): boolean => Object.keys(f).length === 0;

export async function listLeads(deps: ListLeadsDeps, tenantId: string, q: ListLeadsQuery): Promise<{ leads: StoredLead[]; total: number }> {
  const offset = (q.page - 1) * q.size;
  const filter = toWarehouseFilter(q);
  if (isUnfiltered(filter) && q.sort === 'created_at') return leadTimePage(deps.redis, tenantId, offset, q.size, q.order);

  const cutoff = (deps.now ?? Date.now)() - deps.freshWindowMs;
  const recent = (await leadsCreatedSince(deps.redis, tenantId, Math.max(cutoff, filter.fromMs ?? cutoff))).filter((l) => matchesLead(l, q));
  const whFilter = { ...filter, beforeMs: cutoff };
  const win = warehouseWindow(offset, q.size, recent.length);
  const [keys, whTotal] = await Promise.all([
    listLeadKeys(deps.warehouse, tenantId, whFilter, { ...win, sort: q.sort, order: q.order }),
    countLeads(deps.warehouse, tenantId, whFilter),
  ]);
  const at = q.sort === 'created_at' ? (k: { created_ms: number }) => k.created_ms : (k: { updated_ms: number }) => k.updated_ms;
  const ids = mergePage(
    keys.map((k) => ({ id: k.lead_id, at: at(k) })), win.offset,
    recent.map((l) => ({ id: l.lead_id, at: l[q.sort] })), q.order === 'asc' ? 1 : -1, offset, q.size,
  );
  const recentById = new Map(recent.map((l) => [l.lead_id, l]));
  const fromWarehouse = new Map((await leadsByIds(deps.redis, tenantId, ids.filter((id) => !recentById.has(id)))).map((l) => [l.lead_id, l]));
  // The warehouse row may be up to a flush behind Redis: a lead whose fresh document no longer
  // matches (its status or assignee changed a moment ago) is left out rather than shown wrongly.
  const leads = ids.map((id) => recentById.get(id) ?? fromWarehouse.get(id)).filter((l): l is StoredLead => l !== undefined && matchesLead(l, q));
  return { leads, total: whTotal + recent.length };
}
