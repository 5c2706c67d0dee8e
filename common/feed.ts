// The warehouse feed: a Redis Stream the gateway appends to (atomically with dedupe) and the
// warehouse writer drains through a consumer group. This file is the contract between them.
//
// The device feed (FEED_STREAM) has one entry per accepted device message. Fields (all Redis
// strings, binary-safe):
//   k  kind: 'e' = DeviceEnvelope (from .../evt), 's' = DeviceStatus (from .../status)
//   b  the protobuf bytes exactly as received (already validated by the gateway)
//   t  gateway receive time, ms since epoch (decimal)
//   g  gateway instance id
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
  /** Redis stream id, e.g. "1732420000000-0". */
  id: string;
  kind: FeedKind;
  bytes: Buffer;
  receivedAtMs: number;
  gatewayId: string;
  /** Entity rows only: the table key (field n). */
  table?: string;
}

/** Parses the flat [field, value, field, value…] array ioredis returns for an entry. */
export function parseFeedFields(id: string, fields: Buffer[]): FeedEntry | null {
  let kind: string | undefined;
  let bytes: Buffer | undefined;
  let receivedAtMs = Number.NaN;
  let gatewayId = '';
  let table: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]!.toString();
    const value = fields[i + 1]!;
    if (name === 'k') kind = value.toString();
    else if (name === 'b') bytes = value;
    else if (name === 't') receivedAtMs = Number(value.toString());
    else if (name === 'g') gatewayId = value.toString();
    else if (name === 'n') table = value.toString();
  }
  if ((kind !== 'e' && kind !== 's' && kind !== 'r') || !bytes || !Number.isFinite(receivedAtMs)) return null;
  if (kind === 'r') return table ? { id, kind, bytes, receivedAtMs, gatewayId, table } : null;
  return { id, kind, bytes, receivedAtMs, gatewayId };
}
