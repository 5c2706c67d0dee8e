// The single way an event enters the outbox: admission (domain/admission.ts), a fresh event id,
// the device timestamp, the seq from the outbox, then a nudge to the publisher.
import { bytesToUuid, newEventId } from '../../../proto/src/index.js';
import type { Logger } from '../../../common/logger.js';
import { admitEvent, isOutboxFull, type EventClass } from '../domain/admission.js';
import type { DeviceClock } from '../domain/device-clock.js';
import { encodeEnvelope, type DeviceIdentity, type EnvelopePayload } from '../domain/envelopes.js';
import type { Clock } from '../edges/clock.js';
import { OutboxClosedError, type Outbox } from '../outbox/outbox.js';
import type { AgentCounters, AgentEventListener } from './counters.js';

export interface AppendedEvent {
  seq: number;
  eventId: string;
  deviceTimeMs: number;
}

export interface EventSinkDeps {
  device: DeviceIdentity;
  outbox: Outbox;
  deviceClock: DeviceClock;
  clock: Clock;
  maxEvents: number;
  counters: AgentCounters;
  emit: AgentEventListener;
  /** Called after each durable append (the publisher's kick). */
  onDurable: () => void;
  log: Logger;
}

export class EventSink {
  constructor(private readonly deps: EventSinkDeps) {}

  isFull(): boolean {
    return isOutboxFull(this.deps.outbox.size(), this.deps.maxEvents);
  }

  /**
   * Appends one envelope. The seq is allocated synchronously, so calls made in order get
   * increasing seqs even though durability is awaited. Resolves null when not admitted.
   */
  async append(kind: EventClass, payload: EnvelopePayload, deviceTimeMs?: number): Promise<AppendedEvent | null> {
    const { outbox, counters, deviceClock, clock, device } = this.deps;
    if (!admitEvent(kind, outbox.size(), this.deps.maxEvents)) {
      if (kind === 'heartbeat') counters.heartbeatsShed++;
      return null;
    }
    const eventIdBytes = newEventId();
    const time = deviceTimeMs ?? deviceClock.read(clock.now());
    let encoded: Uint8Array = new Uint8Array();
    try {
      const seq = await outbox.append((s) => {
        encoded = encodeEnvelope(device, { eventId: eventIdBytes, seq: s, deviceTimeMs: time }, payload);
        return encoded;
      });
      const eventId = bytesToUuid(eventIdBytes);
      counters.appended++;
      this.deps.emit({ type: 'appended', seq, eventId, kind, deviceTimeMs: time, payload: encoded });
      this.deps.onDurable();
      return { seq, eventId, deviceTimeMs: time };
    } catch (err) {
      counters.appendErrors++;
      // After close()/crash() a late event has nowhere to go; anything else is a disk problem.
      if (err instanceof OutboxClosedError) this.deps.log.debug({ kind }, 'event dropped: outbox closed');
      else this.deps.log.error({ err, kind }, 'event could not be written to the outbox');
      throw err;
    }
  }
}
