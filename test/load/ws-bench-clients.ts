// bench:ws's dashboards: N `ws` clients in one process of their own (so they do not starve the
// benchmark's driver), counting what they receive. Sampled clients (every 10th) parse frames for
// latency. Controlled over stdin, one command per line:
//   connect <url> <protocols, comma-separated or -> <subscribe 0|1>   -> "connected <n>"
//   reset -> "ok";  report -> one JSON line;  close -> "closed"
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const N = Number(process.argv[2] ?? 1000);
const SAMPLE_EVERY = 10;
const DELTA_MARK = Buffer.from('{"id":"');
const DELTAS_FRAME = Buffer.from('{"type":"deltas"');

interface Client {
  ws: WebSocket;
  sampled: boolean;
}

let clients: Client[] = [];
let deltas = 0;
let frames = 0;
let lastAt = 0;
let resyncs = 0;
let latencies: number[] = [];
/** Deltas each sampled client got since the last reset (they must all get every one). */
let sampledDeltas = new Map<Client, number>();

function onFrame(c: Client, data: Buffer): void {
  if (data.indexOf(DELTAS_FRAME) !== 0) {
    if (data.includes('"type":"resync"')) resyncs++;
    return;
  }
  const now = Date.now();
  frames++;
  lastAt = now;
  let n = 0;
  for (let at = data.indexOf(DELTA_MARK); at >= 0; at = data.indexOf(DELTA_MARK, at + 1)) n++;
  deltas += n;
  if (c.sampled) {
    sampledDeltas.set(c, (sampledDeltas.get(c) ?? 0) + n);
    for (const d of (JSON.parse(data.toString()) as { deltas: { deviceTimeMs: number }[] }).deltas) latencies.push(now - d.deviceTimeMs);
  }
}

async function connect(url: string, protocols: string[], subscribe: boolean): Promise<number> {
  clients = [];
  for (let start = 0; start < N; start += 100) {
    await Promise.all(Array.from({ length: Math.min(100, N - start) }, (_, k) => new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, protocols, { perMessageDeflate: false });
      const c: Client = { ws, sampled: (start + k) % SAMPLE_EVERY === 0 };
      let ready = !subscribe;
      ws.on('message', (data: Buffer) => {
        if (ready) onFrame(c, data);
        else if (data.includes('"type":"snapshot"')) {
          ready = true;
          resolve();
        }
      });
      ws.once('open', () => (subscribe ? ws.send('{"op":"subscribe","topic":"tenant"}') : resolve()));
      ws.once('error', reject);
      ws.once('close', (code) => {
        if (!ready) reject(new Error(`client closed before its snapshot (${code})`));
      });
      clients.push(c);
    })));
  }
  return clients.length;
}

function reset(): void {
  deltas = 0;
  frames = 0;
  lastAt = 0;
  latencies = [];
  sampledDeltas = new Map(clients.filter((c) => c.sampled).map((c) => [c, 0]));
}

function report(): string {
  latencies.sort((a, b) => a - b);
  const q = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : Number.NaN);
  return JSON.stringify({ deltas, frames, lastAt, resyncs, p50Ms: q(0.5), p99Ms: q(0.99), minSampled: Math.min(...sampledDeltas.values()) });
}

for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, ...args] = line.trim().split(' ');
  try {
    if (cmd === 'connect') process.stdout.write(`connected ${await connect(args[0]!, args[1] === '-' ? [] : args[1]!.split(','), args[2] === '1')}\n`);
    else if (cmd === 'reset') { reset(); process.stdout.write('ok\n'); }
    else if (cmd === 'report') process.stdout.write(`${report()}\n`);
    else if (cmd === 'close') { for (const c of clients) c.ws.terminate(); process.stdout.write('closed\n'); }
  } catch (err) {
    process.stdout.write(`error ${(err as Error).message}\n`);
  }
}
