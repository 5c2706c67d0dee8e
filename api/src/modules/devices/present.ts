// A device's live state hash (written by the gateway, gateway/src/domain/plan-ingest.ts) merged
// with its registry entry (api/src/devices/device-registry.ts) -> the REST shape. Pure.
import { DEVICE_REGISTRY_STATUSES } from '../../../../common/call-tasks/model.js';
import { lineStateName, simStateName } from '../../../../warehouse/src/domain/names.js';
import type { RegisteredDevice } from '../../devices/device-registry.js';
import { nullable, isoDateTime, type JsonSchema } from '../../http/schemas.js';

export interface DeviceDto {
  deviceId: string;
  presence: 'ONLINE' | 'OFFLINE' | 'UNKNOWN';
  presenceSince: string | null;
  lastSeenAt: string | null;
  lineState: string;
  activeCallId: string | null;
  batteryPct: number | null;
  charging: boolean | null;
  signalDbm: number | null;
  signalLevel: number | null;
  simState: string | null;
  agentVersion: string | null;
  outboxDepth: number | null;
  /** false: seen on the broker (e.g. a pre-provisioned simulator account) but never registered. */
  registered: boolean;
  name: string | null;
  status: RegisteredDevice['status'] | null;
  labels: Record<string, string>;
  createdAt: string | null;
  updatedAt: string | null;
  credentialVersion: number | null;
  credentialsActive: boolean | null;
}

const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
const time = (v: string | undefined): string | null => (v ? new Date(Number(v)).toISOString() : null);

export function presentDevice(deviceId: string, h: Record<string, string>, reg: RegisteredDevice | null = null): DeviceDto {
  const heartbeat = h.hb_clock !== undefined;
  return {
    deviceId,
    presence: h.presence === 'ONLINE' || h.presence === 'OFFLINE' ? h.presence : 'UNKNOWN',
    presenceSince: time(h.presence_since_ms),
    lastSeenAt: time(h.last_seen_ms),
    lineState: lineStateName(num(h.line_state)) || 'IDLE',
    activeCallId: h.active_call_id || null,
    batteryPct: heartbeat ? num(h.battery_pct) : null,
    charging: heartbeat ? h.charging === '1' : null,
    signalDbm: heartbeat ? num(h.signal_dbm) : null,
    signalLevel: heartbeat ? num(h.signal_level) : null,
    simState: heartbeat ? simStateName(num(h.sim_state)) || null : null,
    agentVersion: h.agent_version || null,
    outboxDepth: heartbeat ? num(h.outbox_depth) : null,
    registered: reg !== null,
    name: reg?.name ?? null,
    status: reg?.status ?? null,
    labels: reg?.labels ?? {},
    createdAt: reg?.createdAt ?? null,
    updatedAt: reg?.updatedAt ?? null,
    credentialVersion: reg?.credentialVersion ?? null,
    credentialsActive: reg?.credentialsActive ?? null,
  };
}

export const deviceSchema: JsonSchema = {
  type: 'object',
  properties: {
    deviceId: { type: 'string' },
    presence: { type: 'string', enum: ['ONLINE', 'OFFLINE', 'UNKNOWN'] },
    presenceSince: nullable(isoDateTime),
    lastSeenAt: nullable(isoDateTime),
    lineState: { type: 'string', description: 'IDLE, DIALING, RINGING, IN_CALL…' },
    activeCallId: nullable({ type: 'string' }),
    batteryPct: nullable({ type: 'integer' }),
    charging: nullable({ type: 'boolean' }),
    signalDbm: nullable({ type: 'integer' }),
    signalLevel: nullable({ type: 'integer' }),
    simState: nullable({ type: 'string' }),
    agentVersion: nullable({ type: 'string' }),
    outboxDepth: nullable({ type: 'integer' }),
    registered: { type: 'boolean', description: 'false: seen on the broker but not in the registry (no name, status or labels)' },
    name: nullable({ type: 'string' }),
    status: { type: ['string', 'null'], enum: [...DEVICE_REGISTRY_STATUSES, null], description: 'DISABLED devices are never dispatched calls' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    createdAt: nullable(isoDateTime),
    updatedAt: nullable(isoDateTime),
    credentialVersion: nullable({ type: 'integer', description: 'Incremented by each password rotation' }),
    credentialsActive: nullable({ type: 'boolean', description: 'false after a disable, until credentials are rotated' }),
  },
};

/** MQTT credentials of a device, in the one response that reveals the password. */
export interface DeviceCredentialsDto {
  username: string;
  /** null in an idempotent replay: the password is shown once. */
  password: string | null;
  mqttUrl: string;
  clientIdHint: string;
  topics: { evt: string; status: string; cmd: string };
}

export const credentialsSchema: JsonSchema = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    password: nullable({ type: 'string', description: 'Shown this once; store it on the device now' }),
    mqttUrl: { type: 'string' },
    clientIdHint: { type: 'string' },
    topics: {
      type: 'object',
      properties: {
        evt: { type: 'string', description: 'publish events here' },
        status: { type: 'string', description: 'publish/read presence here' },
        cmd: { type: 'string', description: 'subscribe to commands here' },
      },
    },
  },
};
