// The whole pure pipeline for one stream entry: parse the feed fields, then decode and map each
// message it carries. Returns an outcome for every input, including garbage.
import { parseFeedEntry, type FeedEntry } from '../../../common/feed.js';
import { WH_ERR } from '../errors.js';
import { decodeFeedEntry } from './decode-feed-entry.js';
import { mapDeviceEvent } from './map-device-event.js';
import { mapDeviceStatus } from './map-device-status.js';
import { dead, type MapOutcome } from './outcome.js';
import type { PhoneProtector } from '../../../common/pii.js';
import { isStorableTimeMs } from './time.js';
import { mapEntityRow } from './entity-rows.js';

export interface MappedMessage {
  outcome: MapOutcome;
  /** The message the outcome is for; null when the entry itself could not be parsed. */
  message: FeedEntry | null;
}

export function mapFeedEntry(id: string, fields: Buffer[], protect: PhoneProtector): MappedMessage[] {
  const messages = parseFeedEntry(id, fields);
  if (!messages) return [{ outcome: dead(WH_ERR.MALFORMED_ENTRY, 'entry lacks valid k/b pairs or a t field'), message: null }];
  return messages.map((message) => ({ outcome: mapFeedMessage(message, protect), message }));
}

export function mapFeedMessage(entry: FeedEntry, protect: PhoneProtector): MapOutcome {
  if (entry.kind === 'r') return mapEntityRow(entry);
  if (!isStorableTimeMs(entry.receivedAtMs)) return dead(WH_ERR.MALFORMED_ENTRY, 't is out of range');
  const decoded = decodeFeedEntry(entry);
  switch (decoded.type) {
    case 'dead':
      return decoded;
    case 'envelope':
      return mapDeviceEvent(decoded.message, entry, protect);
    case 'status':
      return mapDeviceStatus(decoded.message, entry);
  }
}
