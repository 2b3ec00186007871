/**
 * Resetting the TCP connection under a socket, a TLS one included, so the peer sees ECONNRESET.
 * The TLS front (tls-front.ts) remembers the raw TCP socket of every TLS socket it makes; the
 * faults that break an answer mid-way (faults/) reset through it.
 */
import type { Socket } from 'node:net';

const tcpOf = new WeakMap<Socket, Socket>();

/** Remembers the TCP socket a TLS socket runs on. */
export function rememberTcp(secure: Socket, tcp: Socket): void {
  tcpOf.set(secure, tcp);
}

/** Resets the TCP connection under a socket (a TLS one included): the peer sees ECONNRESET. */
export function resetConnection(socket: Socket): void {
  const tcp = tcpOf.get(socket) ?? socket;
  if (tcp.destroyed) return;
  tcp.resetAndDestroy();
}
