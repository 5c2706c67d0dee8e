// GET /api/v1/devices and /{deviceId}: devices with their live presence and line state from
// Redis (the gateway keeps it current). The registry itself (register, rename, credentials) is
// the device-control module's (spec 004 §4.4).
import type { FastifyPluginAsync } from 'fastify';
import { keys } from '../../../../gateway/src/domain/redis-keys.js';
import type { ApiDeps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { requirePrincipal } from '../../http/context.js';
import { envelope, errorResponses, pageOf, pagingQuery, toPage, type PagingParams } from '../../http/schemas.js';
import { deviceSchema, presentDevice, type DeviceDto } from './present.js';

const SORTS = ['deviceId', 'lastSeenAt'] as const;
type SortName = (typeof SORTS)[number];

interface ListQuery extends PagingParams<SortName> {
  presence?: 'ONLINE' | 'OFFLINE';
  lineState?: string;
}

const DEVICE_ID = '^[A-Za-z0-9._-]{1,64}$';

export const deviceRoutes: FastifyPluginAsync<{ deps: ApiDeps }> = async (app, { deps }) => {
  app.get<{ Querystring: ListQuery }>('/devices', {
    config: { permissions: ['device:view'] },
    schema: {
      tags: ['devices'],
      summary: 'Devices of the tenant with live state',
      querystring: {
        type: 'object',
        properties: {
          presence: { type: 'string', enum: ['ONLINE', 'OFFLINE'] },
          lineState: { type: 'string', enum: ['IDLE', 'DIALING', 'RINGING', 'IN_CALL'] },
          ...pagingQuery(SORTS, 'deviceId'),
        },
      },
      response: { 200: envelope(pageOf(deviceSchema)), ...errorResponses(422) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const q = request.query;
    const ids = await deps.redis.smembers(keys.tenantDevices(p.tenantId));
    const pipe = deps.redis.pipeline();
    for (const id of ids) pipe.hgetall(keys.device(p.tenantId, id));
    const hashes = ((await pipe.exec()) ?? []).map(([, h]) => (h ?? {}) as Record<string, string>);
    let devices: DeviceDto[] = ids.map((id, i) => presentDevice(id, hashes[i] ?? {}));
    if (q.presence) devices = devices.filter((d) => d.presence === q.presence);
    if (q.lineState) devices = devices.filter((d) => d.lineState === q.lineState);
    const dir = q.order === 'asc' ? 1 : -1;
    devices.sort((a, b) => dir * (q.sort === 'lastSeenAt' ? (a.lastSeenAt ?? '').localeCompare(b.lastSeenAt ?? '') : 0) || dir * a.deviceId.localeCompare(b.deviceId));
    const start = (q.page - 1) * q.size;
    return reply.ok(toPage(devices.slice(start, start + q.size), devices.length, q));
  });

  app.get<{ Params: { deviceId: string } }>('/devices/:deviceId', {
    config: { permissions: ['device:view'] },
    schema: {
      tags: ['devices'],
      summary: 'One device with live state',
      params: { type: 'object', required: ['deviceId'], properties: { deviceId: { type: 'string', pattern: DEVICE_ID } } },
      response: { 200: envelope(deviceSchema), ...errorResponses(404) },
    },
  }, async (request, reply) => {
    const p = requirePrincipal(request.principal);
    const id = request.params.deviceId;
    const [member, h] = await Promise.all([deps.redis.sismember(keys.tenantDevices(p.tenantId), id), deps.redis.hgetall(keys.device(p.tenantId, id))]);
    if (!member) throw notFound('device');
    return reply.ok(presentDevice(id, h));
  });
};
