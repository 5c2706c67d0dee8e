// Which devices a `simulate`/`run` invocation drives: from the credentials registry, or made up
// for an anonymous development broker. Pure.
import type { DeviceCredential } from '../edges/registry.js';

export type Selection = { ok: true; devices: DeviceCredential[] } | { ok: false; problem: string };

export function selectDevices(registry: DeviceCredential[], tenant: string, count: number): Selection {
  const ofTenant = registry.filter((d) => d.tenantId === tenant);
  if (ofTenant.length < count) {
    return { ok: false, problem: `registry has ${ofTenant.length} device(s) of tenant "${tenant}", ${count} requested (provision more, or use --anonymous with an anonymous broker)` };
  }
  return { ok: true, devices: ofTenant.slice(0, count) };
}

export function selectDevice(registry: DeviceCredential[], tenant: string, deviceId: string): Selection {
  const found = registry.find((d) => d.tenantId === tenant && d.deviceId === deviceId);
  return found ? { ok: true, devices: [found] } : { ok: false, problem: `device ${tenant}/${deviceId} is not in the registry` };
}

export function anonymousDevices(tenant: string, count: number, deviceId?: string): DeviceCredential[] {
  const ids = deviceId ? [deviceId] : Array.from({ length: count }, (_, i) => `sim-${String(i + 1).padStart(4, '0')}`);
  return ids.map((id) => ({ tenantId: tenant, deviceId: id, username: `${tenant}.${id}`, password: '' }));
}
