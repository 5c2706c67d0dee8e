// Per-task counters end to end: simulated devices place autonomous calls tagged with task ids
// (as `device-agent simulate --tasks 3` does), some events arrive twice; then the counters the
// ingest script kept in Redis, the ones a dashboard holds (snapshot + task deltas from the live
// hub) and the same numbers computed by the warehouse from dwd_call_record_v all agree.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { startAgent, type Agent } from '../../device-agent/src/index.js';
import { simTaskIds } from '../../device-agent/src/cli/parse-args.js';
import { keys } from '../../gateway/src/domain/redis-keys.js';
import { taskCounters, type TaskCounters } from '../../gateway/src/live/domain/snapshot.js';
import { callMessages, seededRandom, shuffle } from '../support/events.js';
import { connectDevice, publishQos1 } from '../support/mqtt.js';
import { createPrincipal, dropPrincipals, mintToken } from '../support/principals.js';
import { namespace } from '../support/services.js';
import { countCallEvents, freePort, startSpine, type Spine } from '../support/spine.js';
import { sleep, waitFor } from '../support/wait.js';
import { LiveClient } from '../load/live-ws-client.js';

let spine: Spine;
let hubPort: number;

before(async () => {
  // The spine's gateway (a child process) runs its live hub on a port of this test's own.
  hubPort = await freePort();
  process.env.LIVE_HUB_PORT = String(hubPort);
  spine = await startSpine({ connections: 4 });
});
after(async () => {
  await spine?.close();
});

type Counters = Omit<TaskCounters, 'taskId'>;

/** The warehouse's definition of the counters (docs/live-protocol.md, "Task counters"). */
async function warehouseCounters(tenantId: string): Promise<Record<string, Counters>> {
  const rows = await spine.warehouse.query<{ task_id: string; dialed: string; connected: string; ended: string; talk_sum: string; talk_calls: string }>(
    `SELECT task_id,
            countIf(dialing_at IS NOT NULL) AS dialed,
            countIf(answered_at IS NOT NULL) AS connected,
            countIf(ended_at IS NOT NULL) AS ended,
            sumIf(talk_ms, ended_at IS NOT NULL) AS talk_sum,
            countIf(ended_at IS NOT NULL AND talk_ms > 0) AS talk_calls
     FROM ${spine.warehouse.tables.dwdCallRecordView}
     WHERE tenant_id = {tenantId:String} AND task_id != ''
     GROUP BY task_id`,
    { tenantId },
  );
  return Object.fromEntries(rows.map((r) => [r.task_id, {
    dialed: Number(r.dialed), connected: Number(r.connected), ended: Number(r.ended), talkMs: Number(r.talk_sum), talkCalls: Number(r.talk_calls),
  }]));
}

async function redisCounters(tenantId: string): Promise<Record<string, Counters>> {
  const out: Record<string, Counters> = {};
  for (const id of await spine.redis.smembers(keys.tenantTasks(tenantId))) {
    const { taskId, ...c } = taskCounters(id, await spine.redis.hgetall(keys.task(tenantId, id)));
    out[taskId] = c;
  }
  return out;
}

/** The counters a dashboard holds: its snapshot's, replaced by every task delta after it. */
function dashboardCounters(client: LiveClient): Record<string, Counters> {
  const out: Record<string, Counters> = {};
  for (const m of client.onTopic('tenant')) {
    const tasks = m.type === 'snapshot' ? (m.data as { tasks: TaskCounters[] }).tasks : (m.deltas ?? []).filter((d) => d.t === 'task') as unknown as TaskCounters[];
    for (const { taskId, dialed, connected, ended, talkMs, talkCalls } of tasks) out[taskId] = { dialed, connected, ended, talkMs, talkCalls };
  }
  return out;
}

test('task counters in Redis, on a live dashboard and in the warehouse agree after a simulated run', async () => {
  const tenant = namespace('lc');
  const devices = await spine.provision(tenant, 6);
  const principal = await createPrincipal(spine.redis, { tenantId: tenant, role: 'supervisor' });
  const dashboard = await LiveClient.connect(`ws://127.0.0.1:${hubPort}/live`, { credential: mintToken(spine.config.authTokenSecret, principal) });
  dashboard.subscribe('tenant');
  await dashboard.next((m) => m.type === 'snapshot');

  const taskIds = simTaskIds(3);
  const agents: Agent[] = await Promise.all(devices.map((d, i) => startAgent({
    tenantId: d.tenantId, deviceId: d.deviceId,
    mqtt: { url: spine.config.mqttUrl, username: d.username, password: d.password },
    seed: 500 + i, timeScale: 0.0005, heartbeatIntervalS: 3600, callsPerMinute: 600, demoTaskIds: taskIds, logger: pino({ level: 'warn' }),
  })));
  // Besides the agents' traffic, calls delivered twice and out of order: counted once each.
  const raw = await connectDevice(spine.config, devices[0]!, 'dup');
  const t0 = Date.now() - 3_600_000;
  const extra = Array.from({ length: 10 }, (_, i) => callMessages({ tenantId: tenant, deviceId: devices[0]!.deviceId, taskId: taskIds[i % 3], outcome: i % 2 ? 'answered' : 'no_answer', startMs: t0 + i * 60_000, talkMs: 5_000 + i })).flat();
  for (const m of shuffle([...extra, ...extra], seededRandom(9))) assert.equal(await publishQos1(raw, m.topic, m.payload), 0);
  await raw.endAsync();
  await sleep(4_000);
  await Promise.all(agents.map((a) => a.stop()));

  // Wait until the warehouse has every call event the gateway recorded (the live feed has one
  // call delta per recorded call event).
  const fed = async () => (await spine.redis.xrange(keys.liveFeed(tenant), '-', '+'))
    .reduce((n, [, f]) => n + (JSON.parse(f[f.indexOf('d') + 1]!) as { t: string }[]).filter((d) => d.t === 'call').length, 0);
  await waitFor('every recorded call event in the warehouse', async () => {
    const [inFeed, inWarehouse] = await Promise.all([fed(), countCallEvents(spine.warehouse, tenant)]);
    return inFeed > 0 && inFeed === inWarehouse;
  }, { timeoutMs: 60_000, intervalMs: 250 });

  const inRedis = await redisCounters(tenant);
  const inWarehouse = await warehouseCounters(tenant);
  assert.deepEqual(Object.keys(inRedis).sort(), taskIds, 'the simulator tagged calls with sim-task-1..3');
  assert.deepEqual(inRedis, inWarehouse);
  for (const [id, c] of Object.entries(inRedis)) {
    assert.ok(c.dialed >= 5 && c.connected > 0 && c.connected < c.dialed && c.talkCalls <= c.ended, `${id}: a realistic mix ${JSON.stringify(c)}`);
  }
  const canon = (c: Record<string, Counters>) => JSON.stringify(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));
  await waitFor('the dashboard to hold the final counters', async () => canon(dashboardCounters(dashboard)) === canon(inRedis), { timeoutMs: 10_000 })
    .catch(() => assert.deepEqual(dashboardCounters(dashboard), inRedis));
  dashboard.close();
  await dropPrincipals(spine.redis, tenant);
});
