// Reads back what the gateway fed to a warehouse feed stream, message by message (an entry
// carries a micro-batch of messages, common/feed.ts).
import type { Redis } from 'ioredis';
import { parseFeedEntry, type FeedEntry } from '../../common/feed.js';

export async function feedMessages(redis: Redis, stream: string): Promise<FeedEntry[]> {
  const entries = await redis.xrangeBuffer(stream, '-', '+');
  return entries.flatMap(([id, fields]) => {
    const messages = parseFeedEntry(id.toString(), fields);
    if (!messages) throw new Error(`feed entry ${id.toString()} of ${stream} is malformed`);
    return messages;
  });
}
