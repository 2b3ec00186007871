/**
 * What an operator sees of one platform call (lib/upstream/call.ts, observed-attempt.ts), against a
 * scripted stand-in: the warning when a success differs from the catalog's answer schema (platform
 * drift), the X-Ray subsegment of each attempt, and what the conformance command is told of each
 * attempt (`observe`).
 */
import { createSocket, type Socket } from 'node:dgram';
import { bankAccountInquiry, cardStatusChange, type GatewayOperation } from '../../lib/catalog';
import { CredentialStore, parseCredentials } from '../../lib/credentials';
import { resetConfig } from '../../lib/config';
import { KeyCache, sealBody } from '../../lib/protocol';
import { callPlatform, type AttemptSeen } from '../../lib/upstream/call';
import { callWithPolicy } from '../../lib/upstream/policy';
import { testSecret } from '../support/keys';
import { logLines } from '../support/log-lines';
import { answer, scriptedPlatform, scriptedPlatforms } from '../support/scripted-platform';

const keys = new KeyCache();
const { secret, clientPublicKey } = testSecret();
const credentials = parseCredentials(JSON.stringify(secret), 'observability-rules');
const statusChange = { userId: 50000104652, cardNo: '9491339401250765', cardStatus: 'SUSPENDED' };
const DRIFT = 'answer differs from the catalog schema';

const { platform, stopPlatform } = scriptedPlatforms();

const call = (op: GatewayOperation, input: unknown, url: string, observe?: (seen: AttemptSeen) => void) =>
  callPlatform(op, input, { baseUrl: url, credentials, deadline: Date.now() + 5000, keys, ...(observe && { observe }) });

describe('a success that differs from the catalog\'s answer schema', () => {
  it('is answered as the platform sent it, with a warning naming the field (platform drift); a conforming one warns of nothing', async () => {
    const { url } = await platform([answer('000_000', { isAutoRcgAccRegAllowed: 'yes' }), answer('000_000', { isAutoRcgAccRegAllowed: true })]);
    let data: unknown;
    const drifted = await logLines(async () => ({ data } = await call(bankAccountInquiry, { userId: 1 }, url)));
    expect(data).toEqual({ isAutoRcgAccRegAllowed: 'yes' });
    const warning = drifted.lines.find((line) => line.message === DRIFT);
    expect(warning).toMatchObject({ level: 'WARN', operation: 'bankAccountInquiry', mismatches: [{ field: 'isAutoRcgAccRegAllowed', rule: 'type boolean' }] });
    const conforming = await logLines(() => call(bankAccountInquiry, { userId: 1 }, url));
    expect(conforming.lines.filter((line) => line.message === DRIFT)).toEqual([]);
  });
});

describe('each attempt, when the invocation is traced', () => {
  let daemon: Socket;
  let documents: Array<Record<string, any>> = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    daemon = createSocket('udp4');
    daemon.on('message', (message) => documents.push(JSON.parse(message.toString('utf8').split('\n')[1]!)));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    Object.assign(process.env, {
      KONAPLATE_TRACING: 'Active',
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
      _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    });
    resetConfig();
  });
  afterAll(async () => {
    for (const key of ['KONAPLATE_TRACING', 'AWS_XRAY_DAEMON_ADDRESS', '_X_AMZN_TRACE_ID']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    resetConfig();
    await new Promise<void>((resolve) => daemon.close(() => resolve()));
  });
  beforeEach(() => {
    documents = [];
  });

  async function arrived(count: number): Promise<Array<Record<string, any>>> {
    for (let waited = 0; documents.length < count && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    return documents;
  }

  it('answered is a subsegment with the HTTP status and its error flag', async () => {
    const { url, received } = await platform([answer('001_006')]);
    await call(bankAccountInquiry, { userId: 1 }, url).catch(() => undefined);
    const [document] = await arrived(1);
    expect(document).toMatchObject({
      name: 'KONA PLATE',
      http: { request: { method: 'POST', url: `${url}${bankAccountInquiry.path}` }, response: { status: 400 } },
      error: true,
      annotations: { operation: 'bankAccountInquiry', correlation_id: received[0]!.headers['x-km-correlation-id'] },
    });
    expect(document).not.toHaveProperty('fault');
  });

  it('with no answer is a fault naming the failure', async () => {
    const { url } = await platform([answer('000_000')]);
    await stopPlatform();
    await call(bankAccountInquiry, { userId: 1 }, url).catch(() => undefined);
    const [document] = await arrived(1);
    expect(document).toMatchObject({ fault: true, cause: { exceptions: [{ type: 'TransportError', message: 'cannot connect (ECONNREFUSED)' }] } });
    expect(document!.http).not.toHaveProperty('response');
  });
});

describe('the conformance command (observe) is told of each attempt', () => {
  it('what was sent and the answer opened, for an encrypted operation: the key pair it named', async () => {
    const sealed = sealBody('{"response":{"code":"000_000"},"isAutoRcgAccRegAllowed":true}', clientPublicKey, keys);
    const { url } = await platform([{ status: 200, body: sealed }]);
    const seen: AttemptSeen[] = [];
    const encrypted = { ...bankAccountInquiry, encrypted: { request: true, response: true } };
    await call(encrypted, { userId: 1 }, url, (attempt) => seen.push(attempt));
    expect(seen).toEqual([expect.objectContaining({
      operation: 'bankAccountInquiry', sentEncrypted: true, sentCryptoKeyId: secret.cryptoKeys[0]!.id, timeZone: credentials.timeZone,
      answer: expect.objectContaining({ status: 200, body: sealed }), opened: { response: { code: '000_000' }, isAutoRcgAccRegAllowed: true },
    })]);
    expect(seen[0]!.correlationId).toMatch(/^\d{12}-[0-9a-f]{7}$/);
  });

  it('a plain operation names no key pair', async () => {
    const { url } = await platform([answer('000_000')]);
    const seen: AttemptSeen[] = [];
    await call(cardStatusChange, statusChange, url, (attempt) => seen.push(attempt));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ sentEncrypted: false, opened: { response: { code: '000_000' } } });
    expect(seen[0]).not.toHaveProperty('sentCryptoKeyId');
  });

  it('an answer that could not be read, and why; no answer at all, and why — through the retry policy too', async () => {
    const { url } = await platform([{ status: 200, body: '<html>maintenance</html>' }]);
    const seen: AttemptSeen[] = [];
    const store = new CredentialStore({ secretId: 'observability-rules', fetchSecret: async () => JSON.stringify(secret) });
    await callWithPolicy(cardStatusChange, statusChange, { baseUrl: url, credentials, store, deadline: Date.now() + 5000, keys, observe: (attempt) => seen.push(attempt) })
      .catch(() => undefined);
    expect(seen).toEqual([expect.objectContaining({ answer: expect.objectContaining({ status: 200 }), failure: 'answer is not JSON' })]);
    // A stand-in closed before it is ever called: no pooled connection to it, nothing listens.
    const gone = await scriptedPlatform([answer('000_000')]);
    await gone.close();
    seen.length = 0;
    await call(cardStatusChange, statusChange, gone.url, (attempt) => seen.push(attempt)).catch(() => undefined);
    expect(seen).toEqual([expect.objectContaining({ failure: 'cannot connect (ECONNREFUSED)' })]);
    expect(seen[0]).not.toHaveProperty('answer');
  });
});
