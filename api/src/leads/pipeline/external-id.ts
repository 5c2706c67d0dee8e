// external_lead_id dedupe (spec 000 §四.1 "外部系统中的线索ID"): a platform that re-sends the same
// external lead (same tenant, scene and external_lead_id) gets no second lead. The worker claims
// (tenant, scene, external id) → lead id with SET NX and a short TTL before processing, and the
// lead commit makes it permanent, so a claim of a lead that never got stored (its processing
// failed for good) lapses instead of blocking the id forever. A repeat is skipped, acknowledged
// and noted in the existing lead's processing log; it does not update the lead (re-running
// OneID and assignment on a resend would be surprising, and the first submission is what was
// acted on).
import type { Redis } from 'ioredis';
import { hashPii, type PiiKeys } from '../../../../common/pii.js';
import type { LeadStore } from './lead-store.js';

/** Long enough for a lead to be processed with retries; the commit then makes the claim permanent. */
export const EXTERNAL_CLAIM_TTL_S = 600;

/** Hashed: external ids are sometimes the customer's phone number. */
export const externalIdKey = (pii: PiiKeys, t: string, sceneId: string, externalId: string): string =>
  `cunke:lead:ext:${t}:${sceneId}:${hashPii(pii, `ext:${externalId}`)}`;

export type ExternalClaim =
  | { kind: 'own'; key: string }
  | { kind: 'duplicate'; leadId: string }
  | { kind: 'in_flight'; leadId: string };

export async function claimExternalId(redis: Redis, store: LeadStore, pii: PiiKeys, t: string, sceneId: string, externalId: string, leadId: string): Promise<ExternalClaim> {
  const key = externalIdKey(pii, t, sceneId, externalId);
  if ((await redis.set(key, leadId, 'EX', EXTERNAL_CLAIM_TTL_S, 'NX')) === 'OK') return { kind: 'own', key };
  const holder = await redis.get(key);
  // Our own claim: a redelivery or a replay of the same entry (same lead id).
  if (holder === leadId) return { kind: 'own', key };
  // The claim lapsed between the two commands: try once more, atomically.
  if (holder === null) {
    return (await redis.set(key, leadId, 'EX', EXTERNAL_CLAIM_TTL_S, 'NX')) === 'OK' ? { kind: 'own', key } : { kind: 'in_flight', leadId: '' };
  }
  return (await store.exists(t, holder)) ? { kind: 'duplicate', leadId: holder } : { kind: 'in_flight', leadId: holder };
}

/** The resend, in the existing lead's processing log (and dwd_lead / lead_processing_log rows). */
export async function noteDuplicate(store: LeadStore, t: string, leadId: string, entryId: string, now: number): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const prev = await store.get(t, leadId);
    if (!prev) return false;
    const entry = { stage: 'dedupe' as const, outcome: 'skipped' as const, at: now, detail: `external_lead_id sent again (entry ${entryId}); skipped as a duplicate` };
    if (await store.update({ ...prev, log: [...prev.log, entry], updated_at: now, version: prev.version + 1 }, prev.version, [entry])) return true;
  }
  return false;
}
