// Wiring of the SIP ingress in the gateway process: only when DRACHTIO_HOST is set. Own Redis
// connection (the number directory subscribes on a duplicate of it); assignees come from the same
// stores the lead pipeline reads (api/src/leads/catalog), so both decide over the same users.
import { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import type { Config } from '../../../common/config.js';
import type { Logger } from '../../../common/logger.js';
import type { PiiKeys } from '../../../common/pii.js';
import { IdentityStore } from '../../../api/src/identity/identity-store.js';
import { leadConfigStores, loadAssignees } from '../../../api/src/leads/catalog/stores.js';
import { LeadStore } from '../../../api/src/leads/pipeline/lead-store.js';
import { startDrachtioGlue, type GlueHandle } from './drachtio-glue.js';
import { InboundCallService } from './inbound-call-service.js';
import { MonitoredNumbers } from './monitored-numbers.js';

export class SipConfigError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'SipConfigError';
  }
}

export interface SipIngress {
  glue: GlueHandle;
  stop(): Promise<void>;
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export async function startSipIngress(config: Config, log: Logger, pii: PiiKeys, registry?: Registry): Promise<SipIngress | null> {
  if (!config.drachtioHost) return null;
  if (!config.drachtioSecret) throw new SipConfigError('DRACHTIO_SECRET', 'required when DRACHTIO_HOST is set (drachtio-server admin secret)');
  const sipLog = log.child({ stage: 'sip' });
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
  redis.on('error', (err) => sipLog.warn({ err: err.message }, 'sip redis error'));
  await redis.connect();
  const writer = `${config.gatewayId}-sip`;
  const numbers = new MonitoredNumbers({ redis, log: sipLog, region: config.phoneDefaultRegion });
  await numbers.start();
  const identity = new IdentityStore(redis, pii, writer);
  const stores = leadConfigStores(redis, writer);
  const service = new InboundCallService({
    redis, pii, log: sipLog, numbers, leads: new LeadStore(redis, pii, writer), writer,
    users: (t, ids) => loadAssignees(redis, stores, identity, t, ids, config.dialerDefaultTimezone),
    settings: {
      mode: config.sipRoutingMode === 'proxy' ? 'proxy' : 'redirect', queueUri: config.sipQueueUri || null,
      rateLimit: config.sipRateLimit, rateWindowS: config.sipRateWindowS, trustedSources: new Set(list(config.sipTrustedSources)),
      extraScannerAgents: list(config.sipExtraScannerAgents), callTtlS: config.sipCallTtlS, region: config.phoneDefaultRegion,
      ingestMaxLen: config.leadIngestStreamMaxLen,
    },
  });
  const invites = new Counter({ name: 'cunke_gateway_sip_invites_total', help: 'Inbound SIP INVITEs by outcome (scanner, rate_limited, not_monitored, redirect, proxy, queue, reject, retransmission, error) and status sent (0 = proxied).', labelNames: ['outcome', 'status'] as const, registers: registry ? [registry] : [] });
  const glue = startDrachtioGlue({
    host: config.drachtioHost, port: config.drachtioPort, secret: config.drachtioSecret, service, log: sipLog,
    onInvite: (outcome, status) => invites.inc({ outcome, status: String(status) }),
  });
  sipLog.info({ host: config.drachtioHost, port: config.drachtioPort, mode: config.sipRoutingMode }, 'SIP ingress started');
  return {
    glue,
    async stop() {
      await glue.stop();
      await numbers.stop();
      redis.disconnect();
    },
  };
}
