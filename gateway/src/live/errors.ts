// Errors of the live hub's start-up; runtime problems are protocol errors (domain/protocol.ts).

/** The hub could not listen on LIVE_HUB_HOST:LIVE_HUB_PORT (taken, or not an address of this host). */
export class LiveHubListenError extends Error {
  constructor(readonly host: string, readonly port: number) {
    super(`live hub: cannot listen on ${host}:${port} (port in use? set LIVE_HUB_PORT, 0 turns the hub off)`);
    this.name = 'LiveHubListenError';
  }
}
