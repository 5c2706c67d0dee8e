// The README's first command: `npm start` (deploy/local/start.sh) brings up the API (owning
// chDB), the gateway with its live hub and simulated devices, prints the dashboard URL and the
// demo tenant's admin key, and calls flow end to end into the REST API. Run on the test stack's
// Redis and Mosquitto with its own ports, tenant and chDB directory.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { REPO_ROOT } from '../../common/config.js';
import { retireGateway } from '../support/gateway-process.js';
import { namespace } from '../support/services.js';
import { freePort } from '../support/spine.js';
import { waitFor } from '../support/wait.js';

test('npm start: prints the dashboard and an admin key, and simulated calls reach the API', { timeout: 180_000 }, async () => {
  const tenant = namespace('st');
  const chdb = mkdtempSync(join(tmpdir(), 'cunke-start-'));
  const [apiPort, hubPort, gwMetrics, writerMetrics] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const env = {
    ...process.env, SIM_TENANT: tenant, SIM_DEVICES: '3', SIM_CALLS_PER_MINUTE: '60', CHDB_PATH: chdb, GATEWAY_ID: `gw-${tenant}`,
    API_PORT: String(apiPort), LIVE_HUB_PORT: String(hubPort), GATEWAY_METRICS_PORT: String(gwMetrics), WRITER_METRICS_PORT: String(writerMetrics),
  };
  const start = spawn('bash', ['deploy/local/start.sh'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const lines: string[] = [];
  createInterface({ input: start.stdout! }).on('line', (l) => lines.push(l));
  const exited = new Promise((r) => start.once('exit', r));
  try {
    const key = await waitFor('admin key printed', async () => /admin key\s+(ck_\S+)/.exec(lines.join('\n'))?.[1], { timeoutMs: 60_000 });
    const dashboard = /dashboard\s+(http\S+)/.exec(lines.join('\n'))?.[1];
    assert.equal(dashboard, `http://127.0.0.1:${apiPort}/dashboard/`);
    const base = `http://127.0.0.1:${apiPort}`;
    await waitFor('API ready', async () => (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200, { timeoutMs: 60_000 });
    const page = await fetch(dashboard!);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);

    const auth = { authorization: `Bearer ${key}` };
    const devices = await waitFor('3 simulated devices online', async () => {
      const d = (await (await fetch(`${base}/api/v1/devices?presence=ONLINE`, { headers: auth })).json()) as { data: { total: number } };
      return d.data.total === 3 ? d : null;
    }, { timeoutMs: 60_000 });
    assert.equal(devices.data.total, 3);
    const records = await waitFor('finished calls in the warehouse', async () => {
      const r = (await (await fetch(`${base}/api/v1/lead-generation/call-records?size=5`, { headers: auth })).json()) as { data: { total: number; records: { status: string; phoneNumber: string }[] } };
      return r.data.records.some((x) => x.status !== 'IN_PROGRESS') ? r : null;
    }, { timeoutMs: 90_000 });
    assert.ok(records.data.total > 0);
    // The demo admin holds pii:view; numbers are E.164.
    assert.match(records.data.records[0]!.phoneNumber, /^\+\d{8,15}$/);
  } finally {
    process.kill(-start.pid!, 'SIGTERM');
    await exited;
    await retireGateway({ GATEWAY_ID: `gw-${tenant}` });
    rmSync(chdb, { recursive: true, force: true });
  }
});
