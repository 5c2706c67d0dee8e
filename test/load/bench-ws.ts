// bench:ws — the live hub's fan-out to 1,000 connected dashboards, against a plain `ws` server
// doing the same job in the same run. Deltas go the real way: appended to the tenant's live feed
// in Redis (one XADD per batch, as ingest does), read by the hub of a real gateway process,
// coalesced per tick, published to every subscribed socket. The plain `ws` server
// (ws-plain-hub.ts) reads the same feed and sends the same frames to each client in a loop.
// The dashboards are `ws` clients in a process of their own (ws-bench-clients.ts).
//
// Each phase offers a fixed rate of deltas for BENCH_WS_SECONDS and measures: deltas delivered
// per second across all clients, frames per second, publish (XADD) -> client latency p50/p99
// (every 10th client), and the server process's CPU. Two tick settings: the default 50 ms
// (coalesced: few, larger frames) and 10 ms (frame-bound: five times the frames), where the cost
// per frame, uWS's strength, dominates. Prints a table and one JSON line.
// Each phase starts with BENCH_WS_WARMUP_S at its rate that is not measured: the first large
// frames to 1,000 fresh connections are slow while their TCP windows grow, and the uWS hub, which
// publishes a tick's frame synchronously, turns that into a backlog of a few seconds (the ws
// server's queued writes absorb it). BENCH_WS_WARMUP_S=0 shows it (docs/benchmarks.md).
//   BENCH_WS_CLIENTS (1000), BENCH_WS_RATES (deltas/s, default 100,1000,2000),
//   BENCH_WS_TICKS (ms, default 50,10), BENCH_WS_SECONDS (10), BENCH_WS_WARMUP_S (3),
//   BENCH_GATEWAY_NODE_ARGS (extra node flags for the gateway process)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../common/config.js';
import { keys } from '../../gateway/src/domain/redis-keys.js';
import { LIVE_FEED_MAXLEN } from '../../gateway/src/live/feed-publisher.js';
import type { CallDelta } from '../../gateway/src/live/domain/deltas.js';
import { retireGateway, startGatewayProcess } from '../support/gateway-process.js';
import { createPrincipal, dropPrincipals, mintToken } from '../support/principals.js';
import { connectRedis, dropKeys, namespace, testConfig } from '../support/services.js';
import { freePort } from '../support/spine.js';

const CLIENTS = Number(process.env.BENCH_WS_CLIENTS ?? 1000);
const RATES = (process.env.BENCH_WS_RATES ?? '100,1000,2000').split(',').map(Number);
const TICKS = (process.env.BENCH_WS_TICKS ?? '50,10').split(',').map(Number);
const PHASE_S = Number(process.env.BENCH_WS_SECONDS ?? 10);
const WARMUP_S = Number(process.env.BENCH_WS_WARMUP_S ?? 3);
const DRIVE_EVERY_MS = 10;

const config = testConfig({ logLevel: 'warn' });
const redis = await connectRedis(config);
const run = namespace('bws');
const tenant = `${run}t`;
const stream = keys.liveFeed(tenant);

interface PhaseResult {
  tickMs: number;
  rate: number;
  published: number;
  delivered: number;
  complete: number;
  deliveriesPerS: number;
  framesPerS: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuPct: number;
  resyncs: number;
}

interface ClientReport {
  deltas: number;
  frames: number;
  lastAt: number;
  resyncs: number;
  p50Ms: number;
  p99Ms: number;
  minSampled: number;
}

/** The clients' process, driven line by line. */
class Clients {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private notify: (() => void) | null = null;

  constructor() {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'test/load/ws-bench-clients.ts', String(CLIENTS)], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: this.child.stdout! }).on('line', (l) => {
      this.lines.push(l);
      this.notify?.();
    });
  }

  async ask(command: string): Promise<string> {
    this.child.stdin!.write(`${command}\n`);
    while (this.lines.length === 0) await new Promise<void>((r) => (this.notify = r));
    const answer = this.lines.shift()!;
    if (answer.startsWith('error')) throw new Error(`clients: ${answer}`);
    return answer;
  }

  async report(): Promise<ClientReport> {
    return JSON.parse(await this.ask('report')) as ClientReport;
  }

  end(): void {
    this.child.stdin!.end();
  }
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in 1/100 s
}

function delta(publishedAt: number): CallDelta {
  return {
    t: 'call', callId: randomUUID(), deviceId: `dev-${Math.floor(Math.random() * 1000)}`, taskId: '', step: 'ringing', phase: 2,
    // The bench's devices report in real time: the device time is the publish time.
    deviceTimeMs: publishedAt, phoneMasked: '138****8001', direction: 'OUTBOUND',
  };
}

/** Offers `rate` deltas/s for `seconds`: every DRIVE_EVERY_MS one XADD with what is due. */
async function drive(rate: number, seconds: number): Promise<number> {
  const started = Date.now();
  let published = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor((rate * (Date.now() - started)) / 1000) - published;
    if (due > 0) {
      const now = Date.now();
      await redis.xadd(stream, 'MAXLEN', '~', LIVE_FEED_MAXLEN, '*', 'd', JSON.stringify(Array.from({ length: due }, () => delta(now))), 'g', 'bench');
      published += due;
    }
    await new Promise((resolve) => setTimeout(resolve, DRIVE_EVERY_MS));
  }
  return published;
}

async function measure(name: string, tickMs: number, clients: Clients, url: string, protocols: string, subscribe: boolean, serverPid: number): Promise<PhaseResult[]> {
  process.stderr.write(`${name}, tick ${tickMs} ms: ${await clients.ask(`connect ${url} ${protocols} ${subscribe ? 1 : 0}`)}\n`);
  const results: PhaseResult[] = [];
  const settle = async (published: number): Promise<ClientReport> => {
    const until = Date.now() + 15_000;
    let r = await clients.report();
    while (Date.now() < until && r.minSampled < published) {
      await new Promise((res) => setTimeout(res, 100));
      r = await clients.report();
    }
    return r;
  };
  for (const rate of RATES) {
    if (WARMUP_S > 0) {
      await clients.ask('reset');
      await settle(await drive(rate, WARMUP_S));
    }
    await clients.ask('reset');
    const cpu0 = cpuTicks(serverPid);
    const t0 = Date.now();
    const published = await drive(rate, PHASE_S);
    const r = await settle(published);
    const wall = (Math.max(r.lastAt, t0 + 1) - t0) / 1000;
    const result: PhaseResult = {
      tickMs, rate, published, delivered: r.deltas, complete: r.deltas / (published * CLIENTS),
      deliveriesPerS: r.deltas / wall, framesPerS: r.frames / wall, p50Ms: r.p50Ms, p99Ms: r.p99Ms,
      serverCpuPct: (cpuTicks(serverPid) - cpu0) / wall, resyncs: r.resyncs,
    };
    process.stderr.write(`  ${name} @ ${rate}/s: ${JSON.stringify(result)}\n`);
    results.push(result);
  }
  await clients.ask('close');
  return results;
}

async function runUws(tickMs: number, clients: Clients, token: string): Promise<PhaseResult[]> {
  const hubPort = await freePort();
  const env = {
    GATEWAY_ID: `gw-${run}`, GATEWAY_SHARE_GROUP: run, GATEWAY_SESSION_EXPIRY_S: '600', GATEWAY_MQTT_CONNECTIONS: '2',
    LIVE_HUB_PORT: String(hubPort), LIVE_TICK_MS: String(tickMs),
  };
  // e.g. BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=var/prof" to profile the hub.
  const gateway = await startGatewayProcess(env, await freePort(), process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean));
  try {
    return await measure('uWS live hub', tickMs, clients, `ws://127.0.0.1:${hubPort}/live`, `bearer.${token},cunke.live.v1`, true, gateway.child.pid!);
  } finally {
    await gateway.stop();
    await retireGateway(env);
  }
}

async function runPlain(tickMs: number, clients: Clients): Promise<PhaseResult[]> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/load/ws-plain-hub.ts', JSON.stringify({ redisUrl: config.redisUrl, port, stream, tickMs })], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout!.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`ws-plain-hub exited (${code})`)));
  });
  try {
    return await measure('plain ws', tickMs, clients, `ws://127.0.0.1:${port}/`, '-', false, child.pid!);
  } finally {
    child.kill('SIGTERM');
  }
}

process.stderr.write(`bench:ws: ${CLIENTS} clients, rates ${RATES.join(', ')} deltas/s, ticks ${TICKS.join(', ')} ms, ${PHASE_S} s per phase after ${WARMUP_S} s of warm-up\n`);
const principal = await createPrincipal(redis, { tenantId: tenant, role: 'viewer' });
const token = mintToken(config.authTokenSecret, principal, { ttlS: 3600 });
const clients = new Clients();
const uws: PhaseResult[] = [];
const plain: PhaseResult[] = [];
try {
  for (const tick of TICKS) {
    uws.push(...(await runUws(tick, clients, token)));
    plain.push(...(await runPlain(tick, clients)));
  }
} finally {
  clients.end();
  await dropPrincipals(redis, tenant);
  await dropKeys(redis, `cunke:*:${tenant}*`);
  redis.disconnect();
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** Server CPU per delivered delta, µs. */
const cost = (r: PhaseResult) => (r.serverCpuPct * 10_000) / r.deliveriesPerS;
const rows = uws.map((u, i) => {
  const w = plain[i]!;
  return `| ${u.tickMs} ms | ${fmt(u.rate)} | ${fmt(u.deliveriesPerS)} / ${fmt(w.deliveriesPerS)} | **${fmt(u.deliveriesPerS / w.deliveriesPerS, 2)}** | ${fmt(u.framesPerS)} / ${fmt(w.framesPerS)} | ${fmt(u.p50Ms)} / ${fmt(u.p99Ms)} ms | ${fmt(w.p50Ms)} / ${fmt(w.p99Ms)} ms | ${fmt(u.serverCpuPct)} / ${fmt(w.serverCpuPct)} % | **${fmt(cost(w) / cost(u), 2)}** | ${fmt(u.complete * 100, 1)} / ${fmt(w.complete * 100, 1)} % |`;
});
console.log(`
${CLIENTS} dashboards subscribed to one tenant; deltas appended to its live feed at each rate for ${PHASE_S} s (after ${WARMUP_S} s unmeasured). Pairs are uWS hub / plain ws.

| tick | offered deltas/s | delivered deltas/s | ratio | frames/s | uWS latency p50 / p99 | ws latency p50 / p99 | server CPU | ws ÷ uWS CPU per delivery | delivered of offered |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

hub resyncs (slow consumers): ${uws.reduce((n, r) => n + r.resyncs, 0)}
`);
console.log(JSON.stringify({ bench: 'ws', clients: CLIENTS, seconds: PHASE_S, warmupSeconds: WARMUP_S, uws, plain }));
process.exit(uws.every((r) => r.complete > 0.999) ? 0 : 1);
