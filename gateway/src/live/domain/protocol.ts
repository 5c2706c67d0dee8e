// The live hub's wire protocol (docs/live-protocol.md): client requests, server messages, error
// and close codes. Pure: parsing and encoding only.
import type { Identified, LiveDelta } from './deltas.js';
import type { SnapshotData } from './snapshot.js';
import { parseTopic, topicName, type TopicRef } from './topics.js';

export const SUBPROTOCOL = 'cunke.live.v1';
/** Browsers pass their token as a second subprotocol `bearer.<token>` (they cannot set headers). */
export const BEARER_PROTOCOL_PREFIX = 'bearer.';
export const LIVE_PATH = '/live';
export const MAX_CLIENT_MESSAGE_BYTES = 4096;
export const MAX_TOPICS_PER_CONNECTION = 64;

export const LiveError = {
  /** Not JSON, not an object, or an unknown `op`. */
  BAD_MESSAGE: 'LIVE_ERR_BAD_MESSAGE',
  /** `topic` is not tenant | device/<id> | task/<id> | call/<id>. */
  BAD_TOPIC: 'LIVE_ERR_BAD_TOPIC',
  /** The credential does not allow this topic. */
  FORBIDDEN: 'LIVE_ERR_FORBIDDEN',
  /** More than MAX_TOPICS_PER_CONNECTION subscriptions. */
  TOO_MANY_TOPICS: 'LIVE_ERR_TOO_MANY_TOPICS',
  /** The snapshot could not be read (Redis unavailable); subscribe again later. */
  UNAVAILABLE: 'LIVE_ERR_UNAVAILABLE',
} as const;
export type LiveError = (typeof LiveError)[keyof typeof LiveError];

export const CloseCode = {
  NORMAL: 1000,
  /** The hub is shutting down: reconnect (with backoff) to this or another instance. */
  GOING_AWAY: 1001,
  /** The credential could not be checked (Redis unavailable): reconnect with backoff. */
  TRY_AGAIN_LATER: 1013,
  /** The token expired: get a new one, then reconnect. */
  TOKEN_EXPIRED: 4001,
  /** The key record refuses the credential: unknown or revoked key, disabled user or tenant. */
  UNAUTHORIZED: 4401,
  /** The credential is valid but does not (or no longer) carry live:view. */
  FORBIDDEN: 4403,
} as const;

/** Client requests kept while the credential is being checked after the upgrade. */
export const MAX_QUEUED_REQUESTS = 16;

export type ClientRequest =
  | { op: 'subscribe'; topic: TopicRef; name: string }
  | { op: 'unsubscribe'; topic: TopicRef; name: string }
  | { op: 'ping'; ref?: string };

export type ParsedRequest = { ok: true; request: ClientRequest } | { ok: false; code: LiveError; message: string; topic?: string };

export function parseClientMessage(text: string): ParsedRequest {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return { ok: false, code: LiveError.BAD_MESSAGE, message: 'not JSON' };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { ok: false, code: LiveError.BAD_MESSAGE, message: 'not a JSON object' };
  const { op, topic, ref } = msg as Record<string, unknown>;
  switch (op) {
    case 'ping':
      return { ok: true, request: typeof ref === 'string' && ref.length <= 64 ? { op, ref } : { op } };
    case 'subscribe':
    case 'unsubscribe': {
      const parsed = parseTopic(topic);
      if (!parsed) return { ok: false, code: LiveError.BAD_TOPIC, message: 'topic must be tenant, device/<id>, task/<id> or call/<id>', ...(typeof topic === 'string' ? { topic: topic.slice(0, 80) } : {}) };
      return { ok: true, request: { op, topic: parsed, name: topicName(parsed) } };
    }
    default:
      return { ok: false, code: LiveError.BAD_MESSAGE, message: 'op must be subscribe, unsubscribe or ping' };
  }
}

export interface HelloMessage {
  type: 'hello';
  protocol: typeof SUBPROTOCOL;
  tenantId: string;
  userId: string;
  permissions: string[];
  tickMs: number;
  /** When the credential expires (ISO 8601), null for an API key. */
  expiresAt: string | null;
}

export type ServerMessage =
  | HelloMessage
  | { type: 'snapshot'; topic: string; id: string; data: SnapshotData }
  | { type: 'deltas'; topic: string; deltas: Identified[] }
  | { type: 'resync'; reason: 'slow' | 'gap'; topics: string[] }
  | { type: 'unsubscribed'; topic: string }
  | { type: 'pong'; ref?: string; serverTimeMs: number }
  | { type: 'error'; code: LiveError; message: string; topic?: string };

export const encode = (message: ServerMessage): string => JSON.stringify(message);

/**
 * A deltas frame, built from deltas already serialised once per tick (a delta shared by several
 * topics is stringified once, not once per topic).
 */
export function encodeDeltasFrame(topic: string, serialised: readonly string[]): string {
  return `{"type":"deltas","topic":${JSON.stringify(topic)},"deltas":[${serialised.join(',')}]}`;
}

export function identify<T extends LiveDelta>(delta: T, id: string): Identified<T> {
  return { id, ...delta };
}
