-- Why: every stored call recording (spec 004 §2.6, issue 4): where its bytes are, their size and
-- checksum, whether the device also uploaded a transcript. Rows arrive through the entity feed
-- (the API stores the file, then appends the row); a re-upload or a transcript arriving later
-- appends a newer version, and the highest `version` (store time, ms) wins.
CREATE TABLE IF NOT EXISTS ${db}.call_recording
(
    tenant_id      LowCardinality(String),
    call_id        String,
    recording_id   String,
    device_id      String,
    storage_key    String,
    bytes          UInt64,
    sha256         String,
    content_type   LowCardinality(String),
    duration_ms    UInt32,
    has_transcript UInt8,
    stored_at      DateTime64(3, 'UTC'),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, call_id);
