// The broker connection of one device, on mqtt.js v5 speaking MQTT 5.
//
//  - Identity: username `${tenantId}.${deviceId}`, clientId `dev-${tenantId}-${deviceId}`.
//  - Persistent session (clean start off, session expiry 7 days): commands sent while the device
//    is offline wait in the broker.
//  - Last will: retained QoS 1 DeviceStatus OFFLINE on `.../status`, rebuilt for every connection
//    attempt (fresh session_id and since_ms; the agent publishes the matching ONLINE).
//  - Reconnects are ours, not mqtt.js's (reconnectPeriod 0): exponential backoff with full
//    jitter, capped at 30 s (domain/backoff.ts), reset only after a stable connection, and a
//    new will before each attempt.
//  - In-flight publishes are failed when the connection drops instead of being left in mqtt.js's
//    outgoing store: mqtt.js would resend that store one message per round trip after
//    reconnecting, while the publisher replays from the outbox with its whole window. Resending
//    QoS 1 with new packet ids is harmless (the broker keeps no inbound QoS 1 state; the gateway
//    deduplicates by event_id).
//  - Commands are PUBACKed only after the agent's handler settles (mqtt.js handleMessage).
import mqtt, { type IClientOptions, type IConnackPacket, type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from '../../../common/logger.js';
import { deviceTopic } from '../../../proto/src/index.js';
import { backoffDelayMs, DEFAULT_RECONNECT_BACKOFF, type BackoffPolicy } from '../domain/backoff.js';
import { createRng, type Rng } from '../domain/rng.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import {
  TransportClosedError, type PublishOptions, type Transport, type TransportHandlers, type Will,
} from './transport.js';

export interface MqttTransportOptions {
  url: string;
  tenantId: string;
  deviceId: string;
  /** Defaults to `${tenantId}.${deviceId}`. */
  username?: string;
  password?: string;
  /** Defaults to `dev-${tenantId}-${deviceId}`. */
  clientId?: string;
  sessionExpiryS?: number;
  keepaliveS?: number;
  connectTimeoutMs?: number;
  backoff?: BackoffPolicy;
  rng?: Rng;
  clock?: Clock;
  logger: Logger;
}

export const DEFAULT_SESSION_EXPIRY_S = 7 * 24 * 3600;
/**
 * The backoff restarts from its base only after a connection lasted this long: a broker that
 * accepts CONNECT and then drops us at once (ACL trouble, session take-over) must not put the
 * device into a tight reconnect loop.
 */
export const STABLE_CONNECTION_MS = 10_000;

const hasReasonCode = (err: Error): err is Error & { code: number } => typeof (err as { code?: unknown }).code === 'number';

export class MqttTransport implements Transport {
  private client: MqttClient | null = null;
  private handlers: TransportHandlers | null = null;
  private nextWill: (() => Will) | null = null;
  private reconnectTimer: TimerHandle | null = null;
  private attempt = 0;
  private stopping = false;
  private wasConnected = false;
  private connectedAt = 0;
  private lastError: Error | null = null;
  private readonly clock: Clock;
  private readonly rng: Rng;
  private readonly log: Logger;
  private readonly cmdTopic: string;

  constructor(private readonly options: MqttTransportOptions) {
    this.clock = options.clock ?? systemClock;
    this.rng = options.rng ?? createRng((Math.random() * 2 ** 32) >>> 0);
    this.log = options.logger;
    this.cmdTopic = deviceTopic(options.tenantId, options.deviceId, 'cmd');
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  start(handlers: TransportHandlers, nextWill: () => Will): void {
    if (this.client) throw new Error('MqttTransport already started');
    this.handlers = handlers;
    this.nextWill = nextWill;
    const { tenantId, deviceId } = this.options;
    const clientOptions: IClientOptions = {
      protocolVersion: 5,
      clientId: this.options.clientId ?? `dev-${tenantId}-${deviceId}`,
      username: this.options.username ?? `${tenantId}.${deviceId}`,
      password: this.options.password,
      clean: false,
      keepalive: this.options.keepaliveS ?? 30,
      connectTimeout: this.options.connectTimeoutMs ?? 10_000,
      reconnectPeriod: 0,
      resubscribe: false,
      properties: { sessionExpiryInterval: this.options.sessionExpiryS ?? DEFAULT_SESSION_EXPIRY_S },
      will: this.mqttWill(nextWill()),
    };
    const client = mqtt.connect(this.options.url, clientOptions);
    this.client = client;
    client.handleMessage = (packet, done) => this.onMessage(packet as IPublishPacket, done);
    client.on('connect', (connack) => this.onConnect(connack));
    client.on('close', () => this.onClose());
    client.on('error', (err) => {
      this.lastError = err;
      const level = this.attempt <= 1 ? 'warn' : 'debug';
      this.log[level]({ err: err.message, code: (err as { code?: unknown }).code, attempt: this.attempt }, 'mqtt error');
    });
    client.on('disconnect', (packet) => {
      this.log.warn({ reasonCode: packet.reasonCode, reason: packet.properties?.reasonString }, 'broker sent DISCONNECT');
    });
  }

  publish(topic: string, payload: Uint8Array, options: PublishOptions): Promise<number> {
    const client = this.client;
    if (!client || !client.connected || this.stopping) return Promise.reject(new TransportClosedError('not connected'));
    const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    return new Promise<number>((resolve, reject) => {
      client.publish(topic, buf, { qos: options.qos, retain: options.retain ?? false }, (err, packet) => {
        if (!err) resolve((packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0);
        // A PUBACK with an error reason code is an answer, not a lost connection.
        else if (hasReasonCode(err)) resolve(err.code);
        else reject(new TransportClosedError(err.message));
      });
    });
  }

  async close(): Promise<void> {
    this.stopping = true;
    this.clearReconnect();
    const client = this.client;
    if (!client) return;
    if (!client.connected) {
      // Nothing to say DISCONNECT to: just stop (re)connecting.
      await new Promise<void>((resolve) => client.end(true, () => resolve()));
      return;
    }
    // A graceful end waits for outstanding PUBACKs; don't let a dead link hold shutdown forever.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => client.end(true, () => resolve()), 3000);
      client.end(false, {}, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  crash(): void {
    this.stopping = true;
    this.clearReconnect();
    // end(true) destroys the socket without a DISCONNECT packet: the broker publishes the will.
    this.client?.end(true);
  }

  private onConnect(connack: IConnackPacket): void {
    this.wasConnected = true;
    this.connectedAt = this.clock.now();
    this.lastError = null;
    const client = this.client;
    if (!client) return;
    // Subscribed on every connection, not only without a session: re-subscribing is idempotent,
    // and it repairs a session whose first SUBSCRIBE was refused or lost.
    client.subscribe(this.cmdTopic, { qos: 1 }, (err, granted) => {
      const code = granted?.[0]?.qos;
      if (err || (code !== undefined && code >= 0x80)) {
        this.log.error({ err: err?.message, code }, 'subscription to the command topic refused');
      }
    });
    this.log.info({ sessionPresent: connack.sessionPresent }, 'connected to broker');
    this.handlers?.connected({
      sessionPresent: connack.sessionPresent,
      receiveMaximum: connack.properties?.receiveMaximum ?? null,
    });
  }

  private onClose(): void {
    const client = this.client;
    if (client) {
      // Fail every publish still waiting for a PUBACK; the publisher replays them from the outbox.
      for (const id of Object.keys(client.outgoing)) client.removeOutgoingMessage(Number(id));
    }
    if (this.wasConnected) {
      this.wasConnected = false;
      if (this.clock.now() - this.connectedAt >= STABLE_CONNECTION_MS) this.attempt = 0;
      if (!this.stopping) this.log.warn({ err: this.lastError?.message }, 'disconnected from broker');
      this.handlers?.disconnected(this.lastError);
    }
    if (!this.stopping) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.stopping) return;
    const delay = backoffDelayMs(this.options.backoff ?? DEFAULT_RECONNECT_BACKOFF, this.attempt++, this.rng);
    this.log.debug({ delayMs: delay, attempt: this.attempt }, 'reconnect scheduled');
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = null;
      const client = this.client;
      if (this.stopping || !client || !this.nextWill) return;
      client.options.will = this.mqttWill(this.nextWill());
      client.reconnect();
    }, delay);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer) this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private onMessage(packet: IPublishPacket, done: (err?: Error) => void): void {
    if (packet.topic !== this.cmdTopic || !this.handlers) {
      done();
      return;
    }
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    this.handlers.command(payload).then(
      () => done(),
      (err: unknown) => {
        // Still PUBACKed: redelivering a command we cannot process would loop forever.
        this.log.error({ err }, 'command handler failed');
        done();
      },
    );
  }

  private mqttWill(will: Will): NonNullable<IClientOptions['will']> {
    return { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: true };
  }
}
