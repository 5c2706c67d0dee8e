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
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
