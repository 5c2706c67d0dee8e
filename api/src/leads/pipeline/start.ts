// Starts the lead pipeline worker in the API process when configured (LEAD_PIPELINE_WORKER),
// with assignees taken from the tenant's users, their assignee profiles and open-lead counts
// (a disabled user is never assigned).
import { hostname } from 'node:os';
import type { Config } from '../../../../common/config.js';
import type { Logger } from '../../../../common/logger.js';
import type { ApiDeps } from '../../deps.js';
import { leadConfigStores, loadAssignees } from '../catalog/stores.js';
import { loadGeoIpCsv } from '../enrich/geoip-file.js';
import { leadRuntime } from '../runtime.js';
import { LeadPipeline } from './pipeline-worker.js';

export function shouldRunLeadPipeline(config: Config, runsWriters: boolean): boolean {
  return config.leadPipelineWorker === 'auto' ? runsWriters : config.leadPipelineWorker === 'true';
}

export async function startLeadPipeline(deps: ApiDeps, log: Logger): Promise<LeadPipeline> {
  const rt = leadRuntime(deps);
  await rt.started;
  const stores = leadConfigStores(deps.redis);
  const pipeline = new LeadPipeline({
    redis: deps.redis, store: rt.leads, cache: rt.cache, pii: deps.pii, log: log.child({ stage: 'lead-pipeline' }),
    consumer: `api-${hostname()}-${process.pid}`, defaultRegion: deps.config.phoneDefaultRegion, geoIp: await loadGeoIpCsv(deps.config.geoipCsvPath),
    users: (t, ids) => loadAssignees(deps.redis, stores, deps.identity, t, ids, deps.config.dialerDefaultTimezone),
  });
  await pipeline.start();
  return pipeline;
}
