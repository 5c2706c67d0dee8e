-- Why: the device registry (spec 004 §4.4) is an entity like tenants and users: Redis holds the
-- hot copy the API and the dialer read (`cunke:devreg:{t}:{d}`), the warehouse keeps every
-- version (newest `version` wins) so the registry can be audited and rebuilt. The broker
-- password is never stored: only its Mosquitto `$7$` PBKDF2 hash, like API key secrets.
CREATE TABLE IF NOT EXISTS ${db}.dim_device
(
    tenant_id          String,
    device_id          String,
    name               String,
    status             LowCardinality(String),
    labels             String,
    credential_version UInt32,
    password_hash      String,
    created_at         DateTime64(3, 'UTC'),
    updated_at         DateTime64(3, 'UTC'),
    version            UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, device_id);
