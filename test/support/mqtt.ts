// Plain MQTT clients for tests: a device publishing raw bytes as any third-party firmware would,
// and the broker's own drop counter.
import mqtt, { type MqttClient } from 'mqtt';
import type { Config } from '../../common/config.js';
import type { DeviceCredentials } from '../../deploy/local/broker-accounts.js';

export async function connectAs(config: Config, username: string, password: string, clientId: string): Promise<MqttClient> {
  const client = mqtt.connect(config.mqttUrl, { protocolVersion: 5, username, password, clientId, clean: true, reconnectPeriod: 0, connectTimeout: 5_000 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

export function connectDevice(config: Config, d: DeviceCredentials, suffix = 'raw'): Promise<MqttClient> {
  return connectAs(config, d.username, d.password, `test-${d.tenantId}-${d.deviceId}-${suffix}`);
}

/** Publishes QoS 1 and resolves with the PUBACK reason code (0 = accepted). */
export function publishQos1(client: MqttClient, topic: string, payload: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    client.publish(topic, payload, { qos: 1 }, (err, packet) => {
      if (err) {
        const code = (err as { code?: number }).code;
        if (typeof code === 'number') resolve(code);
        else reject(err);
        return;
      }
      resolve((packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0);
    });
  });
}

