// Lead imports in Redis: the uploaded file (kept only until its job ends), the import's state
// hash, the tenant's list of imports and the per-row error report. The job writes each batch of
// rows with one Lua step that XADDs the good rows to the lead ingest stream, appends the error
// rows, adds to the counters and moves the resume cursor — all or nothing, and only if the cursor
// is still where this run read it, so a crashed or duplicated run can neither skip nor repeat rows.
import type { Redis } from 'ioredis';
import { ENTITY_STREAM } from '../../../../common/feed.js';
import type { PiiKeys } from '../../../../common/pii.js';
import { sealIngestBody } from '../pipeline/ingest-body.js';
import type { IngestFields } from '../pipeline/pipeline-worker.js';
import { entityFeedFields, type DimLeadImportRow } from '../../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../../warehouse/src/domain/time.js';
import { leadKeys } from '../pipeline/lead-store.js';
import { openFile, sealFile } from './file-seal.js';
import type { ImportFileKind } from './parse.js';
import type { ImportRowError } from './rows.js';

export const IMPORT_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const importKeys = {
  state: (t: string, id: string) => `cunke:leadimport:${t}:${id}`,
  file: (t: string, id: string) => `cunke:leadimport:file:${t}:${id}`,
  errors: (t: string, id: string) => `cunke:leadimport:errors:${t}:${id}`,
  byTime: (t: string) => `cunke:leadimports:${t}`,
  /** Every import not yet COMPLETED/FAILED, as `tenant\nid`: a worker re-queues them on start (an API that died between storing and queueing). */
  open: () => 'cunke:leadimports:open',
};

export interface ImportState {
  import_id: string;
  tenant_id: string;
  scene_config_id: string;
  scene_type: string;
  file_name: string;
  kind: ImportFileKind;
  charset: string;
  bytes: number;
  sha256: string;
  created_by: string;
  status: ImportStatus;
  /** Machine reason of FAILED (unparseable_file, too_many_rows, scene_not_found, …). */
  reason: string | null;
  message: string | null;
  total_rows: number | null;
  processed: number;
  accepted: number;
  rejected: number;
  /** Sheet row number up to which rows are done (enqueued or reported). */
  cursor: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

/** One good row, as POST /leads/ingestions writes it to the ingest stream (no pre-assigned owner). */
export type IngestEntry = Omit<IngestFields, 'assign'>;

const ENTRY_FIELDS = ['t', 'lead', 'scene', 'src', 'ext', 'body', 'at'] as const;

/**
 * KEYS: state, ingest stream, errors list. ARGV: expected cursor, new cursor, accepted, rejected,
 * stream max length, entry count, retention seconds, then 14 values per entry, then error rows.
 */
const BATCH_LUA = `
if redis.call('HGET', KEYS[1], 'cursor') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'status') ~= 'RUNNING' then return 0 end
local n = tonumber(ARGV[6])
local i = 8
for e = 1, n do
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', unpack(ARGV, i, i + 13))
  i = i + 14
end
local errs = 0
while i <= #ARGV do
  redis.call('RPUSH', KEYS[3], ARGV[i])
  i = i + 1
  errs = errs + 1
end
if errs > 0 then redis.call('EXPIRE', KEYS[3], ARGV[7]) end
redis.call('HSET', KEYS[1], 'cursor', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'accepted', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'rejected', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'processed', tonumber(ARGV[3]) + tonumber(ARGV[4]))
return 1
`;

export class ImportCursorMoved extends Error {
  constructor(readonly importId: string) {
    super(`import ${importId}: another run moved the cursor or ended the import`);
    this.name = 'ImportCursorMoved';
  }
}

const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));

function fromHash(h: Record<string, string>): ImportState | null {
  if (!h.import_id) return null;
  return {
    import_id: h.import_id, tenant_id: h.tenant_id ?? '', scene_config_id: h.scene_config_id ?? '', scene_type: h.scene_type ?? '',
    file_name: h.file_name ?? '', kind: (h.kind as ImportFileKind) ?? 'csv', charset: h.charset ?? '', bytes: Number(h.bytes ?? 0), sha256: h.sha256 ?? '',
    created_by: h.created_by ?? '', status: (h.status as ImportStatus) ?? 'QUEUED', reason: h.reason || null, message: h.message || null,
    total_rows: num(h.total_rows), processed: Number(h.processed ?? 0), accepted: Number(h.accepted ?? 0), rejected: Number(h.rejected ?? 0),
    cursor: Number(h.cursor ?? 0), created_at: Number(h.created_at ?? 0), started_at: num(h.started_at), finished_at: num(h.finished_at),
  };
}

const STEP: Record<ImportStatus, number> = { QUEUED: 1, RUNNING: 2, COMPLETED: 3, FAILED: 3 };

/** The warehouse snapshot of an import (dim_lead_import); its version is the status step. */
export function importRow(s: ImportState): DimLeadImportRow {
  const dt = (ms: number | null) => (ms === null ? null : toDateTime64(ms));
  return {
    tenant_id: s.tenant_id, import_id: s.import_id, scene_config_id: s.scene_config_id, scene_type: s.scene_type, file_name: s.file_name, file_type: s.kind,
    file_bytes: s.bytes, file_sha256: s.sha256, created_by: s.created_by, status: s.status, reason: s.reason ?? '', message: s.message ?? '',
    total_rows: s.total_rows, processed: s.processed, accepted: s.accepted, rejected: s.rejected,
    created_at: toDateTime64(s.created_at), started_at: dt(s.started_at), finished_at: dt(s.finished_at), version: STEP[s.status],
  };
}

export interface ImportStoreOptions {
  /** How long state, error report and (at most) the file are kept. */
  retentionS: number;
  /** The file is sealed with the PII key at rest. */
  pii: PiiKeys;
  /** Writer name on the entity feed rows. */
  writer: string;
  /** Where good rows go (a benchmark points it at a private stream no pipeline reads). */
  ingestStream?: string;
  entityStream?: string;
}

export class ImportStore {
  private readonly retentionS: number;
  private readonly ingestStream: string;
  private readonly entityStream: string;

  constructor(private readonly redis: Redis, private readonly opts: ImportStoreOptions) {
    this.retentionS = opts.retentionS;
    this.ingestStream = opts.ingestStream ?? leadKeys.ingest();
    this.entityStream = opts.entityStream ?? ENTITY_STREAM;
  }

  private feed(s: ImportState, now: number): string[] {
    return entityFeedFields('dimLeadImport', importRow(s), now, this.opts.writer);
  }

  /** The file and the QUEUED state in one MULTI: an import exists exactly when its file is durable. */
  async create(s: ImportState, file: Buffer): Promise<void> {
    const t = s.tenant_id;
    const m = this.redis.multi();
    m.set(importKeys.file(t, s.import_id), sealFile(this.opts.pii, file), 'EX', this.retentionS);
    m.hset(importKeys.state(t, s.import_id), {
      import_id: s.import_id, tenant_id: t, scene_config_id: s.scene_config_id, scene_type: s.scene_type, file_name: s.file_name, kind: s.kind,
      charset: s.charset, bytes: String(s.bytes), sha256: s.sha256, created_by: s.created_by, status: s.status, reason: '', message: '',
      total_rows: '', processed: '0', accepted: '0', rejected: '0', cursor: '0', created_at: String(s.created_at), started_at: '', finished_at: '',
    });
    m.expire(importKeys.state(t, s.import_id), this.retentionS);
    m.zadd(importKeys.byTime(t), s.created_at, s.import_id);
    m.sadd(importKeys.open(), `${t}\n${s.import_id}`);
    m.xadd(this.entityStream, '*', ...this.feed(s, s.created_at));
    await m.exec();
  }

  /** Imports not yet ended; ones whose state expired meanwhile are dropped from the set. */
  async openImports(): Promise<{ tenantId: string; importId: string }[]> {
    const out: { tenantId: string; importId: string }[] = [];
    for (const m of await this.redis.smembers(importKeys.open())) {
      const [tenantId = '', importId = ''] = m.split('\n');
      if (await this.redis.exists(importKeys.state(tenantId, importId))) out.push({ tenantId, importId });
      else await this.redis.srem(importKeys.open(), m);
    }
    return out;
  }

  async get(t: string, id: string): Promise<ImportState | null> {
    return fromHash(await this.redis.hgetall(importKeys.state(t, id)));
  }

  async file(t: string, id: string): Promise<Buffer | null> {
    const sealed = await this.redis.getBuffer(importKeys.file(t, id));
    return sealed ? openFile(this.opts.pii, sealed) : null;
  }

  /** The tenant's imports, newest first; entries whose state expired are dropped on the way. */
  async list(t: string, offset: number, count: number, now: number): Promise<{ records: ImportState[]; total: number }> {
    await this.redis.zremrangebyscore(importKeys.byTime(t), '-inf', String(now - this.retentionS * 1000));
    const [ids, total] = await Promise.all([this.redis.zrevrange(importKeys.byTime(t), offset, offset + count - 1), this.redis.zcard(importKeys.byTime(t))]);
    const res = ids.length ? await this.redis.pipeline(ids.map((id) => ['hgetall', importKeys.state(t, id)])).exec() : [];
    const records: ImportState[] = [];
    for (const r of res ?? []) {
      const s = fromHash((r[1] ?? {}) as Record<string, string>);
      if (s) records.push(s);
    }
    return { records, total };
  }

  /** `count` < 0: every error from `offset`. */
  async errors(t: string, id: string, offset: number, count: number): Promise<{ records: ImportRowError[]; total: number }> {
    const key = importKeys.errors(t, id);
    const [rows, total] = await Promise.all([this.redis.lrange(key, offset, count < 0 ? -1 : offset + count - 1), this.redis.llen(key)]);
    return { records: rows.map((r) => JSON.parse(r) as ImportRowError), total };
  }

  /** RUNNING; a resumed run keeps the first start time. */
  async start(s: ImportState, now: number): Promise<void> {
    const next: ImportState = { ...s, status: 'RUNNING', started_at: s.started_at ?? now };
    const m = this.redis.multi();
    m.hset(importKeys.state(s.tenant_id, s.import_id), 'status', 'RUNNING', 'started_at', String(next.started_at));
    if (s.status !== 'RUNNING') m.xadd(this.entityStream, '*', ...this.feed(next, now));
    await m.exec();
  }

  async setTotal(t: string, id: string, total: number): Promise<void> {
    await this.redis.hset(importKeys.state(t, id), 'total_rows', String(total));
  }

  /** Ends the import; the file is no longer needed (its leads are in the stream, its errors in the report). */
  async finish(t: string, id: string, status: 'COMPLETED' | 'FAILED', now: number, reason?: { reason: string; message: string }): Promise<void> {
    // Counters cannot move between this read and the write: only the run that ends the import writes them.
    const prev = await this.get(t, id);
    const m = this.redis.multi();
    m.hset(importKeys.state(t, id), 'status', status, 'finished_at', String(now), 'reason', reason?.reason ?? '', 'message', reason?.message ?? '');
    m.del(importKeys.file(t, id));
    m.srem(importKeys.open(), `${t}\n${id}`);
    if (prev) m.xadd(this.entityStream, '*', ...this.feed({ ...prev, status, finished_at: now, reason: reason?.reason ?? null, message: reason?.message ?? null }, now));
    await m.exec();
  }

  /** One batch: throws ImportCursorMoved when another run got there first (this run must stop). */
  async commitBatch(t: string, id: string, from: number, to: number, entries: IngestEntry[], errors: ImportRowError[], rejectedRows: number, streamMaxLen: number): Promise<void> {
    const args: (string | number)[] = [String(from), String(to), entries.length, rejectedRows, streamMaxLen, entries.length, this.retentionS];
    // Row payloads carry contact details: sealed in the stream like every other lead source (ingest-body.ts).
    for (const e of entries) for (const f of ENTRY_FIELDS) args.push(f, f === 'body' ? sealIngestBody(this.opts.pii, e.body) : e[f]);
    for (const e of errors) args.push(JSON.stringify(e));
    const ok = await this.redis.eval(BATCH_LUA, 3, importKeys.state(t, id), this.ingestStream, importKeys.errors(t, id), ...args);
    if (ok !== 1) throw new ImportCursorMoved(id);
  }
}
