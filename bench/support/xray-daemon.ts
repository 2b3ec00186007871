/**
 * A stand-in X-Ray daemon for the bench: a UDP socket on 127.0.0.1 that counts the trace documents
 * the functions send, so "tracing on" is measured with the datagrams really going out (and shown to).
 * It runs in the bench's own process, which idles while the measured children work.
 */
import { createSocket } from 'node:dgram';

export interface XrayDaemon {
  /** For AWS_XRAY_DAEMON_ADDRESS. */
  address: string;
  documents(): number;
  close(): Promise<void>;
}

export async function startXrayDaemon(): Promise<XrayDaemon> {
  const socket = createSocket('udp4');
  let documents = 0;
  socket.on('message', () => {
    documents += 1;
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    documents: () => documents,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
