// How a device's broker account follows the registry: `local` writes the local stack's
// Mosquitto password file and ACL (deploy/local/broker-accounts.ts, under its file lock) and
// reloads the broker; `none` leaves the broker to whoever manages it (an auth plugin can check
// the `$7$` hash the registry keeps). Passwords pass through here, never into a log or a file.
import type { Config } from '../../../common/config.js';
import { removeDevice, setDevicePassword } from '../../../deploy/local/broker-accounts.js';

export interface BrokerProvisioner {
  readonly kind: Config['deviceProvisioner'];
  /** Creates or re-enables the account with this password; the previous one stops working. */
  setPassword(tenantId: string, deviceId: string, password: string, passwordHash: string): Promise<void>;
  /** Removes the account; a connected device is disconnected. Idempotent. */
  revoke(tenantId: string, deviceId: string): Promise<void>;
}

export class ProvisioningError extends Error {
  constructor(readonly operation: 'setPassword' | 'revoke', readonly tenantId: string, readonly deviceId: string, cause: unknown) {
    super(`broker ${operation} failed for device ${tenantId}/${deviceId}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ProvisioningError';
  }
}

type LocalConfig = Pick<Config, 'dataDir' | 'mqttPort' | 'mqttGatewayUsername'>;

export class LocalBrokerProvisioner implements BrokerProvisioner {
  readonly kind = 'local' as const;
  constructor(private readonly config: LocalConfig) {}

  async setPassword(tenantId: string, deviceId: string, password: string, passwordHash: string): Promise<void> {
    try {
      await setDevicePassword(this.config, tenantId, deviceId, password, passwordHash);
    } catch (err) {
      throw new ProvisioningError('setPassword', tenantId, deviceId, err);
    }
  }

  async revoke(tenantId: string, deviceId: string): Promise<void> {
    try {
      await removeDevice(this.config, tenantId, deviceId);
    } catch (err) {
      throw new ProvisioningError('revoke', tenantId, deviceId, err);
    }
  }
}

export class NoBrokerProvisioner implements BrokerProvisioner {
  readonly kind = 'none' as const;
  async setPassword(): Promise<void> {}
  async revoke(): Promise<void> {}
}

export function createProvisioner(config: Pick<Config, 'deviceProvisioner'> & LocalConfig): BrokerProvisioner {
  return config.deviceProvisioner === 'local' ? new LocalBrokerProvisioner(config) : new NoBrokerProvisioner();
}
