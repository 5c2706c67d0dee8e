// First step of ingest: topic + bytes -> an ingest plan, an ignore, or a reject with a code.
import { DeviceEnvelope, DeviceStatus, parseDeviceTopic } from '../../../proto/src/index.js';
import { MAX_PAYLOAD_BYTES, RejectCode } from '../errors.js';
import type { DeviceMessage } from '../domain/device-message.js';
import type { IngestPlan } from '../domain/merge-ops.js';
import { reject, type Rejected } from '../domain/outcome.js';
import { planEnvelope, planStatus, type PlanContext } from '../domain/plan-ingest.js';
import { hasUnknownEnum, validateEnvelope, validateStatus } from '../domain/validate-envelope.js';

export type Decoded =
  | { ok: true; plan: IngestPlan; message: DeviceMessage; unknownEnum: boolean }
  | { ok: 'ignore'; why: string }
  | Rejected;

export function decodeMessage(topic: string, payload: Buffer, ctx: PlanContext): Decoded {
  const where = parseDeviceTopic(topic);
  if (!where || where.kind === 'cmd') return reject(RejectCode.TOPIC_INVALID, 'not a device evt/status topic');
  if (payload.length > MAX_PAYLOAD_BYTES) return reject(RejectCode.PAYLOAD_TOO_LARGE, `${payload.length} bytes > ${MAX_PAYLOAD_BYTES}`);

  if (where.kind === 'status') {
    // An empty retained message is how a device's retained status is cleared.
    if (payload.length === 0) return { ok: 'ignore', why: 'retained status cleared' };
    let status;
    try {
      status = DeviceStatus.decode(payload);
    } catch (err) {
      return reject(RejectCode.DECODE_FAILED, `DeviceStatus: ${(err as Error).message}`);
    }
    const valid = validateStatus(status, where);
    if (!valid.ok) return valid;
    return { ok: true, plan: planStatus(status, payload, ctx.receivedAtMs), message: { kind: 's', status, receivedAtMs: ctx.receivedAtMs }, unknownEnum: false };
  }

  let env;
  try {
    env = DeviceEnvelope.decode(payload);
  } catch (err) {
    return reject(RejectCode.DECODE_FAILED, `DeviceEnvelope: ${(err as Error).message}`);
  }
  const valid = validateEnvelope(env, where, ctx.receivedAtMs);
  if (!valid.ok) return valid;
  const eventIdHex = Buffer.from(env.eventId).toString('hex');
  return {
    ok: true,
    plan: planEnvelope(env, payload, eventIdHex, ctx),
    message: { kind: 'e', envelope: env, receivedAtMs: ctx.receivedAtMs },
    unknownEnum: hasUnknownEnum(env),
  };
}
