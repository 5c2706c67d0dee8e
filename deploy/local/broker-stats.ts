// Reads Mosquitto's $SYS counters as the gateway account (the only one allowed to read $SYS).
//
// Mosquitto 2.0.11 publishes each $SYS value retained, at start-up and then whenever it changed
// (checked every sys_interval, 1 s here), so a subscriber gets the last value at once. Right
// after a broker restart the retained value may still be the previous instance's (restored
// from persistence) for up to one sys_interval. A value that does not come is reported as 0.
import mqtt from 'mqtt';
import type { Config } from '../../common/config.js';
import { gatewayCredentials } from './broker-accounts.js';

export const SYS_DROPPED = '$SYS/broker/publish/messages/dropped';

/** Current values of the given $SYS topics (default: dropped messages); 0 when none within `waitMs`. */
export async function readSysCounters(
  config: Pick<Config, 'dataDir' | 'mqttPort' | 'mqttGatewayUsername'>,
  topics: readonly string[] = [SYS_DROPPED],
  waitMs = 1_500,
): Promise<Record<string, number>> {
  const gw = gatewayCredentials(config);
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${config.mqttPort}`, {
    protocolVersion: 5,
    username: gw.username,
    password: gw.password,
    clientId: `cunke-sys-reader-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: 0,
  });
  try {
    const values: Record<string, number> = {};
    const all = new Promise<void>((resolveAll) => {
      client.on('message', (topic, payload) => {
        if (topics.includes(topic)) values[topic] = Number(payload.toString());
        if (topics.every((t) => t in values)) resolveAll();
      });
    });
    await client.subscribeAsync([...topics], { qos: 0 });
    await Promise.race([all, new Promise((r) => setTimeout(r, waitMs))]);
    for (const t of topics) values[t] ??= 0;
    return values;
  } finally {
    await client.endAsync();
  }
}
