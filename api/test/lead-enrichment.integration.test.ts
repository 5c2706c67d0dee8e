// IP → region enrichment (issue 5 item 3, spec 000 §五.2) through the real API and pipeline
// worker on the dev stack: a local IP2Location-format CSV written here, leads ingested with
// meta.ip_address, and the stored lead carries the region before tagging uses it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestApi, type TestApi } from '../../test/support/api.js';
import { namespace } from '../../test/support/services.js';
import { loadGeoIpCsv } from '../src/leads/enrich/geoip-file.js';
import { parseIpv4 } from '../src/leads/enrich/ip-address.js';
import { until } from '../../test/support/wait.js';

let api: TestApi;
const T = namespace('lgeo');
const dir = mkdtempSync(join(tmpdir(), 'cunke-geoip-'));
const csv = join(dir, 'IP2LOCATION-LITE-DB3.CSV');
const n = (ip: string) => parseIpv4(ip)!;
let integrator = '';
let sceneId = '';

before(async () => {
  writeFileSync(csv, [
    `"${n('1.0.1.0')}","${n('1.0.3.255')}","CN","China","Fujian","Fuzhou"`,
    `"${n('36.96.0.0')}","${n('36.127.255.255')}","CN","China","Guangdong","Shenzhen"`,
  ].join('\r\n'));
  api = await startTestApi({ geoipCsvPath: csv });
  const supervisor = await api.keyFor(T, 'supervisor');
  integrator = await api.keyFor(T, 'integrator');
  assert.equal((await api.call('POST', '/api/v1/lead-tags', { key: supervisor, body: { name: '福建', tag_group: '地区' } })).status, 201);
  const s = await api.call('POST', '/api/v1/scenes/configurations', { key: supervisor, body: {
    scene_name: '官网表单', scene_type: 'WEB_FORM', deduplication_strategy: 'ONEID',
    data_mapping_rules: { fields: [
      { target: 'name', source: 'submission_data.name' }, { target: 'phone', source: 'submission_data.phone', required: true },
      { target: 'region', source: 'submission_data.province' },
    ] },
    auto_tagging_rules: [{ id: 'fj', when: { field: 'region', op: 'eq', value: 'Fujian' }, actions: { add: ['福建'] } }],
  } });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  sceneId = s.body.data.scene_config_id;
});

after(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ingest = async (phone: string, meta: Record<string, unknown> | undefined, province?: string) => {
  const r = await api.call('POST', '/api/v1/leads/ingestions', { key: integrator, body: {
    scene_config_id: sceneId, submission_data: { name: '王五', phone, ...(province ? { province } : {}) }, ...(meta ? { meta } : {}),
  } });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const id = r.body.data.lead_id as string;
  return until(`lead ${id}`, async () => {
    const g = await api.call('GET', `/api/v1/leads/${id}`, { key: integrator });
    return g.status === 200 ? g.body.data : null;
  });
};

test('meta.ip_address inside a range: region, ip_geo and the region tag (enrichment runs before tagging)', async () => {
  const lead = await ingest('13912340001', { ip_address: '1.0.2.9' });
  assert.equal(lead.lead_data.region, 'Fujian');
  assert.deepEqual(lead.lead_data.custom.ip_geo, { country_code: 'CN', country: 'China', region: 'Fujian', city: 'Fuzhou' });
  assert.deepEqual(lead.tags, ['福建']);
  const upper = await ingest('13912340002', { ip_address: '36.127.255.255' });
  assert.equal(upper.lead_data.region, 'Guangdong', 'last address of a range');
});

test('no enrichment for private addresses, addresses in no range, or when the mapping set a region', async () => {
  const priv = await ingest('13912340003', { ip_address: '192.168.1.100' });
  assert.equal(priv.lead_data.region, undefined);
  assert.deepEqual(priv.tags, []);
  const gap = await ingest('13912340004', { ip_address: '1.0.4.0' });
  assert.equal(gap.lead_data.region, undefined);
  const none = await ingest('13912340005', undefined);
  assert.equal(none.lead_data.region, undefined);
  const mapped = await ingest('13912340006', { ip_address: '1.0.2.9' }, '浙江');
  assert.equal(mapped.lead_data.region, '浙江');
  assert.equal(mapped.lead_data.custom?.ip_geo, undefined);
});

test('a database file with malformed lines is refused with their line numbers', async () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, `"${n('1.0.1.0')}","${n('1.0.3.255')}","CN","China","Fujian","Fuzhou"\n"x","1","CN","China","-","-"\n"5","4","CN","China","-","-"\n`);
  await assert.rejects(loadGeoIpCsv(bad), (err: Error) => err.name === 'GeoIpFormatError' && /line 2: .*decimal integers/.test(err.message) && /line 3: ip_from 5 is above ip_to 4/.test(err.message));
  assert.equal(await loadGeoIpCsv(''), null, 'unset: no enrichment');
});
