-- Why: device presence (ONLINE/OFFLINE from the status topic, retained and redelivered on every
-- gateway reconnect) is history analysts need for uptime reports. A presence change is
-- identified by (device, connection session, presence): the same retained message delivered
-- again, or replayed by the writer, collapses into one row (ReplacingMergeTree). `since` comes
-- from the message itself, so the partition of a duplicate never differs.
CREATE TABLE IF NOT EXISTS ${db}.ods_device_status
(
    tenant_id     LowCardinality(String),
    device_id     String,
    session_id    String,
    presence      LowCardinality(String),
    since         DateTime64(3, 'UTC'),
    agent_version LowCardinality(String),
    received_at   DateTime64(3, 'UTC'),
    gateway_id    LowCardinality(String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(since)
ORDER BY (tenant_id, device_id, session_id, presence);
