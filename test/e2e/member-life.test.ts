/**
 * A member's whole life through the local stack (serverless-offline, the sandbox platform, local
 * Secrets Manager and DynamoDB): sign-up, terms, bank account by ARS, a charge, a card, its
 * suspension, the charge cancelled, the card discarded, the membership cancelled. Each step checks
 * what the platform now holds, not only that the call succeeded.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { startTestStack, type RunningStack } from '../support/local-stack';

jest.setTimeout(180_000);

let stack: RunningStack;
let lambda: LambdaClient;

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${stack.ports.http}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

async function ok(path: string, body: unknown): Promise<any> {
  const answer = await post(path, body);
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function invoke(functionName: string, payload: unknown): Promise<any> {
  const answer = await lambda.send(new InvokeCommand({ FunctionName: `konaplate-gateway-dev-${functionName}`, Payload: Buffer.from(JSON.stringify(payload)) }));
  const body = JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8'));
  if (answer.FunctionError) throw new Error(`${functionName}: ${body.errorMessage}`);
  return body;
}

const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

beforeAll(async () => {
  stack = await startTestStack({ sandbox: 15010, secretsManager: 15566, dynamodb: 15569, http: 15000, lambda: 15002 });
  lambda = new LambdaClient({ endpoint: `http://127.0.0.1:${stack.ports.lambda}`, region: 'ap-northeast-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  lambda?.destroy();
  await stack?.stop();
});

it('runs a member from sign-up to cancellation', async () => {
  // 1. Sign-up: a member id and a basic mobile card.
  const registered = await ok('/api/v1/user/registration', {
    loginId: 'life@example.com', loginPassword: '480213', birthDate: '19880305', nationality: 'Korean', gender: 'Female',
    userName: '이생애', email: 'life@example.com', mobileNumber: '01077778888',
  });
  const userId: number = registered.userId;
  const basic = registered.basicCardInfo;
  expect(basic.cardNo).toMatch(/^\d{16}$/);

  // 2. Terms: agree to an optional term; the list then shows it agreed.
  const terms = (await ok('/api/v1/user/terms/all', { userId })).termsList as Array<{ tcId: number; required: string; isAgree: boolean }>;
  const optional = terms.find((t) => t.required === 'OPTIONAL' && !t.isAgree)!;
  await ok('/api/v1/user/terms/updateOptionalTermsAndConditions', { userId, tcList: [{ tcId: optional.tcId, isAgree: true }] });
  const after = (await ok('/api/v1/user/terms/all', { userId })).termsList as typeof terms;
  expect(after.find((t) => t.tcId === optional.tcId)!.isAgree).toBe(true);

  // 3-6. Bank account: holder verified, ARS code, registration, polled until registered.
  const account = { bankCode: '004', bankAccount: '04070204777001', bankName: 'KB국민' };
  expect(await ok('/api/v1/bankaccounts/inquiry', { userId })).toEqual({ isAutoRcgAccRegAllowed: false });
  await ok('/api/v1/bankaccounts/user/valid', { userId, bankAccount: account.bankAccount, bankCode: account.bankCode, userName: '이생애', birthDate: '19880305' });
  const { authNumber } = await ok('/api/v1/bankaccounts/ars/auth', { userId });
  expect(authNumber).toMatch(/^\d{2}$/);
  const { bankAccRegNo } = await ok('/api/v1/bankaccounts/ars/register', { userId, ...account, userName: '이생애', birthDate: '19880305' });
  let status = '';
  for (let i = 0; i < 40 && status !== 'BANK_ACC_REGISTERED'; i += 1) {
    status = (await ok('/api/v1/bankaccounts/ars/register/inquiry', { regNo: bankAccRegNo })).status;
    if (status !== 'BANK_ACC_REGISTERED') await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(status).toBe('BANK_ACC_REGISTERED');

  // 7. The account is now the member's charge account.
  expect(await ok('/api/v1/bankaccounts/inquiry', { userId })).toEqual({ bankAccForNormalRcg: account, isAutoRcgAccRegAllowed: true });

  // 8-10. A one-time token, a 10,000 KRW charge (by direct invoke, as a state machine would), its result.
  const first = await ok('/api/v2/payment/generate/onetimetoken', { cardNo: basic.cardNo });
  const charged = await invoke('chargeByBankAccount', {
    sequenceId: 'LIFE-CHARGE-1', userId, amount: 10000, oneTimeToken: first.oneTimeToken, dcvv: first.dcvv, merchantId: '410195430033901',
  });
  expect(charged).toMatchObject({ isPending: false, outcome: 'COMPLETED', sequenceId: 'LIFE-CHARGE-1' });
  expect(await ok('/api/v1/recharges/by-bank-account/result/inquiry', { sequenceId: 'LIFE-CHARGE-1' })).toEqual({ result: 'COMPLETED' });
  // A caller retrying the same charge gets the same answer, not a second charge.
  expect(await invoke('chargeByBankAccount', {
    sequenceId: 'LIFE-CHARGE-1', userId, amount: 10000, oneTimeToken: first.oneTimeToken, dcvv: first.dcvv, merchantId: '410195430033901',
  })).toEqual(charged);

  // 11. History: one charge of 10,000, balance 0 → 10,000.
  const history = await ok('/api/v1/transaction/card', { userId, par: basic.par, startDate: today(), endDate: today() });
  expect(history.transactionInfo).toEqual([
    expect.objectContaining({ trType: '01', nrNumber: charged.nrNumber, trAmount: 10000, balanceBefore: 0, balanceAfter: 10000, authCancelType: 'AUTH' }),
  ]);

  // 12-13. A new card delivered to the member's address (its mobile card usable at once), the delivery tracked.
  const applied = await ok('/api/v1/prepay-card/issue/delivery', {
    userInfo: { userId }, serviceId: '000170000002001', isDeliveryRequired: true,
    addressInfo: { address: '서울특별시 중구 세종대로 110', addressDetail: '3층', zipCode: '04524' },
  });
  expect(applied.mobileCardPar).toHaveLength(27);
  const delivery = await ok('/api/v1/card/delivery/inquiry', { userId, cardApplyNo: applied.cardApplyNo });
  expect(delivery.status).toBe('READY');
  const cardOf = async (par: string) => ((await ok('/api/v1/user/card/list', { userId })).cardDataInfo as Array<{ par: string; mobileCardStatus?: string; balance: number }>).find((c) => c.par === par);
  expect(await cardOf(applied.mobileCardPar)).toMatchObject({ balance: 0 });

  // 14. Suspend and resume the new card.
  await ok('/api/v1/card/status', { userId, par: applied.mobileCardPar, status: 'SUSPEND' });
  expect((await cardOf(applied.mobileCardPar))!.mobileCardStatus).toMatch(/SUSPEND/);
  const whileSuspended = await post('/api/v2/payment/generate/onetimetoken', { cardNo: applied.mobileCardNo });
  expect(whileSuspended.status).toBeGreaterThanOrEqual(400);
  await ok('/api/v1/card/status', { userId, par: applied.mobileCardPar, status: 'RESUME' });
  expect((await cardOf(applied.mobileCardPar))!.mobileCardStatus).not.toMatch(/SUSPEND/);

  // 15. Cancel the charge: the basic card is back to 0.
  const second = await ok('/api/v2/payment/generate/onetimetoken', { cardNo: basic.cardNo });
  const cancelled = await ok('/api/v1/recharges/by-bank-accounts/no-hce/cancel', {
    sequenceId: 'LIFE-CANCEL-1', userId, nrNumber: charged.nrNumber, oneTimeToken: second.oneTimeToken, dcvv: second.dcvv, cardExpiry: basic.expiryDate.slice(0, 4),
  });
  expect(cancelled).toMatchObject({ isPending: false, outcome: 'COMPLETED' });
  expect((await cardOf(basic.par))!.balance).toBe(0);
  expect(await ok('/api/v1/recharges/by-bank-account/result/inquiry', { sequenceId: 'LIFE-CANCEL-1' })).toEqual({ result: 'COMPLETED' });

  // 16. Discard the new card: it leaves the card list.
  await ok('/api/v1/card/terminate', { userId, par: applied.mobileCardPar });
  expect(await cardOf(applied.mobileCardPar)).toBeUndefined();

  // 17. Cancel the membership: the member is gone for every operation.
  await ok('/api/v1/user/unregister', { userId });
  const gone = await post('/api/v1/user/info', { userId });
  expect(gone.status).toBe(404);
  expect(gone.body.error.platformCode).toBe('001_006');
});

it('serves every OpenAPI route: a valid request reaches the platform and gets a typed answer, an invalid one a 400', async () => {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const doc = JSON.parse(readFileSync(path.resolve(__dirname, '../../docs/openapi.json'), 'utf8')) as { paths: Record<string, { post: any }> };
  const routes = Object.keys(doc.paths);
  expect(routes.length).toBeGreaterThanOrEqual(49);
  const recorded = async () => ((await (await fetch(`http://127.0.0.1:${stack.ports.sandbox}/__sandbox/requests`)).json()) as { requests: Array<{ path: string }> }).requests;
  const outcomes: Record<string, string> = {};
  for (const route of routes) {
    const example = doc.paths[route]!.post.requestBody.content['application/json'].example;
    const invalid = await post(route, { ...(example ?? {}), zz: 1 });
    expect({ route, status: invalid.status, type: invalid.body.error?.type }).toEqual({ route, status: 400, type: 'KonaplateInvalidRequest' });
    if (example === undefined) continue;
    expect(invalid.body.error.field).toBe('zz');
    const before = (await recorded()).length;
    const valid = await post(route, example);
    outcomes[route] = `${valid.status} ${valid.body.error?.type ?? 'ok'}`;
    expect({ route, serverError: valid.status >= 500 }).toEqual({ route, serverError: false });
    expect({ route, invalidRequest: valid.body.error?.type === 'KonaplateInvalidRequest' }).toEqual({ route, invalidRequest: false });
    const after = await recorded();
    expect(after.length).toBeGreaterThan(before);
    expect(after.slice(before).map((r) => r.path)).toContain(`/open-api${route}`);
  }
  expect(Object.keys(outcomes).length).toBeGreaterThanOrEqual(routes.length / 2);
});
