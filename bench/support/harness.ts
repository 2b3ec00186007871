/** What bench/run.ts and bench/profile.ts share: the operations measured, the child-process runner, the Lambda-like environment. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './build';
import type { SandboxProcess } from './sandbox';

export const OUT = path.join(ROOT, 'bench/.out');
export const RESULTS = path.join(ROOT, 'bench/results.json');
export const SECRET_ID = 'konaplate/bench';
export const MEMBER_ID = 50000104652;

export type OpId = 'memberInfo' | 'bankAccountInquiry';
/**
 * floor-sdk: the same floor reading its secret with @aws-sdk/client-secrets-manager (bench/floor/sdk/)
 * the usual way, the minimum a function can be while carrying the SDK the project fixes; floor-sdk-gw:
 * the same as the gateway, on node:http and bundled with the gateway's alias and supported settings.
 */
export type Impl = 'gateway' | 'stock' | 'floor' | 'floor-sdk' | 'floor-sdk-gw';
export const IMPLS: Impl[] = ['gateway', 'stock', 'floor', 'floor-sdk', 'floor-sdk-gw'];
export const IMPL_LABEL: Record<Impl, string> = { gateway: 'gateway', stock: 'stock', floor: 'floor', 'floor-sdk': 'floor(sdk)', 'floor-sdk-gw': 'floor(sdk,gw)' };

export interface BenchOp {
  id: OpId;
  file: string;
  path: string;
  encryptRequest: boolean;
  body: string;
  /** Checks a 200 answer's body is the real one from the sandbox. */
  check: (body: unknown) => boolean;
}

export const OPS: BenchOp[] = [
  {
    id: 'memberInfo',
    file: 'member-info',
    path: '/api/v1/user/info',
    encryptRequest: true,
    body: `{"userId":${MEMBER_ID}}`,
    check: (b) => {
      const info = (b as { userInfo?: { userId?: unknown; loginId?: unknown } } | null)?.userInfo;
      return info?.loginId === 'hong.gildong' && Number(info.userId) === MEMBER_ID;
    },
  },
  {
    id: 'bankAccountInquiry',
    file: 'bank-account-inquiry',
    path: '/api/v1/bankaccounts/inquiry',
    encryptRequest: false,
    body: `{"userId":${MEMBER_ID}}`,
    check: (b) => (b as { bankAccForNormalRcg?: { bankAccount?: unknown } } | null)?.bankAccForNormalRcg?.bankAccount === '04070204123456',
  },
];

export const log = (line: string) => process.stderr.write(`${line}\n`);
export const msSince = (start: number) => Math.round(performance.now() - start);

export interface NodeRun<T> {
  message: T;
  wallMs: number;
}

/** Runs bench/runners/<script> (or an absolute file) in a fresh node (this node binary), config as argv[2]; resolves with its one IPC message. */
export function runNode<T>(script: string, config: unknown, env: NodeJS.ProcessEnv, timeoutMs = 60_000, nodeArgs: string[] = []): Promise<NodeRun<T>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const file = path.isAbsolute(script) ? script : path.join(ROOT, 'bench/runners', script);
    const child = spawn(process.execPath, [...nodeArgs, file, JSON.stringify(config)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let message: (T & { error?: string }) | undefined;
    let wallMs = 0;
    child.on('message', (m) => {
      wallMs = performance.now() - started;
      message = m as T & { error?: string };
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!message) return reject(new Error(`${script} ended (${code ?? signal}) without a result:\n${tail}`));
      if (message.error) return reject(new Error(`${script}: ${message.error}\n${tail}`));
      resolve({ message, wallMs });
    });
  });
}

/** What bench/runners/cold.cjs reports: the answer, and ms since the process started. */
export interface ColdMessage {
  statusCode: number;
  body: string;
  bootMs: number;
  loadMs: number;
  firstCallMs: number;
  totalMs: number;
}

/** One cold start of `bundle` answering `op` in a fresh process; throws unless it is the sandbox's success. */
export async function coldStart(op: BenchOp, bundle: string, env: NodeJS.ProcessEnv, label = bundle, nodeArgs: string[] = []): Promise<NodeRun<ColdMessage>> {
  const run = await runNode<ColdMessage>('cold.cjs', { bundle, event: { path: op.path, body: op.body } }, env, 60_000, nodeArgs);
  const { message } = run;
  if (message.statusCode !== 200 || !op.check(JSON.parse(message.body))) {
    throw new Error(`${label} ${op.id} cold answer is not the sandbox's success: ${message.statusCode} ${message.body}`);
  }
  return run;
}

/** A sampled X-Ray trace header, as the Lambda runtime sets it for an invocation. */
const TRACE_HEADER = 'Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1';

/**
 * What a Lambda gets, and nothing from this shell (no NODE_OPTIONS, no tsx loader): with metrics
 * and tracing on, as a deployed stage runs (issue 8 measures them on). Variants that have neither
 * ignore these variables.
 */
export function lambdaEnv(sandbox: SandboxProcess, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    KONAPLATE_BASE_URL: sandbox.platformUrl,
    KONAPLATE_SECRET_ID: SECRET_ID,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: sandbox.secretsManagerUrl,
    AWS_ACCESS_KEY_ID: 'AKIDLOCALBENCH',
    AWS_SECRET_ACCESS_KEY: 'local-bench-secret',
    AWS_REGION: 'ap-northeast-2',
    // Lambda sets it for an on-demand container; Powertools (the ColdStart metric) reads it.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    POWERTOOLS_SERVICE_NAME: 'konaplate-gateway',
    POWERTOOLS_METRICS_NAMESPACE: 'KonaplateGateway',
    KONAPLATE_STAGE: 'bench',
    KONAPLATE_TRACING: 'Active',
    _X_AMZN_TRACE_ID: TRACE_HEADER,
    AWS_XRAY_DAEMON_ADDRESS: sandbox.xrayDaemonAddress,
    ...extra,
  };
}
