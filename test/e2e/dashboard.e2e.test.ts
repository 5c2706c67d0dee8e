// The supervisor dashboard in a real browser (Debian's chromium through playwright-core): it
// logs in with an API key, then shows the devices and calls of simulated agents live, and once
// the calls are over its numbers match the warehouse. The page is served by the API; its live
// data comes from the gateway's hub (a child process), fed by real agents over Mosquitto.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pino } from 'pino';
import { startAgent, type Agent, type CallSummary } from '../../device-agent/src/index.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { namespace } from '../support/services.js';
import { freePort, startSpine, type Spine } from '../support/spine.js';
import { waitFor } from '../support/wait.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TASKS = ['dash-task-a', 'dash-task-b'];
const DEVICES = 4;
const CALLS_PER_DEVICE = 5;

let spine: Spine;
let api: TestApi;
let browser: Browser;

before(async () => {
  const hubPort = await freePort();
  process.env.LIVE_HUB_PORT = String(hubPort); // the spine's gateway process runs its hub here
  spine = await startSpine({ connections: 4 });
  // The API serves the page and hands out tokens naming the hub; the spine's writer fills the warehouse.
  api = await startTestApi({ liveHubPort: hubPort }, { warehouse: spine.warehouse, runWriters: false });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});
after(async () => {
  await browser?.close();
  await api?.close();
  await spine?.close();
});

const num = async (page: Page, testId: string): Promise<number> => {
  const text = (await page.getByTestId(testId).textContent({ timeout: 1000 }).catch(() => null)) ?? '';
  const m = /-?\d+(\.\d+)?/.exec(text.replaceAll(',', ''));
  return m ? Number(m[0]) : Number.NaN;
};

/** The machine-readable value a cell carries next to its formatted text. */
const dataValue = async (page: Page, testId: string): Promise<number> =>
  Number((await page.getByTestId(testId).getAttribute('data-value', { timeout: 1000 }).catch(() => null)) ?? Number.NaN);

interface TaskTruth { dialed: number; connected: number; rate: number; avgTalkS: number }

async function warehouseTruth(tenantId: string): Promise<Record<string, TaskTruth>> {
  const rows = await spine.warehouse.query<{ task_id: string; dialed: string; connected: string; talk: string; talk_calls: string }>(
    `SELECT task_id, countIf(dialing_at IS NOT NULL) AS dialed, countIf(answered_at IS NOT NULL) AS connected,
            sumIf(talk_ms, ended_at IS NOT NULL) AS talk, countIf(ended_at IS NOT NULL AND talk_ms > 0) AS talk_calls
     FROM ${spine.warehouse.tables.dwdCallRecordView} WHERE tenant_id = {t:String} GROUP BY task_id`, { t: tenantId });
  return Object.fromEntries(rows.map((r) => {
    const dialed = Number(r.dialed);
    const connected = Number(r.connected);
    return [r.task_id, { dialed, connected, rate: dialed ? (100 * connected) / dialed : 0, avgTalkS: Number(r.talk_calls) ? Number(r.talk) / Number(r.talk_calls) / 1000 : 0 }];
  }));
}

test('the dashboard shows simulated devices working live and ends matching the warehouse', { timeout: 240_000 }, async () => {
  const tenant = namespace('dash');
  const key = await api.keyFor(tenant, 'supervisor');
  const devices = await spine.provision(tenant, DEVICES);
  const agents: Agent[] = await Promise.all(devices.map((d, i) => startAgent({
    tenantId: d.tenantId, deviceId: d.deviceId, mqtt: { url: spine.config.mqttUrl, username: d.username, password: d.password },
    seed: 900 + i, timeScale: 0.02, heartbeatIntervalS: 3600, callsPerMinute: 0, logger: pino({ level: 'warn' }),
  })));

  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${api.url}/dashboard/`);
  await page.getByTestId('credential-input').fill(key);
  await page.getByTestId('login-submit').click();

  await waitFor('all devices online on the page', async () => (await num(page, 'devices-online')) === DEVICES, { timeoutMs: 20_000 });
  assert.equal(await num(page, 'calls-in-progress'), 0);

  // Calls, placed one after another per device; the page must move while they run.
  const placing = Promise.all(agents.map(async (agent, di) => {
    const out: CallSummary[] = [];
    for (let c = 0; c < CALLS_PER_DEVICE; c++) {
      out.push(await agent.placeCall({ phoneNumber: `1380013${String(di * 100 + c).padStart(4, '0')}`, taskId: TASKS[(di + c) % TASKS.length]! }));
    }
    return out;
  }));
  await waitFor('a call in progress on the page', async () => (await num(page, 'calls-in-progress')) > 0 || (await num(page, 'devices-in-call')) > 0, { timeoutMs: 20_000, intervalMs: 50 });
  const summaries = (await placing).flat();
  assert.equal(summaries.length, DEVICES * CALLS_PER_DEVICE);

  await waitFor('every call finished in the warehouse', async () => {
    const [r] = await spine.warehouse.query<{ n: string }>(
      `SELECT count() AS n FROM ${spine.warehouse.tables.dwdCallRecordView} WHERE tenant_id = {t:String} AND ended_at IS NOT NULL`, { t: tenant });
    return Number(r?.n) === summaries.length;
  }, { timeoutMs: 60_000 });
  const truth = await warehouseTruth(tenant);
  assert.deepEqual(Object.keys(truth).sort(), TASKS);

  for (const task of TASKS) {
    const t = truth[task]!;
    await waitFor(`${task} counters on the page match the warehouse`, async () =>
      (await num(page, `task-${task}-dialed`)) === t.dialed && (await num(page, `task-${task}-connected`)) === t.connected, { timeoutMs: 15_000 });
    assert.ok(Math.abs((await num(page, `task-${task}-connect-rate`)) - t.rate) < 0.1, `${task} connect rate`);
    assert.ok(Math.abs((await dataValue(page, `task-${task}-avg-talk`)) / 1000 - t.avgTalkS) < 0.001, `${task} average talk time`);
  }
  await waitFor('no call in progress at the end', async () => (await num(page, 'calls-in-progress')) === 0 && (await num(page, 'devices-in-call')) === 0, { timeoutMs: 10_000 });

  // The stream of finished calls: masked numbers only.
  const finished = await page.getByTestId('finished-calls').textContent();
  assert.match(finished ?? '', /138\*{4}\d{4}/);
  assert.doesNotMatch(finished ?? '', /1380013\d{4}/);

  // Devices going away: the will marks them offline, live.
  await Promise.all(agents.map((a) => a.crash()));
  await waitFor('devices offline on the page', async () => (await num(page, 'devices-offline')) === DEVICES, { timeoutMs: 30_000 });
  assert.deepEqual(problems, [], 'no script errors on the page');
});
