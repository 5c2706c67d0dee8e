// A validated device message as decoded, with when this gateway received it: what runs after
// the message is durable (the live feed) reads it instead of decoding the bytes again.
import type { cunke } from '../../../proto/src/index.js';

export type DeviceMessage =
  | { kind: 'e'; envelope: cunke.device.v1.DeviceEnvelope; receivedAtMs: number }
  | { kind: 's'; status: cunke.device.v1.DeviceStatus; receivedAtMs: number };
