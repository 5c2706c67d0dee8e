// bench:ws's comparison server: the same fan-out as the live hub (read the tenant's live feed,
// one frame of deltas per tick, same frame format) on a plain `ws` server, sending the frame to
// each client in a loop. No auth, no topics, no slow-consumer handling: the cheapest honest
// `ws` version of the job. Run as a child process; prints `ready` when listening.
//   node --import tsx test/load/ws-plain-hub.ts '{"redisUrl":…,"port":…,"stream":…,"tickMs":50}'
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';

const { redisUrl, port, stream, tickMs } = JSON.parse(process.argv[2] ?? '{}') as { redisUrl: string; port: number; stream: string; tickMs: number };
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
const listening = new Promise((resolve) => wss.once('listening', resolve));
let pending: string[] = [];
let lastId = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';

setInterval(() => {
  if (pending.length === 0) return;
  const frame = `{"type":"deltas","topic":"tenant","deltas":[${pending.join(',')}]}`;
  pending = [];
  for (const client of wss.clients) client.send(frame);
}, tickMs);

process.on('SIGTERM', () => process.exit(0));
await listening;
process.stdout.write('ready\n');

for (;;) {
  const reply = (await redis.xread('COUNT', 500, 'BLOCK', 100, 'STREAMS', stream, lastId)) as [string, [string, string[]][]][] | null;
  for (const [, entries] of reply ?? []) {
    for (const [id, fields] of entries) {
      lastId = id;
      const deltas = JSON.parse(fields[fields.indexOf('d') + 1] ?? '[]') as Record<string, unknown>[];
      for (const d of deltas) pending.push(JSON.stringify({ id, ...d }));
    }
  }
}
