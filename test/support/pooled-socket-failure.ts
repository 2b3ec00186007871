import http from 'node:http';
import type { Socket } from 'node:net';

/**
 * The next request sent over a reused (pooled) socket sees that socket fail with `code` as soon as
 * it is handed the socket, before any byte of it was written: what a write into a connection the
 * server had closed gives (EPIPE), or a route lost (EHOSTUNREACH). Loopback stand-ins cannot make
 * these errors on cue, so the socket is destroyed with the error Node would raise. Once; undo with
 * jest.restoreAllMocks().
 */
export function failNextPooledSocket(code: string): { failed: () => boolean } {
  let failed = false;
  const request = http.request.bind(http) as (...args: unknown[]) => http.ClientRequest;
  jest.spyOn(http, 'request').mockImplementation(((...args: unknown[]) => {
    const sent = request(...args);
    sent.once('socket', (socket: Socket) => {
      if (failed || !sent.reusedSocket) return;
      failed = true;
      socket.destroy(Object.assign(new Error(`write ${code}`), { code, syscall: 'write' }));
    });
    return sent;
  }) as typeof http.request);
  return { failed: () => failed };
}
