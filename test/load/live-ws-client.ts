// A dashboard client of the live hub on the `ws` package, for the live tests and bench:ws:
// connects with a credential (subprotocol as a browser does, or the Authorization header),
// keeps every server message, and waits for the ones a test expects.
import WebSocket from 'ws';

export type LiveMessage = { type: string; topic?: string; id?: string; deltas?: ({ id: string; t: string } & Record<string, unknown>)[] } & Record<string, unknown>;

export class UpgradeRefused extends Error {
  constructor(readonly status: number, readonly body: string) {
    super(`live hub refused the upgrade: HTTP ${status} ${body}`);
    this.name = 'UpgradeRefused';
  }
}

export interface ConnectOptions {
  credential?: string;
  /** 'protocol' (default): `bearer.<credential>, cunke.live.v1`; 'header': Authorization: Bearer. */
  via?: 'protocol' | 'header';
  /** Keep the raw frames only (cheap), not parsed messages (bench:ws). */
  raw?: boolean;
}

export class LiveClient {
  readonly messages: LiveMessage[] = [];
  closeCode: number | null = null;
  /** A protocol error the client saw (it then closes with 1006). */
  error: Error | null = null;
  private waiters: (() => void)[] = [];
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket, raw: boolean, onFrame?: (frame: string) => void) {
    ws.on('message', (data) => {
      const text = data.toString();
      onFrame?.(text);
      if (!raw) this.messages.push(JSON.parse(text) as LiveMessage);
      this.notify();
    });
    ws.on('error', (err) => (this.error = err));
    this.closed = new Promise((resolve) => ws.once('close', (code) => {
      this.closeCode = code;
      this.notify();
      resolve(code);
    }));
  }

  static connect(url: string, opts: ConnectOptions = {}, onFrame?: (frame: string) => void): Promise<LiveClient> {
    const via = opts.via ?? 'protocol';
    const protocols = via === 'protocol' ? [...(opts.credential ? [`bearer.${opts.credential}`] : []), 'cunke.live.v1'] : [];
    const headers = via === 'header' && opts.credential ? { authorization: `Bearer ${opts.credential}` } : undefined;
    const ws = new WebSocket(url, protocols, { headers, perMessageDeflate: false });
    const client = new LiveClient(ws, opts.raw ?? false, onFrame);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => reject(new UpgradeRefused(res.statusCode ?? 0, body)));
      });
      ws.once('error', reject);
    });
  }

  send(message: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  subscribe(topic: string): void {
    this.send({ op: 'subscribe', topic });
  }

  /** Resolves with the first message (at or after index `from`) matching, waiting up to timeoutMs. */
  async next(match: (m: LiveMessage) => boolean, timeoutMs = 10_000, from = 0): Promise<LiveMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (this.closeCode !== null) throw new Error(`connection closed (${this.closeCode}) before the expected message; got ${this.messages.map((m) => m.type).join(',') || 'nothing'}${this.error ? `; client error: ${this.error.message}` : ''}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for a live message; got ${this.messages.map((m) => m.type).join(',')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Every message of one topic, in arrival order. */
  onTopic(topic: string): LiveMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  /** Stops reading from the socket (the server's backlog for it grows). */
  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  close(): void {
    this.ws.close();
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/**
 * How the hub treats a credential: `http <status>` when it refuses the upgrade, `close <code>`
 * when it closes the socket before its hello (the key record refused it), `hello` when admitted.
 */
export async function admission(url: string, opts: ConnectOptions = {}): Promise<string> {
  let c: LiveClient;
  try {
    c = await LiveClient.connect(url, opts);
  } catch (err) {
    if (err instanceof UpgradeRefused) return `http ${err.status}`;
    throw err;
  }
  try {
    await c.next((m) => m.type === 'hello', 5_000);
    return 'hello';
  } catch {
    return c.closeCode === null ? 'no hello' : `close ${c.closeCode}`;
  } finally {
    c.close();
  }
}

/** The HTTP status the hub answers an upgrade with (101 when it upgrades). */
export async function upgradeStatus(url: string, opts: ConnectOptions = {}): Promise<number> {
  try {
    const c = await LiveClient.connect(url, opts);
    c.close();
    return 101;
  } catch (err) {
    if (err instanceof UpgradeRefused) return err.status;
    throw err;
  }
}
