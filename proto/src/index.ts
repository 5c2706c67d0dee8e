// The device contract as TypeScript: generated message classes plus the topic layout.
import './no-long.js';
import { cunke } from '../gen/device.js';

export const v1 = cunke.device.v1;
export type { cunke } from '../gen/device.js';

export const {
  DeviceEnvelope,
  DeviceCommand,
  DeviceStatus,
  CallEvent,
  Heartbeat,
  CommandAck,
  CallDirection,
  HangupCause,
  HangupParty,
  SimState,
  LineState,
  CommandStatus,
  Presence,
} = v1;

export * from './topics.js';
export * from './event-id.js';
export * from './enum-names.js';
