// The warehouse feed: a Redis Stream the gateway appends to (atomically with dedupe) and the
// warehouse writer drains through a consumer group. This file is the contract between them.
//
// The device feed (FEED_STREAM) has one entry per gateway micro-batch: the messages of the
// batch that were new, in order. Fields (all Redis strings, binary-safe):
//   t  gateway receive time, ms since epoch (decimal)
//   g  gateway instance id
// then per message:
//   k  kind: 'e' = DeviceEnvelope (from .../evt), 's' = DeviceStatus (from .../status)
//   b  the protobuf bytes exactly as received (already validated by the gateway)
// One entry per batch rather than per message: XADD, XREADGROUP and XACK per message were a
// fifth of the spine's Redis time (docs/benchmarks.md). An entry with a single k/b pair, in
// any field order, is the same thing (dead-letter replays and tests write those).
// The entity feed (ENTITY_STREAM) carries rows the API and CLIs write (audit log, versions of
// tenants, users, keys…): processes that do not own the embedded warehouse write through it.
//   k  'r'
//   n  table key (warehouse/src/domain/entity-rows.ts ENTITY_TABLES)
//   b  the row as JSON
//   t  time written, ms since epoch
//   g  writing process
// Entries are XACKed and XDELeted by the writer only after the warehouse insert succeeded.

export const FEED_STREAM = 'cunke:feed:device';
export const FEED_GROUP = 'warehouse';
export const DEAD_LETTER_STREAM = 'cunke:dlq:ingest';
export const ENTITY_STREAM = 'cunke:feed:entity';

export type FeedKind = 'e' | 's' | 'r';

export interface FeedEntry {
  /** Redis stream id, e.g. "1732420000000-0" (shared by the messages of a batch entry). */
  id: string;
  kind: FeedKind;
  bytes: Buffer;
  receivedAtMs: number;
  gatewayId: string;
  /** Entity rows only: the table key (field n). */
  table?: string;
}

/**
 * Parses the flat [field, value, field, value…] array ioredis returns for an entry into its
 * messages: one for a single-message entry (k, b, t, g in any order), several for a batch entry
 * (t, g, then one k/b pair per message, in order). Null when the entry is malformed.
 */
export function parseFeedEntry(id: string, fields: Buffer[]): FeedEntry[] | null {
  const kinds: string[] = [];
  const bodies: Buffer[] = [];
  let receivedAtMs = Number.NaN;
  let gatewayId = '';
  let table: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]!;
    const value = fields[i + 1]!;
    // One-byte names: compare the byte, not a decoded string (this runs per message).
    if (name.length !== 1) continue;
    switch (name[0]) {
      case 0x6b: kinds.push(value.toString('latin1')); break; // k
      case 0x62: bodies.push(value); break; // b
      case 0x74: receivedAtMs = Number(value.toString('latin1')); break; // t
      case 0x67: gatewayId = value.toString(); break; // g
      case 0x6e: table = value.toString(); break; // n
    }
  }
  if (kinds.length === 0 || kinds.length !== bodies.length || !Number.isFinite(receivedAtMs)) return null;
  const out: FeedEntry[] = [];
  for (let m = 0; m < kinds.length; m++) {
    const kind = kinds[m];
    if (kind !== 'e' && kind !== 's' && kind !== 'r') return null;
    if (kind === 'r') {
      if (!table || kinds.length !== 1) return null;
      out.push({ id, kind, bytes: bodies[m]!, receivedAtMs, gatewayId, table });
    } else {
      out.push({ id, kind, bytes: bodies[m]!, receivedAtMs, gatewayId });
    }
  }
  return out;
}

/** The fields of a single-message entry holding one message of a (possibly batch) entry. */
export function singleMessageFields(m: FeedEntry): Buffer[] {
  const fields = [Buffer.from('k'), Buffer.from(m.kind), Buffer.from('b'), m.bytes, Buffer.from('t'), Buffer.from(String(m.receivedAtMs)), Buffer.from('g'), Buffer.from(m.gatewayId)];
  if (m.table !== undefined) fields.push(Buffer.from('n'), Buffer.from(m.table));
  return fields;
}
