// Reads Mosquitto's $SYS counters as the gateway account (the only one allowed to read $SYS).
//
// Mosquitto 2.0.11 publishes `$SYS/broker/publish/messages/dropped` retained, but only once the
// count differs from the last value it published, starting from 0: on a broker that never
// dropped a message the topic does not exist. Its absence means 0 only once $SYS is known to
// flow, so we subscribe to it first and then to the uptime topic (published every
// sys_interval): retained messages arrive at subscription, so by the time uptime arrives a
// retained dropped count would have too.
import mqtt from 'mqtt';
import type { Config } from '../../common/config.js';

export const SYS_DROPPED = '$SYS/broker/publish/messages/dropped';
export const SYS_UPTIME = '$SYS/broker/uptime';

type SysConfig = Pick<Config, 'mqttUrl' | 'mqttGatewayUsername' | 'mqttGatewayPassword'>;

/** The broker's count of dropped messages (must stay 0); throws if $SYS does not answer in `waitMs`. */
export async function readBrokerDropped(config: SysConfig, waitMs = 5_000): Promise<number> {
  const client = await mqtt.connectAsync(config.mqttUrl, {
    protocolVersion: 5,
    username: config.mqttGatewayUsername,
    password: config.mqttGatewayPassword,
    clientId: `cunke-sys-reader-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: 0,
  });
  try {
    let dropped = 0;
    const sawUptime = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${SYS_UPTIME} within ${waitMs} ms: is sys_interval set?`)), waitMs);
      client.on('message', (topic, payload) => {
        if (topic === SYS_DROPPED) dropped = Number(payload.toString());
        if (topic === SYS_UPTIME) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await client.subscribeAsync(SYS_DROPPED, { qos: 0 });
    await client.subscribeAsync(SYS_UPTIME, { qos: 0 });
    await sawUptime;
    return dropped;
  } finally {
    await client.endAsync();
  }
}
