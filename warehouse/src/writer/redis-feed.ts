// The Redis edge of the writer: the feed stream read through its consumer group, the dead-letter
// stream, and lag figures. Two connections: `blocking` only ever runs XREADGROUP … BLOCK, so a
// blocked read never delays an acknowledgement sent on `redis` by a flush running alongside it.
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

const ACK_DELETE_LUA = readFileSync(new URL('./ackDelete-1.lua', import.meta.url), 'utf8');

export interface RawEntry {
  id: string;
  /** Flat [field, value, …]; null when the entry was deleted from the stream while pending. */
  fields: Buffer[] | null;
}

export interface DeadLetter {
  entry: RawEntry;
  code: string;
  detail: string;
}

export interface ClaimResult {
  /** Cursor for the next call; '0-0' when the whole pending list has been scanned. */
  next: string;
  entries: RawEntry[];
  /** Ids that were pending but no longer in the stream (trimmed before being written). */
  deletedIds: string[];
}

export interface FeedNames {
  stream: string;
  group: string;
  consumer: string;
  deadLetterStream: string;
  /** Approximate cap of the dead-letter stream (MAXLEN ~). */
  deadLetterMaxLen: number;
}

type StreamReply = [Buffer, [Buffer, Buffer[] | null][]][] | null;
type AckDeleteCommand = (key: string, group: string, ...ids: string[]) => Promise<number>;

function toEntries(reply: StreamReply): RawEntry[] {
  const items = reply?.[0]?.[1] ?? [];
  return items.map(([id, fields]) => ({ id: id.toString(), fields }));
}

export class RedisFeed {
  private readonly ackDelete: AckDeleteCommand;

  constructor(
    private readonly redis: Redis,
    private readonly blocking: Redis,
    readonly names: FeedNames,
  ) {
    if (!('ackDeleteFeed' in redis)) redis.defineCommand('ackDeleteFeed', { numberOfKeys: 1, lua: ACK_DELETE_LUA });
    const command = (redis as unknown as { ackDeleteFeed: AckDeleteCommand }).ackDeleteFeed;
    this.ackDelete = command.bind(redis);
  }

  /** Creates the consumer group (and the stream) when missing; a no-op otherwise. */
  async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.names.stream, this.names.group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  /** New entries for this consumer, waiting up to blockMs (>= 1) when there are none. */
  async readNew(count: number, blockMs: number): Promise<RawEntry[]> {
    const { stream, group, consumer } = this.names;
    const reply = await this.blocking.xreadgroupBuffer(
      'GROUP', group, consumer, 'COUNT', count, 'BLOCK', Math.max(1, Math.round(blockMs)), 'STREAMS', stream, '>',
    );
    return toEntries(reply as StreamReply);
  }

  /** Entries this consumer read before (a previous run under the same name) and never acked. */
  async readOwnPending(afterId: string, count: number): Promise<RawEntry[]> {
    const { stream, group, consumer } = this.names;
    const reply = await this.redis.xreadgroupBuffer('GROUP', group, consumer, 'COUNT', count, 'STREAMS', stream, afterId);
    return toEntries(reply as StreamReply);
  }

  /** Takes over entries other consumers have left pending for at least minIdleMs. */
  async claimIdle(cursor: string, minIdleMs: number, count: number): Promise<ClaimResult> {
    const { stream, group, consumer } = this.names;
    const reply = (await this.redis.callBuffer(
      'XAUTOCLAIM', stream, group, consumer, minIdleMs, cursor, 'COUNT', count,
    )) as [Buffer, [Buffer, Buffer[] | null][], Buffer[]?];
    return {
      next: reply[0].toString(),
      entries: reply[1].map(([id, fields]) => ({ id: id.toString(), fields })),
      deletedIds: (reply[2] ?? []).map((id) => id.toString()),
    };
  }

  /** Appends entries to the dead-letter stream with their code (WH_ERR_*), keeping their original fields. */
  async deadLetter(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const { deadLetterStream, deadLetterMaxLen } = this.names;
    const pipeline = this.redis.pipeline();
    for (const { entry, code, detail } of letters) {
      const fields: (string | Buffer)[] = ['src', 'warehouse', 'code', code, 'detail', detail, 'feed_id', entry.id];
      if (entry.fields) fields.push(...entry.fields);
      pipeline.xadd(deadLetterStream, 'MAXLEN', '~', deadLetterMaxLen, '*', ...fields);
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([err]) => err);
    if (failed) throw failed[0];
  }

  /** XACK + XDEL of the given ids, atomically. Returns how many were still pending. */
  async ackAndDelete(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.ackDelete(this.names.stream, this.names.group, ...ids);
  }

  /** Stream length (unread + pending, since acked entries are deleted) and pending count. */
  async lag(): Promise<{ length: number; pending: number }> {
    const { stream, group } = this.names;
    const [len, pending] = (await this.redis.pipeline().xlen(stream).xpending(stream, group).exec()) ?? [];
    if (len?.[0]) throw len[0];
    if (pending?.[0]) throw pending[0];
    const summary = pending?.[1] as [number, ...unknown[]] | undefined;
    return { length: Number(len?.[1] ?? 0), pending: Number(summary?.[0] ?? 0) };
  }
}
