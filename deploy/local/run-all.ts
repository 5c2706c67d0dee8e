// Supervises the processes of the embedded setup for `npm start`: each runs as its own Node
// process (as in production), its output prefixed with its name; Ctrl-C stops them in reverse
// order so the gateway can flush and the writer can drain the feed.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../common/config.js';
import { sumMetric } from '../../common/prometheus-text.js';
import { REPO_ROOT } from './stack-env.js';

interface Proc {
  name: string;
  args: string[];
}

const config = loadConfig();
const procs: Proc[] = [
  { name: 'warehouse', args: ['warehouse/src/main.ts'] },
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

async function scrape(port: number, name: string, labels: Record<string, string> = {}): Promise<number> {
  try {
    return sumMetric(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text(), name, labels);
  } catch {
    return Number.NaN;
  }
}

let last = { recorded: 0, at: Date.now() };
setInterval(async () => {
  const [recorded, rejected, rows] = await Promise.all([
    scrape(config.gatewayMetricsPort, 'cunke_gateway_messages_total', { outcome: 'recorded' }),
    scrape(config.gatewayMetricsPort, 'cunke_gateway_rejects_total'),
    scrape(config.writerMetricsPort, 'cunke_writer_rows_written_total', { table: 'ods_device_event' }),
  ]);
  const now = Date.now();
  const rate = ((recorded - last.recorded) * 1000) / (now - last.at);
  last = { recorded, at: now };
  process.stdout.write(`summary   | gateway: ${recorded} events recorded (${rate.toFixed(1)}/s), ${rejected} rejected | warehouse: ${rows} events written\n`);
}, 10_000).unref();

for (const p of procs) start(p);
process.stdout.write([
  '',
  'Cunke is starting (embedded mode):',
  `  broker     ${config.mqttUrl}  (devices: ${config.simDevices} simulated in tenant "${config.simTenant}")`,
  `  redis      ${config.redisUrl.replace(/:[^:@/]*@/, ':***@')}`,
  `  warehouse  chDB at ${config.chdbPath}`,
  `  metrics    gateway http://127.0.0.1:${config.gatewayMetricsPort}/metrics, writer http://127.0.0.1:${config.writerMetricsPort}/metrics`,
  'Ctrl-C stops everything; `npm run stack:down` also stops Redis and Mosquitto.',
  '',
].join('\n'));
