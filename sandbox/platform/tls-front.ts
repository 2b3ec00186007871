/**
 * The sandbox over TLS, as the real platform is reached: a TCP listener that runs the TLS
 * handshake itself and hands the secure socket to the platform's HTTP server. Doing the handshake
 * here is what lets a scheduled connection fault fail it (faults/kinds.ts), and remembering the
 * raw TCP socket of each TLS one is what lets a fault reset the connection (connection-reset.ts).
 */
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import { rememberTcp } from './connection-reset';
import { connectionFaultKind, type NewConnection } from './faults/kinds';
import type { FaultPlan } from './faults/plan';

export interface TlsIdentity {
  /** PEM private key and certificate chain the sandbox presents. */
  key: string;
  cert: string;
}

export interface TlsFront {
  server: Server;
  close(): Promise<void>;
}

export function tlsFront(identity: TlsIdentity, http: HttpServer, faults: FaultPlan): TlsFront {
  const context = createSecureContext(identity);
  const open = new Set<Socket>();
  const server = createServer((tcp) => {
    open.add(tcp);
    tcp.on('close', () => open.delete(tcp));
    tcp.on('error', () => undefined);
    const connection: NewConnection = {
      tcp,
      handshake: (secureContext: SecureContext) => {
        const secure = new TLSSocket(tcp, { isServer: true, secureContext });
        rememberTcp(secure, tcp);
        // A refused handshake is the client's to report; the HTTP server sees only the sockets that made it.
        secure.on('error', () => undefined);
        http.emit('connection', secure);
      },
    };
    const fault = faults.takeConnection();
    if (fault) connectionFaultKind(fault).strike(fault, connection);
    else connection.handshake(context);
  });
  return {
    server,
    close: () => new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      for (const tcp of open) tcp.destroy();
    }),
  };
}
