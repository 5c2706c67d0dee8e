// The whole call-event spine for end-to-end tests, on the real services of the test stack:
// Mosquitto + Redis (started by test/run.sh), the gateway as a child process (so it can be
// SIGKILLed), and the warehouse writer in this process with its own chDB directory.
import { createServer } from 'node:net';
import type { Redis } from 'ioredis';
import type { Config } from '../../common/config.js';
import { ensureDevices, type DeviceCredentials } from '../../deploy/local/broker-accounts.js';
import type { ChdbWarehouse } from '../../warehouse/src/edges/chdb.js';
import { startEmbeddedWriter } from './embedded-writer.js';
import { countCallRecords } from '../../warehouse/src/queries/call-records.js';
import { retireGateway, startGatewayProcess, type GatewayProcess } from './gateway-process.js';
import { namespace, testConfig } from './services.js';
import { GiveUp, waitFor } from './wait.js';

export interface Spine {
  config: Config;
  ns: string;
  warehouse: ChdbWarehouse;
  gateway: GatewayProcess;
  gatewayEnv: Record<string, string>;
  redis: Redis;
  provision(tenantId: string, count: number): Promise<DeviceCredentials[]>;
  restartGateway(): Promise<void>;
  waitForCalls(tenantId: string, calls: number, events?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startSpine(opts: { connections?: number } = {}): Promise<Spine> {
  const ns = namespace('e2e');
  const config = testConfig();
  const writer = await startEmbeddedWriter(config, `writer-${ns}`, { batchMaxRows: 5_000, flushIntervalMs: 200, claimMinIdleMs: 5_000, claimIntervalMs: 2_000 });
  const { warehouse, redis } = writer;

  // A share group and instance id of its own: no other gateway (a demo, an earlier run) shares
  // this test's traffic, and the short session expiry cleans up after a crash of the test.
  const gatewayEnv = {
    GATEWAY_ID: `gw-${ns}`,
    GATEWAY_SHARE_GROUP: ns,
    GATEWAY_SESSION_EXPIRY_S: '600',
    GATEWAY_MQTT_CONNECTIONS: String(opts.connections ?? 8),
  };
  let gateway = await startGatewayProcess(gatewayEnv, await freePort());

  const spine: Spine = {
    config,
    ns,
    warehouse,
    get gateway() {
      return gateway;
    },
    gatewayEnv,
    redis,
    provision: (tenantId, count) =>
      ensureDevices(config, tenantId, Array.from({ length: count }, (_, i) => `dev-${String(i + 1).padStart(3, '0')}`)),
    async restartGateway() {
      gateway = await startGatewayProcess(gatewayEnv, gateway.metricsPort);
    },
    async waitForCalls(tenantId, calls, events, timeoutMs = 60_000) {
      let seen = '';
      await waitFor(`${calls} call records${events ? ` and ${events} call events` : ''} of ${tenantId} in the warehouse`, async () => {
        const [c, e] = await Promise.all([countCallRecords(warehouse, tenantId), events ? countCallEvents(warehouse, tenantId) : 0]);
        seen = `${c} records, ${e} call events`;
        if (c > calls || (events && e > events)) throw new GiveUp(`too many: ${seen}`);
        return c === calls && (!events || e === events);
      }, { timeoutMs, intervalMs: 250 }).catch((err: Error) => {
        throw new Error(`${err.message} (last seen: ${seen})`);
      });
    },
    async close() {
      // Retire the gateway: deletes its broker sessions so they do not collect messages.
      await gateway.stop().catch(() => undefined);
      await retireGateway(gatewayEnv);
      await writer.stop();
    },
  };
  return spine;
}

/** Distinct call-step events of a tenant in ods_device_event (heartbeats and acks excluded). */
export async function countCallEvents(warehouse: ChdbWarehouse, tenantId: string): Promise<number> {
  const rows = await warehouse.query<{ n: string }>(
    `SELECT uniqExact(event_id) AS n FROM ${warehouse.tables.odsDeviceEvent} WHERE tenant_id = {tenantId:String} AND kind = 'call'`,
    { tenantId },
  );
  return Number(rows[0]?.n ?? 0);
}
