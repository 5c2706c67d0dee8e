// The gateway's broker side: N MQTT 5 connections on one shared subscription. Each connection
// hands every message to the ingest pipeline and acknowledges it only when the pipeline says
// it is durable (deferred-puback.ts keeps the connection reading meanwhile). Stable client ids
// and persistent sessions mean a restarted instance gets back whatever it had received but not
// acknowledged.
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../../../../common/logger.js';
import { sharedFilter } from '../../../../proto/src/index.js';
import type { GatewayMetrics } from '../../metrics.js';
import { DeferredPubacks } from './deferred-puback.js';

export const BROKER_DROPPED_TOPIC = '$SYS/broker/publish/messages/dropped';

export interface IngestSubscriberOptions {
  url: string;
  username: string;
  password: string;
  gatewayId: string;
  shareGroup: string;
  connections: number;
  log: Logger;
  metrics: GatewayMetrics;
  /** Session kept by the broker while this instance is away (seconds). */
  sessionExpiryS?: number;
  handle: (topic: string, payload: Buffer, done: (err?: Error) => void) => void;
}

export class IngestSubscriber {
  private clients: MqttClient[] = [];
  private lastMessageAtMs = 0;

  constructor(private readonly o: IngestSubscriberOptions) {}

  async start(): Promise<void> {
    const filters = { [sharedFilter(this.o.shareGroup, 'evt')]: { qos: 1 as const }, [sharedFilter(this.o.shareGroup, 'status')]: { qos: 1 as const } };
    this.clients = Array.from({ length: this.o.connections }, (_, i) => this.connect(i));
    await Promise.all(this.clients.map(async (client, i) => {
      await waitConnected(client);
      await client.subscribeAsync(i === 0 ? { ...filters, [BROKER_DROPPED_TOPIC]: { qos: 0 } } : filters);
    }));
    this.o.log.info({ connections: this.clients.length, group: this.o.shareGroup }, 'ingest subscribed');
  }

  private connect(index: number): MqttClient {
    const log = this.o.log.child({ conn: index });
    const client = mqtt.connect(this.o.url, {
      protocolVersion: 5,
      clientId: `${this.o.gatewayId}-in-${index}`,
      username: this.o.username,
      password: this.o.password,
      clean: false,
      properties: { sessionExpiryInterval: this.o.sessionExpiryS ?? 86_400, receiveMaximum: 1024 },
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      keepalive: 30,
    });
    const pubacks = new DeferredPubacks(client);
    client.handleMessage = (packet, callback) => {
      this.lastMessageAtMs = Date.now();
      const topic = packet.topic.toString();
      if (topic === BROKER_DROPPED_TOPIC) {
        this.o.metrics.brokerDropped.set(Number(packet.payload.toString()) || 0);
        callback();
        return;
      }
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      if (packet.qos !== 1 || packet.messageId === undefined) {
        this.o.handle(topic, payload, (err) => callback(err));
        return;
      }
      const durable = pubacks.hold(packet.messageId);
      this.o.handle(topic, payload, (err) => {
        if (!err) durable();
      });
      callback();
    };
    client.on('connect', () => {
      this.o.metrics.connections.inc();
      log.debug('connected');
    });
    client.on('close', () => this.o.metrics.connections.set(this.clients.filter((c) => c.connected).length));
    client.on('error', (err) => log.warn({ err: err.message }, 'broker connection error'));
    return client;
  }

  /** Closes every connection; messages not yet acknowledged stay with the broker session. */
  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.endAsync(false)));
    this.clients = [];
  }

  /**
   * Takes this instance out of the share group for good: stops new messages being routed to it,
   * takes delivery of what the broker had already queued for its sessions (until `quietMs`
   * pass without a message), then ends the sessions so the broker forgets them.
   */
  async retire(quietMs = 1_000): Promise<void> {
    const filters = [sharedFilter(this.o.shareGroup, 'evt'), sharedFilter(this.o.shareGroup, 'status')];
    await Promise.all(this.clients.map((c) => c.unsubscribeAsync(filters)));
    this.lastMessageAtMs = Date.now();
    while (Date.now() - this.lastMessageAtMs < quietMs) await new Promise((r) => setTimeout(r, 100));
  }

  /** Ends the connections and deletes their broker sessions (after retire()). */
  async endSessions(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.endAsync(false, { properties: { sessionExpiryInterval: 0 } })));
    this.clients = [];
  }

  /** Drops the connections without DISCONNECT, as a crash would (tests). */
  kill(): void {
    for (const c of this.clients) c.end(true);
    this.clients = [];
  }
}

function waitConnected(client: MqttClient): Promise<void> {
  if (client.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      client.off('connect', onConnect);
      reject(err);
    };
    const onConnect = () => {
      client.off('error', onError);
      resolve();
    };
    client.once('connect', onConnect);
    client.once('error', onError);
  });
}
