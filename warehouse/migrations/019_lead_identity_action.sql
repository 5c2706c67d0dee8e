-- Why: OneID merges, unmerges and rejected suggestions are people's decisions that change who a
-- lead belongs to (spec 003 §5.1, FAQ Q3 "人工审核后合并"); they must be auditable with who, when and
-- why, and replayable when the identity index is rebuilt. One append-only row per action; record
-- ids only, never identifier values.
CREATE TABLE IF NOT EXISTS ${db}.lead_identity_action
(
    tenant_id     String,
    action_id     String,
    action        LowCardinality(String),
    identity_ids  Array(String),
    side_a        Array(String),
    side_b        Array(String),
    reason        String,
    by_user       String,
    review_id     String,
    at            DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (tenant_id, at, action_id);
