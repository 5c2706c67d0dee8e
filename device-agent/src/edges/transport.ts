// What the agent needs from a broker connection, and nothing more. mqtt-transport.ts is the real
// one (mqtt.js); memory-transport.ts is an in-process fake for unit tests.

export interface PublishOptions {
  qos: 0 | 1;
  retain?: boolean;
}

export interface ConnectInfo {
  sessionPresent: boolean;
  /** The broker's Receive Maximum (MQTT 5): how many QoS 1 publishes it accepts in flight. */
  receiveMaximum: number | null;
}

export interface TransportHandlers {
  connected(info: ConnectInfo): void;
  disconnected(error: Error | null): void;
  /**
   * A message on the device's command topic. The transport acknowledges it to the broker (PUBACK)
   * only when the returned promise settles, so a command whose outcome is not durable yet is
   * redelivered after a crash.
   */
  command(payload: Uint8Array): Promise<void>;
}

/** Presence that the broker publishes if the connection dies (MQTT last will). */
export interface Will {
  topic: string;
  payload: Uint8Array;
}

export interface Transport {
  readonly connected: boolean;
  /**
   * Starts connecting, and keeps reconnecting until close() or crash(). `nextWill` is called
   * before every connection attempt (a will is per connection).
   */
  start(handlers: TransportHandlers, nextWill: () => Will): void;
  /**
   * Publishes. Resolves with the PUBACK reason code (QoS 1) or 0 once written (QoS 0). Rejects
   * with TransportClosedError when not connected or when the connection is lost before the
   * PUBACK; the caller decides whether to send again.
   */
  publish(topic: string, payload: Uint8Array, options: PublishOptions): Promise<number>;
  /** Clean shutdown: DISCONNECT (the broker discards the will), no more reconnects. */
  close(): Promise<void>;
  /** Drops the socket without DISCONNECT, like a killed process: the broker publishes the will. */
  crash(): void;
}

export class TransportClosedError extends Error {
  constructor(message = 'connection closed before PUBACK') {
    super(message);
    this.name = 'TransportClosedError';
  }
}
