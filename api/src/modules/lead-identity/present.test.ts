import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskIdentifier, presentLink, presentProfile } from './present.js';

test('identifier values are masked or withheld, never shown in clear', () => {
  assert.equal(maskIdentifier('mobile', '+8613790461827'), '137****1827');
  assert.equal(maskIdentifier('mobile', '+8613790461827|张三'), '137****1827', 'a shared number key hides the name');
  assert.ok(!maskIdentifier('email', 'zhangsan@corp.cn')!.includes('zhangsan'));
  assert.equal(maskIdentifier('name_company', '张三|某某'), null);
  assert.equal(maskIdentifier('unionid', 'wx_abcdef'), 'wx_a****');
  const l = presentLink({ from: 'a', to: 'b', identifier: { kind: 'mobile', value: '+8613790461827' }, weight: 1, priority: 1, source: 'WEB_FORM', at: 0 }, (k, v) => `H${k}${v.length}`);
  assert.ok(!JSON.stringify(l).includes('13790461827'));
  assert.deepEqual([l.kind, l.weight, l.value_hash, l.at], ['mobile', 1, 'Hmobile14', '1970-01-01T00:00:00.000Z']);
});

test('the merged profile masks contact fields and keeps the FAQ Q3 provenance', () => {
  const p = presentProfile({
    profile: { name: '李四', mobile: '+8613628407153', email: 'li@corp.cn', company: '丙公司' },
    provenance: { name: { record_id: 'r2', source: 'WEB_FORM', at: 0, rule: 'latest' } },
    reviews: [{ field: 'company', values: [{ value: '丙公司', record_id: 'r1', source: 'WEB_FORM' }, { value: '丁公司', record_id: 'r2', source: 'WEB_FORM' }] }],
  });
  const s = JSON.stringify(p);
  assert.ok(!s.includes('13628407153') && !s.includes('li@corp.cn'));
  assert.equal((p.profile as Record<string, unknown>).company, '丙公司');
  assert.equal((p.field_conflicts as unknown[]).length, 1);
});
