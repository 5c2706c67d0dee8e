// bench:lead-import — rows/s of one spreadsheet import job (parse → map each row through the
// scene's data_mapping_rules → batched Lua XADD with the error rows and the resume cursor), for a
// 10k-row CSV and the same rows as .xlsx, against the raw XADD rate of the same entries measured
// in the same run (the ceiling of the enqueue step). Good rows go to a private stream no pipeline
// reads, so the number is the import's enqueue rate, not the lead pipeline's; the bench removes
// its keys after.
//   BENCH_IMPORT_ROWS (default 10000), BENCH_IMPORT_BAD (0.05: share of rows with a bad phone)
import ExcelJS from 'exceljs';
import { createLogger } from '../../common/logger.js';
import { piiKeysFromHex } from '../../common/pii.js';
import { runImport } from '../../api/src/leads/imports/import-job.js';
import { importKeys, ImportStore } from '../../api/src/leads/imports/import-store.js';
import type { ImportFileKind } from '../../api/src/leads/imports/parse.js';
import { SceneCache } from '../../api/src/leads/scenes/scene-cache.js';
import { SceneStore } from '../../api/src/leads/scenes/scene-store.js';
import { applySceneInput } from '../../api/src/leads/scenes/scene-validate.js';
import { connectRedis, namespace, testConfig } from '../support/services.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const BAD = Number(process.env.BENCH_IMPORT_BAD ?? 0.05);
const config = testConfig({ logLevel: 'warn' });
const log = createLogger('bench-lead-import', 'warn');
const tenant = namespace('bimp');
const stream = `bench:lead-import:${tenant}`;
const HEADERS = ['姓名', '手机', '邮箱', '公司', '地区', '备注'];

function rows(): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ROWS; i++) {
    const bad = (i * 7919) % 1000 < BAD * 1000;
    out.push([`客户${i}`, bad ? '12345' : `139${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}`, i % 3 ? '' : `c${i}@corp.cn`, i % 4 ? '' : `某某科技${i % 500}有限公司`, '广东', '对产品A感兴趣，请尽快联系']);
  }
  return out;
}

const csvOf = (r: string[][]) => Buffer.from(`\uFEFF${[HEADERS, ...r].map((l) => l.join(',')).join('\r\n')}\r\n`);
async function xlsxOf(r: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('leads');
  ws.addRow(HEADERS);
  for (const l of r) ws.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const redis = await connectRedis(config);
  // Scene versions go to a private feed too: the bench leaves nothing for a warehouse writer.
  const scenes = new SceneStore(redis, 'bench', `${stream}:entity`);
  const cache = new SceneCache(scenes, redis, log);
  await cache.start();
  const scene = applySceneInput(null, {
    scene_name: 'bench import', scene_type: 'API_IMPORT',
    data_mapping_rules: { fields: [
      { target: 'name', source: '姓名' }, { target: 'phone', source: '手机', required: true }, { target: 'email', source: '邮箱' },
      { target: 'company', source: '公司' }, { target: 'region', source: '地区' }, { target: 'message', source: '备注' },
    ] },
  }, { tenant_id: tenant, scene_config_id: `sc_${tenant}` }, Date.now());
  await scenes.write(scene, null, 'bench');
  const store = new ImportStore(redis, { retentionS: 3600, pii: piiKeysFromHex(config.piiHashKey, config.piiEncKey), writer: 'bench', ingestStream: stream, entityStream: `${stream}:entity` });
  const deps = { store, cache, log, maxRows: ROWS, maxCellChars: 10_000, batchRows: config.leadImportBatchRows, streamMaxLen: 10_000_000, defaultRegion: 'CN' };
  const data = rows();
  const results: Record<string, unknown> = { rows: ROWS, badShare: BAD, batchRows: config.leadImportBatchRows };
  const ids: string[] = [];
  try {
    for (const [kind, file] of [['csv', csvOf(data)], ['xlsx', await xlsxOf(data)]] as [ImportFileKind, Buffer][]) {
      const id = `imp_bench${kind}${Date.now().toString(36)}`;
      ids.push(id);
      const now = Date.now();
      await store.create({
        import_id: id, tenant_id: tenant, scene_config_id: scene.scene_config_id, scene_type: scene.scene_type, file_name: `bench.${kind}`, kind, charset: '',
        bytes: file.length, sha256: '', created_by: 'bench', status: 'QUEUED', reason: null, message: null, total_rows: null, processed: 0, accepted: 0,
        rejected: 0, cursor: 0, created_at: now, started_at: null, finished_at: null,
      }, file);
      const t0 = performance.now();
      const s = await runImport(deps, tenant, id);
      const ms = performance.now() - t0;
      if (s?.status !== 'COMPLETED') throw new Error(`import ${kind} ended ${s?.status}: ${s?.message}`);
      results[kind] = { bytes: file.length, ms: Math.round(ms), rowsPerS: Math.round((ROWS / ms) * 1000), accepted: s.accepted, rejected: s.rejected };
    }
    // Ceiling: the same number of entries XADDed in pipelines of the same batch size, no parsing or mapping.
    const entries = await redis.xrange(stream, '-', '+', 'COUNT', ROWS);
    const raw = `${stream}:raw`;
    const t0 = performance.now();
    for (let i = 0; i < entries.length; i += config.leadImportBatchRows) {
      const p = redis.pipeline();
      for (const [, f] of entries.slice(i, i + config.leadImportBatchRows)) p.xadd(raw, '*', ...f);
      await p.exec();
    }
    const rawMs = performance.now() - t0;
    results.rawXadd = { entries: entries.length, ms: Math.round(rawMs), perS: Math.round((entries.length / rawMs) * 1000) };
    const csv = results.csv as { rowsPerS: number };
    results.csvVsRawXadd = Number((csv.rowsPerS / (results.rawXadd as { perS: number }).perS).toFixed(3));
    await redis.del(raw);
  } finally {
    await redis.del(stream, `${stream}:entity`, ...ids.flatMap((id) => [importKeys.state(tenant, id), importKeys.errors(tenant, id), importKeys.file(tenant, id)]), importKeys.byTime(tenant));
    await scenes.remove(scene, 'bench', Date.now()).catch(() => undefined);
    await redis.del(`${stream}:entity`);
    await cache.stop();
    redis.disconnect();
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
