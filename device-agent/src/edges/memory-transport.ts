// An in-process stand-in for a broker connection, for unit tests: records what the agent
// publishes, lets the test choose each PUBACK's reason code (or hold PUBACKs back), cut and
// restore the connection, and deliver commands.
import {
  TransportClosedError, type ConnectInfo, type PublishOptions, type Transport, type TransportHandlers, type Will,
} from './transport.js';

export interface PublishedMessage {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1;
  retain: boolean;
}

interface Held {
  message: PublishedMessage;
  resolve: (rc: number) => void;
  reject: (err: Error) => void;
}

export class MemoryTransport implements Transport {
  connected = false;
  /** Every publish attempt, in order. */
  readonly published: PublishedMessage[] = [];
  /** Wills registered, one per connection attempt. */
  readonly wills: Will[] = [];
  /** When true, PUBACKs wait for release(); otherwise they resolve on the next tick. */
  holdAcks = false;
  /** Reason code for QoS 1 publishes, per topic kind ending; default 0. */
  reasonCode: (message: PublishedMessage) => number = () => 0;
  crashed = false;
  closed = false;

  private handlers: TransportHandlers | null = null;
  private nextWill: (() => Will) | null = null;
  private held: Held[] = [];
  private readonly info: ConnectInfo;

  constructor(private readonly autoConnect = true, info: Partial<ConnectInfo> = {}) {
    this.info = { sessionPresent: false, receiveMaximum: null, ...info };
  }

  start(handlers: TransportHandlers, nextWill: () => Will): void {
    this.handlers = handlers;
    this.nextWill = nextWill;
    if (this.autoConnect) this.connect();
  }

  connect(): void {
    if (!this.handlers || !this.nextWill || this.connected) return;
    this.wills.push(this.nextWill());
    this.connected = true;
    this.handlers.connected(this.info);
  }

  /** Cuts the connection: held PUBACKs never arrive. */
  disconnect(error: Error | null = null): void {
    if (!this.connected) return;
    this.connected = false;
    const held = this.held;
    this.held = [];
    for (const h of held) h.reject(new TransportClosedError());
    this.handlers?.disconnected(error);
  }

  /** Sends held PUBACKs (all, or the first `n`, or those matching `filter`). */
  release(filter: (m: PublishedMessage, index: number) => boolean = () => true): number {
    const keep: Held[] = [];
    let released = 0;
    this.held.forEach((h, i) => {
      if (filter(h.message, i)) {
        h.resolve(this.reasonCode(h.message));
        released++;
      } else keep.push(h);
    });
    this.held = keep;
    return released;
  }

  get heldCount(): number {
    return this.held.length;
  }

  async deliverCommand(payload: Uint8Array): Promise<void> {
    if (!this.handlers) throw new Error('transport not started');
    await this.handlers.command(payload);
  }

  publish(topic: string, payload: Uint8Array, options: PublishOptions): Promise<number> {
    if (!this.connected) return Promise.reject(new TransportClosedError('not connected'));
    const message = { topic, payload, qos: options.qos, retain: options.retain ?? false };
    this.published.push(message);
    if (options.qos === 0) return Promise.resolve(0);
    return new Promise<number>((resolve, reject) => {
      if (this.holdAcks) this.held.push({ message, resolve, reject });
      else setImmediate(() => (this.connected ? resolve(this.reasonCode(message)) : reject(new TransportClosedError())));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.disconnect();
  }

  crash(): void {
    this.crashed = true;
    this.disconnect(new Error('crashed'));
  }
}
