// Builders of device messages and feed entries for the warehouse tests. Envelopes are made with
// the real generated encoder (DeviceEnvelope.encode), exactly as a device would.
import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '../../common/config.js';
import { piiKeysFromHex, type PiiKeys } from '../../common/pii.js';
import { DeviceEnvelope, DeviceStatus, newEventId, type cunke } from '../../proto/src/index.js';
import { singleMessageFields } from '../../common/feed.js';

type CallEventProps = cunke.device.v1.CallEvent.$Properties;

/** PII keys from the environment when set (PII_HASH_KEY / PII_ENC_KEY), else random test keys. */
export function testPiiKeys(): PiiKeys {
  const config = loadConfig();
  if (config.piiHashKey && config.piiEncKey) return piiKeysFromHex(config.piiHashKey, config.piiEncKey);
  return piiKeysFromHex(randomBytes(32).toString('hex'), randomBytes(32).toString('hex'));
}

export interface EnvelopeBase {
  tenantId: string;
  deviceId: string;
  seq: number;
  timeMs: number;
  eventId?: Buffer;
}

/** One envelope with exactly one payload of the oneof. */
function envelope(base: EnvelopeBase, payload: Pick<cunke.device.v1.IDeviceEnvelope, 'call' | 'heartbeat' | 'commandAck'>): Buffer {
  return Buffer.from(
    DeviceEnvelope.encode({
      tenantId: base.tenantId, deviceId: base.deviceId, eventId: base.eventId ?? newEventId(),
      seq: base.seq, deviceTimeMs: base.timeMs, ...payload,
    }).finish(),
  );
}

export const callEnvelope = (base: EnvelopeBase, call: CallEventProps): Buffer => envelope(base, { call });

export const heartbeatEnvelope = (base: EnvelopeBase, heartbeat: cunke.device.v1.Heartbeat.$Properties): Buffer => envelope(base, { heartbeat });

export const commandAckEnvelope = (base: EnvelopeBase, commandAck: cunke.device.v1.CommandAck.$Properties): Buffer => envelope(base, { commandAck });

export function statusMessage(props: cunke.device.v1.DeviceStatus.$Properties): Buffer {
  return Buffer.from(DeviceStatus.encode(props).finish());
}

/** The flat field list of a feed entry (common/feed.ts). */
export function feedFields(kind: 'e' | 's', bytes: Buffer, receivedAtMs: number, gatewayId = 'gw-test'): Buffer[] {
  return singleMessageFields({ id: '', kind, bytes, receivedAtMs, gatewayId });
}

export const randomName = (prefix: string): string => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;

/** Deterministic shuffle (Fisher–Yates over a seeded LCG) so failures reproduce. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
