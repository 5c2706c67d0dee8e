-- Why: readers (reports, the REST API) need one finished record per call, whatever the state of
-- background merges: this view GROUP BYs the facts rows and derives the record's status,
-- times and ids. The status rule is a spec shared with the gateway; its TypeScript twin is
-- warehouse/src/domain/call-status.ts (deriveCallStatus), and a test checks both agree.
--   ANSWERED        answered_at set, or talk_ms > 0
--   IN_PROGRESS     neither a hangup nor an ended step yet
--   else by cause (ended_cause, falling back to hangup_cause):
--     NO_ANSWER -> NO_ANSWER, USER_BUSY -> BUSY, CALL_REJECTED -> REJECTED,
--     INVALID_NUMBER -> INVALID_NUMBER, CANCELLED -> CANCELLED,
--     NETWORK_FAILURE / UNREACHABLE / NORMAL_CLEARING (never answered) / unknown -> FAILED
-- duration_s rounds half up with integer arithmetic (round() on floats is banker's rounding,
-- which JavaScript's Math.round is not). record_id is a stable 64-bit id for the REST API.
-- Filters on tenant_id and call_id are pushed below the GROUP BY by ClickHouse.
CREATE OR REPLACE VIEW ${db}.dwd_call_record_v AS
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
    'PENDING' AS analysis_status,
    first_event_at, last_event_at, first_received_at, last_received_at
FROM
(
    SELECT
        tenant_id,
        call_id,
        max(device_id) AS device_id,
        max(task_id) AS task_id,
        max(command_id) AS command_id,
        max(direction) AS direction,
        max(line) AS line,
        max(phone_hash) AS phone_hash,
        max(phone_masked) AS phone_masked,
        max(phone_enc) AS phone_enc,
        max(caller_id_hash) AS caller_id_hash,
        max(caller_id_masked) AS caller_id_masked,
        min(dialing_at) AS dialing_at,
        min(ringing_at) AS ringing_at,
        min(answered_at) AS answered_at,
        min(hangup_at) AS hangup_at,
        min(ended_at) AS ended_at,
        max(ring_ms) AS ring_ms,
        max(talk_ms) AS talk_ms,
        max(total_ms) AS total_ms,
        max(hangup_cause) AS hangup_cause,
        max(hangup_party) AS hangup_party,
        max(hangup_code) AS hangup_code,
        max(ended_cause) AS ended_cause,
        max(recording_id) AS recording_id,
        max(recording_sha256) AS recording_sha256,
        max(recording_bytes) AS recording_bytes,
        max(recording_duration_ms) AS recording_duration_ms,
        max(recording_content_type) AS recording_content_type,
        min(first_event_at) AS first_event_at,
        max(last_event_at) AS last_event_at,
        min(first_received_at) AS first_received_at,
        max(last_received_at) AS last_received_at
    FROM ${db}.dwd_call_record
    GROUP BY tenant_id, call_id
);
