// A device's live state hash (written by the gateway, gateway/src/domain/plan-ingest.ts) -> the
// REST shape. Pure.
import { lineStateName, simStateName } from '../../../../warehouse/src/domain/names.js';
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
}

const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
const time = (v: string | undefined): string | null => (v ? new Date(Number(v)).toISOString() : null);

export function presentDevice(deviceId: string, h: Record<string, string>): DeviceDto {
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
  },
};
