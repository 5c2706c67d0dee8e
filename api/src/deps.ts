// What the API's routes need, built once by main.ts (or a test) and passed to every module.
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { PrincipalResolver } from '../../common/access/resolve-principal.js';
import type { Config } from '../../common/config.js';
import type { Logger } from '../../common/logger.js';
import type { PiiKeys } from '../../common/pii.js';
import type { Warehouse } from '../../warehouse/src/warehouse.js';
import type { TaskStore } from '../../common/call-tasks/task-store.js';
import type { AuditTrail } from './audit/audit-trail.js';
import type { TaskScheduler } from './call-tasks/scheduler.js';
import type { IdentityStore } from './identity/identity-store.js';
import type { ApiMetrics } from './plugins/observability.js';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface ApiDeps {
  config: Config;
  log: Logger;
  redis: Redis;
  warehouse: Warehouse;
  pii: PiiKeys;
  tokenSecret: Buffer;
  resolver: PrincipalResolver;
  identity: IdentityStore;
  audit: AuditTrail;
  /** Call tasks (issue 4): the store shared with the dialer, and the producer of scheduled starts. */
  tasks: TaskStore;
  scheduler: TaskScheduler;
  registry: Registry;
  metrics: ApiMetrics;
  readiness: ReadinessCheck[];
  /** Base URL of the API as users reach it. */
  publicUrl: string;
  /** WebSocket URL of the live hub given to dashboards. */
  liveUrl: string;
}
