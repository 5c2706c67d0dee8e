-- Why: acquisition scene configurations (spec 000 §四.3, issue 5) are entities: Redis holds the
-- hot copy every API process caches (refreshed over pub/sub); the warehouse keeps every version
-- (a delete is a version with deleted = 1) so a lead's processing can be explained with the
-- rules that applied to it. `version` is in the sorting key so merges never collapse history
-- (they only drop a redelivered copy of the same version); the current config is the highest
-- version. Rule sets are JSON text: their shape belongs to api/src/leads/domain.
CREATE TABLE IF NOT EXISTS ${db}.dim_scene_config
(
    tenant_id                 String,
    scene_config_id           String,
    scene_name                String,
    scene_type                LowCardinality(String),
    is_enabled                UInt8,
    source_channel_default_id String,
    scene_specific_params     String,
    data_mapping_rules        String,
    auto_tagging_rules        String,
    assignment_rules          String,
    auto_response_config      String,
    deduplication_strategy    LowCardinality(String),
    deleted                   UInt8,
    changed_by                String,
    created_at                DateTime64(3, 'UTC'),
    updated_at                DateTime64(3, 'UTC'),
    version                   UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, scene_config_id, version);
