-- Why: channels (spec 000 §四.4), tag definitions (§四.5) and assignee profiles (the skills,
-- regions, weight, capacity and working hours §五.5's strategies read) are configuration
-- entities like scenes: Redis holds the hot copy, the warehouse keeps every version (a delete is
-- a version with deleted = 1) so a past assignment or tag can be explained with the settings of
-- its time. `version` is in the sorting key so merges never collapse history.
CREATE TABLE IF NOT EXISTS ${db}.dim_channel
(
    tenant_id     String,
    channel_id    String,
    name          String,
    channel_type  LowCardinality(String),
    is_active     UInt8,
    deleted       UInt8,
    changed_by    String,
    created_at    DateTime64(3, 'UTC'),
    updated_at    DateTime64(3, 'UTC'),
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, channel_id, version);

CREATE TABLE IF NOT EXISTS ${db}.dim_lead_tag_definition
(
    tenant_id   String,
    tag_id      String,
    name        String,
    tag_group   String,
    deleted     UInt8,
    changed_by  String,
    created_at  DateTime64(3, 'UTC'),
    updated_at  DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, tag_id, version);

CREATE TABLE IF NOT EXISTS ${db}.dim_lead_assignee
(
    tenant_id      String,
    user_id        String,
    status         LowCardinality(String),
    time_zone      LowCardinality(String),
    working_hours  String,
    weight         Float64,
    max_load       Int64,
    regions        Array(String),
    skills         Array(String),
    team_id        String,
    changed_by     String,
    updated_at     DateTime64(3, 'UTC'),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, user_id, version);
