/**
 * The HTTP transport's SigV4 signature, checked two ways: the signer as the client sets it up
 * reproduces AWS's published test suite, and every request the client actually sends carries an
 * Authorization that an independent verifier (written from the algorithm's description, itself
 * checked against the same suite) accepts for execute-api in the client's region — with the
 * caller's credentials, a session token, or the AWS SDK's default chain — and refuses once the body
 * or the key differs. (Offline, serverless-offline accepts any signature, so this is where it is proven.)
 */
import { sigV4Signer } from '../../client/signer';
import { fakeGateway, TEST_CREDENTIALS, type FakeGateway } from '../support/fake-gateway';
import { FORM_CASE_TEXTS, SUITE, SUITE_CASES, type SuiteCase } from '../support/sigv4-vectors';
import { canonicalRequest, parseAuthorization, signature, stringToSign, verify, type SignedRequest } from '../support/sigv4-verifier';
import { KonaplateClient } from '../../client';

const SIGNING_DATE = new Date('2015-08-30T12:36:00Z');

function suiteRequest(c: SuiteCase): SignedRequest {
  const headers: Record<string, string> = { Host: SUITE.host, ...c.headers, 'X-Amz-Date': SUITE.amzDate };
  if (c.sessionToken) headers['X-Amz-Security-Token'] = c.sessionToken;
  return { method: c.method, path: c.path, query: c.query, headers, body: c.body ?? '' };
}

const authorization = (c: SuiteCase) =>
  `AWS4-HMAC-SHA256 Credential=${SUITE.accessKeyId}/20150830/${SUITE.region}/${SUITE.service}/aws4_request, SignedHeaders=${c.signedHeaders}, Signature=${c.signature}`;

describe('the client\'s signer reproduces AWS\'s SigV4 test suite', () => {
  it.each(SUITE_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const credentials = { accessKeyId: SUITE.accessKeyId, secretAccessKey: SUITE.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
    const signed = await sigV4Signer(SUITE.region, credentials, SUITE.service).sign(
      {
        method: c.method, protocol: 'https:', hostname: SUITE.host, path: c.path,
        query: Object.fromEntries(c.query ?? []), headers: { host: SUITE.host, ...c.headers }, body: c.body,
      },
      { signingDate: SIGNING_DATE },
    );
    expect(signed.headers.authorization).toBe(authorization(c));
  });
});

describe('the independent verifier computes the suite\'s signatures', () => {
  it.each(SUITE_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const request = suiteRequest(c);
    const scope = `20150830/${SUITE.region}/${SUITE.service}/aws4_request`;
    expect(signature(SUITE.secretAccessKey, scope, stringToSign(SUITE.amzDate, scope, canonicalRequest(request, c.signedHeaders.split(';'))))).toBe(c.signature);
    expect(verify({ ...request, headers: { ...request.headers, Authorization: authorization(c) } }, SUITE.secretAccessKey)).toBeUndefined();
  });

  it('and its canonical request and string to sign, text for text', () => {
    const c = SUITE_CASES.find((x) => x.name === 'post-x-www-form-urlencoded')!;
    const canonical = canonicalRequest(suiteRequest(c), c.signedHeaders.split(';'));
    expect(canonical).toBe(FORM_CASE_TEXTS.canonicalRequest);
    expect(stringToSign(SUITE.amzDate, '20150830/us-east-1/service/aws4_request', canonical)).toBe(FORM_CASE_TEXTS.stringToSign);
  });
});

describe('what the client sends over HTTP', () => {
  let gateway: FakeGateway;
  beforeEach(async () => {
    gateway = await fakeGateway(() => ({ answer: { isAutoRcgAccRegAllowed: false } }));
  });
  afterEach(() => gateway.close());

  const asSent = (i = 0): SignedRequest => {
    const received = gateway.received[i]!;
    return { method: 'POST', path: '/api/v1/bankaccounts/inquiry', headers: received.headers as SignedRequest['headers'], body: received.text };
  };

  it('is signed for execute-api in the client\'s region, over the body, the content type and the host', async () => {
    const before = Date.now();
    await gateway.client('http').bankAccountInquiry({ userId: 50000104652n });
    const sent = asSent();
    const auth = parseAuthorization(String(sent.headers.authorization));
    expect({ accessKeyId: auth.accessKeyId, region: auth.region, service: auth.service }).toEqual({ accessKeyId: TEST_CREDENTIALS.accessKeyId, region: 'ap-northeast-2', service: 'execute-api' });
    expect(auth.signedHeaders).toEqual(['content-type', 'host', 'x-amz-date']);
    const amzDate = String(sent.headers['x-amz-date']);
    const at = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(verify(sent, TEST_CREDENTIALS.secretAccessKey)).toBeUndefined();
  });

  it('is refused by the verifier once the body, the host or the key differs', async () => {
    await gateway.client('http').bankAccountInquiry({ userId: 50000104652 });
    const sent = asSent();
    expect(verify({ ...sent, body: sent.body.replace('50000104652', '50000104653') }, TEST_CREDENTIALS.secretAccessKey)).toBe('signature does not match');
    expect(verify({ ...sent, headers: { ...sent.headers, host: 'elsewhere.example' } }, TEST_CREDENTIALS.secretAccessKey)).toBe('signature does not match');
    expect(verify(sent, 'another-secret')).toBe('signature does not match');
  });

  it('signs a session token of temporary credentials from a provider', async () => {
    const credentials = async () => ({ ...TEST_CREDENTIALS, sessionToken: 'FwoGZXIvYXdzEJr//////////session' });
    const client = new KonaplateClient({ transport: 'http', baseUrl: gateway.baseUrl, region: 'ap-northeast-2', credentials });
    await client.bankAccountInquiry({ userId: 50000104652 });
    const sent = asSent();
    expect(sent.headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEJr//////////session');
    expect(parseAuthorization(String(sent.headers.authorization)).signedHeaders).toContain('x-amz-security-token');
    expect(verify(sent, TEST_CREDENTIALS.secretAccessKey)).toBeUndefined();
  });

  it('takes credentials from the AWS SDK\'s default chain when none are given (here: the environment)', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFROMTHEENVIRONMT';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret-from-the-environment';
    delete process.env.AWS_SESSION_TOKEN;
    try {
      await new KonaplateClient({ transport: 'http', baseUrl: gateway.baseUrl, region: 'ap-northeast-2' }).bankAccountInquiry({ userId: 50000104652 });
    } finally {
      for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret], ['AWS_SESSION_TOKEN', saved.token]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    const sent = asSent();
    expect(parseAuthorization(String(sent.headers.authorization)).accessKeyId).toBe('AKIAFROMTHEENVIRONMT');
    expect(verify(sent, 'secret-from-the-environment')).toBeUndefined();
  });

  it('keeps a base URL\'s path (a custom domain\'s base path) in front of the operation\'s, signed as sent', async () => {
    const client = new KonaplateClient({ transport: 'http', baseUrl: `${gateway.baseUrl}/konaplate/`, region: 'ap-northeast-2', credentials: TEST_CREDENTIALS });
    await client.bankAccountInquiry({ userId: 50000104652 });
    const received = gateway.received[0]!;
    expect(received.operation).toBe('unknown /konaplate/api/v1/bankaccounts/inquiry');
    expect(verify({ method: 'POST', path: '/konaplate/api/v1/bankaccounts/inquiry', headers: received.headers as SignedRequest['headers'], body: received.text }, TEST_CREDENTIALS.secretAccessKey)).toBeUndefined();
  });
});
