// Dead letters of the lead pipeline as the API shows them, and what replaying one means (pure).
// Every stage writes the same flat stream entry (dead-letter-store.ts appendDeadLetter): `stage`
// names who failed, `stream` + `id` the source entry, `lead` the lead id when known, `fields` the
// original entry as JSON when the whole entry failed. A new stage (webhooks, imports) plugs in by
// writing its own `stage` and, if it can be replayed, a case in planReplay.
import { maskPayload, maskText } from './payload-mask.js';

export const LEAD_INGEST_STREAM = 'cunke:leads:ingest';
export const LEAD_SIGNAL_STREAM = 'cunke:leads:signals';

/** Stages whose whole entry failed (replayable) and stages that failed while the lead went on. */
export const ENTRY_STAGES = ['ingest', 'signal'] as const;
export const LEAD_STAGES = ['tagging', 'identity'] as const;

export interface DeadLetter {
  id: string;
  tenant: string;
  stage: string;
  reason: string;
  sourceStream: string;
  sourceId: string;
  leadId: string | null;
  receivedAt: number;
  /** The original stream entry's fields, when the whole entry failed. */
  fields: Record<string, string> | null;
  replayed: { at: number; by: string; leadId: string } | null;
}

const streamIdTime = (id: string): number => Number(id.split('-')[0]) || 0;

/** A raw stream entry (field list) as a DeadLetter; entries written before `stage` existed get it from their source stream. */
export function parseDeadLetter(id: string, raw: readonly string[], replayedJson: string | null): DeadLetter {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) f[raw[i]!] = raw[i + 1]!;
  let fields: Record<string, string> | null = null;
  if (f.fields) {
    try {
      const parsed = JSON.parse(f.fields) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) fields = parsed as Record<string, string>;
    } catch {
      fields = null;
    }
  }
  let replayed: DeadLetter['replayed'] = null;
  if (replayedJson) {
    try {
      replayed = JSON.parse(replayedJson) as DeadLetter['replayed'];
    } catch {
      replayed = { at: 0, by: '', leadId: '' };
    }
  }
  const stage = f.stage || (f.stream === LEAD_SIGNAL_STREAM ? 'signal' : 'ingest');
  return {
    id, tenant: f.t ?? '', stage, reason: f.reason ?? '', sourceStream: f.stream ?? '', sourceId: f.id ?? '',
    leadId: f.lead || fields?.lead || null, receivedAt: streamIdTime(id), fields, replayed,
  };
}

export type ReplayPlan =
  | { kind: 'enqueue'; stream: string; fields: Record<string, string>; leadId: string }
  | { kind: 'refuse'; rule: string; message: string };

/**
 * Replaying re-enqueues the original entry unchanged, lead id included: the worker skips a lead
 * that already exists, so a replay can never make a second lead. A stage that failed while the lead
 * was stored (a tag rule that threw) is refused: the lead exists and re-enqueueing would do nothing.
 */
export function planReplay(d: DeadLetter): ReplayPlan {
  if ((LEAD_STAGES as readonly string[]).includes(d.stage)) {
    return { kind: 'refuse', rule: 'lead_exists', message: `lead ${d.leadId ?? ''} was stored despite the ${d.stage} failure; fix the scene's rule, new leads use it (existing leads are not re-${d.stage === 'tagging' ? 'tagged' : 'identified'} by a replay)` };
  }
  if (!d.fields) return { kind: 'refuse', rule: 'no_payload', message: 'this dead letter kept no original entry to replay' };
  if (d.stage === 'ingest' && d.sourceStream === LEAD_INGEST_STREAM) {
    if (!d.fields.t || !d.fields.lead || d.fields.t !== d.tenant) return { kind: 'refuse', rule: 'invalid_entry', message: 'the original entry names no tenant or lead id; submit the lead again' };
    return { kind: 'enqueue', stream: LEAD_INGEST_STREAM, fields: d.fields, leadId: d.fields.lead };
  }
  if (d.stage === 'signal') {
    return { kind: 'refuse', rule: 'no_payload', message: 'analysis signals are dead-lettered without their phone number; re-run the call\'s analysis instead' };
  }
  // Webhook deliveries (modules/webhooks) are dead-lettered as ingest-shaped entries after their
  // signature was verified; a JSON one is replayable once the scene's mapping is fixed.
  if (d.stage === 'webhook') {
    if (!d.fields.t || !d.fields.lead || d.fields.t !== d.tenant) return { kind: 'refuse', rule: 'invalid_entry', message: 'the original delivery names no tenant or lead id' };
    if (d.fields.body_encoding) return { kind: 'refuse', rule: 'not_json', message: 'the delivery was not a JSON object; the platform must send it again' };
    return { kind: 'enqueue', stream: LEAD_INGEST_STREAM, fields: d.fields, leadId: d.fields.lead };
  }
  return { kind: 'refuse', rule: 'unsupported_stage', message: `dead letters of stage ${d.stage} cannot be replayed here` };
}

/** The original entry with its body parsed, masked unless the caller may see PII. */
export function presentPayload(d: DeadLetter, reveal: boolean, region: string, openBody: (stored: string) => string = (s) => s): unknown {
  if (!d.fields) return null;
  const { body, ...entry } = d.fields;
  let parsed: unknown = body ?? null;
  if (typeof body === 'string') {
    let text = body;
    try {
      text = openBody(body);
    } catch {
      // Sealed with a key this process no longer has: show it as stored rather than fail the list.
    }
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  const view = { entry, body: parsed };
  return reveal ? view : maskPayload(view, region);
}

/** `openBody` unseals ingest bodies (pipeline/ingest-body.ts); the default shows them as stored. */
export function presentDeadLetter(d: DeadLetter, reveal: boolean, region: string, openBody?: (stored: string) => string): Record<string, unknown> {
  return {
    id: d.id, stage: d.stage, reason: reveal ? d.reason : maskText(d.reason, region), source_stream: d.sourceStream, source_entry_id: d.sourceId,
    lead_id: d.leadId, received_at: new Date(d.receivedAt).toISOString(), status: d.replayed ? 'REPLAYED' : 'PENDING',
    replayed_at: d.replayed ? new Date(d.replayed.at).toISOString() : null, replayed_by: d.replayed?.by ?? null,
    payload: presentPayload(d, reveal, region, openBody), payload_masked: !reveal,
  };
}
