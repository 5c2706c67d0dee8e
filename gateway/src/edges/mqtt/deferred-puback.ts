// Deferred PUBACK: lets one broker connection keep receiving while earlier messages are still
// being made durable, and sends each message's PUBACK only once it is.
//
// Why: mqtt.js parses a connection's next packet only after the previous message's handler
// has called back, and it sends the PUBACK from inside that callback. Acking after durable
// work therefore serialises the connection: one message per Redis round trip (~3k/s measured
// here with 16 connections, see docs/benchmarks.md). So the handler calls back at once, and
// this class holds back the PUBACK mqtt.js then tries to send until the pipeline reports the
// message durable. The broker's in-flight window (our Receive Maximum) bounds how many
// messages can be waiting, which is the backpressure.
//
// Safety: PUBACKs belong to one network connection. A message whose connection closed before
// it became durable is never acknowledged on a later connection (its packet id may by then
// name another message); the broker redelivers it on the resumed session instead, and the
// event-id dedupe absorbs the repeat.
//
// This wraps mqtt.js's internal `_sendPacket` (mqtt 5.16, pinned in package.json); the unit
// test pins the behaviour so an upgrade that changes it fails loudly.
import type { MqttClient } from 'mqtt';

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: (err?: Error) => void, ...rest: unknown[]) => void;

interface Waiting {
  durable: boolean;
  /** The PUBACK mqtt.js asked to send, held until the message is durable. */
  packet: { cmd: string; messageId?: number } | null;
}

export class DeferredPubacks {
  private generation = 0;
  private readonly waiting = new Map<number, Waiting>();
  private readonly send: SendPacket;

  constructor(private readonly client: MqttClient) {
    const internal = client as unknown as { _sendPacket: SendPacket };
    if (typeof internal._sendPacket !== 'function') throw new Error('mqtt.js internals changed: _sendPacket missing; see deferred-puback.ts');
    this.send = internal._sendPacket.bind(client);
    internal._sendPacket = (packet, cb, ...rest) => {
      const w = packet.cmd === 'puback' && packet.messageId !== undefined ? this.waiting.get(packet.messageId) : undefined;
      if (!w || w.durable) {
        if (w) this.waiting.delete(packet.messageId!);
        this.send(packet, cb, ...rest);
        return;
      }
      w.packet = packet;
      cb?.(); // let mqtt.js go on to the next packet
    };
    client.on('close', () => {
      this.generation++;
      this.waiting.clear();
    });
  }

  /** Messages received and not yet acknowledged on the current connection. */
  get size(): number {
    return this.waiting.size;
  }

  /**
   * Registers a QoS 1 message before its handler calls back; returns the function to call once
   * it is durable.
   */
  hold(messageId: number): () => void {
    const generation = this.generation;
    const entry: Waiting = { durable: false, packet: null };
    this.waiting.set(messageId, entry);
    return () => {
      if (generation !== this.generation || this.waiting.get(messageId) !== entry) return;
      entry.durable = true;
      if (!entry.packet) return; // mqtt.js has not asked yet; it will, and be let through
      this.waiting.delete(messageId);
      // Only on the connection that received it: mqtt.js would queue it for the next one.
      if (this.client.connected) this.send(entry.packet);
    };
  }
}
