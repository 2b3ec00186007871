/**
 * The local KONA PLATE: the Open API under /open-api (catalog operations, platform checks and
 * result codes) and the sandbox control API under /__sandbox, on one 127.0.0.1 port, over plain
 * HTTP or, given a certificate, over TLS as the real platform is reached.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { BEHAVIOURS, type Behaviour } from '../behaviours';
import { FIXTURE_MEMBERS, seedFixtures, type FixtureMember } from '../books/fixtures';
import { SandboxState } from '../books/state';
import { closeServer, listen, sendJson } from '../http-io';
import type { ResponseEncryption, SandboxProject } from '../project/project';
import { CallbackSender, type CallbackSettings } from './callbacks/sender';
import { PemKeys } from './compact-jwe';
import { CONTROL_PREFIX, handleControl } from './control-api';
import { DriftPlan } from './drift';
import { FaultPlan } from './faults/plan';
import { handleOpenApi, OPEN_API_PREFIX, type OpenApiContext } from './open-api';
import { RequestLog } from './request-log';
import { tlsFront, type TlsIdentity } from './tls-front';

export type { SandboxCryptoKey, SandboxProject, ResponseEncryption } from '../project/project';

export interface PlatformOptions {
  /** Loopback only: the sandbox has no authentication on its control API. */
  host?: '127.0.0.1';
  /** 0 (the default) takes any free port. */
  port?: number;
  project: SandboxProject;
  /** Largest accepted distance between X-KM-Tran-Time and the sandbox clock; default 5 minutes. */
  maxSkewMs?: number;
  /** First userId registration hands out; default 50000100001n. */
  userIdStart?: bigint;
  /** Members present at start and after each reset; default FIXTURE_MEMBERS. */
  fixtures?: readonly FixtureMember[];
  /** Seal error answers of encrypted operations too (default false: errors in clear). */
  encryptErrors?: boolean;
  /** Answer encryption for every key (a key's own choice wins); default RSA-OAEP-256 + A128GCM. */
  responseEncryption?: Partial<ResponseEncryption>;
  /** The platform clock, for skew checks and dates; default Date.now. */
  now?: () => number;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** How many requests the request record keeps (newest); default 500. */
  requestLogCapacity?: number;
  /** Called with every unexpected error (answered 000_001); default prints it to stderr. */
  onInternalError?: (error: unknown) => void;
  /** Operation behaviours by op.id; default all the sandbox implements. */
  behaviours?: ReadonlyMap<string, Behaviour>;
  /** Serve HTTPS with this key and certificate (for 127.0.0.1) instead of plain HTTP. */
  tls?: TlsIdentity;
  /** The platform's callbacks (callbacks/sender.ts): off until a `url` is given here or through PUT /__sandbox/callbacks. */
  callbacks?: Partial<CallbackSettings>;
  /** The zone the project writes its times in (callbacks' X-KM-Time-Zone); default KST. */
  timeZone?: string;
}

export interface PlatformHandle {
  /** Base URL including the path prefix, e.g. http://127.0.0.1:4010/open-api (https: with `tls`). */
  url: string;
  port: number;
  state: SandboxState;
  requests: RequestLog;
  /** Faults scheduled for the next calls of an operation (also POST /__sandbox/faults). */
  faults: FaultPlan;
  /** Answers made to differ from the catalog until cleared (also POST /__sandbox/drift). */
  drift: DriftPlan;
  /** The callback sender (also /__sandbox/callbacks). */
  callbacks: CallbackSender;
  /** Fixtures back, counters rewound, request record cleared (same as POST /__sandbox/reset). */
  reset(): void;
  close(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<PlatformHandle> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const state = new SandboxState({
    ...(options.userIdStart !== undefined && { userIdStart: options.userIdStart }),
    seed: seedFixtures(options.project.aspId, options.fixtures ?? FIXTURE_MEMBERS),
    now,
  });
  const log = new RequestLog(options.requestLogCapacity);
  const behaviours = options.behaviours ?? BEHAVIOURS;
  const faults = new FaultPlan();
  const drift = new DriftPlan();
  const onInternalError = options.onInternalError ?? ((error: unknown) => console.error('sandbox internal error:', error));
  const keys = new PemKeys();
  const callbacks = new CallbackSender({
    project: options.project, state, now, keys, onInternalError,
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.callbacks === undefined ? {} : { settings: options.callbacks }),
  });
  const reset = () => {
    state.reset();
    log.clear();
    faults.clear();
    drift.clear();
    callbacks.reset();
  };
  const openApi: OpenApiContext = {
    project: options.project,
    state,
    behaviours,
    keys,
    log,
    maxSkewMs: options.maxSkewMs ?? 300_000,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    now,
    encryptErrors: options.encryptErrors ?? false,
    responseEncryption: options.responseEncryption ?? {},
    onInternalError,
    faults,
    drift,
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? '/').split('?', 1)[0]!;
    const handled = pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)
      ? handleControl(req, res, pathname, { state, log, behaviours, reset, onInternalError, faults, drift, tls: options.tls !== undefined, callbacks, now })
      : handleOpenApi(req, res, pathname, openApi);
    handled.catch((error: unknown) => {
      onInternalError(error);
      if (!res.headersSent) sendJson(res, 500, { response: { code: '000_001', description: 'Internal system error.' } });
      else res.destroy();
    });
  });

  const front = options.tls && tlsFront(options.tls, server, faults);
  const port = await listen(front ? front.server : server, host, options.port ?? 0);
  let closing: Promise<void> | undefined;
  return {
    url: `${front ? 'https' : 'http'}://${host}:${port}${OPEN_API_PREFIX}`,
    port,
    state,
    requests: log,
    faults,
    drift,
    callbacks,
    reset,
    close: () => (closing ??= Promise.all([callbacks.close(), front ? front.close() : closeServer(server)]).then(() => undefined)),
  };
}
