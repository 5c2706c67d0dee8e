// Step 2b: a decoded DeviceStatus (presence) -> its ods_device_status row.
import { isValidId } from '../../../proto/src/index.js';
import { WH_ERR } from '../errors.js';
import type { DecodedStatus } from './decode-feed-entry.js';
import type { ReceiveMeta } from './map-device-event.js';
import { presenceName } from './names.js';
import { dead, type MapOutcome } from './outcome.js';
import { isStorableTimeMs, toDateTime64 } from './time.js';

export function mapDeviceStatus(status: DecodedStatus, meta: ReceiveMeta): MapOutcome {
  if (!isValidId(status.tenantId)) return dead(WH_ERR.INVALID, 'tenant_id is not a valid id');
  if (!isValidId(status.deviceId)) return dead(WH_ERR.INVALID, 'device_id is not a valid id');
  if (!isStorableTimeMs(status.sinceMs)) return dead(WH_ERR.INVALID, 'since_ms is out of range');
  return {
    type: 'status',
    status: {
      tenant_id: status.tenantId,
      device_id: status.deviceId,
      session_id: status.sessionId,
      presence: presenceName(status.presence),
      since: toDateTime64(status.sinceMs),
      ...(status.agentVersion ? { agent_version: status.agentVersion } : {}),
      received_at: toDateTime64(meta.receivedAtMs),
      gateway_id: meta.gatewayId,
    },
  };
}
