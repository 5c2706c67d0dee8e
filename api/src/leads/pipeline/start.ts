// Starts the lead pipeline worker in the API process when configured (LEAD_PIPELINE_WORKER),
// with assignees taken from the tenant's users (a disabled user is never assigned).
import { hostname } from 'node:os';
import type { Config } from '../../../../common/config.js';
import type { Logger } from '../../../../common/logger.js';
import type { ApiDeps } from '../../deps.js';
import type { Assignee } from '../domain/assignment.js';
import { leadRuntime } from '../runtime.js';
import { LeadPipeline } from './pipeline-worker.js';

export function shouldRunLeadPipeline(config: Config, runsWriters: boolean): boolean {
  return config.leadPipelineWorker === 'auto' ? runsWriters : config.leadPipelineWorker === 'true';
}

export async function startLeadPipeline(deps: ApiDeps, log: Logger): Promise<LeadPipeline> {
  const rt = leadRuntime(deps);
  await rt.started;
  const pipeline = new LeadPipeline({
    redis: deps.redis, store: rt.leads, cache: rt.cache, pii: deps.pii, log: log.child({ stage: 'lead-pipeline' }),
    consumer: `api-${hostname()}-${process.pid}`, defaultRegion: deps.config.phoneDefaultRegion,
    users: async (t, ids) => {
      const out: Assignee[] = [];
      for (const id of ids) {
        const u = await deps.identity.getUser(t, id);
        if (u) out.push({ user_id: u.userId, status: u.status === 'ACTIVE' ? 'active' : 'disabled', time_zone: deps.config.dialerDefaultTimezone, load: 0 });
      }
      return out;
    },
  });
  await pipeline.start();
  return pipeline;
}
