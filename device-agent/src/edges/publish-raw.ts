// Test helper: publish already-encoded envelope bytes on a device's event topic from a separate,
// short-lived connection (e.g. to deliver a duplicate while the agent itself is down). Uses its
// own client id so it never takes over the agent's session.
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { deviceTopic } from '../../../proto/src/index.js';

export interface RawPublishTarget {
  url: string;
  tenantId: string;
  deviceId: string;
  username?: string;
  password?: string;
}

/** Resolves with the PUBACK reason code. */
export async function publishRawEnvelope(target: RawPublishTarget, payload: Uint8Array): Promise<number> {
  const client = await mqtt.connectAsync(target.url, {
    protocolVersion: 5,
    clientId: `dev-${target.tenantId}-${target.deviceId}-raw-${randomUUID().slice(0, 8)}`,
    username: target.username ?? `${target.tenantId}.${target.deviceId}`,
    password: target.password,
    reconnectPeriod: 0,
  });
  try {
    const packet = await client.publishAsync(deviceTopic(target.tenantId, target.deviceId, 'evt'), Buffer.from(payload), { qos: 1 });
    return (packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    throw err;
  } finally {
    await client.endAsync();
  }
}
