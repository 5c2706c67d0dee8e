// The live feed's source, on the ingest side: after a batch is durable (and acknowledged), its
// newly recorded messages become compact JSON deltas appended to their tenant's capped stream,
// one XADD per tenant per batch, pipelined, not awaited by ingest. Best effort on purpose: the
// feed is a view, rebuildable from state; a failed append is counted and logged, and the
// dashboards that missed it converge at their next snapshot.
import type { Redis } from 'ioredis';
import type { Logger } from '../../../common/logger.js';
import type { PhoneProtector } from '../../../common/pii.js';
import { keys } from '../domain/redis-keys.js';
import type { GatewayMetrics } from '../metrics.js';
import type { Recorded } from '../pipeline/ingest.js';
import { deltasByTenant, type LiveDelta } from './domain/deltas.js';

/**
 * Entries kept per tenant (approximate trim). One entry is one ingest batch of that tenant, so
 * a quiet tenant keeps minutes of history (recent finished calls for snapshots) and a busy one
 * keeps its last few thousand batches; hubs read within milliseconds.
 */
export const LIVE_FEED_MAXLEN = 2000;

export interface LiveFeedPublisherOptions {
  redis: Redis;
  gatewayId: string;
  protectPhone: PhoneProtector;
  metrics: GatewayMetrics;
  log: Logger;
  maxLen?: number;
}

export class LiveFeedPublisher {
  private readonly maxLen: number;

  constructor(private readonly o: LiveFeedPublisherOptions) {
    this.maxLen = o.maxLen ?? LIVE_FEED_MAXLEN;
  }

  /** The ingest `onRecorded` hook. Never throws, never blocks. */
  readonly onRecorded = (recorded: Recorded[]): void => {
    this.append(deltasByTenant(recorded.map((r) => r.message), this.o.protectPhone));
  };

  /** Appends one entry per tenant; resolves when Redis answered (tests and the benchmark await it). */
  append(byTenant: Map<string, LiveDelta[]>): Promise<void> {
    if (byTenant.size === 0) return Promise.resolve();
    const pipeline = this.o.redis.pipeline();
    for (const [tenantId, deltas] of byTenant) {
      pipeline.xadd(keys.liveFeed(tenantId), 'MAXLEN', '~', this.maxLen, '*', 'd', JSON.stringify(deltas), 'g', this.o.gatewayId);
    }
    return pipeline.exec().then(
      (results) => {
        const failed = results?.filter(([err]) => err).length ?? byTenant.size;
        this.o.metrics.liveFeedEntries.inc(byTenant.size - failed);
        if (failed > 0) this.failed(failed, results?.find(([err]) => err)?.[0]);
      },
      (err: unknown) => this.failed(byTenant.size, err),
    );
  }

  private failed(entries: number, err: unknown): void {
    this.o.metrics.liveFeedPublishFailures.inc(entries);
    this.o.log.warn({ err, entries }, 'live feed append failed; dashboards catch up at their next snapshot');
  }
}
