-- Why: OneID links (spec 003 §5.1) must be explainable and auditable: one row per link the
-- resolver made, with the identifier kind, its keyed hash (never the value), weight, source and
-- time. The processing log (spec 000 §四.6) is one row per pipeline stage of a lead. Both are
-- append-only facts, so plain MergeTree.
CREATE TABLE IF NOT EXISTS ${db}.lead_identity_link
(
    tenant_id    String,
    identity_id  String,
    from_record  String,
    to_record    String,
    identifier   LowCardinality(String),
    value_hash   String,
    weight       Float32,
    source       LowCardinality(String),
    linked_at    DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, identity_id, linked_at);

CREATE TABLE IF NOT EXISTS ${db}.lead_processing_log
(
    tenant_id  String,
    lead_id    String,
    seq        UInt16,
    stage      LowCardinality(String),
    outcome    LowCardinality(String),
    detail     String,
    at         DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, lead_id, at, seq);
