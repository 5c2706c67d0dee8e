// Scheduled starts: a delayed BullMQ 'start' job (what the API enqueues) starts the task when
// it fires; a job for a task that is no longer SCHEDULED changes nothing.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { QUEUES, type StartTaskJob } from '../../../common/call-tasks/model.js';
import { TaskStore } from '../../../common/call-tasks/task-store.js';
import { createLogger } from '../../../common/logger.js';
import { piiKeysFromHex } from '../../../common/pii.js';
import { dropKeys, namespace, testConfig } from '../../../test/support/services.js';
import { forgetSetMembers } from './test-support.js';
import { sleep, waitFor } from '../../../test/support/wait.js';
import { startDialer, type DialerHandle } from './start-dialer.js';

const ns = namespace('sch');
const tenant = `t${ns}`;
const config = testConfig();
const log = createLogger('dialer-scheduler-itest', config.logLevel);
const prefix = `bull-${ns}`;
let redis: Redis;
let queue: Queue<StartTaskJob>;
let dialer: DialerHandle;
let store: TaskStore;

before(async () => {
  redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  queue = new Queue<StartTaskJob>(QUEUES.callTask, { connection: redis, prefix });
  store = new TaskStore(redis, piiKeysFromHex(config.piiHashKey, config.piiEncKey), { instance: ns, log, defaultRegion: 'CN' });
  dialer = await startDialer(config, log, new Registry(), { tenants: [tenant], queuePrefix: prefix, instanceId: `${ns}-d` });
});

after(async () => {
  await dialer.stop();
  await queue.obliterate({ force: true });
  await queue.close();
  await dropKeys(redis, `*${ns}*`);
  await forgetSetMembers(redis, ns);
  redis.disconnect();
});

const create = () => store.create(tenant, {
  name: 'scheduled', description: '', callScript: '', scheduledTime: new Date(Date.now() + 300).toISOString(), callerId: '', deviceIds: [], tags: [],
  source: 'itest', redial: { retryOn: [], delayS: 0, maxAttempts: 1 }, pacing: { perDevicePerMinute: 6, perTaskPerMinute: 60, ringTimeoutS: 30 },
  phones: ['+8613800138000'],
}, { kind: 'user', id: 'itest' });

it('a delayed start job starts its SCHEDULED task; one for a cancelled task is a no-op', async () => {
  const due = await create();
  const cancelled = await create();
  assert.equal((await store.transition(tenant, cancelled.taskId, 'CANCEL', { kind: 'user', id: 'itest' })).ok, true);
  for (const t of [due, cancelled]) await queue.add('start', { tenantId: tenant, taskId: t.taskId }, { delay: 300, jobId: `start-${tenant}-${t.taskId}-1` });
  assert.equal((await store.get(tenant, due.taskId))?.status, 'SCHEDULED');
  await waitFor('scheduled task started', async () => (await store.get(tenant, due.taskId))?.status === 'RUNNING', { timeoutMs: 10_000 });
  await waitFor('both jobs done', async () => (await queue.getCompletedCount()) === 2, { timeoutMs: 10_000 });
  await sleep(100);
  assert.equal((await store.get(tenant, cancelled.taskId))?.status, 'CANCELLED');
  // No device in this tenant: the running task stays RUNNING (starved), it is not failed.
  await sleep(1_500);
  assert.equal((await store.get(tenant, due.taskId))?.status, 'RUNNING');
  await store.transition(tenant, due.taskId, 'CANCEL', { kind: 'user', id: 'itest' });
});
