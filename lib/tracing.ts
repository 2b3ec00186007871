/**
 * X-Ray: each HTTP attempt to the platform is its own subsegment (`KONA PLATE`, namespace `remote`),
 * sent as an independent subsegment document to the X-Ray daemon over UDP — the documented daemon
 * protocol the X-Ray SDKs speak (a `{"format":"json","version":1}` line, then the document), without
 * the SDK's 120 KB and 25+ ms of cold start (README.md § Observability).
 *
 * Only when KONAPLATE_TRACING=Active and the invocation is sampled (the Lambda runtime's trace
 * header: Root, Parent, Sampled=1); the parent is the segment Lambda itself records for the
 * invocation. The document holds the method, URL (origin and path), status and error flags, the
 * operation and the correlation id: never a header value or the body.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:dgram';
import { getXrayTraceDataFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import { config } from './config';
import { scrubString } from './mask';

export const SUBSEGMENT_NAME = 'KONA PLATE';
const DAEMON_HEADER = '{"format":"json","version":1}\n';
const DEFAULT_DAEMON = { host: '127.0.0.1', port: 2000 };

interface TraceParent {
  traceId: string;
  parentId: string;
}

export interface PlatformCallTrace {
  operation: string;
  url: URL;
  correlationId: string | undefined;
}

/** The end of one attempt: the HTTP status it got, or the error that left it without one. */
export type AttemptEnd = { status: number } | { error: Error };

/** The invocation's trace when this function traces actively and the invocation is sampled. */
function activeTrace(): TraceParent | undefined {
  if (!config().tracingActive) return undefined;
  const header = getXrayTraceDataFromEnv();
  if (!header || header.Sampled !== '1' || !header.Root || !header.Parent) return undefined;
  return { traceId: header.Root, parentId: header.Parent };
}

/** AWS_XRAY_DAEMON_ADDRESS: `host:port`, or `tcp:host:port udp:host:port` (the UDP one is used). */
export function daemonAddress(value: string | undefined): { host: string; port: number } {
  const udp = value?.split(/\s+/).find((part) => part.startsWith('udp:'))?.slice(4) ?? value?.trim();
  const match = udp ? /^(.+):(\d+)$/.exec(udp) : null;
  return match ? { host: match[1]!, port: Number(match[2]) } : DEFAULT_DAEMON;
}

let socket: Promise<Socket> | undefined;

/** The UDP socket, opened on first use: a function that never traces never loads node:dgram (~0.7 ms at cold start). */
function daemonSocket(): Promise<Socket> {
  socket ??= import('node:dgram').then(({ createSocket }) => {
    const opened = createSocket('udp4');
    // A lost trace is never worth an error or a process kept alive.
    opened.on('error', () => undefined);
    opened.unref();
    return opened;
  });
  return socket;
}

function send(document: object): void {
  const { host, port } = daemonAddress(config().xrayDaemonAddress);
  const datagram = DAEMON_HEADER + JSON.stringify(document);
  daemonSocket().then((opened) => opened.send(datagram, port, host, () => undefined), () => undefined);
}

const newId = () => randomBytes(8).toString('hex');

/** X-Ray's error flags for an answer: 4xx error (429 also throttle), 5xx fault. */
function statusFlags(status: number): Record<string, true> {
  if (status === 429) return { error: true, throttle: true };
  if (status >= 500) return { fault: true };
  if (status >= 400) return { error: true };
  return {};
}

/**
 * Starts a platform call's subsegment; call the returned function when the attempt ends. Undefined
 * (nothing to do) when the invocation is not traced.
 */
export function tracePlatformCall(call: PlatformCallTrace): ((end: AttemptEnd) => void) | undefined {
  const parent = activeTrace();
  if (!parent) return undefined;
  const startTime = Date.now() / 1000;
  return (end) => {
    try {
      const endTime = Date.now() / 1000;
      const answered = 'status' in end;
      send({
        type: 'subsegment',
        id: newId(),
        trace_id: parent.traceId,
        parent_id: parent.parentId,
        name: SUBSEGMENT_NAME,
        namespace: 'remote',
        start_time: startTime,
        end_time: endTime,
        http: {
          request: { method: 'POST', url: `${call.url.origin}${call.url.pathname}` },
          ...(answered ? { response: { status: end.status } } : {}),
        },
        ...(answered ? statusFlags(end.status) : {
          fault: true,
          cause: { exceptions: [{ id: newId(), type: end.error.name, message: scrubString(end.error.message), remote: true }] },
        }),
        annotations: { operation: call.operation, ...(call.correlationId ? { correlation_id: call.correlationId } : {}) },
      });
    } catch {
      // Tracing never changes an answer.
    }
  };
}
