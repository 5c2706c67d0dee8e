-- Why: one call record per (tenant_id, call_id), built from the call's steps, which arrive in any
-- order and possibly duplicated. Each call event is inserted as a partial "facts" row; every
-- column is a SimpleAggregateFunction whose function is idempotent and commutative (min for
-- first-seen times, max for durations and for "the non-empty value wins" strings), so merging
-- any multiset of facts rows in any order gives the same record, and a replayed event changes
-- nothing. Background merges fold rows on disk; readers always GROUP BY (see the view
-- dwd_call_record_v), so results never depend on whether a merge has happened.
-- Hangup causes are the proto HangupCause names without the HANGUP_CAUSE_ prefix ('NO_ANSWER'),
-- '' when unspecified, so max() prefers any reported cause. Directions likewise ('OUTBOUND').
-- The partition is the month of the event's device time; a call crossing a month boundary is
-- then two physical rows in two partitions, which the view still folds into one record.
-- No raw phone numbers: keyed hash, AES-GCM ciphertext and masked form only.
CREATE TABLE IF NOT EXISTS ${db}.dwd_call_record
(
    tenant_id              LowCardinality(String),
    call_id                String,
    device_id              SimpleAggregateFunction(max, String),
    task_id                SimpleAggregateFunction(max, String),
    command_id             SimpleAggregateFunction(max, String),
    direction              SimpleAggregateFunction(max, LowCardinality(String)),
    line                   SimpleAggregateFunction(max, UInt32),
    phone_hash             SimpleAggregateFunction(max, String),
    phone_masked           SimpleAggregateFunction(max, String),
    phone_enc              SimpleAggregateFunction(max, String),
    caller_id_hash         SimpleAggregateFunction(max, String),
    caller_id_masked       SimpleAggregateFunction(max, String),
    dialing_at             SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    ringing_at             SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    answered_at            SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    hangup_at              SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    ended_at               SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    ring_ms                SimpleAggregateFunction(max, UInt32),
    talk_ms                SimpleAggregateFunction(max, UInt32),
    total_ms               SimpleAggregateFunction(max, UInt32),
    hangup_cause           SimpleAggregateFunction(max, LowCardinality(String)),
    hangup_party           SimpleAggregateFunction(max, LowCardinality(String)),
    hangup_code            SimpleAggregateFunction(max, UInt32),
    ended_cause            SimpleAggregateFunction(max, LowCardinality(String)),
    recording_id           SimpleAggregateFunction(max, String),
    recording_sha256       SimpleAggregateFunction(max, String),
    recording_bytes        SimpleAggregateFunction(max, UInt64),
    recording_duration_ms  SimpleAggregateFunction(max, UInt32),
    recording_content_type SimpleAggregateFunction(max, LowCardinality(String)),
    first_event_at         SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_event_at          SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    first_received_at      SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_received_at       SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(first_event_at)
ORDER BY (tenant_id, call_id);
