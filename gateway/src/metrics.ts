// Prometheus metrics of the gateway. One registry per process, created by main.ts and passed in,
// so tests can run several gateways in one process without clashing.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createGatewayMetrics(registry = new Registry(), defaults = true) {
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'cunke_gateway_' });
  return {
    registry,
    messages: new Counter({ name: 'cunke_gateway_messages_total', help: 'Device messages handled, by topic kind and outcome (recorded, duplicate, rejected, ignored).', labelNames: ['kind', 'outcome'] as const, registers: [registry] }),
    rejects: new Counter({ name: 'cunke_gateway_rejects_total', help: 'Rejected device messages by reject code (GW_ERR_*); each one is in the dead-letter stream.', labelNames: ['code'] as const, registers: [registry] }),
    unknownEnums: new Counter({ name: 'cunke_gateway_unknown_enum_total', help: 'Accepted events carrying enum values this gateway does not know (a newer device).', registers: [registry] }),
    batchSize: new Histogram({ name: 'cunke_gateway_batch_size', help: 'Messages per durable micro-batch.', buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024], registers: [registry] }),
    flushSeconds: new Histogram({ name: 'cunke_gateway_flush_seconds', help: 'Time to make one micro-batch durable in Redis.', buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
    flushFailures: new Counter({ name: 'cunke_gateway_flush_failures_total', help: 'Failed durable writes (retried; the messages stay unacknowledged).', registers: [registry] }),
    pending: new Gauge({ name: 'cunke_gateway_pending_messages', help: 'Messages received but not yet durable (unacknowledged to the broker).', registers: [registry] }),
    brokerDropped: new Gauge({ name: 'cunke_gateway_broker_dropped_messages', help: "The broker's $SYS/broker/publish/messages/dropped counter. Must stay 0.", registers: [registry] }),
    ready: new Gauge({ name: 'cunke_gateway_ready', help: '1 once every ingest connection is subscribed.', registers: [registry] }),
    connections: new Gauge({ name: 'cunke_gateway_mqtt_connections', help: 'Connected ingest connections to the broker.', registers: [registry] }),
    // Live feed (ingest side) and live hub (dashboards).
    liveFeedEntries: new Counter({ name: 'cunke_gateway_live_feed_entries_total', help: 'Entries appended to tenant live feeds (one per tenant per ingest batch).', registers: [registry] }),
    liveFeedPublishFailures: new Counter({ name: 'cunke_gateway_live_feed_publish_failures_total', help: 'Live feed appends that failed (best effort: ingest is unaffected; dashboards miss those deltas until they resync).', registers: [registry] }),
    liveConnections: new Gauge({ name: 'cunke_gateway_live_connections', help: 'Open dashboard WebSocket connections.', registers: [registry] }),
    liveTenants: new Gauge({ name: 'cunke_gateway_live_tenants', help: 'Tenants whose live feed this hub reads (those with connected dashboards).', registers: [registry] }),
    liveFramesSent: new Counter({ name: 'cunke_gateway_live_frames_sent_total', help: 'WebSocket frames sent to dashboards (one per receiving socket), by message type.', labelNames: ['type'] as const, registers: [registry] }),
    liveBytesSent: new Counter({ name: 'cunke_gateway_live_bytes_sent_total', help: 'Bytes of WebSocket frames sent to dashboards (per receiving socket).', registers: [registry] }),
    liveDeltasSent: new Counter({ name: 'cunke_gateway_live_deltas_sent_total', help: 'Deltas delivered to dashboards (per receiving socket).', registers: [registry] }),
    liveResyncs: new Counter({ name: 'cunke_gateway_live_resyncs_total', help: 'Resyncs sent: slow consumers once drained, or every subscriber of a tenant after a feed gap.', labelNames: ['reason'] as const, registers: [registry] }),
    liveSlowConsumers: new Gauge({ name: 'cunke_gateway_live_slow_consumers', help: 'Dashboard sockets currently cut off from deltas because they did not read (waiting to drain).', registers: [registry] }),
    liveMaxBufferedBytes: new Gauge({ name: 'cunke_gateway_live_max_buffered_bytes', help: 'Largest unsent backlog of any dashboard socket at the last tick.', registers: [registry] }),
    liveAuthFailures: new Counter({ name: 'cunke_gateway_live_auth_failures_total', help: 'Refused live hub upgrades (401/403/400) and connections closed on revocation, by reason.', labelNames: ['reason'] as const, registers: [registry] }),
    liveSnapshotSeconds: new Histogram({ name: 'cunke_gateway_live_snapshot_seconds', help: 'Time to read one subscription snapshot from Redis.', buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1], registers: [registry] }),
    liveReadErrors: new Counter({ name: 'cunke_gateway_live_read_errors_total', help: 'Failed reads of live feeds (retried with backoff).', registers: [registry] }),
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
