// One DeviceCommand from `.../cmd`: parse, decide (domain/decide-command.ts), act, acknowledge.
// The returned promise settles once the CommandAck and the command id are durable; only then
// does the transport PUBACK the command, so a crash before that point gets it redelivered.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../common/logger.js';
import { decideCommand, type CommandDecision } from '../domain/decide-command.js';
import { commandAckPayload, type CommandAckStatus } from '../domain/envelopes.js';
import { parseCommand, type ParsedCommand } from '../domain/parse-command.js';
import type { Clock } from '../edges/clock.js';
import type { CommandJournal } from '../outbox/command-journal.js';
import type { CallRunner, CallSummary } from './call-runner.js';
import type { AgentCounters, AgentEventListener } from './counters.js';
import type { EventSink } from './event-sink.js';
import type { RecordingUploader } from './recording-uploader.js';

export interface CommandHandlerDeps {
  sink: EventSink;
  journal: CommandJournal;
  runner: CallRunner;
  clock: Clock;
  counters: AgentCounters;
  emit: AgentEventListener;
  log: Logger;
  setHeartbeatInterval: (seconds: number) => void;
  /** Carries out UploadRecording commands (null: the device has no recordings to upload). */
  uploads?: RecordingUploader | null;
  /** A call started by a command finished (or failed): for logging and the CLI. */
  onCallDone: (result: Promise<CallSummary>) => void;
}

export class CommandHandler {
  constructor(private readonly deps: CommandHandlerDeps) {}

  async handle(payload: Uint8Array): Promise<void> {
    const { counters, log } = this.deps;
    counters.commandsReceived++;
    const parsed = parseCommand(payload);
    if (!parsed.ok) {
      counters.commandsUndecodable++;
      log.warn({ error: parsed.error, bytes: payload.length }, 'undecodable command ignored');
      return;
    }
    const command = parsed.command;
    const decision = decideCommand(command, {
      wallNowMs: this.deps.clock.now(),
      alreadyHandled: this.deps.journal.has(command.commandId),
      activeCallId: this.deps.runner.activeCallId,
      outboxFull: this.deps.sink.isFull(),
    });
    this.deps.emit({ type: 'command', commandId: command.commandId, decision: decision.kind, ...(decision.kind === 'reject' ? { reason: decision.reason } : {}) });
    log.info({ commandId: command.commandId, kind: command.kind, decision: decision.kind, reason: decision.kind === 'reject' ? decision.reason : undefined }, 'command');
    if (decision.kind === 'ignore-duplicate') {
      counters.commandsDuplicate++;
      return;
    }
    const ack = this.act(command, decision);
    await Promise.all([ack, this.deps.journal.add(command.commandId)]);
  }

  /** Carries out the decision; returns the durable append of its CommandAck. */
  private act(command: ParsedCommand, decision: Exclude<CommandDecision, { kind: 'ignore-duplicate' }>): Promise<unknown> {
    const ack = (status: CommandAckStatus, reason = '', callId = ''): Promise<unknown> =>
      this.deps.sink.append('command-ack', commandAckPayload(command.commandId, status, reason, callId));
    switch (decision.kind) {
      case 'reject':
        this.deps.counters.commandsRejected++;
        return ack('REJECTED', decision.reason);
      case 'start-call': {
        if (command.kind !== 'makeCall') throw new Error('start-call for a non-MakeCall command');
        const callId = randomUUID();
        // The ack's seq is allocated now, before the dialer reports its first step.
        const accepted = ack('ACCEPTED', '', callId);
        this.deps.onCallDone(this.deps.runner.start(command.makeCall, command.commandId, callId));
        return accepted;
      }
      case 'hangup':
        this.deps.runner.hangup();
        return ack('COMPLETED', '', decision.callId);
      case 'complete':
        return ack('COMPLETED');
      case 'upload': {
        if (command.kind !== 'uploadRecording') throw new Error('upload for a non-UploadRecording command');
        const uploads = this.deps.uploads;
        if (!uploads) return ack('FAILED', 'NO_SUCH_RECORDING', command.upload.callId);
        // Not awaited: an upload may take minutes and must not hold the command queue (the
        // command id is journaled now, so a redelivery is ignored). Its ack follows the upload;
        // a crash meanwhile loses it, and the re-announcement brings a new command.
        void uploads.upload(command.upload).then(
          (r) => ack(r.status, r.reason, command.upload.callId),
          (err: unknown) => {
            this.deps.log.error({ err, commandId: command.commandId }, 'upload crashed');
            return ack('FAILED', 'INTERNAL', command.upload.callId);
          },
        ).catch(() => undefined);
        return Promise.resolve();
      }
      case 'configure':
        if (decision.heartbeatIntervalS !== null) this.deps.setHeartbeatInterval(decision.heartbeatIntervalS);
        if (decision.settings.record_calls !== undefined) this.deps.runner.record = decision.settings.record_calls !== 'false';
        return ack('COMPLETED');
      default: {
        const never: never = decision;
        throw new Error(`unhandled decision ${JSON.stringify(never)}`);
      }
    }
  }
}
