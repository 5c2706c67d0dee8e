// What a PUBACK reason code means for an outbox entry (MQTT 5, section 3.4.2.1).
//
//  - 0x00 success: acknowledged, the outbox may forget it.
//  - 0x10 "no matching subscribers": the broker accepted the message but nobody will ever read
//    it (no gateway session exists yet). Treated as NOT delivered: keep it and retry later, so
//    devices started before the gateway lose nothing. (mqtt.js reports this as success.)
//  - message-specific permanent refusals (packet too large, payload format invalid, topic name
//    invalid): retrying can never succeed and would block the queue forever, so the entry is
//    moved to the dead-letter file, logged at error and counted, then acknowledged.
//  - every other error (0x80 unspecified, 0x87 not authorized, 0x89 server busy, 0x97 quota
//    exceeded, ...) is about the session, not the message: keep it, pause publishing with backoff
//    and retry in order. A misconfigured ACL therefore fills the outbox and new calls are refused
//    with OUTBOX_FULL, which is visible, instead of silently discarding call records.

export type PubackVerdict = 'acked' | 'retry' | 'dead-letter';

export const RC_NO_MATCHING_SUBSCRIBERS = 0x10;

const DEAD_LETTER_CODES = new Set<number>([
  0x90, // Topic Name invalid
  0x95, // Packet too large
  0x99, // Payload format invalid
]);

export function classifyPuback(reasonCode: number, retryNoSubscribers = true): PubackVerdict {
  if (reasonCode === RC_NO_MATCHING_SUBSCRIBERS) return retryNoSubscribers ? 'retry' : 'acked';
  if (reasonCode < 0x80) return 'acked';
  return DEAD_LETTER_CODES.has(reasonCode) ? 'dead-letter' : 'retry';
}
