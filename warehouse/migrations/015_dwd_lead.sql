-- Why: leads (spec 000 §四.1). The pipeline worker (api/src/leads/pipeline) writes a version per
-- change (ingestion, assignment). `version` is in the sorting key so every version stays (merges
-- only drop a redelivered copy of the same version); the current lead is its highest version.
-- Contact details never appear in clear: keyed hashes for lookups, ciphertext for authorised
-- display, masked forms for everyone else. lead_data keeps the other standard fields as JSON.
CREATE TABLE IF NOT EXISTS ${db}.dwd_lead
(
    tenant_id            String,
    lead_id              String,
    identity_id          String,
    scene_config_id      String,
    scene_type           LowCardinality(String),
    source_channel_id    String,
    external_lead_id     String,
    status               LowCardinality(String),
    phone_hash           String,
    phone_enc            String,
    phone_masked         String,
    email_hash           String,
    email_masked         String,
    lead_data            String,
    tags                 Array(String),
    assigned_to_user_id  String,
    assignment_time      Nullable(DateTime64(3, 'UTC')),
    created_at           DateTime64(3, 'UTC'),
    updated_at           DateTime64(3, 'UTC'),
    version              UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, lead_id, version);
