/**
 * Every error kind of the gateway reaches the caller as the same class over HTTP and by direct
 * invoke (as AWS Lambda reports a thrown error, and as serverless-offline does), with its platform
 * code, correlation id and sequenceId where the transport carries them; what is not the gateway's
 * (API Gateway's own answers, Lambda's refusals and crashes, an unknown type) is a plain KonaplateError.
 */
import { ERROR_CLASSES, KonaplateError, KonaplateInvalidRequest, KonaplateNotFound } from '../../client';
import { ERROR_TABLE, GatewayError, type ErrorKind } from '../../lib/errors';
import { fakeGateway, type FakeGateway, type InvokeStyle, type Reply, type Transport } from '../support/fake-gateway';

let gateway: FakeGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function failureOf(reply: Reply, via: Transport, style: InvokeStyle = 'aws', call = (c: FakeGateway['client'] extends (...a: any[]) => infer C ? C : never) => c.memberInfo({ userId: 42 }) as Promise<unknown>): Promise<KonaplateError> {
  gateway = await fakeGateway(() => reply, style);
  try {
    await call(gateway.client(via) as never);
  } catch (error) {
    await gateway.close();
    gateway = undefined;
    return error as KonaplateError;
  }
  throw new Error('no error');
}

const VIAS: Array<[string, Transport, InvokeStyle]> = [['HTTP', 'http', 'aws'], ['invoke (AWS Lambda)', 'invoke', 'aws'], ['invoke (serverless-offline)', 'invoke', 'offline']];

describe.each(Object.entries(ERROR_TABLE) as Array<[ErrorKind, (typeof ERROR_TABLE)[ErrorKind]]>)('%s', (kind, row) => {
  it.each(VIAS)(`is ${row.name} over %s`, async (_, via, style) => {
    const error = await failureOf({ error: new GatewayError(kind, `${kind} happened`) }, via, style);
    expect(error).toBeInstanceOf(ERROR_CLASSES[row.name]!);
    expect(error).toBeInstanceOf(KonaplateError);
    expect({ name: error.name, type: error.type, kind: error.kind, status: error.status, message: error.message }).toEqual({
      name: row.name, type: row.name, kind, status: row.status, message: `${kind} happened`,
    });
  });
});

it('has one class per kind of the gateway\'s table, and no other', () => {
  expect(Object.keys(ERROR_CLASSES).sort()).toEqual(Object.values(ERROR_TABLE).map((row) => row.name).sort());
});

it.each(VIAS)('carries the platform code over %s, the correlation id over HTTP', async (_, via, style) => {
  const error = await failureOf({ error: new GatewayError('not_found', '001_006 Wallet user not found.', { platformCode: '001_006', platformStatus: 400, correlationId: 'c0ffee00' }) }, via, style);
  expect(error).toBeInstanceOf(KonaplateNotFound);
  expect(error.platformCode).toBe('001_006');
  // The Lambda runtime passes a thrown error's name and message only.
  expect(error.correlationId).toBe(via === 'http' ? 'c0ffee00' : undefined);
  expect(error.platformStatus).toBe(via === 'http' ? 400 : undefined);
});

it.each(VIAS)('names the field and the rule of an invalid request over %s', async (_, via, style) => {
  const error = await failureOf({ error: new GatewayError('invalid_request', 'addressInfo/zipCode: maxLength 6', { field: 'addressInfo/zipCode', rule: 'maxLength 6' }) }, via, style);
  expect(error).toBeInstanceOf(KonaplateInvalidRequest);
  expect({ field: error.field, rule: error.rule }).toEqual({ field: 'addressInfo/zipCode', rule: 'maxLength 6' });
});

it.each(VIAS)('gives a money error the request\'s sequenceId over %s', async (_, via, style) => {
  const request = { sequenceId: 'SEQ-1', userId: 1n, amount: 1000, oneTimeToken: '1234567890123456', dcvv: '123', merchantId: '410195430033901' };
  const error = await failureOf({ error: new GatewayError('rejected', '007_004 Withdrawal failed at the PG', { platformCode: '007_004' }) }, via, style, (c) => c.chargeByBankAccount(request));
  expect({ type: error.type, platformCode: error.platformCode, sequenceId: error.sequenceId }).toEqual({ type: 'KonaplateRejected', platformCode: '007_004', sequenceId: 'SEQ-1' });
});

it.each(VIAS)('turns an unknown error type into a plain KonaplateError carrying it, over %s', async (_, via, style) => {
  const unknown = Object.assign(new GatewayError('internal', 'from the future'), { name: 'KonaplateSomethingNew', stack: 'KonaplateSomethingNew: from the future\n    at handler (index.js:1:1)' });
  const error = await failureOf({ error: unknown }, via, style);
  expect(error.constructor).toBe(KonaplateError);
  expect({ name: error.name, type: error.type, message: error.message }).toEqual({ name: 'KonaplateError', type: 'KonaplateSomethingNew', message: 'from the future' });
});

it.each<Transport>(['http', 'invoke'])('reports what is not the gateway (a 403 of the signature) as a plain KonaplateError with its status, over %s', async (via) => {
  const error = await failureOf({ foreign: { status: 403, type: 'ForbiddenException', message: 'Forbidden' } }, via);
  expect(error.constructor).toBe(KonaplateError);
  expect({ type: error.type, status: error.status }).toEqual({ type: 'ForbiddenException', status: 403 });
  expect(error.message).toMatch(/Forbidden/);
});

it('reports the function failing outside the gateway (its timeout) with Lambda\'s error type', async () => {
  const error = await failureOf({ crash: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 15.00 seconds' } }, 'invoke');
  expect(error.constructor).toBe(KonaplateError);
  expect({ type: error.type, message: error.message, status: error.status }).toEqual({ type: 'Sandbox.Timedout', message: 'Task timed out after 15.00 seconds', status: undefined });
});

it('keeps the caller\'s abort as the caller\'s, not a gateway error', async () => {
  gateway = await fakeGateway(() => ({ after: 5000, reply: { answer: {} } }));
  for (const via of ['http', 'invoke'] as const) {
    const controller = new AbortController();
    const call = gateway.client(via).memberInfo({ userId: 42 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 20);
    await expect(call).rejects.toThrow('caller gave up');
  }
});
