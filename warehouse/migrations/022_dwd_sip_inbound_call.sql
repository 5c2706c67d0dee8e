-- Why: inbound SIP calls to a monitored number (spec 000 §七.3, issue 5 item 8) are call
-- records of their own: the gateway's SIP ingress (gateway/src/sip) answers the INVITE itself
-- (302 to the agent, proxy, queue or 480) and writes one row when the call closes (BYE/CANCEL,
-- or at once for a redirect, after which the call no longer passes through us). The caller is a
-- keyed hash + masked form, never clear text. A repeated BYE or a redelivered feed entry writes
-- the same (tenant_id, call_id), so ReplacingMergeTree keeps one.
CREATE TABLE IF NOT EXISTS ${db}.dwd_sip_inbound_call
(
    tenant_id          String,
    call_id            String,
    lead_id            String,
    scene_config_id    String,
    called             String,
    caller_hash        String,
    caller_masked      String,
    source_ip          String,
    user_agent         String,
    route_action       LowCardinality(String),
    route_uri          String,
    routed_to_user_id  String,
    route_reason       String,
    disposition        LowCardinality(String),
    started_at         DateTime64(3, 'UTC'),
    answered_at        Nullable(DateTime64(3, 'UTC')),
    ended_at           DateTime64(3, 'UTC'),
    ring_ms            UInt32,
    talk_ms            UInt32
)
ENGINE = ReplacingMergeTree(ended_at)
ORDER BY (tenant_id, call_id);
