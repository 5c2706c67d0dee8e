-- Why: call tasks (spec 004 §2.1, t_call_task) are entities: Redis holds the hot copy the API and
-- the dialer work on; every change appends a version here (newest by `version` wins, merges keep
-- only it) so Redis is rebuildable. The history of transitions is audit_log (call-task.transition).
CREATE TABLE IF NOT EXISTS ${db}.dim_call_task
(
    tenant_id      String,
    task_id        String,
    name           String,
    description    String,
    status         LowCardinality(String),
    call_script    String,
    scheduled_time Nullable(DateTime64(3, 'UTC')),
    caller_id      String,
    device_ids     Array(String),
    tags           Array(String),
    source         String,
    redial         String,
    pacing         String,
    phone_count    UInt32,
    created_by     String,
    created_at     DateTime64(3, 'UTC'),
    updated_at     DateTime64(3, 'UTC'),
    started_at     Nullable(DateTime64(3, 'UTC')),
    completed_at   Nullable(DateTime64(3, 'UTC')),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, task_id);
