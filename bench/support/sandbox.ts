/** Parent side of bench/support/sandbox-child.ts: start it, ask its Secrets Manager for call counts, stop it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './build';
import { startXrayDaemon } from './xray-daemon';

export interface SandboxProcess {
  platformUrl: string;
  secretsManagerUrl: string;
  /** The bench's stand-in X-Ray daemon (bench/support/xray-daemon.ts), host:port. */
  xrayDaemonAddress: string;
  /** Trace documents it received so far. */
  xrayDocuments(): number;
  child: ChildProcess;
  /** GetSecretValue calls so far for the secret `name`. */
  callsFor(name: string): Promise<number>;
  putSecret(name: string, value: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSandbox(credentialsFile: string, nodeArgs: string[] = []): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'bench/support/sandbox-child.ts'), credentialsFile], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ platformUrl: string; secretsManagerUrl: string }>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`sandbox not ready in 30 s: ${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /BENCH_SANDBOX (\{.*\})\n/.exec(output);
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line[1]!));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited (${code}) before it was ready: ${output}`));
    });
  });
  child.stdout!.resume();
  const sm = ready.secretsManagerUrl;
  const xray = await startXrayDaemon();
  return {
    ...ready,
    xrayDaemonAddress: xray.address,
    xrayDocuments: xray.documents,
    child,
    async callsFor(name) {
      const response = await fetch(`${sm}/__calls`);
      const body = (await response.json()) as { byName: Record<string, number> };
      return body.byName[name] ?? 0;
    },
    async putSecret(name, value) {
      const response = await fetch(`${sm}/__secrets/${encodeURIComponent(name)}`, { method: 'PUT', body: value });
      if (response.status !== 200) throw new Error(`cannot store secret ${name}: ${response.status}`);
    },
    async close() {
      await xray.close();
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.stdin!.end();
      });
    },
  };
}
