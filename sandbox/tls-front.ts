/**
 * The sandbox over TLS, as the real platform is reached: a TCP listener that runs the TLS
 * handshake itself and hands the secure socket to the platform's HTTP server. Doing the handshake
 * here is what lets a scheduled `tls-handshake` fault fail it (sandbox/faults.ts), and keeping the
 * raw TCP socket of each TLS one is what lets a fault reset the connection (`resetConnection`).
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import type { FaultPlan } from './faults';
import { selfSignedCertificatePem } from './x509';

export interface TlsIdentity {
  /** PEM private key and certificate chain the sandbox presents. */
  key: string;
  cert: string;
}

const tcpOf = new WeakMap<Socket, Socket>();

/** Resets the TCP connection under a socket (a TLS one included): the peer sees ECONNRESET. */
export function resetConnection(socket: Socket): void {
  const tcp = tcpOf.get(socket) ?? socket;
  if (tcp.destroyed) return;
  tcp.resetAndDestroy();
}

let stranger: SecureContext | undefined;

/** A certificate no client trusts, made once per process. */
function strangerContext(): SecureContext {
  if (!stranger) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = selfSignedCertificatePem({ publicKey, privateKey, commonName: 'untrusted KONA PLATE sandbox' });
    stranger = createSecureContext({ key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert });
  }
  return stranger;
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
    const fault = faults.takeConnection();
    if (fault?.how === 'reset') {
      // The client's hello arrived; the connection dies before any answer to it.
      tcp.once('data', () => resetConnection(tcp));
      return;
    }
    const secure = new TLSSocket(tcp, { isServer: true, secureContext: fault ? strangerContext() : context });
    tcpOf.set(secure, tcp);
    // A refused handshake is the client's to report; the HTTP server sees only the sockets that made it.
    secure.on('error', () => undefined);
    http.emit('connection', secure);
  });
  return {
    server,
    close: () => new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      for (const tcp of open) tcp.destroy();
    }),
  };
}
