// Tenant overrides of the offline analyser's rules, in Redis hash `analysisKeys.rules(t)`.
import type { Redis } from 'ioredis';
import { analysisKeys } from '../../../common/call-tasks/model.js';
import { validateTenantRules, type TenantRules } from './analyser.js';

export interface StoredRules {
  rules: TenantRules;
  /** 0 = never set (the defaults apply). */
  version: number;
  updatedAtMs: number;
  updatedBy: string;
}

export class RulesCorruptError extends Error {
  constructor(readonly tenantId: string, detail: string) {
    super(`analysis rules of tenant ${tenantId} are unreadable: ${detail}`);
    this.name = 'RulesCorruptError';
  }
}

export class AnalysisRulesStore {
  constructor(private readonly redis: Redis) {}

  async get(tenantId: string): Promise<StoredRules> {
    const h = await this.redis.hgetall(analysisKeys.rules(tenantId));
    if (!h.json) return { rules: {}, version: 0, updatedAtMs: 0, updatedBy: '' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(h.json);
    } catch {
      throw new RulesCorruptError(tenantId, 'not JSON');
    }
    const checked = validateTenantRules(parsed, 'rules');
    if (!checked.ok) throw new RulesCorruptError(tenantId, checked.problems.map((p) => p.field).join(', '));
    return { rules: checked.rules, version: Number(h.version ?? 0), updatedAtMs: Number(h.updated_at ?? 0), updatedBy: h.updated_by ?? '' };
  }

  /** Replaces the overrides (already validated by the caller); returns the new version. */
  async put(tenantId: string, rules: TenantRules, by: string, nowMs = Date.now()): Promise<StoredRules> {
    const key = analysisKeys.rules(tenantId);
    const res = await this.redis.multi().hset(key, 'json', JSON.stringify(rules), 'updated_at', String(nowMs), 'updated_by', by).hincrby(key, 'version', 1).exec();
    const version = Number(res?.[1]?.[1] ?? 0);
    return { rules, version, updatedAtMs: nowMs, updatedBy: by };
  }
}
