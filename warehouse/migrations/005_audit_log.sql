-- Why: who did what, when, to which record and from where (issue 3, spec 000 §security): every
-- authenticated API action that reads or changes tenant data, and every refusal, is a row.
-- Rows arrive through the entity feed (common/feed.ts, kind 'r'); audit_id makes a replayed
-- entry collapse into its first copy.
CREATE TABLE IF NOT EXISTS ${db}.audit_log
(
    tenant_id     LowCardinality(String),
    audit_id      String,
    at            DateTime64(3, 'UTC'),
    actor_user_id String,
    actor_key_id  String,
    action        LowCardinality(String),
    resource_type LowCardinality(String),
    resource_id   String,
    outcome       LowCardinality(String),
    status_code   UInt16,
    request_id    String,
    ip            String,
    user_agent    String,
    detail        String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (tenant_id, at, audit_id);
