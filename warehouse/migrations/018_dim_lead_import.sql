-- Why: a lead import (spec 000 §五.1 文件导入, issue 5 item 1) is work people follow and audit
-- later: who imported which file (by digest, never its content) into which scene, how many rows
-- were accepted or rejected, and why a file FAILED. Redis holds the live state and the per-row
-- error report (both expire); each status change is a full snapshot here. `version` is the
-- status step (1 QUEUED, 2 RUNNING, 3 COMPLETED/FAILED), so the final row wins a merge.
CREATE TABLE IF NOT EXISTS ${db}.dim_lead_import
(
    tenant_id        String,
    import_id        String,
    scene_config_id  String,
    scene_type       LowCardinality(String),
    file_name        String,
    file_type        LowCardinality(String),
    file_bytes       UInt64,
    file_sha256      String,
    created_by       String,
    status           LowCardinality(String),
    reason           LowCardinality(String),
    message          String,
    total_rows       Nullable(UInt32),
    processed        UInt32,
    accepted         UInt32,
    rejected         UInt32,
    created_at       DateTime64(3, 'UTC'),
    started_at       Nullable(DateTime64(3, 'UTC')),
    finished_at      Nullable(DateTime64(3, 'UTC')),
    version          UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (tenant_id, import_id);
