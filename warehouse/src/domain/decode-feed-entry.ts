// Step 1: the feed entry's protobuf bytes -> a decoded message of the kind the entry declares.
import { DeviceEnvelope, DeviceStatus, type cunke } from '../../../proto/src/index.js';
import type { FeedEntry } from '../../../common/feed.js';
import { WH_ERR } from '../errors.js';
import { dead, type DeadOutcome } from './outcome.js';

export type DecodedEnvelope = cunke.device.v1.DeviceEnvelope;
export type DecodedStatus = cunke.device.v1.DeviceStatus;

export type DecodeOutcome =
  | { type: 'envelope'; message: DecodedEnvelope }
  | { type: 'status'; message: DecodedStatus }
  | DeadOutcome;

/** Device-feed entries only ('e' / 's'); entity rows are mapped by entity-rows.ts. */
export function decodeFeedEntry(entry: FeedEntry): DecodeOutcome {
  try {
    if (entry.kind === 'e') return { type: 'envelope', message: DeviceEnvelope.decode(entry.bytes) };
    return { type: 'status', message: DeviceStatus.decode(entry.bytes) };
  } catch (err) {
    // protobufjs messages name wire types and offsets, never field values.
    return dead(WH_ERR.DECODE, `${entry.kind === 'e' ? 'DeviceEnvelope' : 'DeviceStatus'}: ${(err as Error).message}`);
  }
}
