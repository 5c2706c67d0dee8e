// A TCP proxy in front of the broker, so a test can take "the broker" away from one agent
// without touching the shared broker: `down` refuses new connections and cuts existing ones;
// `stall` keeps the connection but holds back everything the broker sends (PUBACKs never
// arrive), like a link that died in one direction.
import net from 'node:net';

export type ProxyMode = 'up' | 'down' | 'stall';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  held: Buffer[];
}

export class TcpProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<Pair>();
  mode: ProxyMode = 'up';
  connections = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  async listen(): Promise<number> {
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  setMode(mode: ProxyMode): void {
    this.mode = mode;
    if (mode === 'down') for (const p of this.pairs) this.cut(p);
    if (mode === 'up') {
      for (const p of this.pairs) {
        for (const b of p.held) p.client.write(b);
        p.held = [];
      }
    }
  }

  /** Destroys every connection without forwarding anything held back. */
  cutAll(): void {
    for (const p of this.pairs) this.cut(p);
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.mode === 'down') {
      client.destroy();
      return;
    }
    this.connections++;
    const upstream = net.connect(this.targetPort, this.targetHost);
    const pair: Pair = { client, upstream, held: [] };
    this.pairs.add(pair);
    client.on('data', (b) => upstream.write(b));
    upstream.on('data', (b) => {
      if (this.mode === 'stall') pair.held.push(b);
      else client.write(b);
    });
    const end = () => this.cut(pair);
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }

  private cut(pair: Pair): void {
    this.pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
