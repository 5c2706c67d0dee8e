// The SIP wire end to end: sipp → drachtio-server → this glue → InboundCallService → Redis and
// the lead pipeline. Needs a drachtio-server (DRACHTIO_HOST/PORT/SECRET, its SIP side on port
// 5060 of the same host, see deploy/sip/README.md) and sipp (Debian `sip-tester`). Neither is
// packaged for this machine, so the test is skipped with the reason when either is missing; the
// decisions themselves are covered by inbound-call.integration.test.ts and the pure tests.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { createLogger } from '../../../common/logger.js';
import { startTestApi, type TestApi } from '../../../test/support/api.js';
import { isolatedRedisUrl, namespace, testConfig } from '../../../test/support/services.js';
import { leadConfigStores, loadAssignees } from '../../../api/src/leads/catalog/stores.js';
import { LeadStore } from '../../../api/src/leads/pipeline/lead-store.js';
import { startDrachtioGlue, type GlueHandle } from './drachtio-glue.js';
import { InboundCallService, sipKeys } from './inbound-call-service.js';
import { MonitoredNumbers } from './monitored-numbers.js';

const config = testConfig();

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 1000 }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
    s.on('timeout', () => { s.destroy(); resolve(false); });
  });
}

function which(bin: string): string | null {
  try {
    return execFileSync('which', [bin], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const sippBin = which('sipp');
const skip = !config.drachtioHost ? 'DRACHTIO_HOST is not set: no drachtio-server to test the SIP glue against (none is packaged here; see deploy/sip/README.md)'
  : !(await reachable(config.drachtioHost, config.drachtioPort)) ? `drachtio-server ${config.drachtioHost}:${config.drachtioPort} is not reachable`
  : !sippBin ? 'sipp is not installed (Debian package sip-tester)'
  : false;

/** INVITE with a given User-Agent, expecting one final status; ACK for any final answer (RFC 3261 §17.1.1.3). */
const scenario = (expect: number) => `<?xml version="1.0" encoding="UTF-8"?>
<scenario name="cunke inbound ${expect}">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "caller" <sip:[field0]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: sip:[field0]@[local_ip]:[local_port]
User-Agent: [field1]
Max-Forwards: 70
Content-Length: 0

  ]]></send>
  <recv response="100" optional="true"/>
  <recv response="${expect}"/>
  <send><![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: "caller" <sip:[field0]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

  ]]></send>
</scenario>`;

function sipp(expect: number, dialled: string, caller: string, userAgent: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cunke-sipp-'));
  writeFileSync(join(dir, 's.xml'), scenario(expect));
  writeFileSync(join(dir, 'f.csv'), `SEQUENTIAL\n${caller};${userAgent}\n`);
  return new Promise((resolve) => {
    execFile(sippBin!, [`${config.drachtioHost}:5060`, '-sf', join(dir, 's.xml'), '-inf', join(dir, 'f.csv'), '-s', dialled, '-m', '1', '-timeout', '10s', '-timeout_error', '-nostdin', '-trace_err'],
      { cwd: dir }, (err) => resolve(err ? Number((err as { code?: number }).code ?? 1) : 0));
  });
}

let api: TestApi;
let redis: Redis;
let numbers: MonitoredNumbers;
let glue: GlueHandle;
const A = namespace('sipw');
const DIALLED = `021${randomInt(2, 10)}${randomInt(1_000_000, 10_000_000)}`;

before(async () => {
  if (skip) return;
  api = await startTestApi({ redisUrl: isolatedRedisUrl() });
  const key = await api.keyFor(A, 'supervisor');
  const u1 = (await api.deps.identity.createUser(A, { name: 'agent 1', role: 'supervisor' })).userId;
  const r = await api.call('POST', '/api/v1/scenes/configurations', { key, body: {
    scene_name: 'SIP wire', scene_type: 'PHONE_CALL',
    data_mapping_rules: { fields: [{ target: 'phone', source: 'phone', type: 'phone' }] },
    assignment_rules: { rule_id: 'one', pool: [u1], chain: [{ type: 'round_robin' }] },
    scene_specific_params: { monitored_numbers: [DIALLED], agent_sip_uris: { [u1]: `sip:${u1}@pbx.example` } },
  } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  redis = new Redis(api.config.redisUrl);
  const log = createLogger('sip-glue-test', 'warn');
  numbers = new MonitoredNumbers({ redis, log, region: 'CN', tenants: [A] });
  await numbers.start();
  const stores = leadConfigStores(redis);
  const service = new InboundCallService({
    redis, pii: api.deps.pii, log, numbers, leads: new LeadStore(redis, api.deps.pii, 'sip-glue-test'), writer: 'sip-glue-test',
    users: (t, ids) => loadAssignees(redis, stores, api.deps.identity, t, ids, 'Asia/Shanghai'),
    settings: { mode: 'redirect', queueUri: null, rateLimit: 100, rateWindowS: 60, trustedSources: new Set(), extraScannerAgents: [], callTtlS: 600, region: 'CN', ingestMaxLen: 100000 },
  });
  glue = startDrachtioGlue({ host: config.drachtioHost, port: config.drachtioPort, secret: config.drachtioSecret, service, log });
  const end = Date.now() + 10_000;
  while (!glue.connected()) {
    if (Date.now() > end) throw new Error('glue did not connect to drachtio-server within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(async () => {
  await glue?.stop();
  await numbers?.stop();
  redis?.disconnect();
  await api?.close();
});

test('a real INVITE through drachtio: 302 to the agent and a lead; a scanner gets 403; an unknown number 404', { skip }, async () => {
  const caller = `139${randomInt(10_000_000, 100_000_000)}`;
  assert.equal(await sipp(302, DIALLED, caller, 'Asterisk PBX 18'), 0, 'sipp saw the 302');
  const leads = new LeadStore(redis, api.deps.pii, 'sip-glue-test');
  const lead = await (async () => {
    const end = Date.now() + 10_000;
    for (;;) {
      const all = await leads.all(A);
      if (all.length) return all[0]!;
      if (Date.now() > end) throw new Error('no lead from the SIP call');
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  assert.equal(lead.scene_type, 'PHONE_CALL');
  assert.ok(lead.assigned_to_user_id);
  assert.equal(await redis.hget(sipKeys.call(lead.external_lead_id!), 'route_action'), 'redirect');
  assert.equal(await sipp(403, DIALLED, caller, 'friendly-scanner'), 0, 'sipp saw the 403');
  assert.equal(await sipp(404, `021${randomInt(2, 10)}0000001`, caller, 'Asterisk PBX 18'), 0, 'sipp saw the 404');
});

test('with drachtio-server down the glue keeps retrying without crashing the gateway, and stops cleanly', async () => {
  const { createServer } = await import('node:net');
  // A port that is certainly closed: bind one, note it, close it.
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const r = new Redis(config.redisUrl);
  const lines: string[] = [];
  const { Writable } = await import('node:stream');
  const log = createLogger('sip-glue-down', 'info', new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }));
  const nums = new MonitoredNumbers({ redis: r, log, region: 'CN', tenants: [] });
  await nums.start();
  const { piiKeysFromHex } = await import('../../../common/pii.js');
  const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
  const service = new InboundCallService({
    redis: r, pii, log, numbers: nums, leads: new LeadStore(r, pii, 'sip-glue-down'), writer: 'sip-glue-down', users: async () => [],
    settings: { mode: 'redirect', queueUri: null, rateLimit: 10, rateWindowS: 60, trustedSources: new Set(), extraScannerAgents: [], callTtlS: 60, region: 'CN', ingestMaxLen: 1000 },
  });
  const g = startDrachtioGlue({ host: '127.0.0.1', port, secret: 'x', service, log, retryMaxDelayMs: 200 });
  try {
    await new Promise((res) => setTimeout(res, 1500));
    assert.equal(g.connected(), false);
    assert.ok(lines.some((l) => /drachtio (connection lost; reconnecting|error|connect failed)/.test(l)), `a reconnect is logged: ${lines.join('')}`);
  } finally {
    await g.stop();
    await nums.stop();
    r.disconnect();
  }
});

test('the gateway starts the SIP ingress only with DRACHTIO_HOST, refuses one without a secret, and exposes its metric', async () => {
  const { startSipIngress, SipConfigError } = await import('./start-sip.js');
  const { Registry } = await import('prom-client');
  const { piiKeysFromHex } = await import('../../../common/pii.js');
  const pii = piiKeysFromHex(config.piiHashKey, config.piiEncKey);
  const log = createLogger('sip-start', 'silent');
  assert.equal(await startSipIngress({ ...config, drachtioHost: '' }, log, pii), null);
  await assert.rejects(startSipIngress({ ...config, drachtioHost: '127.0.0.1', drachtioSecret: '' }, log, pii), SipConfigError);
  const registry = new Registry();
  // Port 9 (discard) is closed here: the ingress starts, keeps retrying in the background and stops cleanly.
  const sipIngress = await startSipIngress({ ...config, redisUrl: isolatedRedisUrl(), drachtioHost: '127.0.0.1', drachtioPort: 9, drachtioSecret: 's' }, log, pii, registry);
  try {
    assert.ok(sipIngress);
    assert.equal(sipIngress.glue.connected(), false);
    assert.match(await registry.metrics(), /cunke_gateway_sip_invites_total/);
  } finally {
    await sipIngress?.stop();
  }
});
