// One import job (one file, never one job per row): count the rows first (a file over the row
// limit, or one that cannot be parsed, fails before any row is enqueued), then stream the rows
// again, map each through the scene's data_mapping_rules, and write batches of good rows to the
// lead ingest stream with the error rows and the resume cursor (ImportStore.commitBatch). A run
// after a crash starts from the cursor; a row's lead id derives from (import, row), so even a
// row enqueued twice is one lead (the pipeline worker skips a lead that exists).
import type { Logger } from '../../../../common/logger.js';
import type { SceneCache } from '../scenes/scene-cache.js';
import { ImportCursorMoved, type ImportState, type ImportStore, type IngestEntry } from './import-store.js';
import { ImportFileError, sheetRows, type ParseOptions } from './parse.js';
import { checkRow, importLeadId, readHeaders, rowPayload, type ImportRowError } from './rows.js';

export interface ImportJobDeps {
  store: ImportStore;
  cache: SceneCache;
  log: Logger;
  maxRows: number;
  maxCellChars: number;
  batchRows: number;
  streamMaxLen: number;
  defaultRegion: string;
  now?: () => number;
  metrics?: ImportMetrics;
}

/** Prometheus hooks (start.ts registers them); optional so tests and benches run without a registry. */
export interface ImportMetrics {
  rows(outcome: 'accepted' | 'rejected', n: number): void;
  ended(status: 'COMPLETED' | 'FAILED', reason: string, seconds: number): void;
}

/** The source the pipeline records for imported leads (spec 000 §五.1 文件导入). */
export const IMPORT_SOURCE = 'FILE_IMPORT';
/** A row's errors beyond this many are left out of the report (the row is rejected either way). */
const MAX_ERRORS_PER_ROW = 10;
const MAX_COLUMNS = 500;

/** Runs (or resumes) an import; returns its final state. Infrastructure errors throw, so the queue retries. */
export async function runImport(d: ImportJobDeps, tenantId: string, importId: string): Promise<ImportState | null> {
  const now = d.now ?? Date.now;
  const s = await d.store.get(tenantId, importId);
  if (!s) return null; // expired or never stored: nothing to do
  if (s.status === 'COMPLETED' || s.status === 'FAILED') return s;
  const log = d.log.child({ tenantId, importId });
  const t0 = Date.now();
  const fail = async (reason: string, message: string) => {
    log.warn({ reason, message }, 'lead import failed');
    d.metrics?.ended('FAILED', reason, (Date.now() - t0) / 1000);
    await d.store.finish(tenantId, importId, 'FAILED', now(), { reason, message });
    return d.store.get(tenantId, importId);
  };
  let file: Buffer | null;
  try {
    file = await d.store.file(tenantId, importId);
  } catch (err) {
    // Sealed with another PII key, or altered: retrying cannot help.
    if (!(err instanceof Error) || !/auth|decrypt|too short/i.test(err.message)) throw err;
    return fail('file_unreadable', 'the stored file could not be opened');
  }
  if (!file) return fail('file_missing', 'the uploaded file is no longer stored');
  const scene = await d.cache.byId(tenantId, s.scene_config_id);
  if (!scene) return fail('scene_not_found', `scene ${s.scene_config_id} no longer exists`);
  if (!scene.scene.is_enabled) return fail('scene_disabled', `scene ${s.scene_config_id} is disabled`);
  await d.store.start(s, now());
  const opts: ParseOptions = { maxCellChars: d.maxCellChars, maxColumns: MAX_COLUMNS };
  const charset = s.charset || undefined;

  try {
    // Pass 1: the file parses and holds at most maxRows rows, or nothing is enqueued.
    let total = 0;
    let headerSeen = false;
    for await (const r of sheetRows(file, s.kind, opts, charset)) {
      if (!headerSeen) {
        const h = readHeaders(r.cells, d.maxCellChars);
        if (!h.ok) return await fail(h.reason, h.message);
        headerSeen = true;
        continue;
      }
      if (r.cells.some((c) => c !== null && c !== undefined && !(typeof c === 'string' && c.trim() === ''))) total++;
      if (total > d.maxRows) return await fail('too_many_rows', `the file has more than ${d.maxRows} data rows`);
    }
    if (!headerSeen) return await fail('empty_file', 'the file has no header row');
    await d.store.setTotal(tenantId, importId, total);

    // Pass 2: rows after the cursor, in batches.
    let headers: (string | null)[] = [];
    let from = s.cursor;
    let last = s.cursor;
    let entries: IngestEntry[] = [];
    let errors: ImportRowError[] = [];
    let rejected = 0;
    let pending = 0;
    const flush = async () => {
      if (last === from) return;
      await d.store.commitBatch(tenantId, importId, from, last, entries, errors, rejected, d.streamMaxLen);
      d.metrics?.rows('accepted', entries.length);
      d.metrics?.rows('rejected', rejected);
      from = last;
      entries = [];
      errors = [];
      rejected = 0;
      pending = 0;
    };
    const at = String(s.created_at);
    for await (const r of sheetRows(file, s.kind, opts, charset)) {
      if (headers.length === 0) {
        const h = readHeaders(r.cells, d.maxCellChars);
        if (!h.ok) return await fail(h.reason, h.message);
        headers = h.headers;
        continue;
      }
      if (r.row <= from) continue;
      last = r.row;
      const p = rowPayload(r.row, headers, r.cells, d.maxCellChars);
      if (p.blank) continue;
      pending++;
      const rowErrors = [...p.errors, ...checkRow(r.row, scene.scene.data_mapping_rules, p.payload, d.defaultRegion)];
      if (rowErrors.length) {
        rejected++;
        errors.push(...rowErrors.slice(0, MAX_ERRORS_PER_ROW));
      } else {
        entries.push({
          t: tenantId, lead: importLeadId(tenantId, importId, r.row, s.created_at), scene: scene.scene.scene_config_id, src: IMPORT_SOURCE,
          ext: `${importId}#${r.row}`, body: JSON.stringify(p.payload), at,
        });
      }
      if (pending >= d.batchRows) await flush();
    }
    await flush();
  } catch (err) {
    if (err instanceof ImportFileError) return await fail(err.reason, err.message);
    if (err instanceof ImportCursorMoved) {
      // Another run of the same import is ahead of this one: it owns the rest.
      log.warn('another run of this import moved its cursor; this run stops');
      return d.store.get(tenantId, importId);
    }
    throw err;
  }
  await d.store.finish(tenantId, importId, 'COMPLETED', now());
  d.metrics?.ended('COMPLETED', '', (Date.now() - t0) / 1000);
  const done = await d.store.get(tenantId, importId);
  log.info({ rows: done?.processed, accepted: done?.accepted, rejected: done?.rejected, ms: Date.now() - t0 }, 'lead import completed');
  return done;
}
