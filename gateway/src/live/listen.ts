// uWS listen as a promise, with the port actually bound (for port 0 in tests).
import uWS, { type TemplatedApp, type us_listen_socket } from 'uWebSockets.js';
import { LiveHubListenError } from './errors.js';

export function listen(app: TemplatedApp, host: string, port: number): Promise<{ socket: us_listen_socket; port: number }> {
  return new Promise((resolve, reject) => {
    app.listen(host, port, (socket) => {
      if (socket) resolve({ socket, port: uWS.us_socket_local_port(socket as unknown as uWS.us_socket) });
      else reject(new LiveHubListenError(host, port));
    });
  });
}

export function closeListener(socket: us_listen_socket): void {
  uWS.us_listen_socket_close(socket);
}
