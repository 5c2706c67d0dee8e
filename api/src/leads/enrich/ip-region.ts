// Spec 000 §五.2 "通过IP地址查询地理位置": fills lead_data.region from the visitor's IP address when
// the scene's mapping did not set a region. The address is the mapped `ip_address` or the
// ingestion's `meta.ip_address` (spec 000 §6.2 example body). The HTTP peer of the ingestion is
// deliberately not used: ingestions and webhooks come from servers (CRM, ad platforms), whose
// address says where the server is, not the lead. Pure: the database is already in memory.
import type { LeadData } from '../domain/lead.js';
import type { GeoIpDb } from './geoip-db.js';

export function visitorIp(d: LeadData, payload: unknown): string | null {
  if (typeof d.ip_address === 'string' && d.ip_address.trim()) return d.ip_address.trim();
  const meta = payload && typeof payload === 'object' ? (payload as { meta?: unknown }).meta : undefined;
  const ip = meta && typeof meta === 'object' ? (meta as { ip_address?: unknown }).ip_address : undefined;
  return typeof ip === 'string' && ip.trim() ? ip.trim() : null;
}

/**
 * lead_data with `region` (the database's region name, else its country name) and
 * `custom.ip_geo` ({country_code, country, region, city}) when the address is public and known;
 * the same object otherwise.
 */
export function withIpRegion(db: GeoIpDb, d: LeadData, payload: unknown): LeadData {
  if (d.region) return d;
  const ip = visitorIp(d, payload);
  const loc = ip ? db.lookup(ip) : null;
  if (!loc) return d;
  return {
    ...d,
    region: loc.region_name ?? loc.country_name,
    custom: { ...(d.custom ?? {}), ip_geo: { country_code: loc.country_code, country: loc.country_name, region: loc.region_name, city: loc.city_name } },
  };
}
