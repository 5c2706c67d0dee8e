// Stable reject codes of the ingest path. They appear in dead letters, metrics labels and logs,
// and are documented in docs/errors.md; never rename one, only add.

export const RejectCode = {
  /** The topic is not `cunke/v1/{tenant}/dev/{device}/{evt|status}` with valid ids. */
  TOPIC_INVALID: 'GW_ERR_TOPIC_INVALID',
  /** Larger than MAX_PAYLOAD_BYTES: no legitimate envelope comes close. */
  PAYLOAD_TOO_LARGE: 'GW_ERR_PAYLOAD_TOO_LARGE',
  /** Not a decodable protobuf message of the expected type (garbage, truncated). */
  DECODE_FAILED: 'GW_ERR_DECODE_FAILED',
  /** The envelope names another tenant or device than the topic the broker authenticated. */
  IDENTITY_MISMATCH: 'GW_ERR_IDENTITY_MISMATCH',
  /** event_id is not exactly 16 bytes. */
  EVENT_ID_INVALID: 'GW_ERR_EVENT_ID_INVALID',
  /** device_time_ms is missing, before 2020 or more than a day in the future. */
  TIMESTAMP_INVALID: 'GW_ERR_TIMESTAMP_INVALID',
  /** No payload in the oneof, or a payload kind this gateway does not know yet. */
  PAYLOAD_MISSING: 'GW_ERR_PAYLOAD_MISSING',
  /** A CallEvent without call_id or without a known step, or with oversized fields. */
  CALL_EVENT_INVALID: 'GW_ERR_CALL_EVENT_INVALID',
  /** A Heartbeat or CommandAck with out-of-range or missing fields. */
  FIELD_INVALID: 'GW_ERR_FIELD_INVALID',
  /** A DeviceStatus without presence or session id. */
  STATUS_INVALID: 'GW_ERR_STATUS_INVALID',
} as const;

export type RejectCode = (typeof RejectCode)[keyof typeof RejectCode];

export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** Thrown when the gateway cannot make a batch durable; the batch is not acknowledged. */
export class DurabilityError extends Error {
  constructor(message: string, readonly batchSize: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DurabilityError';
  }
}
