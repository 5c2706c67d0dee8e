// Starts the lead import job worker in the API process when configured (LEAD_IMPORT_WORKER),
// under the same rule as the lead pipeline worker whose ingest stream it feeds.
import { hostname } from 'node:os';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Config } from '../../../../common/config.js';
import type { Logger } from '../../../../common/logger.js';
import type { ApiDeps } from '../../deps.js';
import { leadRuntime } from '../runtime.js';
import type { ImportMetrics } from './import-job.js';
import { startImportWorker, type ImportWorkerHandle } from './import-queue.js';
import { ImportStore } from './import-store.js';

export function shouldRunLeadImports(config: Config, runsWriters: boolean): boolean {
  return config.leadImportWorker === 'auto' ? runsWriters : config.leadImportWorker === 'true';
}

export function importMetrics(registry: Registry): ImportMetrics {
  const registers = [registry];
  const rows = new Counter({ name: 'cunke_lead_import_rows_total', help: 'Spreadsheet import rows by outcome (accepted = enqueued to the lead pipeline).', labelNames: ['outcome'], registers });
  const imports = new Counter({ name: 'cunke_lead_imports_total', help: 'Lead imports ended, by status and failure reason.', labelNames: ['status', 'reason'], registers });
  const seconds = new Histogram({ name: 'cunke_lead_import_seconds', help: 'Duration of one lead import job run.', labelNames: ['status'], registers, buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
  return {
    rows: (outcome, n) => { if (n > 0) rows.inc({ outcome }, n); },
    ended: (status, reason, s) => { imports.inc({ status, reason }); seconds.observe({ status }, s); },
  };
}

export async function startLeadImports(deps: ApiDeps, log: Logger): Promise<ImportWorkerHandle> {
  const rt = leadRuntime(deps);
  await rt.started;
  const c = deps.config;
  return startImportWorker(c.redisUrl, c.leadImportConcurrency, {
    store: new ImportStore(deps.redis, { retentionS: c.leadImportRetentionDays * 86400, pii: deps.pii, writer: `api-${hostname()}` }), cache: rt.cache, log: log.child({ stage: 'lead-import' }),
    maxRows: c.leadImportMaxRows, maxCellChars: c.leadImportMaxCellChars, batchRows: c.leadImportBatchRows,
    streamMaxLen: c.leadIngestStreamMaxLen, defaultRegion: c.phoneDefaultRegion, metrics: importMetrics(deps.registry),
  });
}
