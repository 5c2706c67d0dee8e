-- Why: tenants, users and API keys are entities (DESIGN.md "Stores"): the warehouse keeps every
-- version, the newest by `version` wins, and Redis holds only the hot index rebuilt from here.
-- Keys keep only a SHA-256 of their 256-bit secret; user e-mails as keyed hash, ciphertext and
-- masked form, like phone numbers.
CREATE TABLE IF NOT EXISTS ${db}.dim_tenant
(
    tenant_id  String,
    name       String,
    status     LowCardinality(String),
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY tenant_id;

CREATE TABLE IF NOT EXISTS ${db}.dim_user
(
    tenant_id    String,
    user_id      String,
    name         String,
    email_hash   String,
    email_masked String,
    email_enc    String,
    role         LowCardinality(String),
    status       LowCardinality(String),
    created_at   DateTime64(3, 'UTC'),
    updated_at   DateTime64(3, 'UTC'),
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, user_id);

CREATE TABLE IF NOT EXISTS ${db}.dim_api_key
(
    tenant_id   String,
    key_id      String,
    user_id     String,
    name        String,
    scopes      Array(String),
    secret_hash String,
    created_by  String,
    created_at  DateTime64(3, 'UTC'),
    revoked_at  Nullable(DateTime64(3, 'UTC')),
    updated_at  DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, key_id);
