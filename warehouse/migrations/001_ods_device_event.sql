-- Why: the ODS layer keeps every accepted DeviceEnvelope exactly as the device reported it, one
-- row per event, so any DWD table can be rebuilt and any report audited back to its events.
-- The feed is at-least-once (a writer may crash between insert and ack and replay a batch), so
-- the table is a ReplacingMergeTree whose ORDER BY ends in the device-generated event_id: a
-- replayed event collapses into the row it duplicates. The partition key is the device's own
-- event time, which a replay repeats exactly, so duplicates always meet in the same partition.
-- Read with FINAL (or uniqExact(event_id)) for exact counts before background merges run.
-- No raw phone numbers: only the keyed hash and the masked form; `payload` is the decoded
-- message as JSON text with phone_number and caller_id removed. JSON text rather than the JSON
-- type keeps the schema valid on every ClickHouse >= 23 (analysts use JSONExtract*).
CREATE TABLE IF NOT EXISTS ${db}.ods_device_event
(
    tenant_id    LowCardinality(String),
    device_id    String,
    event_id     UUID,
    seq          UInt64,
    device_time  DateTime64(3, 'UTC'),
    received_at  DateTime64(3, 'UTC'),
    -- When the writer's insert made the row visible: received_at -> inserted_at is the
    -- warehouse lag (bench:ingest reports device_time -> inserted_at as end-to-end latency).
    inserted_at  DateTime64(3, 'UTC') DEFAULT now64(3),
    gateway_id   LowCardinality(String),
    kind         LowCardinality(String),
    call_id      String,
    step         LowCardinality(String),
    task_id      String,
    phone_hash   String,
    phone_masked String,
    payload      String CODEC(ZSTD(1)),
    INDEX idx_call_id call_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(device_time)
ORDER BY (tenant_id, device_id, event_id);
