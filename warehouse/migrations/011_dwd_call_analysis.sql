-- Why: call analysis results (spec 004 §3 t_call_analysis, §4.3; issue 4 deliverable 5). The
-- analysis worker (api/src/analysis) writes one row per status change of a call's analysis
-- through the entity feed: PROCESSING when it starts, COMPLETED or FAILED when it ends. The
-- highest `version` wins per (tenant_id, call_id), so a job run twice still leaves one result.
-- record_id is the call record's REST id (same hash as dwd_call_record_v), filled on insert.
CREATE TABLE IF NOT EXISTS ${db}.dwd_call_analysis
(
    tenant_id        LowCardinality(String),
    call_id          String,
    record_id        UInt64 DEFAULT cityHash64(tenant_id, call_id),
    recording_id     String,
    status           LowCardinality(String),
    sentiment        LowCardinality(String),
    intention        LowCardinality(String),
    intention_level  LowCardinality(String),
    intention_score  Float32,
    keywords         Array(String),
    summary          String,
    transcription    String,
    provider         LowCardinality(String),
    error            String,
    analysed_at      DateTime64(3, 'UTC'),
    version          UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, call_id);

-- Why: the record without its analysis, for the list path. Joining the analysis on every page
-- and count tripled their cost (300k calls: page keys 23 → 60 ms, count 5 → 44 ms), so pages and
-- counts read this view and filter on analysis status with a semi-join on dwd_call_analysis
-- (warehouse/src/queries/call-records.ts); only the rows of a page go through the join below.
-- Same columns and derivations as 007 (its comment states the status rule) minus analysis_status.
CREATE OR REPLACE VIEW ${db}.dwd_call_record_base_v AS
SELECT
    tenant_id,
    call_id,
    cityHash64(tenant_id, call_id) AS record_id,
    device_id, task_id, command_id, direction, line,
    phone_hash, phone_masked, phone_enc, caller_id_hash, caller_id_masked,
    dialing_at, ringing_at, answered_at, hangup_at, ended_at,
    ring_ms, talk_ms, total_ms,
    hangup_cause, hangup_party, hangup_code, ended_cause,
    if(ended_cause != '', ended_cause, hangup_cause) AS cause,
    multiIf(
        answered_at IS NOT NULL OR talk_ms > 0, 'ANSWERED',
        hangup_at IS NULL AND ended_at IS NULL, 'IN_PROGRESS',
        cause = 'NO_ANSWER', 'NO_ANSWER',
        cause = 'USER_BUSY', 'BUSY',
        cause = 'CALL_REJECTED', 'REJECTED',
        cause = 'INVALID_NUMBER', 'INVALID_NUMBER',
        cause = 'CANCELLED', 'CANCELLED',
        'FAILED') AS status,
    coalesce(dialing_at, ringing_at, answered_at) AS start_time,
    coalesce(ended_at, hangup_at) AS end_time,
    toUInt32(intDiv(talk_ms + 500, 1000)) AS duration_s,
    recording_id, recording_sha256, recording_bytes, recording_duration_ms, recording_content_type,
    first_event_at, last_event_at, first_received_at, last_received_at
FROM ${db}.dwd_call_record FINAL;

-- Why: 007's view hard-coded analysis_status 'PENDING'. Every column of 007 (those of the base
-- view above plus analysis_status) and the call's latest analysis, LEFT JOINed from the FINAL
-- analysis table. A call without an analysis row is PENDING: the spec's four statuses are kept,
-- and "no recording yet" and "recording queued" read the same (recordingId tells them apart).
CREATE OR REPLACE VIEW ${db}.dwd_call_record_v AS
SELECT
    b.*,
    if(a.status = '', 'PENDING', a.status) AS analysis_status,
    a.sentiment AS analysis_sentiment,
    a.intention AS analysis_intention,
    a.intention_level AS analysis_intention_level,
    a.intention_score AS analysis_intention_score,
    a.keywords AS analysis_keywords,
    a.summary AS analysis_summary,
    a.transcription AS analysis_transcription,
    a.error AS analysis_error
FROM ${db}.dwd_call_record_base_v AS b
LEFT JOIN
(
    SELECT tenant_id, call_id, status, sentiment, intention, intention_level, intention_score, keywords, summary, transcription, error
    FROM ${db}.dwd_call_analysis FINAL
) AS a ON b.tenant_id = a.tenant_id AND b.call_id = a.call_id;
