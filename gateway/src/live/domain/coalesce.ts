// Coalescing: everything a tenant's feed produced during one tick becomes at most one frame per
// topic, and only for topics someone is subscribed to (PERFORMANCE.md: at realistic rates each
// frame is its own syscall). Pure.
import type { LiveDelta } from './deltas.js';
import { identify } from './protocol.js';
import { isOnTopic, topicName, topicsOf, type TopicRef } from './topics.js';

/** One entry of the tenant's live feed: its stream id and deltas. */
export interface FeedEntry {
  id: string;
  deltas: LiveDelta[];
}

/**
 * Serialised deltas per topic, in feed order. A task delta carries absolute counters, so a newer
 * one replaces an older one of the same task (moved to the newer one's place, keeping ids in
 * order). Each delta is stringified once however many topics it goes to.
 */
export function coalesce(entries: readonly FeedEntry[], wanted: (topic: string) => boolean): Map<string, string[]> {
  const frames = new Map<string, (string | null)[]>();
  const taskSlot = new Map<string, number>();
  for (const entry of entries) {
    for (const delta of entry.deltas) {
      let json: string | null = null;
      for (const topic of topicsOf(delta)) {
        if (!wanted(topic)) continue;
        json ??= JSON.stringify(identify(delta, entry.id));
        let frame = frames.get(topic);
        if (!frame) frames.set(topic, (frame = []));
        if (delta.t === 'task') {
          const key = `${topic}\u0000${delta.taskId}`;
          const at = taskSlot.get(key);
          if (at !== undefined) frame[at] = null;
          taskSlot.set(key, frame.length);
        }
        frame.push(json);
      }
    }
  }
  const out = new Map<string, string[]>();
  for (const [topic, frame] of frames) out.set(topic, frame.filter((j): j is string => j !== null));
  return out;
}

/** The serialised deltas of one topic in these entries (a catch-up after a snapshot). */
export function deltasForTopic(entries: Iterable<FeedEntry>, ref: TopicRef): string[] {
  const picked: FeedEntry[] = [];
  for (const e of entries) {
    const deltas = e.deltas.filter((d) => isOnTopic(d, ref));
    if (deltas.length > 0) picked.push({ id: e.id, deltas });
  }
  const name = topicName(ref);
  return coalesce(picked, (t) => t === name).get(name) ?? [];
}
