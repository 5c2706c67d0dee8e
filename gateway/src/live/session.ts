// One dashboard connection of the live hub.
import type { WebSocket } from 'uWebSockets.js';
import type { Principal } from '../../../common/access/resolve-principal.js';
import type { TopicRef } from './domain/topics.js';

/** One topic a session asked for. Replaced (new object) on every resubscribe and resync. */
export interface Subscription {
  ref: TopicRef;
  name: string;
}

/** Who is connected, once the key record confirmed the credential. */
export interface Identity {
  principal: Principal;
  /** Token expiry; null for an API key. */
  expiresAtMs: number | null;
}

export interface Session {
  readonly id: number;
  /** The credential itself, checked after the upgrade and then periodically (revocation, expiry). */
  readonly credential: string;
  /** null once closed: nothing may touch the socket after uWS's close event. */
  ws: WebSocket<UserData> | null;
  /** null until the key record confirmed the credential; requests wait in `queued` until then. */
  identity: Identity | null;
  /** The credential's tenant ('' until confirmed). */
  tenantId: string;
  readonly queued: string[];
  /** Client topic name -> subscription. */
  readonly topics: Map<string, Subscription>;
  /** Cut off from deltas for not reading; resynced once drained. */
  slow: boolean;
}

/** What uWS keeps on the socket: the screened credential, the session from open on. */
export interface UserData {
  credential: string;
  session: Session | null;
}
