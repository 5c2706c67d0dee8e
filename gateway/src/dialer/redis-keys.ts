// Redis keys the dialer owns. Others it reads: the task store's (common/call-tasks/model.ts
// taskKeys), ingest's (gateway/src/domain/redis-keys.ts) and the device registry's.

export const dialKeys = {
  /** Set of "tenant:task" with attempts in flight (drained after a restart even when not RUNNING). */
  active: () => 'cunke:dial:active',
  /** Hash: number index → JSON NumberState (domain/attempts.ts). Missing field = fresh PENDING. */
  numbers: (t: string, k: string) => `cunke:dial:${t}:${k}:n`,
  /** Hash: command id → JSON InFlightAttempt, the MakeCalls out and not yet resolved. */
  inflight: (t: string, k: string) => `cunke:dial:${t}:${k}:if`,
  /** String: the dialer instance driving the task (SET NX PX, renewed). */
  lease: (t: string, k: string) => `cunke:dial:${t}:${k}:lease`,
  /** Hash {tk, ts}: the task's token bucket (calls per minute). */
  taskRate: (t: string, k: string) => `cunke:dial:${t}:${k}:rate`,
  /** Hash {tk, ts}: a device's token bucket. */
  deviceRate: (t: string, d: string) => `cunke:dial:dr:${t}:${d}`,
  /** String: command id of the call of ours on the device (per-device concurrency one). */
  slot: (t: string, d: string) => `cunke:dial:slot:${t}:${d}`,
  /** String with TTL: the device is cooling down; value = reason. */
  cooldown: (t: string, d: string) => `cunke:dial:cool:${t}:${d}`,
  /** Counter, TTL 48 h: attempts at a number on one callee-local day, all tasks of the tenant. */
  day: (t: string, ymd: string, hash: string) => `cunke:dial:day:${t}:${ymd}:${hash}`,
  /** The device registry's hash (field status 'DISABLED'); built by the registry module. */
  deviceRegistry: (t: string, d: string) => `cunke:devreg:${t}:${d}`,
  /** Command-ack state written by ingest. */
  command: (t: string, commandId: string) => `cunke:cmd:${t}:${commandId}`,
};
