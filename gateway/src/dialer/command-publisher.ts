// The dialer's broker edge: one MQTT 5 connection of the gateway account, publishing
// DeviceCommand protobufs QoS 1 on the device's cmd topic. Resolves once the broker took it.
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../../../common/logger.js';
import { DeviceCommand, deviceTopic } from '../../../proto/src/index.js';

export interface MakeCallCommand {
  tenantId: string;
  deviceId: string;
  commandId: string;
  issuedAtMs: number;
  expiresAtMs: number;
  taskId: string;
  phoneNumber: string;
  callerId: string;
  timeoutS: number;
}

export class CommandPublisher {
  private client: MqttClient | null = null;

  constructor(private readonly o: { url: string; username: string; password: string; clientId: string; log: Logger }) {}

  async start(): Promise<void> {
    const client = mqtt.connect(this.o.url, {
      protocolVersion: 5, clientId: this.o.clientId, username: this.o.username, password: this.o.password,
      clean: true, reconnectPeriod: 1000, connectTimeout: 10_000, keepalive: 30,
    });
    client.on('error', (err) => this.o.log.warn({ err: err.message }, 'dialer broker connection error'));
    this.client = client;
    await new Promise<void>((resolve, reject) => {
      if (client.connected) return resolve();
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
  }

  async makeCall(c: MakeCallCommand): Promise<void> {
    if (!this.client) throw new Error('CommandPublisher not started');
    const bytes = DeviceCommand.encode(DeviceCommand.create({
      commandId: c.commandId, issuedAtMs: c.issuedAtMs, expiresAtMs: c.expiresAtMs,
      makeCall: { taskId: c.taskId, phoneNumber: c.phoneNumber, callerId: c.callerId, scriptId: c.taskId, timeoutS: c.timeoutS },
    })).finish();
    await this.client.publishAsync(deviceTopic(c.tenantId, c.deviceId, 'cmd'), Buffer.from(bytes), { qos: 1 });
  }

  async stop(): Promise<void> {
    await this.client?.endAsync(false);
    this.client = null;
  }

  kill(): void {
    this.client?.end(true);
    this.client = null;
  }
}
