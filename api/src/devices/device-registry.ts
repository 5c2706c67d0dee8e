// The device registry (spec 004 §4.4): register, rename, relabel, disable/enable, rotate the
// broker password. Each change is one Redis MULTI that updates the hash the API and the dialer
// read (`deviceRegistryKeys`) AND appends the new version to the entity feed (dim_device), as
// identity-store.ts does. The broker account is changed through the BrokerProvisioner; the
// password exists only in the response that reveals it (the registry keeps its `$7$` hash).
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { deviceRegistryKeys, type DeviceRegistryStatus } from '../../../common/call-tasks/model.js';
import { ENTITY_STREAM } from '../../../common/feed.js';
import { hashMosquittoPassword } from '../../../deploy/local/broker-accounts.js';
import { entityFeedFields, type DimDeviceRow } from '../../../warehouse/src/domain/entity-rows.js';
import { toDateTime64 } from '../../../warehouse/src/domain/time.js';
import type { BrokerProvisioner } from './provisioner.js';

export type DeviceLabels = Record<string, string>;

export interface RegisteredDevice {
  deviceId: string;
  name: string;
  status: DeviceRegistryStatus;
  labels: DeviceLabels;
  createdAt: string;
  updatedAt: string;
  version: number;
  credentialVersion: number;
  /** false after a disable, until the next rotation issues a new password. */
  credentialsActive: boolean;
}

export class DeviceExistsError extends Error {
  constructor(readonly tenantId: string, readonly deviceId: string) {
    super(`device ${tenantId}/${deviceId} is already registered`);
    this.name = 'DeviceExistsError';
  }
}

export class DeviceDisabledError extends Error {
  constructor(readonly tenantId: string, readonly deviceId: string) {
    super(`device ${tenantId}/${deviceId} is disabled: enable it before issuing credentials`);
    this.name = 'DeviceDisabledError';
  }
}

/** A registration that crashed between reserving the id and completing is taken over after this. */
const STALE_RESERVATION_MS = 60_000;

/** 192 random bits; base64url so it survives any MQTT client's config format. */
export function newDevicePassword(): string {
  return randomBytes(24).toString('base64url');
}

/** Versions increase even when two changes share a millisecond or the clock steps back. */
export function nextVersion(previous: number, nowMs: number): number {
  return Math.max(nowMs, previous + 1);
}

/** The registry hash -> the device; null for a missing or half-made registration. Pure. */
export function parseRegistryHash(deviceId: string, h: Record<string, string>): RegisteredDevice | null {
  if (h.status !== 'ENABLED' && h.status !== 'DISABLED') return null;
  let labels: DeviceLabels = {};
  try {
    const parsed: unknown = JSON.parse(h.labels ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) labels = parsed as DeviceLabels;
  } catch {
    labels = {}; // a hand-edited hash must not break the listing
  }
  return {
    deviceId,
    name: h.name ?? '',
    status: h.status,
    labels,
    createdAt: new Date(Number(h.created_at)).toISOString(),
    updatedAt: new Date(Number(h.updated_at ?? h.created_at)).toISOString(),
    version: Number(h.version ?? 0),
    credentialVersion: Number(h.credential_version ?? 0),
    credentialsActive: (h.password_hash ?? '') !== '',
  };
}

/** The dim_device version row of a registry state. Pure. */
export function deviceRow(tenantId: string, deviceId: string, s: DeviceState, version: number, nowMs: number): DimDeviceRow {
  return {
    tenant_id: tenantId, device_id: deviceId, name: s.name, status: s.status, labels: JSON.stringify(s.labels), credential_version: s.credentialVersion,
    password_hash: s.passwordHash, created_at: toDateTime64(s.createdMs), updated_at: toDateTime64(nowMs), version,
  };
}

export interface DeviceState {
  name: string;
  status: DeviceRegistryStatus;
  labels: DeviceLabels;
  createdMs: number;
  credentialVersion: number;
  passwordHash: string;
}

export class DeviceRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly provisioner: BrokerProvisioner,
    private readonly writer: string,
    private readonly now: () => number = Date.now,
  ) {}

  async get(tenantId: string, deviceId: string): Promise<RegisteredDevice | null> {
    return parseRegistryHash(deviceId, await this.redis.hgetall(deviceRegistryKeys.device(tenantId, deviceId)));
  }

  async ids(tenantId: string): Promise<string[]> {
    return this.redis.smembers(deviceRegistryKeys.index(tenantId));
  }

  async getMany(tenantId: string, deviceIds: readonly string[]): Promise<Map<string, RegisteredDevice>> {
    const pipe = this.redis.pipeline();
    for (const id of deviceIds) pipe.hgetall(deviceRegistryKeys.device(tenantId, id));
    const res = (await pipe.exec()) ?? [];
    const out = new Map<string, RegisteredDevice>();
    deviceIds.forEach((id, i) => {
      const d = parseRegistryHash(id, (res[i]?.[1] ?? {}) as Record<string, string>);
      if (d) out.set(id, d);
    });
    return out;
  }

  /** Registers an ENABLED device with a fresh broker password, returned this once. */
  async register(tenantId: string, input: { deviceId: string; name: string; labels?: DeviceLabels }): Promise<{ device: RegisteredDevice; password: string }> {
    const key = deviceRegistryKeys.device(tenantId, input.deviceId);
    const now = this.now();
    // Reserve the id first so two concurrent registrations cannot both provision the broker.
    if ((await this.redis.hsetnx(key, 'created_at', String(now))) === 0) {
      const h = await this.redis.hgetall(key);
      if (h.status || now - Number(h.created_at) < STALE_RESERVATION_MS) throw new DeviceExistsError(tenantId, input.deviceId);
      await this.redis.hset(key, 'created_at', String(now));
    }
    const password = newDevicePassword();
    const passwordHash = hashMosquittoPassword(password);
    try {
      await this.provisioner.setPassword(tenantId, input.deviceId, password, passwordHash);
    } catch (err) {
      await this.redis.del(key);
      throw err;
    }
    const state: DeviceState = { name: input.name, status: 'ENABLED', labels: input.labels ?? {}, createdMs: now, credentialVersion: 1, passwordHash };
    const device = await this.write(tenantId, input.deviceId, state, 0);
    return { device, password };
  }

  /**
   * Renames, relabels, disables or enables. Disabling revokes the broker account (and
   * disconnects the device); enabling does not restore it: the next rotation issues a new
   * password. A disable is re-applied to the broker even when the registry already says
   * DISABLED, so a retry after a broker failure completes it. Null when not registered.
   */
  async update(tenantId: string, deviceId: string, change: { name?: string; labels?: DeviceLabels; status?: DeviceRegistryStatus }): Promise<RegisteredDevice | null> {
    const prev = await this.state(tenantId, deviceId);
    if (!prev) return null;
    const next: DeviceState = {
      ...prev.state,
      name: change.name ?? prev.state.name,
      labels: change.labels ?? prev.state.labels,
      status: change.status ?? prev.state.status,
    };
    if (next.status === 'DISABLED') next.passwordHash = '';
    // Registry first, so the dialer stops dispatching before the account goes.
    const device = await this.write(tenantId, deviceId, next, prev.version);
    if (change.status === 'DISABLED') await this.provisioner.revoke(tenantId, deviceId);
    return device;
  }

  /** A new password (returned this once); the old one stops working. Null when not registered. */
  async rotate(tenantId: string, deviceId: string): Promise<{ device: RegisteredDevice; password: string } | null> {
    const prev = await this.state(tenantId, deviceId);
    if (!prev) return null;
    if (prev.state.status === 'DISABLED') throw new DeviceDisabledError(tenantId, deviceId);
    const password = newDevicePassword();
    const passwordHash = hashMosquittoPassword(password);
    await this.provisioner.setPassword(tenantId, deviceId, password, passwordHash);
    const device = await this.write(tenantId, deviceId, { ...prev.state, passwordHash, credentialVersion: prev.state.credentialVersion + 1 }, prev.version);
    return { device, password };
  }

  private async state(tenantId: string, deviceId: string): Promise<{ state: DeviceState; version: number } | null> {
    const h = await this.redis.hgetall(deviceRegistryKeys.device(tenantId, deviceId));
    const d = parseRegistryHash(deviceId, h);
    if (!d) return null;
    return {
      version: d.version,
      state: { name: d.name, status: d.status, labels: d.labels, createdMs: Number(h.created_at), credentialVersion: d.credentialVersion, passwordHash: h.password_hash ?? '' },
    };
  }

  private async write(tenantId: string, deviceId: string, s: DeviceState, previousVersion: number): Promise<RegisteredDevice> {
    const now = this.now();
    const version = nextVersion(previousVersion, now);
    const labels = JSON.stringify(s.labels);
    const row = deviceRow(tenantId, deviceId, s, version, now);
    const m = this.redis.multi()
      .hset(deviceRegistryKeys.device(tenantId, deviceId),
        'name', s.name, 'status', s.status, 'labels', labels, 'created_at', String(s.createdMs), 'updated_at', String(now),
        'version', String(version), 'credential_version', String(s.credentialVersion), 'password_hash', s.passwordHash)
      .sadd(deviceRegistryKeys.index(tenantId), deviceId);
    m.xadd(ENTITY_STREAM, '*', ...entityFeedFields('dimDevice', row, now, this.writer));
    await m.exec();
    return {
      deviceId, name: s.name, status: s.status, labels: s.labels, createdAt: new Date(s.createdMs).toISOString(), updatedAt: new Date(now).toISOString(),
      version, credentialVersion: s.credentialVersion, credentialsActive: s.passwordHash !== '',
    };
  }
}
