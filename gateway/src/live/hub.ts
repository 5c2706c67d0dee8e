// The live supervision hub: dashboards connect over WebSocket (uWebSockets.js), subscribe to
// topics of their tenant, get a snapshot, then deltas coalesced into one frame per topic per
// tick. The protocol is docs/live-protocol.md; the ordering rule is in domain/tenant-fanout.ts.
//
// Feeds: the hub reads `cunke:live:{tenant}` of the tenants it has dashboards for (feed-reader.ts),
// so every instance sees what any instance ingested. Slow consumers: a socket with more than
// maxBufferedBytes unsent at a tick is unsubscribed from everything (its memory stops growing);
// at the first tick it has drained it gets `resync` and fresh snapshots.
import type { TemplatedApp, WebSocket } from 'uWebSockets.js';
import type { Redis } from 'ioredis';
import type { PrincipalResolver } from '../../../common/access/resolve-principal.js';
import { TOKEN_PREFIX, verifyToken } from '../../../common/access/token.js';
import type { Logger } from '../../../common/logger.js';
import type { GatewayMetrics } from '../metrics.js';
import { FeedReader } from './feed-reader.js';
import type { FeedEntry } from './domain/coalesce.js';
import { CloseCode, encode, LiveError, LIVE_PATH, MAX_CLIENT_MESSAGE_BYTES, MAX_QUEUED_REQUESTS, MAX_TOPICS_PER_CONNECTION, parseClientMessage, SUBPROTOCOL, type ClientRequest, type ServerMessage } from './domain/protocol.js';
import { TenantFanout, type FanoutPort } from './domain/tenant-fanout.js';
import { hubTopic, mayView, type TopicRef } from './domain/topics.js';
import { SnapshotReader } from './snapshot-reader.js';
import type { Session, Subscription, UserData } from './session.js';
import { attachTaskCounters } from './task-counters.js';
import { admit, upgradeHandler } from './upgrade.js';

export interface LiveHubOptions {
  app: TemplatedApp;
  /** Snapshots, task counters, credential checks. Not the ingest connection. */
  redis: Redis;
  /** Dedicated to the blocking feed reads. */
  blockingRedis: Redis;
  resolver: PrincipalResolver;
  tokenSecret: Buffer;
  metrics: GatewayMetrics;
  log: Logger;
  tickMs: number;
  maxBufferedBytes: number;
  /** How often open connections' credentials are checked again (default 30 s). */
  revalidateMs?: number;
  /** Longest a feed read blocks (joins interrupt it; default 250 ms). */
  blockMs?: number;
  now?: () => number;
}

/** How long fanned-out entries stay available to catch up a subscriber whose snapshot is older. */
const LOG_LIMITS = { keepMs: 10_000, maxDeltas: 50_000 };
const SNAPSHOT_ATTEMPTS = 3;
const FEED_READ_COUNT = 500;

export class LiveHub {
  private readonly tenants = new Map<string, TenantFanout<Session>>();
  private readonly sessions = new Set<Session>();
  private readonly slow = new Set<Session>();
  private readonly reader: FeedReader;
  private readonly snapshots: SnapshotReader;
  private readonly port: FanoutPort<Session>;
  private readonly now: () => number;
  private readonly lowWater: number;
  private ticker: NodeJS.Timeout | null = null;
  private revalidator: NodeJS.Timeout | null = null;
  private nextSessionId = 1;
  private stopped = false;

  constructor(private readonly o: LiveHubOptions) {
    this.now = o.now ?? Date.now;
    this.lowWater = Math.min(64 * 1024, Math.floor(o.maxBufferedBytes / 4));
    this.snapshots = new SnapshotReader(o.redis);
    this.reader = new FeedReader({
      blocking: o.blockingRedis,
      control: o.redis,
      blockMs: o.blockMs ?? 250,
      count: FEED_READ_COUNT,
      log: o.log,
      onEntries: (tenantId, entries) => this.onEntries(tenantId, entries),
      onGap: (tenantId) => this.onGap(tenantId),
      onError: () => o.metrics.liveReadErrors.inc(),
    });
    this.port = {
      subscribers: (topic) => o.app.numSubscribers(topic),
      publish: (topic, frame, deltas) => {
        const n = o.app.numSubscribers(topic);
        if (n === 0) return;
        o.app.publish(topic, frame);
        this.count('deltas', frame, deltas, n);
      },
      send: (session, frame, type, deltas) => this.send(session, frame, type, deltas),
      subscribe: (session, topic) => session.ws?.subscribe(topic),
    };
    this.attach();
  }

  async start(): Promise<void> {
    await this.reader.start();
    this.ticker = setInterval(() => this.guard('tick', () => this.tick()), this.o.tickMs);
    this.revalidator = setInterval(() => void this.revalidate(), this.o.revalidateMs ?? 30_000);
  }

  /** Closes every dashboard connection (1001: reconnect elsewhere) and stops reading. */
  async stop(): Promise<void> {
    this.halt();
    for (const s of [...this.sessions]) s.ws?.end(CloseCode.GOING_AWAY, 'server shutting down');
    await this.reader.stop();
  }

  /** As a crash: connections dropped without a close frame (tests). */
  kill(): void {
    this.halt();
    for (const s of [...this.sessions]) s.ws?.close();
    void this.reader.stop();
  }

  private halt(): void {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    if (this.revalidator) clearInterval(this.revalidator);
  }

  private attach(): void {
    const { app, metrics, log } = this.o;
    const upgrade = upgradeHandler({ tokenSecret: this.o.tokenSecret, metrics, now: this.now });
    app.ws<UserData>(LIVE_PATH, {
      maxPayloadLength: MAX_CLIENT_MESSAGE_BYTES,
      idleTimeout: 120,
      sendPingsAutomatically: true,
      // Our own limit (maxBufferedBytes, checked every tick) cuts a slow socket off long before
      // uWS would start dropping frames for it; a drop would be a silent gap.
      maxBackpressure: Math.max(64 * 1024 * 1024, this.o.maxBufferedBytes * 8),
      closeOnBackpressureLimit: 0,
      upgrade: (res, req, context) => {
        if (this.stopped) {
          res.writeStatus('503 Service Unavailable').end('', true);
          return;
        }
        upgrade(res, req, context);
      },
      open: (ws) => this.guard('open', () => this.open(ws)),
      message: (ws, message) => {
        const text = Buffer.from(message).toString('utf8');
        this.guard('message', () => this.onMessage(ws.getUserData().session, text));
      },
      // No drain handler: uWS would call into JS on every writable event of every socket, which
      // measurably slowed publishing to 1,000 busy sockets; the tick resyncs drained ones.
      close: (ws) => this.guard('close', () => this.close(ws.getUserData().session)),
    });
    app.any('/*', (res) => {
      res.writeStatus('404 Not Found').end(`live hub: connect a WebSocket to ${LIVE_PATH} with subprotocol ${SUBPROTOCOL}`);
    });
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // A bug in one handler must not take the process (and ingest) down.
      this.o.log.error({ err, what }, 'live hub handler failed');
    }
  }

  // --- connections -----------------------------------------------------------------------

  private open(ws: WebSocket<UserData>): void {
    const data = ws.getUserData();
    const session: Session = {
      id: this.nextSessionId++, credential: data.credential, ws, identity: null, tenantId: '', queued: [], topics: new Map(), slow: false,
    };
    data.session = session;
    this.sessions.add(session);
    this.o.metrics.liveConnections.set(this.sessions.size);
    void this.activate(session);
  }

  /** Checks the key record behind the credential, then lets the session in (or closes it). */
  private async activate(session: Session): Promise<void> {
    let admission;
    try {
      admission = await admit(this.o.resolver, session.credential, this.expiryOf(session.credential));
    } catch (err) {
      this.o.log.warn({ err }, 'live: credential check failed');
      session.ws?.end(CloseCode.TRY_AGAIN_LATER, 'credential check unavailable');
      return;
    }
    if (!session.ws) return;
    if (!admission.ok) {
      this.o.metrics.liveAuthFailures.inc({ reason: admission.reason });
      session.ws.end(admission.closeCode, admission.reason);
      return;
    }
    const { principal } = admission.identity;
    session.identity = admission.identity;
    session.tenantId = principal.tenantId;
    let fanout = this.tenants.get(session.tenantId);
    if (!fanout) {
      fanout = new TenantFanout<Session>(session.tenantId, this.port, LOG_LIMITS);
      this.tenants.set(session.tenantId, fanout);
      this.o.metrics.liveTenants.set(this.tenants.size);
    }
    fanout.sessions.add(session);
    this.sendMessage(session, {
      type: 'hello', protocol: SUBPROTOCOL, tenantId: session.tenantId, userId: principal.userId,
      permissions: [...principal.permissions].sort(), tickMs: this.o.tickMs,
      expiresAt: admission.identity.expiresAtMs === null ? null : new Date(admission.identity.expiresAtMs).toISOString(),
    });
    for (const text of session.queued.splice(0)) this.guard('message', () => this.onMessage(session, text));
  }

  private expiryOf(credential: string): number | null {
    if (!credential.startsWith(TOKEN_PREFIX)) return null;
    const v = verifyToken(this.o.tokenSecret, credential, this.now());
    return v.ok ? v.claims.exp * 1000 : null;
  }

  private close(session: Session | null): void {
    if (!session) return;
    session.ws = null;
    this.sessions.delete(session);
    this.slow.delete(session);
    const fanout = session.identity ? this.tenants.get(session.tenantId) : undefined;
    if (fanout) {
      fanout.cancel(session);
      fanout.sessions.delete(session);
      if (fanout.sessions.size === 0) {
        this.tenants.delete(session.tenantId);
        this.reader.untrack(session.tenantId);
      }
    }
    this.o.metrics.liveConnections.set(this.sessions.size);
    this.o.metrics.liveTenants.set(this.tenants.size);
    this.o.metrics.liveSlowConsumers.set(this.slow.size);
  }

  private onMessage(session: Session | null, text: string): void {
    if (!session) return;
    if (!session.identity) {
      // Still being checked: keep a few requests (a browser subscribes as soon as it opens).
      if (session.queued.length < MAX_QUEUED_REQUESTS) session.queued.push(text);
      return;
    }
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.sendMessage(session, { type: 'error', code: parsed.code, message: parsed.message, ...(parsed.topic ? { topic: parsed.topic } : {}) });
      return;
    }
    const request: ClientRequest = parsed.request;
    switch (request.op) {
      case 'ping':
        this.sendMessage(session, { type: 'pong', ...(request.ref ? { ref: request.ref } : {}), serverTimeMs: this.now() });
        return;
      case 'subscribe':
        this.subscribe(session, request.topic, request.name);
        return;
      case 'unsubscribe':
        this.dropTopic(session, request.name);
        this.sendMessage(session, { type: 'unsubscribed', topic: request.name });
        return;
      default: {
        const never: never = request;
        throw new Error(`unhandled request ${JSON.stringify(never)}`);
      }
    }
  }

  // --- subscriptions ---------------------------------------------------------------------

  private subscribe(session: Session, ref: TopicRef, name: string): void {
    if (!mayView(session.identity!.principal.permissions, ref)) {
      this.sendMessage(session, { type: 'error', code: LiveError.FORBIDDEN, message: 'not allowed on this topic', topic: name });
      return;
    }
    if (!session.topics.has(name) && session.topics.size >= MAX_TOPICS_PER_CONNECTION) {
      this.sendMessage(session, { type: 'error', code: LiveError.TOO_MANY_TOPICS, message: `at most ${MAX_TOPICS_PER_CONNECTION} topics per connection`, topic: name });
      return;
    }
    // Subscribing again to a topic starts it over with a fresh snapshot.
    this.dropTopic(session, name);
    const sub: Subscription = { ref, name };
    session.topics.set(name, sub);
    // A slow session keeps its topics; they are snapshotted when it is resynced.
    if (!session.slow) void this.snapshotInto(session, sub);
  }

  private dropTopic(session: Session, name: string): void {
    if (!session.topics.delete(name)) return;
    session.ws?.unsubscribe(hubTopic(session.tenantId, name));
    this.tenants.get(session.tenantId)?.cancel(session, name);
  }

  /** Still the subscription to serve: the socket is open, not cut off, and it was not replaced. */
  private isCurrent(session: Session, sub: Subscription): boolean {
    return session.ws !== null && !session.slow && session.topics.get(sub.name) === sub;
  }

  private async snapshotInto(session: Session, sub: Subscription): Promise<void> {
    for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
      const started = process.hrtime.bigint();
      let snapshot;
      try {
        snapshot = await this.snapshots.read(session.tenantId, sub.ref);
      } catch (err) {
        this.o.log.warn({ err, tenantId: session.tenantId, topic: sub.name }, 'live snapshot failed');
        break;
      }
      this.o.metrics.liveSnapshotSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
      const fanout = this.tenants.get(session.tenantId);
      if (!fanout || !this.isCurrent(session, sub)) return;
      const frame = encode({ type: 'snapshot', topic: sub.name, id: snapshot.id, data: snapshot.data });
      const outcome = fanout.deliverSnapshot(session, sub.ref, snapshot.id, frame);
      if (outcome === 'started') this.reader.track(session.tenantId, snapshot.id);
      if (outcome !== 'stale') return;
    }
    if (!this.isCurrent(session, sub)) return;
    session.topics.delete(sub.name);
    this.sendMessage(session, { type: 'error', code: LiveError.UNAVAILABLE, message: 'snapshot unavailable; subscribe again', topic: sub.name });
  }

  /** Cuts a session off from every topic; its subscriptions are kept for the resync. */
  private cutOff(session: Session): void {
    for (const sub of session.topics.values()) session.ws?.unsubscribe(hubTopic(session.tenantId, sub.name));
    this.tenants.get(session.tenantId)?.cancel(session);
  }

  private markSlow(session: Session): void {
    this.cutOff(session);
    session.slow = true;
    this.slow.add(session);
    this.o.metrics.liveSlowConsumers.set(this.slow.size);
    this.o.log.info({ sessionId: session.id, tenantId: session.tenantId }, 'slow dashboard cut off until it drains');
  }

  private resync(session: Session, reason: 'slow' | 'gap'): void {
    if (!session.ws) return;
    if (reason === 'gap') this.cutOff(session);
    session.slow = false;
    this.slow.delete(session);
    this.o.metrics.liveSlowConsumers.set(this.slow.size);
    this.o.metrics.liveResyncs.inc({ reason });
    const subs = [...session.topics.values()].map((s) => ({ ref: s.ref, name: s.name }));
    this.sendMessage(session, { type: 'resync', reason, topics: subs.map((s) => s.name) });
    for (const sub of subs) {
      session.topics.set(sub.name, sub);
      void this.snapshotInto(session, sub);
    }
  }

  // --- feed ------------------------------------------------------------------------------

  private async onEntries(tenantId: string, entries: FeedEntry[]): Promise<void> {
    try {
      await attachTaskCounters(this.o.redis, tenantId, entries);
    } catch (err) {
      this.o.log.warn({ err, tenantId }, 'task counters not read; the next counted step carries them');
    }
    this.tenants.get(tenantId)?.push(entries);
  }

  private onGap(tenantId: string): void {
    const fanout = this.tenants.get(tenantId);
    if (!fanout) return;
    fanout.markGap();
    // A slow session is cut off already and resyncs when it drains.
    for (const s of fanout.sessions) if (!s.slow) this.resync(s, 'gap');
  }

  private tick(): void {
    const now = this.now();
    let maxBuffered = 0;
    for (const s of this.sessions) {
      const buffered = s.ws?.getBufferedAmount() ?? 0;
      if (buffered > maxBuffered) maxBuffered = buffered;
      if (s.slow) {
        if (buffered <= this.lowWater) this.resync(s, 'slow');
      } else if (buffered > this.o.maxBufferedBytes) {
        this.markSlow(s);
      }
    }
    this.o.metrics.liveMaxBufferedBytes.set(maxBuffered);
    for (const fanout of this.tenants.values()) if (fanout.hasWork) fanout.flush(now);
  }

  /** Closes connections whose token expired (4001), key was revoked (4401) or lost live:view (4403). */
  private async revalidate(): Promise<void> {
    const byCredential = new Map<string, Session[]>();
    for (const s of this.sessions) {
      if (!s.identity) continue;
      const list = byCredential.get(s.credential);
      if (list) list.push(s);
      else byCredential.set(s.credential, [s]);
    }
    for (const [credential, sessions] of byCredential) {
      let admission;
      try {
        admission = await admit(this.o.resolver, credential, null);
      } catch {
        continue; // Redis unavailable: keep the connections, check again next round.
      }
      if (admission.ok) continue;
      this.o.metrics.liveAuthFailures.inc({ reason: `CLOSED_${admission.reason}` }, sessions.length);
      for (const s of sessions) s.ws?.end(admission.closeCode, admission.reason);
    }
  }

  // --- sending ---------------------------------------------------------------------------

  private sendMessage(session: Session, message: ServerMessage): void {
    this.send(session, encode(message), message.type, message.type === 'deltas' ? message.deltas.length : 0);
  }

  private send(session: Session, frame: string, type: ServerMessage['type'], deltas: number): void {
    if (!session.ws) return;
    session.ws.send(frame, false);
    this.count(type, frame, deltas, 1);
  }

  private count(type: ServerMessage['type'], frame: string, deltas: number, sockets: number): void {
    const { metrics } = this.o;
    metrics.liveFramesSent.inc({ type }, sockets);
    metrics.liveBytesSent.inc(Buffer.byteLength(frame) * sockets);
    if (deltas > 0) metrics.liveDeltasSent.inc(deltas * sockets);
  }
}
