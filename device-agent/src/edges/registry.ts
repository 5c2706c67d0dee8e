// The device credentials registry written by the deploy scripts: $CUNKE_DATA_DIR/devices.json,
// an array of {tenantId, deviceId, username, password}. Validated on load; every bad entry is
// reported together.
import { readFile } from 'node:fs/promises';
import { isValidId } from '../../../proto/src/index.js';

export interface DeviceCredential {
  tenantId: string;
  deviceId: string;
  username: string;
  password: string;
}

export class RegistryError extends Error {
  constructor(readonly path: string, readonly problems: string[]) {
    super(`invalid device registry ${path}:\n  ${problems.join('\n  ')}`);
    this.name = 'RegistryError';
  }
}

export function parseDeviceRegistry(json: unknown, path = 'devices.json'): DeviceCredential[] {
  if (!Array.isArray(json)) throw new RegistryError(path, ['top level is not an array']);
  const problems: string[] = [];
  const out: DeviceCredential[] = [];
  json.forEach((item: unknown, i) => {
    const e = item as Partial<Record<keyof DeviceCredential, unknown>> | null;
    if (!e || typeof e !== 'object') {
      problems.push(`[${i}] is not an object`);
      return;
    }
    const bad = (['tenantId', 'deviceId', 'username', 'password'] as const).filter((k) => typeof e[k] !== 'string');
    if (bad.length) {
      problems.push(`[${i}] missing or non-string: ${bad.join(', ')}`);
      return;
    }
    const cred = e as DeviceCredential;
    if (!isValidId(cred.tenantId) || !isValidId(cred.deviceId)) {
      problems.push(`[${i}] tenantId/deviceId must match [A-Za-z0-9_-]{1,64}`);
      return;
    }
    out.push({ tenantId: cred.tenantId, deviceId: cred.deviceId, username: cred.username, password: cred.password });
  });
  if (problems.length) throw new RegistryError(path, problems);
  return out;
}

export async function loadDeviceRegistry(path: string): Promise<DeviceCredential[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new RegistryError(path, ['file not found (the local stack writes it: npm run stack:up)']);
    }
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RegistryError(path, [`not JSON: ${(err as Error).message}`]);
  }
  return parseDeviceRegistry(json, path);
}
