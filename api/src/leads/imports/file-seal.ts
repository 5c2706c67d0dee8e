// An uploaded spreadsheet is full of phone numbers and e-mails, so it is never at rest in clear:
// sealed with the PII key (AES-256-GCM, the layout of common/pii.ts encryptPii, binary) before it
// goes to Redis, opened by the job.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PiiKeys } from '../../../../common/pii.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealFile(keys: PiiKeys, data: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.encKey, iv);
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws when the file was sealed with another key or altered. */
export function openFile(keys: PiiKeys, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed file too short');
  const decipher = createDecipheriv('aes-256-gcm', keys.encKey, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
