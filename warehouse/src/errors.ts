// Stable machine codes of the warehouse (STYLE.md #4). A dead-lettered feed entry carries one
// of these as its `reason`; dashboards and alerts key on them, so never rename one.
export const WH_ERR = {
  /** The stream entry lacks the k/b/t fields of the feed contract (common/feed.ts). */
  MALFORMED_ENTRY: 'WH_ERR_MALFORMED_ENTRY',
  /** The protobuf bytes do not decode as the declared message. */
  DECODE: 'WH_ERR_DECODE',
  /** Decoded, but breaks the device contract (ids, event_id length, time range, no payload). */
  INVALID: 'WH_ERR_INVALID',
  /**
   * Mapping threw: a bug in the writer, not bad input. The entry is parked in the dead-letter
   * stream (to be replayed once fixed) instead of crash-looping the writer on it.
   */
  INTERNAL: 'WH_ERR_INTERNAL',
} as const;

export type WarehouseErrorCode = (typeof WH_ERR)[keyof typeof WH_ERR];
