// The slice of drachtio-srf 5 the SIP glue uses, typed. drachtio-srf ships its own declarations
// (lib/@types/index.d.ts) but they omit what we need: the per-method registrars generated at
// runtime from sip-methods (`srf.bye(handler)`), the `reconnect` connect option, the
// `reconnecting`/`close` events and proxyRequest's promise form. This file is the only place that
// touches the library, so an upgrade that changes those is fixed here.
import Srf from 'drachtio-srf';

export type SipRequest = Srf.SrfRequest;
export type SipResponse = Srf.SrfResponse;

export interface ProxyResult {
  finalStatus: number;
}

export interface SipEngine {
  /** Outbound ("inbound connection" in drachtio terms) connection to drachtio-server's admin port; reconnects by itself. */
  connect(o: { host: string; port: number; secret: string; retryMaxDelayMs: number }): void;
  disconnect(): void;
  onInvite(h: (req: SipRequest, res: SipResponse) => void): void;
  onBye(h: (req: SipRequest, res: SipResponse) => void): void;
  proxy(req: SipRequest, uri: string): Promise<ProxyResult>;
  on(event: 'connect', h: (err: Error | null, hostPort: string) => void): void;
  on(event: 'reconnecting' | 'close' | 'error', h: (info: unknown) => void): void;
  /** CDR events of proxied calls (drachtio-server `<cdrs>true</cdrs>`): answered / ended, with the message carrying Call-ID. */
  on(event: 'cdr:start' | 'cdr:stop', h: (source: string, time: string, roleOrReason: string, msg: Srf.SipMessage) => void): void;
}

/** The runtime shape beyond the shipped declarations (see the header). */
interface SrfRuntime {
  bye(h: (req: SipRequest, res: SipResponse) => void): void;
  connect(o: { host: string; port: number; secret: string; reconnect: { retryMaxDelay: number } }): void;
  proxyRequest(req: SipRequest, dest: string, opts: Srf.ProxyRequestOptions): Promise<ProxyResult>;
  on(event: string, h: (...args: never[]) => void): void;
}

/** drachtio-srf 5.0.29 internals used by disconnect() only (app → agent → wire protocol). */
interface AppInternals {
  client?: { wp?: { closing: boolean; reconnectVars?: { retryTimer: NodeJS.Timeout | null } } };
}

export function createSipEngine(): SipEngine {
  const srf = new Srf();
  const rt = srf as unknown as SrfRuntime;
  return {
    connect: (o) => {
      // The shipped typings say Promise; 5.0.29 returns nothing. Connection state arrives as events.
      rt.connect({ host: o.host, port: o.port, secret: o.secret, reconnect: { retryMaxDelay: o.retryMaxDelayMs } });
    },
    disconnect: () => {
      // srf.disconnect() asserts a connected socket and leaves a pending reconnect timer running,
      // so a gateway stopping while drachtio is down would throw and keep retrying. Mark the wire
      // protocol closing (what its own disconnect does first) and cancel the timer.
      const wp = (srf as unknown as { app?: AppInternals }).app?.client?.wp;
      if (wp) {
        wp.closing = true;
        if (wp.reconnectVars?.retryTimer) clearTimeout(wp.reconnectVars.retryTimer);
      }
      try {
        srf.disconnect();
      } catch {
        // Never connected: there is no socket to end.
      }
    },
    onInvite: (h) => srf.invite(h),
    onBye: (h) => rt.bye(h),
    // Record-route keeps drachtio in the dialog, so the call's end shows up as cdr:stop.
    proxy: (req, uri) => rt.proxyRequest(req, uri, { recordRoute: true, remainInDialog: false, followRedirects: false }),
    on: (event: string, h: (...args: never[]) => void) => rt.on(event, h),
  };
}
