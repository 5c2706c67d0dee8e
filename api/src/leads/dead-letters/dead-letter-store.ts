// Dead letters of the lead pipeline in Redis: one stream per tenant (`cunke:dlq:leads:{t}`, so a
// tenant's list is one XREVRANGE and isolation holds by key), a hash of replay markers per tenant
// (HSETNX: the first replay of a dead letter wins, concurrent ones get 409), and one hash of
// pending counts per stage across tenants for the Prometheus gauge. Entries without a tenant
// (a malformed stream entry) go to the unowned stream `cunke:dlq:leads`, for operators only.
import type { ChainableCommander, Redis } from 'ioredis';
import { parseDeadLetter, type DeadLetter } from './dead-letter.js';

export const deadLetterKeys = {
  stream: (t: string) => (t ? `cunke:dlq:leads:${t}` : 'cunke:dlq:leads'),
  replayed: (t: string) => `cunke:dlq:leads:replayed:${t}`,
  pendingByStage: () => 'cunke:dlq:counts:leads',
};

const MAX_LEN = '100000';
/** How many entries a list or bulk replay reads at most (newest first) before filtering. */
export const DEAD_LETTER_SCAN_LIMIT = 5000;

export interface NewDeadLetter {
  tenant: string;
  stage: string;
  /** The source entry's stream and id. */
  stream: string;
  id: string;
  reason: string;
  lead?: string;
  /** The whole original entry, when it is what failed (replayable). */
  fields?: Record<string, string>;
}

/** Appends a dead letter inside the caller's MULTI (the lead commit, the dead-letter + XACK step). */
export function appendDeadLetter(m: ChainableCommander, d: NewDeadLetter): void {
  const kv = ['stream', d.stream, 'id', d.id, 't', d.tenant, 'stage', d.stage, 'reason', d.reason.slice(0, 2000)];
  if (d.lead) kv.push('lead', d.lead);
  if (d.fields) kv.push('fields', JSON.stringify(d.fields));
  m.xadd(deadLetterKeys.stream(d.tenant), 'MAXLEN', '~', MAX_LEN, '*', ...kv);
  m.hincrby(deadLetterKeys.pendingByStage(), d.stage, 1);
}

/** KEYS: replayed hash, target stream, counts. ARGV: dead letter id, marker, stage, then field pairs. */
const REPLAY_LUA = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XADD', KEYS[2], '*', unpack(ARGV, 4))
redis.call('HINCRBY', KEYS[3], ARGV[3], -1)
return 1
`;

/** KEYS: tenant stream, replayed hash, counts. ARGV: id, stage. */
const DISCARD_LUA = `
if redis.call('XDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then redis.call('HINCRBY', KEYS[3], ARGV[2], -1) end
return 1
`;

export interface DeadLetterFilter {
  stage?: string;
  from?: number;
  to?: number;
  status?: 'PENDING' | 'REPLAYED';
  ids?: readonly string[];
}

export class DeadLetterStore {
  constructor(private readonly redis: Redis) {}

  async get(t: string, id: string): Promise<DeadLetter | null> {
    const [entries, marker] = await Promise.all([this.redis.xrange(deadLetterKeys.stream(t), id, id), this.redis.hget(deadLetterKeys.replayed(t), id)]);
    const e = entries[0];
    return e ? parseDeadLetter(e[0], e[1], marker) : null;
  }

  /** Newest first, filtered; reads at most DEAD_LETTER_SCAN_LIMIT entries of the time range. */
  async list(t: string, f: DeadLetterFilter): Promise<DeadLetter[]> {
    const end = f.to !== undefined ? `${f.to}-18446744073709551615` : '+';
    const start = f.from !== undefined ? `${f.from}-0` : '-';
    const entries = await this.redis.xrevrange(deadLetterKeys.stream(t), end, start, 'COUNT', DEAD_LETTER_SCAN_LIMIT);
    if (entries.length === 0) return [];
    const markers = await this.redis.hmget(deadLetterKeys.replayed(t), ...entries.map(([id]) => id));
    const ids = f.ids ? new Set(f.ids) : null;
    return entries.map(([id, raw], i) => parseDeadLetter(id, raw, markers[i] ?? null))
      .filter((d) => (!f.stage || d.stage === f.stage) && (!ids || ids.has(d.id))
        && (!f.status || (f.status === 'REPLAYED') === (d.replayed !== null)));
  }

  /** Marks the dead letter replayed and enqueues the entry in one step; false when it was already replayed. */
  async replay(d: DeadLetter, target: { stream: string; fields: Record<string, string> }, marker: { at: number; by: string; leadId: string }): Promise<boolean> {
    const ok = await this.redis.eval(REPLAY_LUA, 3, deadLetterKeys.replayed(d.tenant), target.stream, deadLetterKeys.pendingByStage(),
      d.id, JSON.stringify(marker), d.stage, ...Object.entries(target.fields).flat());
    return ok === 1;
  }

  async discard(d: DeadLetter): Promise<boolean> {
    return (await this.redis.eval(DISCARD_LUA, 3, deadLetterKeys.stream(d.tenant), deadLetterKeys.replayed(d.tenant), deadLetterKeys.pendingByStage(), d.id, d.stage)) === 1;
  }

  /** Pending dead letters per stage across tenants (the gauge); stream trimming beyond MAXLEN is not subtracted. */
  async pendingByStage(): Promise<Record<string, number>> {
    const h = await this.redis.hgetall(deadLetterKeys.pendingByStage());
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Math.max(0, Number(v) || 0)]));
  }
}
