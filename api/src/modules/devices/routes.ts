// Devices (spec 004 §4.4): GET list/detail merge the registry (name, status, labels) with the
// live presence and line state the gateway keeps in Redis; devices seen on the broker but never
// registered (the simulator's pre-provisioned accounts) are listed with `registered: false`.
// POST registers a device in the caller's tenant and reveals its MQTT credentials once; PATCH
// renames, relabels, disables (revoking the broker account) or enables; POST …/credentials
// rotates the password. A device id is unique per tenant; devices are always registered in the
// caller's own tenant (there is no cross-tenant assignment: a platform operator registers a
// device with a key of the target tenant).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { DEVICE_REGISTRY_STATUSES, type DeviceRegistryStatus } from '../../../../common/call-tasks/model.js';
import { deviceUsername } from '../../../../deploy/local/broker-accounts.js';
import { keys } from '../../../../gateway/src/domain/redis-keys.js';
import { ID_PATTERN, deviceTopic } from '../../../../proto/src/topics.js';
import { DeviceDisabledError, DeviceExistsError, DeviceRegistry, type DeviceLabels, type RegisteredDevice } from '../../devices/device-registry.js';
import { ProvisioningError, createProvisioner } from '../../devices/provisioner.js';
import type { ApiDeps } from '../../deps.js';
import { ApiError, notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, pageOf, pagingQuery, toPage, type PagingParams } from '../../http/schemas.js';
import { credentialsSchema, deviceSchema, presentDevice, type DeviceCredentialsDto, type DeviceDto } from './present.js';

const SORTS = ['deviceId', 'lastSeenAt', 'createdAt', 'name'] as const;
type SortName = (typeof SORTS)[number];

interface ListQuery extends PagingParams<SortName> {
  presence?: 'ONLINE' | 'OFFLINE';
  lineState?: string;
  status?: DeviceRegistryStatus;
  registered?: boolean;
}

/** Paths accept the broker's historical ids ('.' included); registration takes ID_PATTERN only. */
const DEVICE_ID = '^[A-Za-z0-9._-]{1,64}$';
const deviceIdParams = { type: 'object', required: ['deviceId'], properties: { deviceId: { type: 'string', pattern: DEVICE_ID } } };
const labelsSchema = {
  type: 'object', maxProperties: 32,
  propertyNames: { pattern: '^[A-Za-z0-9_.:/-]{1,64}$' },
  additionalProperties: { type: 'string', maxLength: 256 },
};
const nameSchema = { type: 'string', minLength: 1, maxLength: 100 };
const withCredentials = { type: 'object', properties: { ...(deviceSchema.properties as object), credentials: credentialsSchema } };

// The password is shown once: an idempotent replay of a registration returns it as null.
function redactPassword(body: unknown): unknown {
  const b = body as { data?: { credentials?: object } };
  if (!b.data?.credentials) return body;
  return { ...b, data: { ...b.data, credentials: { ...b.data.credentials, password: null } } };
}

export const deviceRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  const registry = new DeviceRegistry(deps.redis, createProvisioner(deps.config), 'api');
  const mqttUrl = deps.config.deviceMqttPublicUrl || deps.config.mqttUrl;

  const credentials = (tenantId: string, deviceId: string, password: string): DeviceCredentialsDto => ({
    username: deviceUsername(tenantId, deviceId),
    password,
    mqttUrl,
    clientIdHint: `dev-${tenantId}-${deviceId}`,
    topics: { evt: deviceTopic(tenantId, deviceId, 'evt'), status: deviceTopic(tenantId, deviceId, 'status'), cmd: deviceTopic(tenantId, deviceId, 'cmd') },
  });

  /** Registry and broker errors -> API errors; the broker's failure is logged (never a password). */
  async function guarded<T>(request: FastifyRequest, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof DeviceExistsError) throw new ApiError('CONFLICT', [], 'a device with this id is already registered in this tenant');
      if (err instanceof DeviceDisabledError) throw new ApiError('CONFLICT', [], 'the device is disabled: enable it first');
      if (err instanceof ProvisioningError) {
        request.log.error({ err: err.message, tenantId: err.tenantId, deviceId: err.deviceId, op: err.operation }, 'broker provisioning failed');
        throw new ApiError('UNAVAILABLE', [], 'the broker could not be updated; retry');
      }
      throw err;
    }
  }

  async function live(tenantId: string, ids: readonly string[]): Promise<Record<string, string>[]> {
    const pipe = deps.redis.pipeline();
    for (const id of ids) pipe.hgetall(keys.device(tenantId, id));
    return ((await pipe.exec()) ?? []).map(([, h]) => (h ?? {}) as Record<string, string>);
  }

  app.get<{ Querystring: ListQuery }>('/devices', {
    config: { permissions: ['device:view'] },
    schema: {
      tags: ['devices'],
      summary: 'Devices of the tenant: registry entry merged with live state',
      querystring: {
        type: 'object',
        properties: {
          presence: { type: 'string', enum: ['ONLINE', 'OFFLINE'] },
          lineState: { type: 'string', enum: ['IDLE', 'DIALING', 'RINGING', 'IN_CALL'] },
          status: { type: 'string', enum: [...DEVICE_REGISTRY_STATUSES] },
          registered: { type: 'boolean' },
          ...pagingQuery(SORTS, 'deviceId'),
        },
      },
      response: { 200: envelope(pageOf(deviceSchema)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const q = request.query;
    const [seen, registeredIds] = await Promise.all([deps.redis.smembers(keys.tenantDevices(p.tenantId)), registry.ids(p.tenantId)]);
    const ids = [...new Set([...seen, ...registeredIds])];
    const [hashes, regs] = await Promise.all([live(p.tenantId, ids), registry.getMany(p.tenantId, registeredIds)]);
    let devices: DeviceDto[] = ids.map((id, i) => presentDevice(id, hashes[i] ?? {}, regs.get(id) ?? null));
    if (q.presence) devices = devices.filter((d) => d.presence === q.presence);
    if (q.lineState) devices = devices.filter((d) => d.lineState === q.lineState);
    if (q.status) devices = devices.filter((d) => d.status === q.status);
    if (q.registered !== undefined) devices = devices.filter((d) => d.registered === q.registered);
    const dir = q.order === 'asc' ? 1 : -1;
    const field = (d: DeviceDto): string => (q.sort === 'lastSeenAt' ? d.lastSeenAt : q.sort === 'createdAt' ? d.createdAt : q.sort === 'name' ? d.name : null) ?? '';
    devices.sort((a, b) => dir * field(a).localeCompare(field(b)) || dir * a.deviceId.localeCompare(b.deviceId));
    const start = (q.page - 1) * q.size;
    return reply.ok(toPage(devices.slice(start, start + q.size), devices.length, q));
  });

  app.get<{ Params: { deviceId: string } }>('/devices/:deviceId', {
    config: { permissions: ['device:view'] },
    schema: {
      tags: ['devices'],
      summary: 'One device: registry entry merged with live state',
      params: deviceIdParams,
      response: { 200: envelope(deviceSchema), ...errorResponses(404) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const id = request.params.deviceId;
    const [member, h, reg] = await Promise.all([
      deps.redis.sismember(keys.tenantDevices(p.tenantId), id), deps.redis.hgetall(keys.device(p.tenantId, id)), registry.get(p.tenantId, id),
    ]);
    if (!member && !reg) throw notFound('device');
    return reply.ok(presentDevice(id, h, reg));
  });

  const detail = async (tenantId: string, device: RegisteredDevice): Promise<DeviceDto> =>
    presentDevice(device.deviceId, await deps.redis.hgetall(keys.device(tenantId, device.deviceId)), device);

  app.post<{ Body: { deviceId: string; name: string; labels?: DeviceLabels } }>('/devices', {
    config: {
      permissions: ['device:manage'],
      audit: { action: 'device.register', resourceType: 'device' },
      idempotency: { redactReplay: redactPassword },
    },
    schema: {
      tags: ['devices'],
      summary: 'Register a device in the caller\'s tenant; the response shows its MQTT password this once',
      body: {
        type: 'object', required: ['deviceId', 'name'], additionalProperties: false,
        properties: { deviceId: { type: 'string', pattern: ID_PATTERN.source }, name: nameSchema, labels: labelsSchema },
      },
      response: { 201: envelope(withCredentials), ...errorResponses(409, 422, 503) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const { deviceId, name, labels } = request.body;
    request.auditResourceId = deviceId;
    const { device, password } = await guarded(request, () => registry.register(p.tenantId, { deviceId, name, labels }));
    return reply.created({ ...(await detail(p.tenantId, device)), credentials: credentials(p.tenantId, deviceId, password) });
  });

  app.patch<{ Params: { deviceId: string }; Body: { name?: string; labels?: DeviceLabels; status?: DeviceRegistryStatus } }>('/devices/:deviceId', {
    config: { permissions: ['device:manage'], audit: { action: 'device.update', resourceType: 'device', resourceParam: 'deviceId' } },
    schema: {
      tags: ['devices'],
      summary: 'Rename, relabel, disable (revokes its broker account and disconnects it) or enable (then rotate its credentials)',
      params: deviceIdParams,
      body: {
        type: 'object', additionalProperties: false, minProperties: 1,
        properties: { name: nameSchema, labels: labelsSchema, status: { type: 'string', enum: [...DEVICE_REGISTRY_STATUSES] } },
      },
      response: { 200: envelope(deviceSchema), ...errorResponses(404, 422, 503) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    request.auditDetail = Object.keys(request.body).sort().map((k) => (k === 'status' ? `status=${request.body.status}` : k)).join(',');
    const device = await guarded(request, () => registry.update(p.tenantId, request.params.deviceId, request.body));
    if (!device) throw notFound('device');
    return reply.ok(await detail(p.tenantId, device));
  });

  app.post<{ Params: { deviceId: string } }>('/devices/:deviceId/credentials', {
    config: { permissions: ['device:manage'], audit: { action: 'device.credentials.rotate', resourceType: 'device', resourceParam: 'deviceId' } },
    schema: {
      tags: ['devices'],
      summary: 'Issue a new MQTT password (shown this once); the previous one stops working at once',
      params: deviceIdParams,
      response: { 201: envelope(withCredentials), ...errorResponses(404, 409, 503) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const rotated = await guarded(request, () => registry.rotate(p.tenantId, request.params.deviceId));
    if (!rotated) throw notFound('device');
    request.auditDetail = `credential_version=${rotated.device.credentialVersion}`;
    return reply.created({ ...(await detail(p.tenantId, rotated.device)), credentials: credentials(p.tenantId, rotated.device.deviceId, rotated.password) });
  });
};
