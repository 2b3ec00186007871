/**
 * `npm start` as a new user meets it: the real command in a process group of its own (as a terminal
 * runs a foreground job), on ports of its own. It prints its addresses; the API reference opens in a
 * real browser (Debian's headless Chromium driven by playwright-core) and its "Try it out" gets a 200
 * from the local HTTP API; closing the terminal stops everything. Before that: a port in use, a kill
 * while it starts, and `npm run scenario` with nothing running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { OPERATIONS } from '../../lib/catalog';
import { E2E_PORTS, type Ports } from '../support/local-stack';
import { testLogDir } from '../support/test-log-dir';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
/** Where the screenshot of the reference stays after the run (README "API reference"). */
const ARTIFACTS = path.join(ROOT, '.local/artifacts');

/** Ports beside the other end-to-end stacks' (E2E_PORT_OFFSET moves them all). */
const PORTS: Ports = {
  sandbox: E2E_PORTS.sandbox + 200, secretsManager: E2E_PORTS.secretsManager + 200, dynamodb: E2E_PORTS.dynamodb + 200,
  http: E2E_PORTS.http + 200, lambda: E2E_PORTS.lambda + 200, reference: E2E_PORTS.reference + 200,
  eventBridge: E2E_PORTS.eventBridge + 200, sqs: E2E_PORTS.sqs + 200,
};
const PORT_ENV = {
  SANDBOX_PORT: PORTS.sandbox, SECRETS_MANAGER_PORT: PORTS.secretsManager, DYNAMODB_PORT: PORTS.dynamodb,
  HTTP_PORT: PORTS.http, LAMBDA_PORT: PORTS.lambda, REFERENCE_PORT: PORTS.reference,
  EVENTBRIDGE_PORT: PORTS.eventBridge, SQS_PORT: PORTS.sqs,
};

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  credentials: string;
}

/** `npm start` with the test ports and throwaway sandbox keys, in its own process group. */
function npmStart(env: Record<string, string | number> = {}): Started {
  const credentials = mkdtempSync(path.join(tmpdir(), 'kp-npm-start-'));
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, ...Object.fromEntries(Object.entries({ ...PORT_ENV, ...env }).map(([k, v]) => [k, String(v)])), SANDBOX_CREDENTIALS_DIR: credentials },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited, credentials };
}

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms; output:\n${output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every process descended from pid, whatever group it moved to. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …: comm may hold spaces, so read past its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* ended meanwhile */ }
  }
  const found = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, parent] of parentOf) if (found.has(parent) && !found.has(child)) { found.add(child); grew = true; }
  }
  found.delete(pid);
  return [...found];
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
};

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(false)));
  });
}

const takenPorts = async () => (await Promise.all(Object.values(PORTS).map(async (port) => ((await portTaken(port)) ? port : undefined)))).filter(Boolean);

/**
 * What the stack printed joins the suite's logs for the leak scan, less the banner of examples:
 * fixed text of scripts/start-local.mjs (its sign-up example carries the sandbox fixture password).
 */
function keepForLeakScan(name: string, output: string): void {
  const banner = /\nkonaplate-gateway local stack is up\n[\s\S]*?stops everything\.\n/;
  mkdirSync(testLogDir(), { recursive: true });
  appendFileSync(path.join(testLogDir(), `${name}-${process.pid}.log`), output.replace(banner, '\n'));
}

describe('npm start, used as a person uses it', () => {
  let stack: Started;
  let processes: number[] = [];

  beforeAll(async () => {
    expect(await takenPorts()).toEqual([]);
    stack = npmStart();
    await until('"local stack is up"', () => stack.output().includes('local stack is up'), 200_000, stack.output);
    processes = descendants(stack.child.pid!);
  });

  afterAll(async () => {
    // Whatever a failed test left: stop the group, then anything that escaped it.
    try { process.kill(-stack.child.pid!, 'SIGTERM'); } catch { /* already stopped */ }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([stack.exited, new Promise((resolve) => { timer = setTimeout(resolve, 15_000); })]);
    clearTimeout(timer);
    for (const pid of processes) if (alive(pid)) process.kill(pid, 'SIGKILL');
    keepForLeakScan('npm-start', stack.output());
    rmSync(stack.credentials, { recursive: true, force: true });
  });

  it('prints each address, the API reference among them, and direct-invoke examples for AWS CLI v1 and v2 with region and credentials', () => {
    const printed = stack.output();
    expect(printed).toContain(`HTTP API           http://127.0.0.1:${PORTS.http}`);
    expect(printed).toContain(`API reference      http://127.0.0.1:${PORTS.reference}`);
    expect(printed).toContain(`EventBridge        http://127.0.0.1:${PORTS.eventBridge}`);
    expect(printed).toContain(`the sandbox calls back http://127.0.0.1:${PORTS.http}/callbacks/konaplate`);
    const invokes = printed.split('\n\n').filter((block) => block.includes('aws lambda invoke'));
    expect(invokes.map((block) => block.split('\n')[0]!.trim())).toEqual(['# AWS CLI v2', '# AWS CLI v1 (it sends --payload as given and has no --cli-binary-format)']);
    for (const block of invokes) {
      expect(block).toContain('AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws lambda invoke');
      expect(block).toContain(`--endpoint-url http://127.0.0.1:${PORTS.lambda} --region ap-northeast-2`);
    }
    const command = (block: string) => block.split('\n').slice(1).join('\n');
    expect(command(invokes[0]!)).toContain('--cli-binary-format raw-in-base64-out');
    // v1 refuses the option it does not know.
    expect(command(invokes[1]!)).not.toContain('--cli-binary-format');
  });

  it('refuses a JSON body with a key written twice, over HTTP through serverless-offline, naming the key', async () => {
    const response = await fetch(`http://127.0.0.1:${PORTS.http}/api/v1/user/info`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":50000104652,"userId":1}',
    });
    expect(response.status).toBe(400);
    expect((await response.json() as { error: object }).error).toMatchObject({ type: 'KonaplateInvalidRequest', field: '', rule: 'duplicate key "userId"' });
  });

  it('serves an API reference of all 49 operations whose "Try it out" gets the member-info answer, seen in Chromium', async () => {
    if (!existsSync(CHROMIUM)) {
      const missing = new Error(`${CHROMIUM} is missing: install Debian's Chromium with \`apt-get update && apt-get install -y chromium\` (.ci/run does) and run the tests again`);
      missing.stack = missing.message;
      throw missing;
    }
    const origin = `http://127.0.0.1:${PORTS.reference}`;
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(origin);

      const operations = page.locator('.opblock');
      await operations.first().waitFor({ timeout: 30_000 });
      const listed = await page.locator('.opblock .opblock-summary-operation-id').allTextContents();
      expect(listed.sort()).toEqual(OPERATIONS.map((op) => op.id).sort());
      expect(await operations.count()).toBe(49);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'api-reference.png') });

      const memberInfo = page.locator('#operations-user-memberInfo');
      await memberInfo.locator('.opblock-summary').click();
      await memberInfo.locator('.try-out__btn').click();
      await memberInfo.locator('textarea.body-param__text').fill('{"userId":50000104652}');
      await memberInfo.locator('.execute').click();
      const answer = memberInfo.locator('.live-responses-table .response');
      await answer.locator('.response-col_status').first().waitFor({ timeout: 30_000 });
      expect((await answer.locator('.response-col_status').first().textContent())?.trim()).toBe('200');
      const body = await answer.locator('.response-col_description pre').first().textContent();
      expect(JSON.parse(body ?? '{}')).toMatchObject({ userInfo: { userId: 50000104652, userName: '홍길동' } });

      const shot = path.join(ARTIFACTS, 'api-reference-try-it.png');
      await memberInfo.screenshot({ path: shot });
      expect(statSync(shot).size).toBeGreaterThan(10_000);

      // No CDN, no validator, no font service: the page and its try-it reach this server alone.
      const elsewhere = requested.filter((url) => /^https?:/.test(url) && !url.startsWith(`${origin}/`));
      expect(elsewhere).toEqual([]);
      expect(requested).toContain(`${origin}/api/v1/user/info`);
    } finally {
      await browser?.close();
    }
  });

  it('stops every process it started and frees every port when its terminal closes (SIGHUP to the group)', async () => {
    expect(processes.length).toBeGreaterThanOrEqual(4);
    // The terminal is gone: nothing reads what it writes any more.
    stack.child.stdout!.destroy();
    stack.child.stderr!.destroy();
    process.kill(-stack.child.pid!, 'SIGHUP');
    await until('every process of npm start to end', () => [stack.child.pid!, ...processes].every((pid) => !alive(pid)), 20_000, stack.output);
    expect(await takenPorts()).toEqual([]);
  });
});

describe('npm start, before everything is up', () => {
  let holder: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (holder ? holder.close(resolve) : resolve(undefined)));
    holder = undefined;
  });

  it('a port in use: one line naming it and the variable that moves it, non-zero, before anything is bundled', async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder!.listen(PORTS.http, '127.0.0.1', resolve));
    const started = Date.now();
    const run = npmStart();
    const code = await run.exited;
    rmSync(run.credentials, { recursive: true, force: true });
    const ours = run.output().split('\n').filter((line) => line.trim() && !line.startsWith('>') && !line.startsWith('npm '));
    expect({ code: code !== 0, ours }).toEqual({ code: true, ours: [`port ${PORTS.http} is in use (HTTP_PORT moves it)`] });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(descendants(run.child.pid!)).toEqual([]);
  });

  it('kill (SIGTERM) of npm start while it is still starting stops what had started and frees every port', async () => {
    const run = npmStart();
    try {
      await until('the sandbox', () => run.output().includes('sandbox platform ready'), 60_000, run.output);
      const started = descendants(run.child.pid!);
      expect(started.length).toBeGreaterThanOrEqual(3);
      process.kill(run.child.pid!, 'SIGTERM');
      await until('every process of npm start to end', () => started.every((pid) => !alive(pid)), 20_000, run.output);
      expect(await takenPorts()).toEqual([]);
      expect(run.output()).not.toContain('local stack is up');
    } finally {
      try { process.kill(-run.child.pid!, 'SIGKILL'); } catch { /* ended */ }
      keepForLeakScan('npm-start-killed', run.output());
      rmSync(run.credentials, { recursive: true, force: true });
    }
  });

  it('npm run scenario with the stack down says so, and how to start it', () => {
    const run = spawnSync('npm', ['run', '--silent', 'scenario'], {
      cwd: ROOT, env: { ...process.env, HTTP_PORT: String(PORTS.http), LAMBDA_PORT: String(PORTS.lambda) }, encoding: 'utf8', timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`the local stack is not running: nothing answers at http://127.0.0.1:${PORTS.http} (HTTP API).`);
    expect(run.stderr).toContain('Start it in another terminal with `npm start`');
    expect(run.stderr).not.toContain('fetch failed');
  });
});
