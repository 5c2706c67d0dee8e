// Sends devices their UploadRecording commands, hooked on ingest's `onRecorded` like the live
// feed: after the batch is durable, best effort, never blocking ingest. A command lost here (no
// broker, gateway crash) is not retried by the gateway: the device announces the recording
// again after RECORDING_REANNOUNCE_S, which comes back through this hook with a fresh URL.
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../../../common/logger.js';
import type { Recorded } from '../pipeline/ingest.js';
import { uploadCommandsFor } from './upload-commands.js';

export interface UploadIssuerOptions {
  mqttUrl: string;
  username: string;
  password: string;
  gatewayId: string;
  /** Base URL of the API as devices reach it. */
  baseUrl: string;
  ttlS: number;
  key: Buffer;
  log: Logger;
}

export class UploadIssuer {
  private client: MqttClient | null = null;
  /** Commands handed to the broker (PUBACKed) and failed, for tests and logs. */
  sent = 0;
  failed = 0;

  constructor(private readonly o: UploadIssuerOptions) {}

  start(): void {
    const client = mqtt.connect(this.o.mqttUrl, {
      protocolVersion: 5,
      clientId: `${this.o.gatewayId}-rec`,
      username: this.o.username,
      password: this.o.password,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      // Publishes while disconnected wait in mqtt.js's queue and go out on reconnect.
      queueQoSZero: false,
    });
    client.on('error', (err) => this.o.log.warn({ err: err.message }, 'recording command connection error'));
    this.client = client;
    // Not awaited: ingest must not wait for (or fail with) this best-effort connection; mqtt.js
    // keeps reconnecting and holds QoS 1 publishes made meanwhile until it is connected.
  }

  /** The ingest `onRecorded` hook. Never throws, never blocks. */
  readonly onRecorded = (recorded: Recorded[]): void => {
    if (!this.client) return;
    const { commands, unsignable } = uploadCommandsFor(recorded.map((r) => r.message), {
      nowMs: Date.now(), ttlMs: this.o.ttlS * 1000, baseUrl: this.o.baseUrl.replace(/\/+$/, ''), key: this.o.key, newId: randomUUID,
    });
    for (const g of unsignable) this.o.log.warn({ tenantId: g.tenantId, deviceId: g.deviceId, callId: g.callId }, 'RecordingReady with unsignable fields: no upload command');
    for (const c of commands) {
      this.client.publish(c.topic, Buffer.from(c.payload), { qos: 1 }, (err) => {
        if (err) {
          this.failed++;
          this.o.log.warn({ err: err.message, callId: c.grant.callId, deviceId: c.grant.deviceId }, 'upload command not published; the device will announce the recording again');
        } else {
          this.sent++;
        }
      });
    }
  };

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync();
  }

  kill(): void {
    this.client?.end(true);
    this.client = null;
  }
}
