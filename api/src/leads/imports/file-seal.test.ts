import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { openFile, sealFile } from './file-seal.js';

const keys = { hashKey: randomBytes(32), encKey: randomBytes(32) };

test('a sealed file opens to the same bytes, holds no clear text, and refuses tampering or another key', () => {
  const data = Buffer.from('\uFEFF姓名,手机\n张三,13912345678\n');
  const sealed = sealFile(keys, data);
  assert.ok(!sealed.includes(Buffer.from('13912345678')));
  assert.deepEqual(openFile(keys, sealed), data);
  const bent = Buffer.from(sealed);
  bent[bent.length - 1]! ^= 1;
  assert.throws(() => openFile(keys, bent));
  assert.throws(() => openFile({ ...keys, encKey: randomBytes(32) }, sealed));
  assert.throws(() => openFile(keys, Buffer.alloc(5)));
});
