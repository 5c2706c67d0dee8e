// The whole pure pipeline for one stream entry: parse the feed fields, decode, map.
// Returns an outcome value for every input, including garbage.
import { parseFeedFields } from '../../../common/feed.js';
import { WH_ERR } from '../errors.js';
import { decodeFeedEntry } from './decode-feed-entry.js';
import { mapDeviceEvent } from './map-device-event.js';
import { mapDeviceStatus } from './map-device-status.js';
import { dead, type MapOutcome } from './outcome.js';
import type { PhoneProtector } from '../../../common/pii.js';
import { isStorableTimeMs } from './time.js';
import { mapEntityRow } from './entity-rows.js';

export function mapFeedEntry(id: string, fields: Buffer[], protect: PhoneProtector): MapOutcome {
  const entry = parseFeedFields(id, fields);
  if (!entry) return dead(WH_ERR.MALFORMED_ENTRY, 'entry lacks a valid k, b or t field');
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
