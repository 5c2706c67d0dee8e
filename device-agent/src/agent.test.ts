// The agent end to end over an in-memory transport and a fake clock: command handling, call
// events, heartbeats, presence, outbox-full policy, autonomous mode.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CommandStatus, DeviceCommand, HangupCause, LineState, Presence, type cunke,
} from '../../proto/src/index.js';
import { CallRejectedError } from './agent.js';
import { MemoryTransport } from './edges/memory-transport.js';
import { envelopesOf, startTestAgent, statusesOf, type DecodedEnvelope } from './test-support.js';

const cmd = (props: cunke.device.v1.DeviceCommand.$Properties): Uint8Array => DeviceCommand.encode(props).finish();
const acks = (envs: DecodedEnvelope[]) => envs.filter((e) => e.commandAck).map((e) => e.commandAck as cunke.device.v1.CommandAck);
const callEvents = (envs: DecodedEnvelope[]) => envs.filter((e) => e.call);
const stepOf = (e: DecodedEnvelope): string => e.call?.step ?? '';
const makeCall = (commandId: string, extra: Partial<cunke.device.v1.DeviceCommand.$Properties> = {}) =>
  cmd({ commandId, issuedAtMs: 0, makeCall: { taskId: 'task-7', phoneNumber: '13800138000', callerId: '01088886666' }, ...extra });

describe('agent: presence and heartbeats', () => {
  it('publishes retained ONLINE first; the will is OFFLINE of the same session', async () => {
    const { agent, clock, transport } = await startTestAgent();
    await clock.advance(10);
    const first = transport.published[0];
    assert.ok(first?.topic.endsWith('/t1/dev/d1/status') && first.retain && first.qos === 1);
    const [online] = statusesOf(transport);
    assert.equal(online?.presence, Presence.PRESENCE_ONLINE);
    const will = transport.wills[0];
    assert.ok(will);
    const { DeviceStatus } = await import('../../proto/src/index.js');
    const offline = DeviceStatus.decode(will.payload);
    assert.equal(offline.presence, Presence.PRESENCE_OFFLINE);
    assert.equal(offline.sessionId, online?.sessionId);
    assert.equal(offline.sinceMs, clock.now() - 10);
    await agent.stop();
    const last = statusesOf(transport).pop();
    assert.equal(last?.presence, Presence.PRESENCE_OFFLINE, 'clean shutdown publishes OFFLINE');
  });

  it('sends a heartbeat at start and every interval, with outbox depth and line state', async () => {
    const { agent, clock, transport } = await startTestAgent({ heartbeatIntervalS: 30 });
    await clock.advance(95_000);
    const beats = envelopesOf(transport).filter((e) => e.heartbeat);
    assert.equal(beats.length, 4);
    const hb = beats[0]?.heartbeat;
    assert.equal(hb?.lineState, LineState.LINE_STATE_IDLE);
    assert.equal(hb?.agentVersion, '0.1.0');
    assert.ok((hb?.batteryPct ?? -1) >= 0 && (hb?.batteryPct ?? 101) <= 100);
    assert.equal(beats[3]?.heartbeat?.uptimeS, 90);
    await agent.stop();
  });
});

describe('agent: commands', () => {
  it('MakeCall → ACCEPTED with call_id, then the call events with the MakeCall ids', async () => {
    const { agent, clock, transport } = await startTestAgent();
    await transport.deliverCommand(makeCall('cmd-1'));
    await clock.advanceUntil(() => agent.counters.callsCompleted === 1, 3_600_000, 50);
    await agent.waitForDrain(1000);
    const envs = envelopesOf(transport).filter((e) => !e.heartbeat);
    const [ack] = acks(envs);
    assert.equal(ack?.status, CommandStatus.COMMAND_STATUS_ACCEPTED);
    assert.equal(ack?.commandId, 'cmd-1');
    const calls = callEvents(envs);
    assert.ok(calls.length >= 3);
    assert.equal(envs[0]?.commandAck ? 'ack' : '', 'ack', 'the ack precedes the call events');
    for (const e of calls) {
      assert.equal(e.call?.callId, ack?.callId);
      assert.equal(e.call?.taskId, 'task-7');
      assert.equal(e.call?.commandId, 'cmd-1');
      assert.equal(e.call?.phoneNumber, '13800138000');
      assert.equal(e.call?.direction, 1);
    }
    assert.equal(stepOf(calls[0] as DecodedEnvelope), 'dialing');
    const ended = calls.find((e) => e.call?.ended);
    assert.ok(ended?.call?.ended);
    assert.equal(ended.deviceTimeMs - (calls[0]?.deviceTimeMs ?? 0), ended.call.ended.totalDurationMs, 'device time advances with the durations');
    const seqs = envelopesOf(transport).map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    const ids = new Set(envelopesOf(transport).map((e) => e.eventUuid));
    assert.equal(ids.size, envelopesOf(transport).length, 'fresh event id per envelope');
    await agent.stop();
  });

  it('rejects LINE_BUSY while a call is active, EXPIRED after expires_at', async () => {
    const { agent, clock, transport } = await startTestAgent({ timeScale: 1 });
    await transport.deliverCommand(makeCall('a'));
    await transport.deliverCommand(makeCall('b'));
    await transport.deliverCommand(makeCall('c', { expiresAtMs: clock.now() - 1 }));
    await clock.advance(10);
    const byId = new Map(acks(envelopesOf(transport)).map((a) => [a.commandId, a]));
    assert.equal(byId.get('a')?.status, CommandStatus.COMMAND_STATUS_ACCEPTED);
    assert.equal(byId.get('b')?.status, CommandStatus.COMMAND_STATUS_REJECTED);
    assert.equal(byId.get('b')?.reason, 'LINE_BUSY');
    assert.equal(byId.get('c')?.reason, 'EXPIRED');
    assert.equal(agent.counters.commandsRejected, 2);
    const stopping = agent.stop();
    await clock.advance(100);
    await stopping;
  });

  it('ignores a command id it already handled', async () => {
    const { agent, clock, transport } = await startTestAgent();
    await transport.deliverCommand(cmd({ commandId: 'p1', ping: {} }));
    await transport.deliverCommand(cmd({ commandId: 'p1', ping: {} }));
    await clock.advance(10);
    const pings = acks(envelopesOf(transport)).filter((a) => a.commandId === 'p1');
    assert.equal(pings.length, 1);
    assert.equal(pings[0]?.status, CommandStatus.COMMAND_STATUS_COMPLETED);
    assert.equal(agent.counters.commandsDuplicate, 1);
    await agent.stop();
  });

  it('HangupCall ends the active call: CANCELLED before answer', async () => {
    const { agent, clock, transport } = await startTestAgent({ timeScale: 1 });
    await transport.deliverCommand(makeCall('m1'));
    await clock.advance(500);
    const callId = acks(envelopesOf(transport))[0]?.callId ?? '';
    await transport.deliverCommand(cmd({ commandId: 'h1', hangup: { callId } }));
    await clock.advance(10);
    const envs = envelopesOf(transport);
    const hangupAck = acks(envs).find((a) => a.commandId === 'h1');
    assert.equal(hangupAck?.status, CommandStatus.COMMAND_STATUS_COMPLETED);
    const ended = callEvents(envs).find((e) => e.call?.ended)?.call?.ended;
    assert.equal(ended?.cause, HangupCause.HANGUP_CAUSE_CANCELLED);
    assert.equal(ended?.totalDurationMs, 500);
    assert.equal(agent.counters.callsCompleted, 1);
    await transport.deliverCommand(cmd({ commandId: 'h2', hangup: { callId } }));
    await clock.advance(10);
    assert.equal(acks(envelopesOf(transport)).find((a) => a.commandId === 'h2')?.reason, 'NO_ACTIVE_CALL');
    await agent.stop();
  });

  it('ConfigUpdate changes the heartbeat interval; Ping completes', async () => {
    const { agent, clock, transport } = await startTestAgent({ heartbeatIntervalS: 30 });
    await transport.deliverCommand(cmd({ commandId: 'cfg', configUpdate: { heartbeatIntervalS: 5 } }));
    await clock.advance(20_500);
    assert.equal(envelopesOf(transport).filter((e) => e.heartbeat).length, 1 + 4);
    assert.equal(acks(envelopesOf(transport)).find((a) => a.commandId === 'cfg')?.status, CommandStatus.COMMAND_STATUS_COMPLETED);
    await agent.stop();
  });

  it('an undecodable command is counted and ignored', async () => {
    const { agent, clock, transport } = await startTestAgent();
    await transport.deliverCommand(Buffer.from([0x0a, 0xff, 0xff]));
    await clock.advance(10);
    assert.equal(agent.counters.commandsUndecodable, 1);
    assert.equal(acks(envelopesOf(transport)).length, 0);
    await agent.stop();
  });
});

describe('agent: outbox full policy', () => {
  it('sheds heartbeats, rejects MakeCall with OUTBOX_FULL, still queues a call in progress', async () => {
    const transport = new MemoryTransport(false); // broker unreachable
    const { agent, clock } = await startTestAgent({ outboxMaxEvents: 10, heartbeatIntervalS: 1, timeScale: 1 }, transport);
    await clock.advance(8_500); // heartbeats at t = 0..8 s
    assert.equal(agent.outboxDepth(), 9);
    const call = agent.placeCall({ phoneNumber: '13900001111' }); // admitted at depth 9
    await clock.advanceUntil(() => agent.counters.callsCompleted === 1, 3_600_000, 1000);
    const summary = await call;
    assert.ok(summary.events.length >= 3);
    assert.equal(agent.outboxDepth(), 9 + summary.events.length, 'every step of the started call was queued past the bound');
    assert.ok(agent.counters.heartbeatsShed > 0, 'heartbeats are not queued when full');
    await assert.rejects(agent.placeCall({ phoneNumber: '13900002222' }), (e: unknown) => e instanceof CallRejectedError && e.reason === 'OUTBOX_FULL');
    // A MakeCall command is rejected with an ack, and that ack is queued.
    await transport.deliverCommand(makeCall('full-1'));
    assert.equal(agent.outboxDepth(), 10 + summary.events.length);
    transport.connect();
    await agent.waitForDrain(5000);
    const ack = acks(envelopesOf(transport)).find((a) => a.commandId === 'full-1');
    assert.equal(ack?.status, CommandStatus.COMMAND_STATUS_REJECTED);
    assert.equal(ack?.reason, 'OUTBOX_FULL');
    assert.equal(envelopesOf(transport).filter((e) => e.call?.callId === summary.callId).length, summary.events.length);
    await agent.stop();
  });
});

describe('agent: autonomous mode', () => {
  it('places demo calls at about the configured rate, one at a time', async () => {
    const { agent, clock, transport } = await startTestAgent({ callsPerMinute: 30, timeScale: 0.001 });
    await clock.advance(10 * 60_000);
    const n = agent.counters.callsStarted;
    assert.ok(n > 200 && n < 400, `placed ${n} calls in 10 minutes at 30/min`);
    const dialing = envelopesOf(transport).filter((e) => e.call?.dialing);
    assert.ok(dialing.every((e) => e.call?.taskId === 'demo' && /^1[3-9]\d{9}$/.test(e.call.phoneNumber ?? '')));
    assert.equal(acks(envelopesOf(transport)).length, 0, 'no CommandAck for autonomous calls');
    const stopping = agent.stop();
    await clock.advance(1000);
    await stopping;
  });
  it('tags each demo call with one of the given task ids, every step of it the same', async () => {
    const { agent, clock, transport } = await startTestAgent({ callsPerMinute: 30, timeScale: 0.001, demoTaskIds: ['sim-task-1', 'sim-task-2', 'sim-task-3'] });
    await clock.advance(5 * 60_000);
    const calls = envelopesOf(transport).filter((e) => e.call);
    const byCall = new Map<string, Set<string>>();
    for (const e of calls) byCall.set(e.call!.callId!, (byCall.get(e.call!.callId!) ?? new Set()).add(e.call!.taskId ?? ''));
    assert.ok(byCall.size > 50);
    assert.ok([...byCall.values()].every((tasks) => tasks.size === 1), 'one task per call');
    assert.deepEqual(new Set([...byCall.values()].flatMap((t) => [...t])), new Set(['sim-task-1', 'sim-task-2', 'sim-task-3']));
    const stopping = agent.stop();
    await clock.advance(1000);
    await stopping;
  });
});

describe('agent: crash and restart on the same outbox directory', () => {
  it('replays unacknowledged events, continues seq, and remembers handled commands', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'cunke-agent-crash-'));
    try {
      const offline = new MemoryTransport(false);
      const first = await startTestAgent({ outbox: { dir }, heartbeatIntervalS: 1 }, offline);
      await first.clock.advance(4_500);
      await offline.deliverCommand(cmd({ commandId: 'ping-1', ping: {} }));
      const summary = await (async () => {
        const p = first.agent.placeCall({ phoneNumber: '13700001111', taskId: 'T' });
        await first.clock.advanceUntil(() => first.agent.counters.callsCompleted === 1, 3_600_000, 50);
        return p;
      })();
      const lastSeq = first.agent.stats().lastSeq;
      assert.ok(lastSeq >= 9);
      await first.agent.crash();

      const online = new MemoryTransport(true);
      const second = await startTestAgent({ outbox: { dir }, heartbeatIntervalS: 3600 }, online);
      await second.agent.waitForDrain(5000);
      const envs = envelopesOf(online);
      const replayed = envs.filter((e) => e.seq <= lastSeq).map((e) => e.seq);
      assert.deepEqual(replayed, Array.from({ length: lastSeq }, (_, i) => i + 1), 'every event of the crashed run, in order');
      assert.ok(envs.filter((e) => e.seq > lastSeq).every((e) => e.heartbeat), 'then the new run');
      assert.equal(envs.find((e) => e.seq === lastSeq + 1)?.seq, lastSeq + 1, 'seq continues');
      for (const id of summary.eventIds) assert.ok(envs.some((e) => e.eventUuid === id), `call event ${id} delivered`);
      assert.equal(second.agent.counters.replayed, lastSeq);

      await online.deliverCommand(cmd({ commandId: 'ping-1', ping: {} }));
      assert.equal(second.agent.counters.commandsDuplicate, 1, 'the command journal survived the crash');
      await second.agent.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
