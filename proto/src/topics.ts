// MQTT topic layout of the device contract (proto/README.md). Tenant and device ids are
// restricted to a safe alphabet so that they can never contain MQTT wildcards or separators.

export const TOPIC_ROOT = 'cunke/v1';
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export type DeviceTopicKind = 'evt' | 'cmd' | 'status';

export interface DeviceTopic {
  tenantId: string;
  deviceId: string;
  kind: DeviceTopicKind;
}

export function deviceTopic(tenantId: string, deviceId: string, kind: DeviceTopicKind): string {
  return `${TOPIC_ROOT}/${tenantId}/dev/${deviceId}/${kind}`;
}

/** The filter a gateway subscribes to for one kind, across all tenants and devices. */
export function allDevicesFilter(kind: DeviceTopicKind): string {
  return `${TOPIC_ROOT}/+/dev/+/${kind}`;
}

/** MQTT 5 shared subscription, so N gateway instances split the load. */
export function sharedFilter(group: string, kind: DeviceTopicKind): string {
  return `$share/${group}/${allDevicesFilter(kind)}`;
}

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** Parses a device topic; null when it is not one of ours. */
export function parseDeviceTopic(topic: string): DeviceTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 6 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT || parts[3] !== 'dev') return null;
  const [, , tenantId, , deviceId, kind] = parts as [string, string, string, string, string, string];
  if (kind !== 'evt' && kind !== 'cmd' && kind !== 'status') return null;
  if (!isValidId(tenantId) || !isValidId(deviceId)) return null;
  return { tenantId, deviceId, kind };
}
