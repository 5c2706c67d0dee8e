// What an agent counts, and the events it reports to an observer (tests, benchmarks, the CLI
// summary). Counters are plain numbers: the CLI prints them, tests assert on them.
import type { EventClass } from '../domain/admission.js';
import type { CommandDecision } from '../domain/decide-command.js';
import type { PubackVerdict } from '../domain/puback-policy.js';
import type { CallSummary } from './call-runner.js';

export interface AgentCounters {
  /** Events written to the outbox. */
  appended: number;
  /** Append failures (disk errors): these events are lost and logged. */
  appendErrors: number;
  /** Heartbeats not queued because the outbox was full. */
  heartbeatsShed: number;
  /** PUBLISH packets sent for events, replays included. */
  published: number;
  /** Events acknowledged by the broker (success reason code). */
  acked: number;
  /** Publishes of an event sent before (after a reconnect, a retryable refusal, or a restart). */
  replayed: number;
  /** PUBACKs carrying an error reason code (or 0x10 no matching subscribers). */
  pubackErrors: number;
  /** Events moved to the dead-letter file after a permanent refusal. */
  deadLettered: number;
  commandsReceived: number;
  commandsDuplicate: number;
  commandsUndecodable: number;
  commandsRejected: number;
  callsStarted: number;
  callsCompleted: number;
  /** Autonomous calls not placed because the outbox was full. */
  autonomousSkipped: number;
  connects: number;
  disconnects: number;
}

export function newCounters(): AgentCounters {
  return {
    appended: 0, appendErrors: 0, heartbeatsShed: 0, published: 0, acked: 0, replayed: 0,
    pubackErrors: 0, deadLettered: 0, commandsReceived: 0, commandsDuplicate: 0,
    commandsUndecodable: 0, commandsRejected: 0, callsStarted: 0, callsCompleted: 0,
    autonomousSkipped: 0, connects: 0, disconnects: 0,
  };
}

export type AgentEvent =
  | { type: 'appended'; seq: number; eventId: string; kind: EventClass; deviceTimeMs: number; payload: Uint8Array }
  | { type: 'published'; seq: number; attempt: number; replay: boolean }
  | { type: 'acked'; seq: number; reasonCode: number }
  | { type: 'puback-error'; seq: number; reasonCode: number; verdict: PubackVerdict }
  | { type: 'connected'; sessionPresent: boolean }
  | { type: 'disconnected' }
  | { type: 'command'; commandId: string; decision: CommandDecision['kind']; reason?: string }
  | { type: 'call-completed'; summary: CallSummary }
  | { type: 'drained' };

export type AgentEventListener = (event: AgentEvent) => void;
