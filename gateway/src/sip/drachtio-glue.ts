// The SIP wire, kept thin: drachtio-server terminates SIP; this connects to its admin port as an
// application, maps each INVITE to plain data for InboundCallService and sends back what it
// decides (final reply, 302 with Contact, or a record-routed proxy to the agent's line). Call ends
// reach us as BYE/CANCEL requests or, for proxied calls, as drachtio CDR events. Started by the
// gateway only when DRACHTIO_HOST is set (start-sip.ts). Reconnection with backoff is
// drachtio-srf's own (150 ms × 1.7 up to retryMaxDelayMs); we log each state change.
import type { Logger } from '../../../common/logger.js';
import { createSipEngine, type SipEngine, type SipRequest, type SipResponse } from './drachtio-facade.js';
import type { InboundCallService, InboundInvite } from './inbound-call-service.js';
import type { SipAnswer } from './sip-routing.js';

export interface GlueOptions {
  host: string;
  port: number;
  secret: string;
  service: InboundCallService;
  log: Logger;
  retryMaxDelayMs?: number;
  engine?: SipEngine;
  /** Each INVITE's outcome (metrics): why, and the status sent (0 = proxied). */
  onInvite?: (reason: string, status: number) => void;
}

export interface GlueHandle {
  connected(): boolean;
  stop(): Promise<void>;
}

/** The header-level view of an INVITE the service needs (names are case-insensitive in SIP). */
export interface InviteMessage {
  callId: string;
  uri: string;
  source_address: string;
  get(name: string): string | undefined;
  has(name: string): boolean;
}

export function inviteOf(req: InviteMessage, at: number): InboundInvite {
  return {
    callId: req.callId || req.get('Call-ID') || '',
    from: req.get('From') ?? '',
    to: req.uri,
    sourceIp: req.source_address,
    userAgent: req.has('User-Agent') ? req.get('User-Agent') ?? null : null,
    pAssertedIdentity: req.has('P-Asserted-Identity') ? req.get('P-Asserted-Identity') ?? null : null,
    at,
  };
}

/** SIP headers of a final reply or redirect (Contact in angle brackets per RFC 3261 §20.10). */
export function replyHeaders(a: Exclude<SipAnswer, { kind: 'proxy' }>): Record<string, string> {
  return a.kind === 'redirect' ? { ...a.headers, Contact: `<${a.contact}>` } : a.headers;
}

export function startDrachtioGlue(o: GlueOptions): GlueHandle {
  const engine = o.engine ?? createSipEngine();
  const log = o.log;
  let up = false;
  let stopped = false;

  engine.on('connect', (err, hostPort) => {
    if (err) return log.warn({ err: err.message }, 'drachtio connect failed; retrying');
    up = true;
    log.info({ hostPort }, 'connected to drachtio-server');
  });
  engine.on('reconnecting', (info) => log.warn({ info }, 'drachtio connection lost; reconnecting'));
  engine.on('close', () => {
    up = false;
    if (!stopped) log.warn('drachtio connection closed');
  });
  engine.on('error', (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'drachtio error'));

  engine.onInvite((req: SipRequest, res: SipResponse) => void handleInvite(req, res));
  engine.onBye((req: SipRequest, res: SipResponse) => {
    res.send(200);
    void end(req.callId || req.get('Call-ID'), 'bye');
  });
  engine.on('cdr:start', (_source, time, _role, msg) => {
    void o.service.answered(msg.get('Call-ID'), Date.parse(time) || Date.now()).catch((err: Error) => log.warn({ err: err.message }, 'could not mark a SIP call answered'));
  });
  engine.on('cdr:stop', (_source, time, _reason, msg) => void end(msg.get('Call-ID'), 'cdr', Date.parse(time) || Date.now()));

  async function end(callId: string, how: string, at = Date.now()): Promise<void> {
    try {
      const d = await o.service.bye(callId, at);
      if (d.action === 'close') log.info({ callId, how, disposition: d.disposition, talkMs: d.talk_ms }, 'inbound call closed');
    } catch (err) {
      log.warn({ callId, how, err: (err as Error).message }, 'could not close a SIP call');
    }
  }

  async function handleInvite(req: SipRequest, res: SipResponse): Promise<void> {
    const data = inviteOf(req as unknown as InviteMessage, Date.now());
    req.on('cancel', () => void end(data.callId, 'cancel'));
    let answer: SipAnswer;
    try {
      const out = await o.service.invite(data);
      answer = out.answer;
      o.onInvite?.(out.reason, answer.kind === 'proxy' ? 0 : answer.status);
    } catch (err) {
      o.onInvite?.('error', 500);
      // Redis down or a failed MULTI: nothing was promised, so the carrier may retry shortly.
      log.error({ callId: data.callId, err: (err as Error).message }, 'inbound INVITE failed');
      res.send(500, 'Server Internal Error', { headers: { 'Retry-After': '5' } });
      return;
    }
    if (answer.kind !== 'proxy') {
      res.send(answer.status, answer.kind === 'redirect' ? 'Moved Temporarily' : answer.reason, { headers: replyHeaders(answer) });
      return;
    }
    try {
      const r = await engine.proxy(req, answer.uri);
      if (r.finalStatus >= 200 && r.finalStatus < 300) await o.service.answered(data.callId, Date.now());
      else await end(data.callId, `proxy ${r.finalStatus}`);
    } catch (err) {
      log.warn({ callId: data.callId, err: (err as Error).message }, 'proxying an inbound call failed');
      await end(data.callId, 'proxy error');
    }
  }

  engine.connect({ host: o.host, port: o.port, secret: o.secret, retryMaxDelayMs: o.retryMaxDelayMs ?? 30_000 });
  return {
    connected: () => up,
    async stop() {
      stopped = true;
      engine.disconnect();
      await o.service.idle();
    },
  };
}
