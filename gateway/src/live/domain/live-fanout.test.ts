// The ordering core of the hub (tenant-fanout.ts) and coalescing, with a fake socket port:
// a subscriber gets its snapshot first, then every delta of its topic after the snapshot's
// feed position, in order, exactly once, whatever the interleaving of feed reads, ticks and
// snapshot completions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { coalesce, deltasForTopic, type FeedEntry } from './coalesce.js';
import type { Identified, LiveDelta } from './deltas.js';
import { RecentLog } from './recent-log.js';
import { compareStreamIds } from './stream-id.js';
import { TenantFanout, type FanoutPort } from './tenant-fanout.js';
import { parseTopic, type TopicRef } from './topics.js';

interface FakeSession {
  name: string;
  frames: { type: string; topic: string; id?: string; deltas?: Identified[] }[];
  subs: Set<string>;
}

function fakePort(sessions: FakeSession[]): FanoutPort<FakeSession> & { published: number } {
  const port = {
    published: 0,
    subscribers: (topic: string) => sessions.filter((s) => s.subs.has(topic)).length,
    publish(topic: string, frame: string) {
      port.published++;
      for (const s of sessions) if (s.subs.has(topic)) s.frames.push(JSON.parse(frame));
    },
    send: (s: FakeSession, frame: string) => void s.frames.push(JSON.parse(frame)),
    subscribe: (s: FakeSession, topic: string) => void s.subs.add(topic),
  };
  return port;
}

const call = (callId: string, deviceId: string): LiveDelta => ({ t: 'call', callId, deviceId, taskId: '', step: 'dialing', phase: 1, deviceTimeMs: 1, phoneMasked: '', direction: 'OUTBOUND' });
const device = (deviceId: string): LiveDelta => ({ t: 'device', deviceId, lastSeenMs: 1 });
const task = (taskId: string, dialed: number): LiveDelta => ({ t: 'task', taskId, dialed, connected: 0, ended: 0, talkMs: 0, talkCalls: 0 });

test('coalesce: one frame per subscribed topic, deltas in feed order, newest task counters only', () => {
  const entries: FeedEntry[] = [
    { id: '1-0', deltas: [call('c1', 'd1'), device('d1'), task('k', 1)] },
    { id: '2-0', deltas: [device('d2'), task('k', 2)] },
    { id: '3-0', deltas: [call('c2', 'd1')] },
  ];
  const frames = coalesce(entries, (t) => t !== 'device/d2');
  assert.deepEqual([...frames.keys()].sort(), ['call/c1', 'call/c2', 'device/d1', 'task/k', 'tenant']);
  const tenant = frames.get('tenant')!.map((j) => JSON.parse(j) as Identified);
  assert.deepEqual(tenant.map((d) => [d.id, d.t]), [['1-0', 'call'], ['1-0', 'device'], ['2-0', 'device'], ['2-0', 'task'], ['3-0', 'call']]);
  assert.deepEqual(frames.get('task/k')!.map((j) => JSON.parse(j).dialed), [2]);
  assert.deepEqual(deltasForTopic(entries, { kind: 'device', id: 'd1' }).map((j) => JSON.parse(j).id), ['1-0', '1-0', '3-0']);
});

test('the recent log trims by age and size and knows what it still covers', () => {
  const log = new RecentLog('5-0', { keepMs: 100, maxDeltas: 3 });
  log.append([{ id: '6-0', deltas: [device('a')] }, { id: '7-0', deltas: [device('a')] }], 0);
  assert.ok(log.covers('5-0'));
  assert.deepEqual(log.since('6-0').map((e) => e.id), ['7-0']);
  log.append([{ id: '8-0', deltas: [device('a'), device('b')] }], 50);
  assert.ok(!log.covers('5-0') && log.covers('6-0'), 'over maxDeltas: the oldest entry went');
  log.append([], 149);
  assert.deepEqual(log.since('0-0').map((e) => e.id), ['8-0']);
  assert.ok(!log.covers('6-0') && log.covers('7-0'));
});

const TOPICS = ['tenant', 'device/d1', 'device/d2', 'call/c1', 'call/c3'];

const stepArb = fc.oneof(
  { arbitrary: fc.constant({ k: 'xadd' as const }), weight: 5 },
  { arbitrary: fc.record({ k: fc.constant('read' as const), n: fc.integer({ min: 1, max: 4 }) }), weight: 3 },
  { arbitrary: fc.constant({ k: 'tick' as const }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('snap' as const), session: fc.nat(2), topic: fc.constantFrom(...TOPICS) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('deliver' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('time' as const), ms: fc.integer({ min: 1, max: 60 }) }), weight: 1 },
);

function entryAt(i: number): FeedEntry {
  const d = `d${(i % 2) + 1}`;
  const deltas: LiveDelta[] = i % 3 === 0 ? [device(d)] : [call(`c${i % 4}`, d), device(d)];
  return { id: `${1000 + i}-${i % 3}`, deltas };
}

test('every subscriber gets its snapshot, then exactly the deltas after it, in order, once', () => {
  fc.assert(fc.property(fc.array(stepArb, { minLength: 5, maxLength: 120 }), fc.integer({ min: 0, max: 80 }), (steps, keepMs) => {
    const sessions: FakeSession[] = [0, 1, 2].map((i) => ({ name: `s${i}`, frames: [], subs: new Set() }));
    const port = fakePort(sessions);
    const fanout = new TenantFanout<FakeSession>('t1', port, { keepMs, maxDeltas: 1000 });
    const redis: FeedEntry[] = [];
    let readUpTo = -1; // index of the last entry pushed to the fanout; -1: none
    let tracking = false;
    let now = 0;
    const inFlight: { session: FakeSession; ref: TopicRef; id: string }[] = [];
    const subscribed = new Set<string>();
    const lastId = () => redis[redis.length - 1]?.id ?? '0-0';
    const deliver = (i: number) => {
      const [snap] = inFlight.splice(i, 1);
      if (!snap) return;
      const outcome = fanout.deliverSnapshot(snap.session, snap.ref, snap.id, JSON.stringify({ type: 'snapshot', topic: topicOf(snap.ref), id: snap.id }));
      if (outcome === 'started') {
        tracking = true;
        readUpTo = redis.findIndex((e) => e.id === snap.id);
      } else if (outcome === 'stale') inFlight.push({ ...snap, id: lastId() }); // read it again
    };
    const read = (n: number) => {
      if (!tracking) return;
      const next = redis.slice(readUpTo + 1, readUpTo + 1 + n);
      if (next.length === 0) return;
      fanout.push(next);
      readUpTo += next.length;
    };
    for (const step of steps) {
      switch (step.k) {
        case 'xadd': redis.push(entryAt(redis.length)); break;
        case 'read': read(step.n); break;
        case 'tick': fanout.flush(now); break;
        case 'time': now += step.ms; break;
        case 'snap': {
          const key = `${step.session}|${step.topic}`;
          if (subscribed.has(key)) break;
          subscribed.add(key);
          inFlight.push({ session: sessions[step.session]!, ref: parseTopic(step.topic)!, id: lastId() });
          break;
        }
        case 'deliver': if (inFlight.length > 0) deliver(step.pick % inFlight.length); break;
      }
    }
    // Let everything settle: every snapshot delivered, every entry read and flushed.
    for (let guard = 0; inFlight.length > 0 && guard < 100; guard++) {
      deliver(0);
      read(1000);
      fanout.flush(now);
    }
    read(1000);
    fanout.flush(now);
    fanout.flush(now);
    for (const s of sessions) {
      for (const topic of TOPICS) {
        const frames = s.frames.filter((f) => f.topic === topic);
        if (!subscribed.has(`${s.name.slice(1)}|${topic}`)) {
          assert.equal(frames.length, 0);
          continue;
        }
        assert.equal(frames[0]?.type, 'snapshot', `${s.name} ${topic}: the snapshot comes first`);
        assert.ok(frames.slice(1).every((f) => f.type === 'deltas'), 'one snapshot only');
        const after = frames[0]!.id!;
        const got = frames.slice(1).flatMap((f) => f.deltas!).map((d) => `${d.id}:${d.t}`);
        const ref = parseTopic(topic)!;
        const want = redis.filter((e) => compareStreamIds(e.id, after) > 0)
          .flatMap((e) => deltasForTopic([e], ref).map((j) => `${e.id}:${JSON.parse(j).t}`));
        assert.deepEqual(got, want, `${s.name} ${topic} after ${after}`);
      }
    }
  }), { numRuns: 400 });
});

function topicOf(ref: TopicRef): string {
  return ref.kind === 'tenant' ? 'tenant' : `${ref.kind}/${ref.id}`;
}
