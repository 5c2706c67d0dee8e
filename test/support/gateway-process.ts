// Runs the real gateway as a child process, so tests can SIGKILL it like a crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sumMetric } from '../../common/prometheus-text.js';
import { waitFor } from './wait.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface GatewayProcess {
  child: ChildProcess;
  metricsPort: number;
  /** Reads one counter/gauge from /metrics, summing label sets that match `labels`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export async function startGatewayProcess(env: Record<string, string>, metricsPort: number, nodeArgs: string[] = []): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: process.env.GATEWAY_LOG_LEVEL ?? 'warn', DIALER_ENABLED: 'false', ...env, GATEWAY_METRICS_PORT: String(metricsPort) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const metric = async (name: string, labels: Record<string, string> = {}) => {
    return sumMetric(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(), name, labels);
  };
  await waitFor('gateway metrics endpoint', async () => (await metric('cunke_gateway_ready')) === 1, { timeoutMs: 30_000 });
  return {
    child,
    metricsPort,
    metric,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs `gateway --retire` for this instance's id and share group and waits for it to finish. */
export async function retireGateway(env: Record<string, string>): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts', '--retire'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, GATEWAY_METRICS_PORT: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
