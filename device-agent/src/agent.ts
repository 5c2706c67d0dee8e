// One calling device: the composition of outbox, publisher, broker transport, command handler,
// call runner, heartbeats and (optionally) autonomous demo calls. Built by createAgent()
// (create-agent.ts), which opens the durable state and the broker transport; start() connects;
// stop() is a clean shutdown; crash() imitates a killed process for tests.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../common/logger.js';
import { deviceTopic, LineState, SimState } from '../../proto/src/index.js';
import type { BackoffPolicy } from './domain/backoff.js';
import { DeviceClock } from './domain/device-clock.js';
import { decideCommand, type RejectReason } from './domain/decide-command.js';
import { encodeStatus, heartbeatPayload, type DeviceIdentity, type PresenceSession } from './domain/envelopes.js';
import type { MakeCallInput } from './domain/parse-command.js';
import { randomChineseMobile } from './domain/phone-numbers.js';
import { createRng, deriveSeed, uniformInt } from './domain/rng.js';
import type { DeviceSensors, Dialer } from './dialer/dialer.js';
import { SimulatedDialer } from './dialer/simulated-dialer.js';
import { systemClock, type Clock } from './edges/clock.js';
import type { ConnectInfo, Transport, Will } from './edges/transport.js';
import type { CommandJournal } from './outbox/command-journal.js';
import type { DeadLetterSink } from './outbox/dead-letter.js';
import { FileOutbox } from './outbox/file-outbox.js';
import type { Outbox } from './outbox/outbox.js';
import { AutonomousCaller } from './runtime/autonomous.js';
import { CallRunner, type CallSummary } from './runtime/call-runner.js';
import { CommandHandler } from './runtime/command-handler.js';
import { RecordingUploader, type PutFn } from './runtime/recording-uploader.js';
import { newCounters, type AgentCounters, type AgentEvent, type AgentEventListener } from './runtime/counters.js';
import { EventSink } from './runtime/event-sink.js';
import { HeartbeatTimer } from './runtime/heartbeat.js';
import { DEFAULT_RETRY_BACKOFF, Publisher } from './runtime/publisher.js';

export interface FileOutboxSettings {
  dir: string;
  fsync?: boolean;
  segmentMaxBytes?: number;
  ackPersistIntervalMs?: number;
}

export interface MqttSettings {
  url: string;
  /** Default `${tenantId}.${deviceId}`. */
  username?: string;
  password?: string;
  clientId?: string;
  sessionExpiryS?: number;
  keepaliveS?: number;
  /** Reconnect delays (default: 0.5 s doubling to a 30 s cap, full jitter). */
  reconnectBackoff?: BackoffPolicy;
}

export interface AgentOptions {
  tenantId: string;
  deviceId: string;
  /** Broker connection; ignored when `transport` is given. */
  mqtt?: MqttSettings;
  /** A ready transport (tests: MemoryTransport). */
  transport?: Transport;
  /** Durable file outbox in a directory, 'memory' (default), or a store of your own. */
  outbox?: FileOutboxSettings | 'memory' | Outbox;
  dialer?: Dialer;
  /** Heartbeat readings; default: the simulated dialer's sensors. */
  sensors?: DeviceSensors;
  /** Seeds every PRNG of this agent (call outcomes, demo numbers, jitter). Default random. */
  seed?: number;
  /** Wall time per unit of device time for the simulated dialer (default 1). */
  timeScale?: number;
  heartbeatIntervalS?: number;
  /** Autonomous demo calls per (wall) minute; 0 = only on command (default). */
  callsPerMinute?: number;
  /**
   * Task ids autonomous demo calls are tagged with, one picked at random per call, so dashboards
   * show per-task counters (default ['demo']; [] leaves them untagged).
   */
  demoTaskIds?: readonly string[];
  /** RECORDING_REANNOUNCE_S: announce a recording again when not uploaded this long after (default 600; 0 = never). */
  recordingReannounceS?: number;
  /** HTTP PUT used for uploads (tests; default fetch). */
  uploadPut?: PutFn;
  /** AGENT_OUTBOX_MAX_EVENTS (default 100,000). */
  outboxMaxEvents?: number;
  /** QoS 1 publishes in flight (default 64, capped by the broker's Receive Maximum). */
  inflightWindow?: number;
  /** Treat PUBACK 0x10 "no matching subscribers" as not delivered (default true). */
  retryNoSubscribers?: boolean;
  clock?: Clock;
  logger?: Logger;
}

/** What createAgent() opened for the agent. */
export interface AgentParts {
  outbox: Outbox;
  journal: CommandJournal;
  deadLetters: DeadLetterSink;
  transport: Transport;
  seed: number;
}

export interface AgentStats {
  counters: AgentCounters;
  outboxDepth: number;
  inflight: number;
  connected: boolean;
  lastSeq: number;
}

export class CallRejectedError extends Error {
  constructor(readonly reason: RejectReason) {
    super(`call rejected: ${reason}`);
    this.name = 'CallRejectedError';
  }
}

const DEFAULTS = { heartbeatIntervalS: 30, outboxMaxEvents: 100_000, inflightWindow: 64, timeScale: 1 };
const STOP_CALL_GRACE_MS = 5000;
const STOP_DRAIN_GRACE_MS = 2000;

export class Agent {
  readonly device: DeviceIdentity;
  readonly counters: AgentCounters = newCounters();
  readonly log: Logger;
  private readonly clock: Clock;
  private readonly deviceClock: DeviceClock;
  private readonly outbox: Outbox;
  private readonly journal: CommandJournal;
  private readonly transport: Transport;
  private readonly dialer: Dialer;
  private readonly sensors: DeviceSensors;
  private readonly sink: EventSink;
  private readonly publisher: Publisher;
  private readonly runner: CallRunner;
  private readonly commands: CommandHandler;
  readonly uploads: RecordingUploader;
  private readonly heartbeat: HeartbeatTimer;
  private readonly autonomous: AutonomousCaller;
  private readonly listeners = new Set<AgentEventListener>();
  private readonly calls = new Set<Promise<CallSummary>>();
  private readonly statusTopic: string;
  private readonly evtTopic: string;
  private readonly startedAtMs: number;
  private session: PresenceSession | null = null;
  private state: 'created' | 'running' | 'stopping' | 'stopped' | 'crashed' = 'created';

  constructor(options: AgentOptions, log: Logger, parts: AgentParts) {
    const { tenantId, deviceId } = options;
    const seed = parts.seed;
    const timeScale = options.timeScale ?? DEFAULTS.timeScale;
    this.log = log;
    this.device = { tenantId, deviceId };
    this.clock = options.clock ?? systemClock;
    this.startedAtMs = this.clock.now();
    this.deviceClock = new DeviceClock(this.startedAtMs);
    this.outbox = parts.outbox;
    this.journal = parts.journal;
    this.statusTopic = deviceTopic(tenantId, deviceId, 'status');
    this.evtTopic = deviceTopic(tenantId, deviceId, 'evt');
    const emit: AgentEventListener = (event) => this.emit(event);

    const simulated = options.dialer ? null : new SimulatedDialer({ seed, timeScale, clock: this.clock });
    this.dialer = options.dialer ?? (simulated as SimulatedDialer);
    this.sensors = options.sensors ?? simulated?.sensors ?? STATIC_SENSORS;
    this.transport = parts.transport;

    this.publisher = new Publisher({
      outbox: this.outbox, transport: this.transport, topic: this.evtTopic,
      windowSize: options.inflightWindow ?? DEFAULTS.inflightWindow, deadLetters: parts.deadLetters,
      retryNoSubscribers: options.retryNoSubscribers ?? true, retryBackoff: DEFAULT_RETRY_BACKOFF,
      clock: this.clock, rng: createRng(deriveSeed(seed, 'retry')), counters: this.counters, emit, log,
    });
    this.sink = new EventSink({
      device: this.device, outbox: this.outbox, deviceClock: this.deviceClock, clock: this.clock,
      maxEvents: options.outboxMaxEvents ?? DEFAULTS.outboxMaxEvents, counters: this.counters, emit,
      onDurable: () => this.publisher.kick(), log,
    });
    this.runner = new CallRunner({
      dialer: this.dialer, sink: this.sink, deviceClock: this.deviceClock, clock: this.clock, timeScale,
      counters: this.counters, emit, log, onLineFree: () => this.autonomous.onLineFree(),
    });
    this.heartbeat = new HeartbeatTimer(this.clock, options.heartbeatIntervalS ?? DEFAULTS.heartbeatIntervalS, () => this.beat());
    this.uploads = new RecordingUploader({
      dialer: this.dialer, sink: this.sink, clock: this.clock, log, seed,
      reannounceMs: (options.recordingReannounceS ?? 600) * 1000, ...(options.uploadPut ? { put: options.uploadPut } : {}),
    });
    this.listeners.add((event) => {
      if (event.type !== 'call-completed' || !event.summary.recording) return;
      const s = event.summary;
      this.uploads.track({ callId: s.callId, taskId: s.taskId, commandId: s.commandId, phoneNumber: s.phoneNumber, callerId: s.callerId }, s.recording!);
    });
    this.commands = new CommandHandler({
      sink: this.sink, journal: this.journal, runner: this.runner, clock: this.clock, counters: this.counters, emit, log, uploads: this.uploads,
      setHeartbeatInterval: (s) => this.heartbeat.setInterval(s),
      onCallDone: (p) => this.track(p),
    });
    const numbers = createRng(deriveSeed(seed, 'numbers'));
    const tasks = createRng(deriveSeed(seed, 'tasks'));
    const taskIds = options.demoTaskIds ?? ['demo'];
    this.autonomous = new AutonomousCaller({
      clock: this.clock, rng: createRng(deriveSeed(seed, 'arrivals')), callsPerMinute: options.callsPerMinute ?? 0,
      lineFree: () => this.runner.activeCallId === null,
      place: () => this.placeDemoCall(randomChineseMobile(numbers), taskIds.length === 0 ? '' : taskIds[uniformInt(tasks, 0, taskIds.length - 1)]!),
    });
  }

  get connected(): boolean {
    return this.transport.connected;
  }

  /** Connects (and keeps reconnecting), starts heartbeats and autonomous calls. */
  start(): void {
    if (this.state !== 'created') throw new Error(`Agent.start in state ${this.state}`);
    this.state = 'running';
    this.transport.start(
      {
        connected: (info) => this.onConnected(info),
        disconnected: () => this.onDisconnected(),
        command: (payload) => (this.state === 'running' ? this.commands.handle(payload) : Promise.resolve()),
      },
      () => this.nextWill(),
    );
    this.heartbeat.start();
    this.autonomous.start();
    this.log.info({ lastSeq: this.outbox.lastSeq(), outboxDepth: this.outbox.size() }, 'agent started');
  }

  /**
   * Places a call exactly as if a MakeCall command had arrived (without a CommandAck). Resolves
   * with the call's summary once all its events are durable in the outbox; rejects with
   * CallRejectedError (LINE_BUSY, OUTBOX_FULL, INVALID_COMMAND).
   */
  placeCall(makeCall: Partial<MakeCallInput> & { phoneNumber: string }, commandId = ''): Promise<CallSummary> {
    const input: MakeCallInput = { taskId: '', callerId: '', scriptId: '', timeoutS: 0, ...makeCall };
    const decision = decideCommand(
      { kind: 'makeCall', commandId: commandId || 'local', issuedAtMs: 0, expiresAtMs: 0, makeCall: input },
      { wallNowMs: this.clock.now(), alreadyHandled: false, activeCallId: this.runner.activeCallId, outboxFull: this.sink.isFull() },
    );
    if (this.state !== 'running' && this.state !== 'created') return Promise.reject(new Error(`agent is ${this.state}`));
    if (decision.kind === 'reject') return Promise.reject(new CallRejectedError(decision.reason));
    return this.track(this.runner.start(input, commandId));
  }

  outboxDepth(): number {
    return this.outbox.size();
  }

  stats(): AgentStats {
    return {
      counters: { ...this.counters },
      outboxDepth: this.outbox.size(),
      inflight: this.publisher.inflight,
      connected: this.transport.connected,
      lastSeq: this.outbox.lastSeq(),
    };
  }

  /** Subscribes to agent events; returns the unsubscribe function. */
  on(listener: AgentEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when every event in the outbox has been acknowledged by the broker. */
  async waitForDrain(timeoutMs = 30_000): Promise<void> {
    await withTimeout(this.publisher.drained(), timeoutMs, `outbox not drained within ${timeoutMs} ms (depth ${this.outbox.size()})`);
  }

  /** Publishes already-encoded envelope bytes on the event topic, bypassing the outbox (tests). */
  publishRaw(payload: Uint8Array): Promise<number> {
    return this.transport.publish(this.evtTopic, payload, { qos: 1 });
  }

  /**
   * Clean shutdown: no new calls or heartbeats; the active call is hung up and its last events
   * written; the outbox gets a short chance to drain; OFFLINE is published; then DISCONNECT.
   */
  async stop(): Promise<void> {
    if (this.state !== 'running' && this.state !== 'created') return;
    this.state = 'stopping';
    this.autonomous.stop();
    this.heartbeat.stop();
    this.uploads.stop();
    this.runner.hangup();
    await settleWithin([...this.calls], STOP_CALL_GRACE_MS);
    if (this.transport.connected) await settleWithin([this.publisher.drained()], STOP_DRAIN_GRACE_MS);
    this.publisher.stop();
    if (this.transport.connected && this.session) {
      await settleWithin([this.transport.publish(this.statusTopic, encodeStatus(this.device, this.session, false), { qos: 1, retain: true })], STOP_DRAIN_GRACE_MS);
    }
    await this.transport.close();
    this.runner.abortAll();
    this.dialer.dispose();
    await this.outbox.close();
    await this.journal.close();
    this.state = 'stopped';
    this.log.info({ counters: this.counters, outboxDepth: this.outbox.size() }, 'agent stopped');
  }

  /**
   * Imitates a killed process: the socket is dropped without DISCONNECT (the broker publishes
   * the will), in-memory state is discarded, appends not yet durable are lost, and the on-disk
   * outbox stays exactly as it is. A new agent on the same directory recovers from it.
   */
  async crash(): Promise<void> {
    if (this.state === 'crashed' || this.state === 'stopped') return;
    this.state = 'crashed';
    this.autonomous.stop();
    this.heartbeat.stop();
    this.uploads.stop();
    this.publisher.stop();
    this.dialer.dispose();
    this.transport.crash();
    this.runner.abortAll();
    if (this.outbox instanceof FileOutbox) await this.outbox.abandon();
    await this.journal.close().catch(() => undefined);
    this.log.warn({ lastSeq: this.outbox.lastSeq() }, 'agent crashed (simulated)');
  }

  private nextWill(): Will {
    this.session = { sessionId: randomUUID(), sinceMs: this.clock.now() };
    return { topic: this.statusTopic, payload: encodeStatus(this.device, this.session, false) };
  }

  private onConnected(info: ConnectInfo): void {
    this.counters.connects++;
    if (this.session) {
      // First on the wire after CONNACK, before any replayed event.
      this.transport.publish(this.statusTopic, encodeStatus(this.device, this.session, true), { qos: 1, retain: true }).then(
        (reasonCode) => {
          if (reasonCode >= 0x80) this.log.warn({ reasonCode }, 'broker refused the ONLINE status');
        },
        (err: unknown) => this.log.debug({ err }, 'ONLINE status not acknowledged'),
      );
    }
    this.emit({ type: 'connected', sessionPresent: info.sessionPresent });
    this.publisher.onConnected(info);
  }

  private onDisconnected(): void {
    if (this.state === 'running') this.counters.disconnects++;
    this.publisher.onDisconnected();
    this.emit({ type: 'disconnected' });
  }

  private beat(): void {
    const s = this.sensors.read();
    const payload = heartbeatPayload({
      batteryPct: s.batteryPct,
      charging: s.charging,
      signalDbm: s.signalDbm,
      signalLevel: s.signalLevel,
      simState: SimState[`SIM_STATE_${s.simState}`],
      lineState: LineState[`LINE_STATE_${this.runner.lineState}`],
      activeCallId: this.runner.activeCallId ?? '',
      uptimeS: Math.floor((this.clock.now() - this.startedAtMs) / 1000),
      outboxDepth: this.outbox.size(),
    });
    this.sink.append('heartbeat', payload).catch(() => undefined);
  }

  private placeDemoCall(phoneNumber: string, taskId: string): boolean {
    if (this.sink.isFull()) {
      this.counters.autonomousSkipped++;
      return false;
    }
    this.track(this.runner.start({ taskId, phoneNumber, callerId: '', scriptId: '', timeoutS: 0 }, ''));
    return true;
  }

  private track(call: Promise<CallSummary>): Promise<CallSummary> {
    this.calls.add(call);
    call.then(
      (summary) => this.log.debug({ callId: summary.callId, cause: summary.cause, talkMs: summary.talkDurationMs }, 'call completed'),
      (err: unknown) => this.log.debug({ err: (err as Error).message }, 'call not completed'),
    ).finally(() => this.calls.delete(call));
    return call;
  }

  private emit(event: AgentEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.log.error({ err, event: event.type }, 'agent event listener threw');
      }
    }
  }
}

const STATIC_SENSORS: DeviceSensors = {
  read: () => ({ batteryPct: 100, charging: true, signalDbm: 0, signalLevel: 0, simState: 'READY' }),
};

async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  if (promises.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(promises),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
