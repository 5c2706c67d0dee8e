-- Why: a task's numbers and the tenant's do-not-call list must outlive Redis (the warehouse is the
-- system of record). Numbers are kept as keyed hash, ciphertext and masked form only, never in
-- clear (DESIGN.md "PII"). A DNC removal is a newer version with listed = 0.
CREATE TABLE IF NOT EXISTS ${db}.dim_call_task_phone
(
    tenant_id    String,
    task_id      String,
    idx          UInt32,
    phone_hash   String,
    phone_enc    String,
    phone_masked String,
    region       LowCardinality(String),
    created_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, task_id, idx);

CREATE TABLE IF NOT EXISTS ${db}.dnc_entry
(
    tenant_id    String,
    phone_hash   String,
    phone_masked String,
    listed       UInt8,
    changed_by   String,
    changed_at   DateTime64(3, 'UTC'),
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, phone_hash);

-- Numbers arrive as chunks through the entity feed (one entry per few thousand numbers, so a
-- 100k list does not flood the feed); this Null table only feeds the view that expands them.
CREATE TABLE IF NOT EXISTS ${db}.call_task_phone_chunk
(
    tenant_id    String,
    task_id      String,
    idx_from     UInt32,
    phone_hash   Array(String),
    phone_enc    Array(String),
    phone_masked Array(String),
    region       Array(String),
    created_at   DateTime64(3, 'UTC')
)
ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.call_task_phone_chunk_mv TO ${db}.dim_call_task_phone AS
SELECT tenant_id, task_id, toUInt32(idx_from + n - 1) AS idx, h AS phone_hash, e AS phone_enc, m AS phone_masked, r AS region, created_at
FROM ${db}.call_task_phone_chunk
ARRAY JOIN phone_hash AS h, phone_enc AS e, phone_masked AS m, region AS r, arrayEnumerate(phone_hash) AS n;
