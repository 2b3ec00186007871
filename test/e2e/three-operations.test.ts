/**
 * End to end through serverless-offline, both ways a caller reaches a function (HTTP API route and
 * direct Lambda invoke), against the sandbox platform and the local Secrets Manager.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { compactDecrypt, importPKCS8 } from 'jose';
import { createHmac } from 'node:crypto';
import { startTestStack, type RunningStack } from '../support/local-stack';

jest.setTimeout(180_000);

let stack: RunningStack;
let lambda: LambdaClient;

const member = (suffix: string) => ({
  loginId: `e2e.${suffix}@example.com`, loginPassword: '480213', birthDate: '19900101', nationality: 'Korean',
  gender: 'Female', userName: '김하늘', email: `e2e.${suffix}@example.com`, mobileNumber: '01055556666',
});

async function http(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${stack.ports.http}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function invoke(functionName: string, payload: unknown) {
  const answer = await lambda.send(new InvokeCommand({
    FunctionName: `konaplate-gateway-local-${functionName}`,
    Payload: Buffer.from(JSON.stringify(payload)),
  }));
  const body = JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8') || 'null');
  return { functionError: answer.FunctionError, body };
}

async function sandbox(path: string, init: RequestInit = {}) {
  const response = await fetch(`http://127.0.0.1:${stack.ports.sandbox}/__sandbox${path}`, init);
  return response.json() as Promise<any>;
}

const recordedRequests = async () => (await sandbox('/requests')).requests as Array<{ path: string; headers: Record<string, string>; body: string; code: string }>;
const secretsManagerCalls = async () => (await (await fetch(`http://127.0.0.1:${stack.ports.secretsManager}/__calls`)).json() as { GetSecretValue: number }).GetSecretValue;

beforeAll(async () => {
  stack = await startTestStack();
  lambda = new LambdaClient({
    endpoint: `http://127.0.0.1:${stack.ports.lambda}`,
    region: 'ap-northeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  lambda?.destroy();
  await stack?.stop();
});

describe('by HTTP API route', () => {
  let userId: number;

  it('registers a member (encrypted both ways) and answers its id and card', async () => {
    const answer = await http('/api/v1/user/registration', member('http'));
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text);
    expect(body).not.toHaveProperty('response');
    expect(body).not.toHaveProperty('encData');
    expect(Number.isSafeInteger(body.userId)).toBe(true);
    expect(body.basicCardInfo.cardNo).toMatch(/^\d{16}$/);
    expect(answer.headers.get('x-km-correlation-id')).toMatch(/^\d{12}-[0-9a-f]{7}$/);
    userId = body.userId;
  });

  it('reads the member back with what was registered', async () => {
    const answer = await http('/api/v1/user/info', { userId });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).userInfo).toMatchObject({
      userId, loginId: 'e2e.http@example.com', userName: '김하늘', birthDate: '19900101', gender: 'Female', aspId: '000170000000000',
    });
  });

  it('reads the member bank accounts once one is registered', async () => {
    expect(JSON.parse((await http('/api/v1/bankaccounts/inquiry', { userId })).text)).toEqual({ isAutoRcgAccRegAllowed: false });
    await sandbox(`/members/${userId}/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'normal', bankAccount: '04070204999888', bankCode: '004', bankName: 'KB국민' }),
    });
    const answer = await http('/api/v1/bankaccounts/inquiry', { userId });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      bankAccForNormalRcg: { bankAccount: '04070204999888', bankCode: '004', bankName: 'KB국민' },
      isAutoRcgAccRegAllowed: true,
    });
  });

  it('sends the platform exactly the bytes it signs, with the documented headers', async () => {
    const { secretKey, accessKey, aspId } = stack.credentials.clientSecret;
    const keyId = stack.credentials.clientSecret.cryptoKeys[0]!.id;
    const requests = await recordedRequests();
    const inquiry = requests.filter((r) => r.path === '/open-api/api/v1/bankaccounts/inquiry').at(-1)!;
    expect(inquiry.body).toBe(`{"userId":${userId}}`);
    const registration = requests.find((r) => r.path === '/open-api/api/v1/user/registration')!;
    expect(registration.body).toMatch(/^\{"encData":"eyJlbmMiOiJBMTI4R0NNIiwiYWxnIjoiUlNBLU9BRVAtMjU2In0\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+"\}$/);
    for (const request of [inquiry, registration]) {
      const h = request.headers;
      expect(h['x-km-user-aspid']).toBe(aspId);
      expect(h['x-km-access-key']).toBe(accessKey);
      expect(h['x-km-crypto-key-id']).toBe(keyId);
      expect(h['x-km-time-zone']).toBe('KST');
      expect(h['content-type']).toBe('application/json');
      const token = /^KMV1:(\d{17}):(.{44})$/.exec(h['x-km-tran-token']!)!;
      expect(token[2]).toBe(createHmac('sha256', secretKey).update(request.body, 'utf8').digest('base64'));
      expect(h['x-km-tran-time']).toBe(token[1]!.slice(0, 14));
      expect(h['x-km-correlation-id']).toBe(`${token[1]!.slice(2, 14)}-${h['x-km-correlation-id']!.slice(13)}`);
      expect(request.code).toBe('000_000');
    }
    // The registration plaintext decrypts with the platform private key, as the platform would.
    const key = await importPKCS8(stack.credentials.project.cryptoKeys[0]!.platformPrivateKey, 'RSA-OAEP-256');
    const { plaintext } = await compactDecrypt(JSON.parse(registration.body).encData, key);
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toMatchObject({ loginId: 'e2e.http@example.com', userName: '김하늘' });
  });

  it('answers the platform code as a 4xx for an unknown member', async () => {
    const answer = await http('/api/v1/user/info', { userId: 42 });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text).error).toMatchObject({ type: 'KonaplateNotFound', platformCode: '001_006' });
    const duplicate = await http('/api/v1/user/registration', member('http'));
    expect(duplicate.status).toBe(409);
    expect(JSON.parse(duplicate.text).error).toMatchObject({ type: 'KonaplateConflict', platformCode: '001_001' });
  });

  it.each([
    ['{"userId":0}', 'userId', 'minimum 1'],
    ['{"userId":1000000000000000}', 'userId', 'maximum 999999999999999'],
    ['{"userId":"abc"}', 'userId', 'type integer (range 1..999999999999999)'],
    ['{}', 'userId', 'required'],
    ['{"userId":1,"extra":true}', 'extra', 'unknown field'],
    ['{"userId":', '', 'valid JSON'],
    ['', '', 'body required (a JSON object)'],
    ['[1]', '', 'type object'],
  ])('refuses %s with a 400 naming the field, and sends nothing upstream', async (body, field, rule) => {
    const before = (await recordedRequests()).length;
    const answer = await http('/api/v1/bankaccounts/inquiry', body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toMatchObject({ type: 'KonaplateInvalidRequest', field, rule });
    expect((await recordedRequests()).length).toBe(before);
  });

  it('keeps every digit of a 19-digit id on the wire', async () => {
    const answer = await http('/api/v1/user/info', '{"userId":9223372036854775807}');
    expect(answer.status).toBe(404);
    const sent = (await recordedRequests()).at(-1)! as { path: string; plaintext?: string };
    expect(sent.path).toBe('/open-api/api/v1/user/info');
    expect(sent.plaintext).toBe('{"userId":9223372036854775807}');
    expect(JSON.parse(answer.text).error.platformCode).toBe('001_006');
  });
});

describe('by direct Lambda invoke', () => {
  it('registers and reads a member, returning plain business objects', async () => {
    const registered = await invoke('userRegister', member('invoke'));
    expect(registered.functionError).toBeUndefined();
    expect(registered.body.userId).toEqual(expect.any(Number));
    const info = await invoke('memberInfo', { userId: registered.body.userId });
    expect(info.functionError).toBeUndefined();
    expect(info.body.userInfo).toMatchObject({ loginId: 'e2e.invoke@example.com' });
    const accounts = await invoke('bankAccountInquiry', { userId: String(registered.body.userId) });
    expect(accounts.body).toEqual({ isAutoRcgAccRegAllowed: false });
  });

  // serverless-offline reports every invoke failure with errorType "Error" (AWS Lambda uses the
  // error's name; test/contract checks the thrown name): the trace's first line carries the type here.
  it('throws typed errors a state machine can catch by name', async () => {
    const unknown = await invoke('memberInfo', { userId: 42 });
    expect(unknown.functionError).toBe('Unhandled');
    expect(unknown.body.errorMessage).toMatch(/^001_006 /);
    expect(unknown.body.trace[0]).toBe(`KonaplateNotFound: ${unknown.body.errorMessage}`);
    const invalid = await invoke('bankAccountInquiry', { userId: -1 });
    expect(invalid.body.errorMessage).toBe('userId: minimum 1');
    expect(invalid.body.trace[0]).toBe('KonaplateInvalidRequest: userId: minimum 1');
  });
});

describe('operations', () => {
  it('read the secret once per function container', async () => {
    // Calls one after another keep one warm container per function (concurrent calls would start more).
    for (let i = 0; i < 5; i += 1) {
      await http('/api/v1/bankaccounts/inquiry', { userId: 50000104652 });
      await http('/api/v1/user/info', { userId: 50000104652 });
    }
    expect(await secretsManagerCalls()).toBe(3);
  });

  it('print one metrics line (CloudWatch embedded metric format) per call', async () => {
    const lines = stack.output().split('\n').filter((line) => line.includes('{"_aws":')).map((line) => JSON.parse(line.slice(line.indexOf('{"_aws":'))));
    const inquiries = lines.filter((line) => line.operation === 'bankAccountInquiry');
    // The five calls above, at least; each its own line with its invocation and its platform call.
    expect(inquiries.length).toBeGreaterThanOrEqual(5);
    for (const line of inquiries) {
      expect(line._aws.CloudWatchMetrics[0].Namespace).toBe('KonaplateGateway');
      expect(line._aws.CloudWatchMetrics[0].Dimensions.map((set: string[]) => set.join('+')).sort()).toEqual(['stage', 'stage+operation']);
      expect(line.Invocations).toBe(1);
    }
    expect(inquiries.filter((line) => line.Success === 1 && line.PlatformCalls === 1).length).toBeGreaterThanOrEqual(5);
    // The function's first invocation in its container counts a cold start; the ones after it reuse the container.
    expect(inquiries[0]!.ColdStart).toBe(1);
    expect(inquiries.slice(1).filter((line) => line.ColdStart !== undefined)).toEqual([]);
  });

  it('never log a secret, a key, a password, a CI, or a full card or account number', async () => {
    const output = stack.output();
    expect(output).toContain('platform answered');
    const { secretKey, accessKey, cryptoKeys } = stack.credentials.clientSecret;
    const forbidden = [secretKey, accessKey, '480213', '04070204999888', 'BEGIN', cryptoKeys[0]!.clientPrivateKey.slice(40, 80)];
    for (const value of forbidden) expect(output).not.toContain(value);
    expect(output).not.toMatch(/\b9491\d{12}\b/);
  });
});
