// Every Redis key the gateway writes, in one place. Hash-tag free on purpose: the embedded
// setup is one Redis; a Redis Cluster deployment would tag keys by tenant here and nowhere else.

const DEDUPE_BUCKET_MS = 3_600_000;

export const keys = {
  /**
   * Dedupe marks (hash: event id hex -> receive time) of one device's events whose device time
   * falls in one hour. A redelivered event carries the same device time, so it lands in the same
   * bucket; the bucket's TTL (the dedupe window) runs from its first write.
   */
  dedupe: (tenantId: string, deviceId: string, deviceTimeMs: number) =>
    `cunke:dd:${tenantId}:${deviceId}:${Math.floor(deviceTimeMs / DEDUPE_BUCKET_MS)}`,
  /** Dedupe of presence messages, which carry no event id (field: statusDedupeField). */
  statusDedupe: (tenantId: string, deviceId: string) => `cunke:dds:${tenantId}:${deviceId}`,
  statusDedupeField: (sessionId: string, presence: number) => `${sessionId}:${presence}`,
  /** Live state of one call (hash), merged from its steps in any order. */
  call: (tenantId: string, callId: string) => `cunke:call:${tenantId}:${callId}`,
  /** Live state of one device (hash): presence, last heartbeat, active call. */
  device: (tenantId: string, deviceId: string) => `cunke:dev:${tenantId}:${deviceId}`,
  /** Set of the device ids a tenant has ever had traffic from. */
  tenantDevices: (tenantId: string) => `cunke:devs:${tenantId}`,
  /**
   * Counters of one call task (hash), incremented once per new call step by the ingest script:
   * dialed, connected, ended, talk_ms, talk_calls (see plan-ingest.ts planTaskCounters).
   */
  task: (tenantId: string, taskId: string) => `cunke:task:${tenantId}:${taskId}`,
  /** Set of the task ids a tenant has counters for. */
  tenantTasks: (tenantId: string) => `cunke:tasks:${tenantId}`,
  /** The tenant's live feed (capped stream of JSON deltas) the live hubs fan out to dashboards. */
  liveFeed: (tenantId: string) => `cunke:live:${tenantId}`,
};
