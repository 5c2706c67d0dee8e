// Supervises the processes of the embedded setup for `npm start`: each runs as its own Node
// process (as in production), its output prefixed with its name; Ctrl-C stops them in reverse
// order so the gateway can flush and the writer can drain the feed. The API owns the embedded
// warehouse (it runs the writers and answers queries); with a ClickHouse server the writer runs
// as its own process. Before starting, the demo tenant gets an admin key (kept in
// $CUNKE_DATA_DIR/demo-admin.key and reused) so the dashboard can be opened at once.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../common/config.js';
import { sumMetric } from '../../common/prometheus-text.js';
import { REPO_ROOT } from './stack-env.js';

interface Proc {
  name: string;
  args: string[];
}

const config = loadConfig();
const apiOwnsWriter = config.apiRunWriter === 'auto' ? config.warehouseBackend === 'chdb' : config.apiRunWriter === 'true';
const procs: Proc[] = [
  ...(apiOwnsWriter ? [] : [{ name: 'warehouse', args: ['warehouse/src/main.ts'] }]),
  { name: 'api', args: ['api/src/main.ts'] },
  { name: 'gateway', args: ['gateway/src/main.ts'] },
  { name: 'devices', args: ['device-agent/src/main.ts', 'simulate', '--devices', String(config.simDevices), '--tenant', config.simTenant] },
];

const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function start(p: Proc): void {
  // Own process group: Ctrl-C reaches only this supervisor, which stops the children in order.
  // Quiet by default (warnings and errors); the summary line below shows the system working.
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const child = spawn(process.execPath, ['--import', 'tsx', ...p.args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${p.name.padEnd(9)} | ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    process.stdout.write(`${p.name.padEnd(9)} | exited (${signal ?? code})\n`);
    if (!stopping) void stopAll(1);
  });
  children.push({ name: p.name, child });
}

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const { child } of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      const t = setTimeout(() => { child.kill('SIGKILL'); resolve(null); }, 15_000);
      child.once('exit', () => { clearTimeout(t); resolve(null); });
    });
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
process.on('exit', () => children.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL')));

const scrape = (port: number, name: string, labels: Record<string, string> = {}) => scrapeUrl(`http://127.0.0.1:${port}/metrics`, name, labels);

async function scrapeUrl(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  try {
    return sumMetric(await (await fetch(url)).text(), name, labels);
  } catch {
    return Number.NaN;
  }
}

let last = { recorded: 0, at: Date.now() };
setInterval(async () => {
  const [recorded, rejected, rows] = await Promise.all([
    scrape(config.gatewayMetricsPort, 'cunke_gateway_messages_total', { outcome: 'recorded' }),
    scrape(config.gatewayMetricsPort, 'cunke_gateway_rejects_total'),
    // The writer's metrics are on the API's /metrics when the API runs it.
    apiOwnsWriter
      ? scrapeUrl(`http://127.0.0.1:${config.apiPort}/metrics`, 'cunke_writer_rows_written_total', { table: 'ods_device_event' })
      : scrape(config.writerMetricsPort, 'cunke_writer_rows_written_total', { table: 'ods_device_event' }),
  ]);
  const now = Date.now();
  const rate = ((recorded - last.recorded) * 1000) / (now - last.at);
  last = { recorded, at: now };
  process.stdout.write(`summary   | gateway: ${recorded} events recorded (${rate.toFixed(1)}/s), ${rejected} rejected | warehouse: ${rows} events written\n`);
}, 10_000).unref();

const adminKey = execFileSync(process.execPath, ['--import', 'tsx', 'api/src/cli/admin.ts', 'bootstrap', '--tenant', config.simTenant,
  '--key-file', join(config.dataDir, 'demo-admin.key')], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
const apiUrl = config.apiPublicUrl || `http://127.0.0.1:${config.apiPort}`;

for (const p of procs) start(p);
void seedDemoTask().catch((err: unknown) => process.stdout.write(`demo      | could not create the demo call task: ${String(err)}\n`));
process.stdout.write([
  '',
  'Cunke is starting (embedded mode):',
  `  broker     ${config.mqttUrl}  (devices: ${config.simDevices} simulated in tenant "${config.simTenant}")`,
  `  redis      ${config.redisUrl.replace(/:[^:@/]*@/, ':***@')}`,
  `  warehouse  chDB at ${config.chdbPath}`,
  `  metrics    gateway http://127.0.0.1:${config.gatewayMetricsPort}/metrics, api${apiOwnsWriter ? ' + writer' : ''} ${apiUrl}/metrics`,
  '',
  `  dashboard  ${apiUrl}/dashboard/   (log in with the admin key below)`,
  `  API docs   ${apiUrl}/docs`,
  `  tenant     ${config.simTenant}`,
  `  admin key  ${adminKey}`,
  `             (shown because this is the local demo; kept in ${join(config.dataDir, 'demo-admin.key')}, mode 0600)`,
  `  try        curl -H "Authorization: Bearer ${adminKey}" '${apiUrl}/api/v1/lead-generation/call-records?size=5'`,
  'Ctrl-C stops everything; `npm run stack:down` also stops Redis and Mosquitto.',
  '',
].join('\n'));

/**
 * The demo tenant gets one outbound call task the first time it starts, created over the REST
 * API exactly as a supervisor would: 200 numbers, re-dial on no answer / busy. The tenant's
 * calling hours are opened to the whole day first, because calling windows are in the callee's
 * local time and a demo may run at any hour.
 */
async function seedDemoTask(): Promise<void> {
  const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  const base = `${apiUrl}/api/v1/lead-generation`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${apiUrl}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const existing = await (await fetch(`${base}/call-tasks?size=1`, { headers: auth })).json() as { data?: { total?: number } };
  if ((existing.data?.total ?? 0) > 0) return;
  await fetch(`${base}/compliance`, {
    method: 'PUT', headers: auth,
    body: JSON.stringify({ callingWindow: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] }, maxAttemptsPerNumberPerDay: 3 }),
  });
  const phoneNumbers = Array.from({ length: 200 }, (_, i) => `139${String(10_000_000 + ((i * 7_919_993) % 90_000_000)).padStart(8, '0')}`);
  const res = await fetch(`${base}/call-tasks`, {
    method: 'POST', headers: { ...auth, 'idempotency-key': 'demo-task-1' },
    body: JSON.stringify({
      name: '新产品推广外呼任务（演示）', description: 'Demo task created by npm start', phoneNumbers, callScript: '您好，这里是存客宝，…',
      callerId: '059212345678', tags: ['demo'], source: '电话外呼',
      redialPolicy: { retryOn: ['NO_ANSWER', 'BUSY'], delayS: 120, maxAttempts: 3 },
      pacing: { perDevicePerMinute: 6, perTaskPerMinute: 120, ringTimeoutS: 30 },
    }),
  });
  const created = await res.json() as { data?: { taskId?: number } };
  process.stdout.write(`demo      | call task ${created.data?.taskId ?? '?'} created over the API (HTTP ${res.status}): watch it on the dashboard, stop/start it with PUT /api/v1/lead-generation/call-tasks/{id}/status\n`);
}
