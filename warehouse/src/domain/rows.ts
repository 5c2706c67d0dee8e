// Row shapes of the warehouse tables, keyed by column name (migrations 001-003). Optional keys
// are omitted from the JSONEachRow payload and take the column default ('' / 0 / NULL), which
// keeps batches small. Times are DateTime64 text (see time.ts).

export type EventKind = 'call' | 'heartbeat' | 'command_ack';
export type CallStep = '' | 'dialing' | 'ringing' | 'answered' | 'hangup' | 'ended' | 'recording_ready';

/** ods_device_event: one row per accepted DeviceEnvelope. */
export interface OdsDeviceEventRow {
  tenant_id: string;
  device_id: string;
  event_id: string;
  seq: number;
  device_time: string;
  received_at: string;
  gateway_id: string;
  kind: EventKind;
  call_id?: string;
  step?: CallStep;
  task_id?: string;
  phone_hash?: string;
  phone_masked?: string;
  /** The decoded payload message as JSON text, phone_number and caller_id removed. */
  payload: string;
}

/** ods_device_status: one row per presence change. */
export interface OdsDeviceStatusRow {
  tenant_id: string;
  device_id: string;
  session_id: string;
  presence: string;
  since: string;
  agent_version?: string;
  received_at: string;
  gateway_id: string;
}

/** dwd_call_record: the partial "facts" one call event contributes to its call's record. */
export interface CallFactsRow {
  tenant_id: string;
  call_id: string;
  device_id: string;
  task_id?: string;
  command_id?: string;
  direction?: string;
  line?: number;
  phone_hash?: string;
  phone_masked?: string;
  phone_enc?: string;
  caller_id_hash?: string;
  caller_id_masked?: string;
  dialing_at?: string;
  ringing_at?: string;
  answered_at?: string;
  hangup_at?: string;
  ended_at?: string;
  ring_ms?: number;
  talk_ms?: number;
  total_ms?: number;
  hangup_cause?: string;
  hangup_party?: string;
  hangup_code?: number;
  ended_cause?: string;
  recording_id?: string;
  recording_sha256?: string;
  recording_bytes?: number;
  recording_duration_ms?: number;
  recording_content_type?: string;
  first_event_at: string;
  last_event_at: string;
  first_received_at: string;
  last_received_at: string;
}

/**
 * A table's columns in the order the writer sends them (JSONCompactEachRow), each with the value
 * an absent key stands for: the column default, so a compact row means what the same object
 * sent as JSONEachRow would ('' / 0, NULL for the Nullable times; neutral for the max/min
 * aggregates). Typed as a record of every key of the row type, so a new field cannot be
 * forgotten here; warehouse/test/columns.test.ts checks the lists against the migrated tables.
 */
export type ColumnDefaults<Row> = { readonly [K in keyof Required<Row>]: string | number | null };

export const ODS_DEVICE_EVENT_COLUMNS: ColumnDefaults<OdsDeviceEventRow> = {
  tenant_id: '', device_id: '', event_id: '', seq: 0, device_time: '', received_at: '', gateway_id: '', kind: '',
  call_id: '', step: '', task_id: '', phone_hash: '', phone_masked: '', payload: '',
};

export const ODS_DEVICE_STATUS_COLUMNS: ColumnDefaults<OdsDeviceStatusRow> = {
  tenant_id: '', device_id: '', session_id: '', presence: '', since: '', agent_version: '', received_at: '', gateway_id: '',
};

export const DWD_CALL_RECORD_COLUMNS: ColumnDefaults<CallFactsRow> = {
  tenant_id: '', call_id: '', device_id: '', task_id: '', command_id: '', direction: '', line: 0,
  phone_hash: '', phone_masked: '', phone_enc: '', caller_id_hash: '', caller_id_masked: '',
  dialing_at: null, ringing_at: null, answered_at: null, hangup_at: null, ended_at: null,
  ring_ms: 0, talk_ms: 0, total_ms: 0, hangup_cause: '', hangup_party: '', hangup_code: 0, ended_cause: '',
  recording_id: '', recording_sha256: '', recording_bytes: 0, recording_duration_ms: 0, recording_content_type: '',
  first_event_at: '', last_event_at: '', first_received_at: '', last_received_at: '',
};
