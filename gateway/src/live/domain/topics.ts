// Live topics: what a dashboard subscribes to. A client names a topic relative to its own
// tenant ('tenant', 'device/<id>', 'task/<id>', 'call/<id>'); the hub prefixes the tenant of the
// client's credential, so no message can name another tenant's topic. Pure.
import { allows, type Permission } from '../../../../common/access/permissions.js';
import type { LiveDelta } from './deltas.js';

export type TopicKind = 'tenant' | 'device' | 'task' | 'call';

export type TopicRef = { kind: 'tenant' } | { kind: 'device' | 'task' | 'call'; id: string };

/** Ids as the ingest path accepts them: at most 64 characters (validate-envelope.ts), no controls. */
const ID = /^[^\u0000-\u001f\u007f]{1,64}$/;

export const MAX_TOPIC_CHARS = 80;

export function parseTopic(name: unknown): TopicRef | null {
  if (typeof name !== 'string' || name.length > MAX_TOPIC_CHARS) return null;
  if (name === 'tenant') return { kind: 'tenant' };
  const slash = name.indexOf('/');
  if (slash < 0) return null;
  const kind = name.slice(0, slash);
  const id = name.slice(slash + 1);
  if ((kind !== 'device' && kind !== 'task' && kind !== 'call') || !ID.test(id)) return null;
  return { kind, id };
}

export function topicName(ref: TopicRef): string {
  return ref.kind === 'tenant' ? 'tenant' : `${ref.kind}/${ref.id}`;
}

/** The uWS topic of a client topic: tenant ids are [A-Za-z0-9_-], so '|' cannot be forged into one. */
export function hubTopic(tenantId: string, name: string): string {
  return `${tenantId}|${name}`;
}

/** Every topic a delta is published on (as client topic names). */
export function topicsOf(delta: LiveDelta): string[] {
  switch (delta.t) {
    case 'device':
      return ['tenant', `device/${delta.deviceId}`];
    case 'call':
      return delta.taskId
        ? ['tenant', `device/${delta.deviceId}`, `call/${delta.callId}`, `task/${delta.taskId}`]
        : ['tenant', `device/${delta.deviceId}`, `call/${delta.callId}`];
    case 'task':
      return ['tenant', `task/${delta.taskId}`];
    case 'recording':
      return ['tenant', `device/${delta.deviceId}`, `call/${delta.callId}`];
    case 'dialer':
      return delta.kind === 'device-cooldown' ? ['tenant', `device/${delta.deviceId}`] : ['tenant', `task/${delta.taskId}`];
    default:
      // A delta type this hub does not know (a newer gateway on the same feed): tenant topic only.
      return ['tenant'];
  }
}

/** Whether a delta belongs on a topic (catch-up filtering; the same rule as topicsOf). */
export function isOnTopic(delta: LiveDelta, ref: TopicRef): boolean {
  switch (ref.kind) {
    case 'tenant':
      return true;
    case 'device':
      return (delta.t === 'device' || delta.t === 'call' || delta.t === 'recording' || (delta.t === 'dialer' && delta.kind === 'device-cooldown')) && delta.deviceId === ref.id;
    case 'call':
      return (delta.t === 'call' || delta.t === 'recording') && delta.callId === ref.id;
    case 'task':
      return (delta.t === 'call' || delta.t === 'task' || (delta.t === 'dialer' && delta.kind === 'task-starved')) && delta.taskId === ref.id;
  }
}

/** What every live topic requires. Finer rules per kind would go here, read by the hub only. */
export const LIVE_PERMISSION: Permission = 'live:view';

export function mayView(permissions: ReadonlySet<string>, _ref: TopicRef): boolean {
  return allows(permissions, [LIVE_PERMISSION]);
}
