// The audit trail: one row per audited request (who, what, when, which record, from where,
// outcome), appended to the entity feed and written to warehouse `audit_log` by the writer.
// Appending happens after the response is sent: it adds no latency, and a failure is logged
// and counted instead of failing a request that already succeeded.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Counter } from 'prom-client';
import { ENTITY_STREAM } from '../../../common/feed.js';
import type { Logger } from '../../../common/logger.js';
import { entityFeedFields, type AuditLogRow } from '../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../warehouse/src/domain/time.js';

export type AuditEntry = Omit<AuditLogRow, 'audit_id' | 'at'> & { atMs: number };

export class AuditTrail {
  constructor(
    private readonly redis: Redis,
    private readonly writer: string,
    private readonly log: Logger,
    private readonly failures: Counter,
  ) {}

  record(entry: AuditEntry): void {
    const { atMs, ...rest } = entry;
    const row: AuditLogRow = { ...rest, audit_id: randomUUID(), at: toDateTime64(atMs), detail: rest.detail.slice(0, 500), user_agent: rest.user_agent.slice(0, 200) };
    this.redis.xadd(ENTITY_STREAM, '*', ...entityFeedFields('auditLog', row, atMs, this.writer)).catch((err: unknown) => {
      this.failures.inc();
      this.log.error({ err: (err as Error).message, action: row.action, tenantId: row.tenant_id }, 'audit row not recorded');
    });
  }
}
