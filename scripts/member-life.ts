/**
 * A member's whole life against a running local stack, step by step, each step checking what the
 * platform now holds: `npm run scenario` (after `npm start`), and the end-to-end test runs the same.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';

export interface Stack {
  /** e.g. http://127.0.0.1:3000 */
  http: string;
  /** e.g. http://127.0.0.1:3002 */
  lambda: string;
}

interface Answer {
  status: number;
  body: any;
}

const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

export async function memberLife(stack: Stack, say: (line: string) => void = () => undefined, suffix = `${Date.now()}`): Promise<void> {
  const lambda = new LambdaClient({ endpoint: stack.lambda, region: 'ap-northeast-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const post = async (path: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${stack.http}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: JSON.parse(await response.text()) };
  };
  const ok = async (path: string, body: unknown): Promise<any> => {
    const answer = await post(path, body);
    assert.equal(answer.status, 200, `${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const invoke = async (name: string, payload: unknown): Promise<any> => {
    const answer = await lambda.send(new InvokeCommand({ FunctionName: `konaplate-gateway-local-${name}`, Payload: Buffer.from(JSON.stringify(payload)) }));
    const body = JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8'));
    assert.equal(answer.FunctionError, undefined, `${name}: ${body.errorMessage}`);
    return body;
  };

  try {
    const loginId = `life.${suffix}@example.com`;
    const registered = await ok('/api/v1/user/registration', {
      loginId, loginPassword: '480213', birthDate: '19880305', nationality: 'Korean', gender: 'Female',
      userName: '이생애', email: loginId, mobileNumber: '01077778888',
    });
    const userId: number = registered.userId;
    const basic = registered.basicCardInfo;
    assert.match(basic.cardNo, /^\d{16}$/);
    say(`1. registered member ${userId} with a basic mobile card`);

    const terms = (await ok('/api/v1/user/terms/all', { userId })).termsList as Array<{ tcId: number; required: string; isAgree: boolean }>;
    const optional = terms.find((t) => t.required === 'OPTIONAL' && !t.isAgree)!;
    await ok('/api/v1/user/terms/updateOptionalTermsAndConditions', { userId, tcList: [{ tcId: optional.tcId, isAgree: true }] });
    const agreed = (await ok('/api/v1/user/terms/all', { userId })).termsList as typeof terms;
    assert.equal(agreed.find((t) => t.tcId === optional.tcId)!.isAgree, true);
    say(`2. agreed to optional term ${optional.tcId}`);

    const account = { bankCode: '004', bankAccount: `0407${suffix.slice(-10).padStart(10, '0')}`, bankName: 'KB국민' };
    assert.deepEqual(await ok('/api/v1/bankaccounts/inquiry', { userId }), { isAutoRcgAccRegAllowed: false });
    await ok('/api/v1/bankaccounts/user/valid', { userId, bankAccount: account.bankAccount, bankCode: account.bankCode, userName: '이생애', birthDate: '19880305' });
    say('3. account holder verified');
    const { authNumber } = await ok('/api/v1/bankaccounts/ars/auth', { userId });
    assert.match(authNumber, /^\d{2}$/);
    say(`4. ARS code ${authNumber} for the call`);
    const { bankAccRegNo } = await ok('/api/v1/bankaccounts/ars/register', { userId, ...account, userName: '이생애', birthDate: '19880305' });
    say(`5. account registration ${bankAccRegNo} started`);
    let status = '';
    for (let i = 0; i < 40 && status !== 'BANK_ACC_REGISTERED'; i += 1) {
      status = (await ok('/api/v1/bankaccounts/ars/register/inquiry', { regNo: bankAccRegNo })).status;
      if (status !== 'BANK_ACC_REGISTERED') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(status, 'BANK_ACC_REGISTERED');
    say('6. registration status: BANK_ACC_REGISTERED');
    assert.deepEqual(await ok('/api/v1/bankaccounts/inquiry', { userId }), { bankAccForNormalRcg: account, isAutoRcgAccRegAllowed: true });
    say('7. the account is the member\'s charge account');

    const first = await ok('/api/v2/payment/generate/onetimetoken', { cardNo: basic.cardNo });
    say('8. one-time token issued');
    const chargeRequest = { sequenceId: `LIFE-C-${suffix}`, userId, amount: 10000, oneTimeToken: first.oneTimeToken, dcvv: first.dcvv, merchantId: '410195430033901' };
    const charged = await invoke('chargeByBankAccount', chargeRequest);
    assert.deepEqual({ isPending: charged.isPending, outcome: charged.outcome }, { isPending: false, outcome: 'COMPLETED' });
    assert.deepEqual(await invoke('chargeByBankAccount', chargeRequest), charged, 'a retried charge is answered from the ledger');
    say(`9. charged 10,000 KRW by direct invoke (${charged.nrNumber}); the retried call got the same answer`);
    assert.deepEqual(await ok('/api/v1/recharges/by-bank-account/result/inquiry', { sequenceId: chargeRequest.sequenceId }), { result: 'COMPLETED' });
    say('10. charge result: COMPLETED');

    const history = (await ok('/api/v1/transaction/card', { userId, par: basic.par, startDate: today(), endDate: today() })).transactionInfo as any[];
    assert.equal(history.length, 1);
    assert.deepEqual(
      { trType: history[0].trType, nrNumber: history[0].nrNumber, trAmount: history[0].trAmount, balanceBefore: history[0].balanceBefore, balanceAfter: history[0].balanceAfter },
      { trType: '01', nrNumber: charged.nrNumber, trAmount: 10000, balanceBefore: 0, balanceAfter: 10000 },
    );
    say('11. history: one charge, balance 0 → 10,000');

    const applied = await ok('/api/v1/prepay-card/issue/delivery', {
      userInfo: { userId }, serviceId: '000170000002001', isDeliveryRequired: true,
      addressInfo: { address: '서울특별시 중구 세종대로 110', addressDetail: '3층', zipCode: '04524' },
    });
    assert.equal(applied.mobileCardPar.length, 27);
    say(`12. applied for a card (${applied.cardApplyNo}); its mobile card is usable at once`);
    assert.equal((await ok('/api/v1/card/delivery/inquiry', { userId, cardApplyNo: applied.cardApplyNo })).status, 'READY');
    say('13. delivery status: READY');

    const cardOf = async (par: string) => ((await ok('/api/v1/user/card/list', { userId })).cardDataInfo as any[]).find((c) => c.par === par);
    await ok('/api/v1/card/status', { userId, par: applied.mobileCardPar, status: 'SUSPEND' });
    assert.match((await cardOf(applied.mobileCardPar)).mobileCardStatus, /SUSPEND/);
    assert.ok((await post('/api/v2/payment/generate/onetimetoken', { cardNo: applied.mobileCardNo })).status >= 400, 'a suspended card issues no token');
    await ok('/api/v1/card/status', { userId, par: applied.mobileCardPar, status: 'RESUME' });
    assert.doesNotMatch((await cardOf(applied.mobileCardPar)).mobileCardStatus, /SUSPEND/);
    say('14. card suspended (no token while suspended) and resumed');

    const second = await ok('/api/v2/payment/generate/onetimetoken', { cardNo: basic.cardNo });
    const cancelled = await ok('/api/v1/recharges/by-bank-accounts/no-hce/cancel', {
      sequenceId: `LIFE-X-${suffix}`, userId, nrNumber: charged.nrNumber, oneTimeToken: second.oneTimeToken, dcvv: second.dcvv, cardExpiry: basic.expiryDate.slice(0, 4),
    });
    assert.equal(cancelled.outcome, 'COMPLETED');
    assert.equal((await cardOf(basic.par)).balance, 0);
    say('15. charge cancelled: balance back to 0');

    await ok('/api/v1/card/terminate', { userId, par: applied.mobileCardPar });
    assert.equal(await cardOf(applied.mobileCardPar), undefined);
    say('16. new card discarded');

    await ok('/api/v1/user/unregister', { userId });
    const gone = await post('/api/v1/user/info', { userId });
    assert.deepEqual({ status: gone.status, code: gone.body.error?.platformCode }, { status: 404, code: '001_006' });
    say('17. membership cancelled: the member is now unknown (001_006)');
  } finally {
    lambda.destroy();
  }
}

/** Where the scenario looks for the stack: GATEWAY_URL / LAMBDA_URL, else npm start's ports (HTTP_PORT, LAMBDA_PORT). */
export function stackFromEnvironment(env: NodeJS.ProcessEnv = process.env): Stack {
  return {
    http: env.GATEWAY_URL ?? `http://127.0.0.1:${env.HTTP_PORT || 3000}`,
    lambda: env.LAMBDA_URL ?? `http://127.0.0.1:${env.LAMBDA_PORT || 3002}`,
  };
}

/** A refused or unanswered connection, however deep fetch or the SDK wrapped it. */
function isUnreachable(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'].includes(e.code ?? '')) return true;
  }
  return false;
}

/** The one thing to say when nothing listens: which address, and how to bring the stack up. */
export function notRunning(stack: Stack, what: string, url: string): string {
  return `the local stack is not running: nothing answers at ${url} (${what}).\n` +
    'Start it in another terminal with `npm start`, wait for "local stack is up", then run `npm run scenario` again.\n' +
    `(A stack on other ports: HTTP_PORT and LAMBDA_PORT, or GATEWAY_URL and LAMBDA_URL, tell the scenario where; now ${stack.http} and ${stack.lambda}.)`;
}

/** Says which part of the stack does not answer, or nothing when both do. */
export async function unreachable(stack: Stack): Promise<string | undefined> {
  for (const [what, url] of [['HTTP API', stack.http], ['Lambda invoke', stack.lambda]] as const) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch (error) {
      if (isUnreachable(error) || (error as Error).name === 'TimeoutError') return notRunning(stack, what, url);
      throw error;
    }
  }
  return undefined;
}

if (require.main === module) {
  const stack = stackFromEnvironment();
  void (async () => {
    const down = await unreachable(stack);
    if (down) {
      console.error(down);
      process.exitCode = 1;
      return;
    }
    try {
      await memberLife(stack, (line) => console.log(line));
      console.log('member life: all 17 steps passed');
    } catch (error) {
      // The stack stopped in the middle: say that, not "fetch failed".
      console.error(isUnreachable(error)
        ? `member life stopped: the local stack stopped answering (${stack.http}, ${stack.lambda}); start it again with \`npm start\` and rerun \`npm run scenario\``
        : `member life failed: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  })();
}
