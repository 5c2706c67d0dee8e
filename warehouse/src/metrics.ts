// Prometheus metrics of the warehouse writer, on a registry the caller owns (tests make their
// own; main.ts serves its registry on WRITER_METRICS_PORT /metrics).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface WriterMetrics {
  readonly registry: Registry;
  rowsWritten: Counter<'table'>;
  batches: Counter;
  entriesAcked: Counter;
  insertSeconds: Histogram<'table'>;
  insertFailures: Counter<'table'>;
  redisErrors: Counter<'op'>;
  deadLetters: Counter<'reason'>;
  reclaimed: Counter;
  lost: Counter;
  streamLength: Gauge<'stream'>;
  streamPending: Gauge<'stream'>;
  batchEntries: Histogram;
}

export function createWriterMetrics(registry = new Registry(), withDefaults = false): WriterMetrics {
  if (withDefaults) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    rowsWritten: new Counter({ name: 'cunke_writer_rows_written_total', help: 'Rows inserted into the warehouse, by table.', labelNames: ['table'], registers }),
    batches: new Counter({ name: 'cunke_writer_batches_total', help: 'Batches written and acknowledged.', registers }),
    entriesAcked: new Counter({ name: 'cunke_writer_entries_acked_total', help: 'Feed entries acknowledged and deleted after their batch was written.', registers }),
    insertSeconds: new Histogram({
      name: 'cunke_writer_insert_seconds', help: 'Duration of one successful insert call, by table.', labelNames: ['table'], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    insertFailures: new Counter({ name: 'cunke_writer_insert_failures_total', help: 'Failed insert attempts (retried with backoff, never acked), by table.', labelNames: ['table'], registers }),
    redisErrors: new Counter({ name: 'cunke_writer_redis_errors_total', help: 'Failed Redis operations (retried), by operation.', labelNames: ['op'], registers }),
    deadLetters: new Counter({ name: 'cunke_writer_dead_letters_total', help: 'Entries moved to the dead-letter stream, by reason code.', labelNames: ['reason'], registers }),
    reclaimed: new Counter({ name: 'cunke_writer_reclaimed_total', help: 'Pending entries of idle consumers taken over (XAUTOCLAIM).', registers }),
    lost: new Counter({ name: 'cunke_writer_lost_entries_total', help: 'Pending entries already deleted from the stream (trimmed) before they were written.', registers }),
    streamLength: new Gauge({ name: 'cunke_writer_stream_length', help: 'Feed stream length: entries not yet written (unread + pending), by stream.', labelNames: ['stream'], registers }),
    streamPending: new Gauge({ name: 'cunke_writer_stream_pending', help: 'Entries delivered to a writer and not yet acknowledged, by stream.', labelNames: ['stream'], registers }),
    batchEntries: new Histogram({
      name: 'cunke_writer_batch_entries', help: 'Feed messages per flushed batch (a gateway entry carries a micro-batch of messages).', registers,
      buckets: [1, 10, 100, 1000, 5000, 10000, 20000, 50000, 100000],
    }),
  };
}
