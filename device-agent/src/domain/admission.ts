// What the outbox accepts when it is full (AGENT_OUTBOX_MAX_EVENTS, see agentOutboxMaxEvents in
// common/config.ts). A full outbox means the device has been cut off from the broker for a long
// time; we keep what cannot be recreated and shed what can:
//  - heartbeats are not queued: a fresher one follows once the link is back;
//  - new calls are refused (MakeCall -> REJECTED "OUTBOX_FULL", autonomous calls are skipped);
//  - steps of calls already in progress and command acks are always queued, so a started call
//    never loses its record and the gateway learns the fate of every command it sent.
// The outbox may therefore exceed the bound by the remaining steps of at most one call plus the
// acks of the commands that arrive meanwhile (commands only arrive while connected, when the
// outbox drains).

export type EventClass = 'heartbeat' | 'command-ack' | 'call-step';

export function isOutboxFull(depth: number, maxEvents: number): boolean {
  return depth >= maxEvents;
}

export function admitEvent(kind: EventClass, depth: number, maxEvents: number): boolean {
  switch (kind) {
    case 'heartbeat':
      return !isOutboxFull(depth, maxEvents);
    case 'command-ack':
    case 'call-step':
      return true;
    default: {
      const never: never = kind;
      throw new Error(`unknown event class ${String(never)}`);
    }
  }
}
