// Raw lead payloads carry phone numbers and e-mails in clear, and stream entries and dead letters
// outlive their processing (an acknowledged entry stays until MAXLEN trims it), so every writer of
// the ingest stream seals the body with the PII key (DESIGN.md: PII encrypted at rest) and only the
// pipeline worker and the dead-letter views open it. The prefix lets entries written before sealing
// (clear JSON) still be read.
import { decryptPii, encryptPii, type PiiKeys } from '../../../../common/pii.js';

const SEALED = 'sealed:';

export function sealIngestBody(pii: PiiKeys, clear: string): string {
  return SEALED + encryptPii(pii, clear);
}

export function openIngestBody(pii: PiiKeys, stored: string): string {
  return stored.startsWith(SEALED) ? decryptPii(pii, stored.slice(SEALED.length)) : stored;
}
