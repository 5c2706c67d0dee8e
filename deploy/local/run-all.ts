// Supervises the processes of the embedded setup for `npm start`: each runs as its own Node
// process (as in production), its output prefixed with its name; Ctrl-C stops them in reverse
// order so the gateway can flush and the writer can drain the feed.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../common/config.js';
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
  const child = spawn(process.execPath, ['--import', 'tsx', ...p.args], { cwd: REPO_ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
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
