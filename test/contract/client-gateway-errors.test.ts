/**
 * The caller client reads the gateway's own money errors as the gateway means them. The gateway
 * (its handler, the in-memory ledger, the sandbox platform) produces them; each is rendered as HTTP
 * API and as a direct invoke (the function error AWS Lambda makes of the thrown error) and decoded by
 * the client: the 409 of a call still in flight is worth calling again, the 409 of a sequenceId
 * reused for another request never is, and an unknown outcome is, all carrying the sequenceId.
 * Should the gateway reword one of these, this test says the client no longer understands it.
 */
import { chargeByBankAccount } from '../../lib/catalog';
import { KonaplateConflict, KonaplateOutcomeUnknown, type KonaplateError } from '../../client';
import { errorFromHttp, errorFromInvoke } from '../../client/error-decoding';
import { worthAnotherCall } from '../../client/money';
import { OPERATIONS } from '../../client/operations';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { httpEvent, lambdaContext } from '../support/lambda-context';
import { startMoneyGateway, type MoneyGateway } from '../support/money-gateway';

let platform: PlatformHandle;
let charge: MoneyGateway['charge'];
let chargeRequest: MoneyGateway['chargeRequest'];

beforeAll(async () => {
  ({ platform, charge, chargeRequest } = await startMoneyGateway({ secretId: 'client-errors', settleMs: 60_000 }));
});
afterAll(() => platform.close());

const op = OPERATIONS.chargeByBankAccount;

/** The request as the HTTP API hands it to the function, decoded as the client's HTTP transport does. */
async function overHttp(request: Record<string, unknown>): Promise<KonaplateError> {
  const answer = (await charge(httpEvent(chargeByBankAccount.path, JSON.stringify(request)) as never, lambdaContext() as never)) as { statusCode: number; headers: Record<string, string>; body: string };
  expect(answer.statusCode).toBeGreaterThanOrEqual(400);
  return errorFromHttp(answer.statusCode, answer.body, new Headers(answer.headers), op, request);
}

/** The request by direct invoke: the thrown error as AWS Lambda reports it, decoded as the client's invoke transport does. */
async function overInvoke(request: Record<string, unknown>): Promise<KonaplateError> {
  try {
    await charge(request, lambdaContext() as never);
  } catch (error) {
    const thrown = error as Error;
    return errorFromInvoke(JSON.stringify({ errorType: thrown.name, errorMessage: thrown.message, trace: thrown.stack?.split('\n') }), 'Unhandled', op, request);
  }
  throw new Error('the charge did not fail');
}

it('a call while the first with its sequenceId is in flight: 409 worth calling again, both ways', async () => {
  const request = await chargeRequest('CE-INFLIGHT');
  platform.faults.schedule('chargeByBankAccount', { type: 'delay', ms: 600 });
  const first = charge(request, lambdaContext() as never);
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const error of [await overHttp(request), await overInvoke(request)]) {
    expect(error).toBeInstanceOf(KonaplateConflict);
    expect(error.sequenceId).toBe('CE-INFLIGHT');
    expect(worthAnotherCall(error)).toBe(true);
  }
  expect(await first).toMatchObject({ outcome: 'COMPLETED' });
});

it('a sequenceId reused for another request: 409 never worth calling again, both ways', async () => {
  const request = await chargeRequest('CE-REUSED');
  await charge(request, lambdaContext() as never);
  const other = { ...request, amount: 2000 };
  const [http, invoke] = [await overHttp(other), await overInvoke(other)];
  expect(http).toMatchObject({ field: 'sequenceId', rule: 'unique per request', sequenceId: 'CE-REUSED' });
  for (const error of [http, invoke]) {
    expect(error).toBeInstanceOf(KonaplateConflict);
    expect(error.sequenceId).toBe('CE-REUSED');
    expect(worthAnotherCall(error)).toBe(false);
  }
});

it('an answer lost and the outcome not confirmed: 504 KonaplateOutcomeUnknown worth calling again, both ways', async () => {
  for (const [sequenceId, via] of [['CE-UNKNOWN-H', overHttp], ['CE-UNKNOWN-I', overInvoke]] as const) {
    platform.faults.schedule('chargeByBankAccount', { type: 'drop', commit: true });
    platform.faults.schedule('chargeResultInquiry', { type: 'code', code: '000_002' });
    const error = await via(await chargeRequest(sequenceId));
    expect(error).toBeInstanceOf(KonaplateOutcomeUnknown);
    expect(error.sequenceId).toBe(sequenceId);
    expect(worthAnotherCall(error)).toBe(true);
  }
});
