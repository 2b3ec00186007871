/**
 * A member's whole life against a running local stack, through the caller client
 * (`konaplate-gateway/client`), step by step, each step checking what the platform now holds:
 * `npm run scenario` (after `npm start`) runs it over the HTTP API and again by direct invoke, and
 * the end-to-end test runs the same.
 */
import assert from 'node:assert/strict';
import { KonaplateClient, KonaplateError, KonaplateNotFound } from '../client';

export interface Stack {
  /** e.g. http://127.0.0.1:3000 */
  http: string;
  /** e.g. http://127.0.0.1:3002 */
  lambda: string;
}

export type Transport = 'http' | 'invoke';

/** The stack's own credentials: serverless-offline accepts any signature (noAuth), but the client always signs. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'ap-northeast-2';

/** A client of the local stack over `transport`, as a service would make one against a deployed stage. */
export function localClient(stack: Stack, transport: Transport): KonaplateClient {
  return transport === 'http'
    ? new KonaplateClient({ transport: 'http', baseUrl: stack.http, region: REGION, credentials: LOCAL_CREDENTIALS })
    : new KonaplateClient({ transport: 'invoke', functionPrefix: 'konaplate-gateway-local-', endpoint: stack.lambda, region: REGION, credentials: LOCAL_CREDENTIALS });
}

const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

export async function memberLife(client: KonaplateClient, say: (line: string) => void = () => undefined, suffix = `${Date.now()}`): Promise<void> {
  const loginId = `life.${suffix}@example.com`;
  const registered = await client.userRegister({
    loginId, loginPassword: '480213', birthDate: '19880305', nationality: 'Korean', gender: 'Female',
    userName: '이생애', email: loginId, mobileNumber: '01077778888',
  });
  const { userId } = registered;
  const basic = registered.basicCardInfo!;
  assert.match(basic.cardNo, /^\d{16}$/);
  say(`1. registered member ${userId} with a basic mobile card`);

  const terms = (await client.termsList({ userId })).termsList;
  const optional = terms.find((t) => t.required === 'OPTIONAL' && !t.isAgree)!;
  await client.termsAgreementUpdate({ userId, tcList: [{ tcId: optional.tcId, isAgree: true }] });
  const agreed = (await client.termsList({ userId })).termsList;
  assert.equal(agreed.find((t) => t.tcId === optional.tcId)!.isAgree, true);
  say(`2. agreed to optional term ${optional.tcId}`);

  const account = { bankCode: '004', bankAccount: `0407${suffix.slice(-10).padStart(10, '0')}`, bankName: 'KB국민' };
  assert.deepEqual(await client.bankAccountInquiry({ userId }), { isAutoRcgAccRegAllowed: false });
  await client.bankAccountHolderVerification({ userId, bankAccount: account.bankAccount, bankCode: account.bankCode, userName: '이생애', birthDate: '19880305' });
  say('3. account holder verified');
  const { authNumber } = await client.arsAuthNumberGeneration({ userId });
  assert.match(authNumber, /^\d{2}$/);
  say(`4. ARS code ${authNumber} for the call`);
  const { bankAccRegNo } = await client.bankAccountArsRegistration({ userId, ...account, userName: '이생애', birthDate: '19880305' });
  say(`5. account registration ${bankAccRegNo} started`);
  let status = '';
  for (let i = 0; i < 40 && status !== 'BANK_ACC_REGISTERED'; i += 1) {
    status = (await client.bankAccountRegistrationStatus({ regNo: bankAccRegNo })).status;
    if (status !== 'BANK_ACC_REGISTERED') await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(status, 'BANK_ACC_REGISTERED');
  say('6. registration status: BANK_ACC_REGISTERED');
  assert.deepEqual(await client.bankAccountInquiry({ userId }), { bankAccForNormalRcg: account, isAutoRcgAccRegAllowed: true });
  say('7. the account is the member\'s charge account');

  const first = await client.issueOneTimeToken({ cardNo: basic.cardNo });
  say('8. one-time token issued');
  const chargeRequest = { sequenceId: `LIFE-C-${suffix}`, userId, amount: 10000, oneTimeToken: first.oneTimeToken, dcvv: first.dcvv, merchantId: '410195430033901' };
  const charged = await client.charge(chargeRequest);
  assert.deepEqual({ isPending: charged.isPending, outcome: charged.outcome, sequenceId: charged.sequenceId }, { isPending: false, outcome: 'COMPLETED', sequenceId: chargeRequest.sequenceId });
  assert.deepEqual(await client.charge(chargeRequest), charged, 'a retried charge is answered from the ledger');
  say(`9. charged 10,000 KRW (${charged.nrNumber}); the retried call got the same answer`);
  assert.deepEqual(await client.chargeResultInquiry({ sequenceId: chargeRequest.sequenceId }), { result: 'COMPLETED' });
  say('10. charge result: COMPLETED');

  const history = (await client.cardTransactionHistory({ userId, par: basic.par, startDate: today(), endDate: today() })).transactionInfo;
  assert.equal(history.length, 1);
  assert.deepEqual(
    { trType: history[0]!.trType, nrNumber: history[0]!.nrNumber, trAmount: history[0]!.trAmount, balanceBefore: history[0]!.balanceBefore, balanceAfter: history[0]!.balanceAfter },
    { trType: '01', nrNumber: charged.nrNumber, trAmount: 10000, balanceBefore: 0, balanceAfter: 10000 },
  );
  say('11. history: one charge, balance 0 → 10,000');

  const applied = await client.cardIssueApplication({
    userInfo: { userId }, serviceId: '000170000002001', isDeliveryRequired: true,
    addressInfo: { address: '서울특별시 중구 세종대로 110', addressDetail: '3층', zipCode: '04524' },
  });
  const mobilePar = applied.mobileCardPar!;
  assert.equal(mobilePar.length, 27);
  say(`12. applied for a card (${applied.cardApplyNo}); its mobile card is usable at once`);
  assert.equal((await client.cardDeliveryStatus({ userId, cardApplyNo: applied.cardApplyNo })).status, 'READY');
  say('13. delivery status: READY');

  const cardOf = async (par: string) => (await client.cardList({ userId })).cardDataInfo.find((c) => c.par === par);
  await client.cardStatusChange({ userId, par: mobilePar, status: 'SUSPEND' });
  assert.match((await cardOf(mobilePar))!.mobileCardStatus ?? '', /SUSPEND/);
  await assert.rejects(client.issueOneTimeToken({ cardNo: applied.mobileCardNo! }), (error: unknown) => error instanceof KonaplateError && error.status! >= 400, 'a suspended card issues no token');
  await client.cardStatusChange({ userId, par: mobilePar, status: 'RESUME' });
  assert.doesNotMatch((await cardOf(mobilePar))!.mobileCardStatus ?? '', /SUSPEND/);
  say('14. card suspended (no token while suspended) and resumed');

  const second = await client.issueOneTimeToken({ cardNo: basic.cardNo });
  const cancelled = await client.cancelCharge({
    userId, nrNumber: charged.nrNumber!, oneTimeToken: second.oneTimeToken, dcvv: second.dcvv, cardExpiry: basic.expiryDate.slice(0, 4),
  });
  assert.equal(cancelled.outcome, 'COMPLETED');
  assert.equal((await cardOf(basic.par))!.balance, 0);
  say(`15. charge cancelled (sequenceId ${cancelled.sequenceId} made by the client): balance back to 0`);

  await client.cardTerminate({ userId, par: mobilePar });
  assert.equal(await cardOf(mobilePar), undefined);
  say('16. new card discarded');

  await client.memberUnregister({ userId });
  await assert.rejects(client.memberInfo({ userId }), (error: unknown) => error instanceof KonaplateNotFound && error.platformCode === '001_006');
  say('17. membership cancelled: the member is now unknown (KonaplateNotFound 001_006)');
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
      for (const transport of ['http', 'invoke'] as const) {
        console.log(`— over ${transport === 'http' ? 'the HTTP API (SigV4-signed)' : 'direct Lambda invoke'}`);
        await memberLife(localClient(stack, transport), (line) => console.log(line), `${Date.now()}`);
      }
      console.log('member life: all 17 steps passed over both transports');
    } catch (error) {
      // The stack stopped in the middle: say that, not "fetch failed".
      console.error(isUnreachable(error)
        ? `member life stopped: the local stack stopped answering (${stack.http}, ${stack.lambda}); start it again with \`npm start\` and rerun \`npm run scenario\``
        : `member life failed: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  })();
}
