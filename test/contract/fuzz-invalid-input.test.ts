/**
 * Property-based: for every catalog operation, at least 200 generated invalid requests are each
 * answered 400 naming the field at fault, none reaches the platform, none is a 5xx. Plus the
 * body-level faults no schema describes: huge bodies, bad encodings, non-JSON content.
 * FUZZ_SEED=<n> replays another seed.
 */
import fc from 'fast-check';
import { cardIssueApplication, memberInfo, OPERATIONS } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { moneyHandler } from '../../lib/money/handler';
import { MemoryLedger } from '../../lib/money/ledger';
import { stringifyJson } from '../../lib/protocol/json';
import { sampleOf } from '../../scripts/openapi-document';
import { generateSandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { httpEvent, lambdaContext } from '../support/lambda-context';
import { invalidRequests } from '../support/invalid-inputs';

const RUNS_PER_OPERATION = 200;
const seed = Number(process.env.FUZZ_SEED ?? 20261125);

let platform: PlatformHandle;
let store: CredentialStore;

beforeAll(async () => {
  const credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  store = new CredentialStore({ secretId: 'fuzz', fetchSecret: async () => stringifyJson(credentials.clientSecret) });
});
afterAll(() => platform.close());

interface HttpAnswer {
  statusCode: number;
  body: string;
}

describe.each(OPERATIONS.map((op) => [op.id, op] as const))('%s', (_id, op) => {
  const deps = { store: () => store, baseUrl: () => platform.url };
  const handler = op.kind === 'money' ? moneyHandler(op, { ...deps, ledger: () => new MemoryLedger() }) : gatewayHandler(op, deps);
  const base = sampleOf(op.request) as Record<string, unknown>;

  it(`answers ${RUNS_PER_OPERATION} invalid requests with a 400 naming the field, sending nothing`, async () => {
    const before = platform.requests.size;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(invalidRequests(op.request, base), fc.boolean(), async (broken, viaHttp) => {
        runs += 1;
        let type: string;
        let field: unknown;
        let status: number;
        if (viaHttp && !broken.invokeOnly) {
          const answer = (await handler(httpEvent(op.path, stringifyJson(broken.value)) as never, lambdaContext() as never)) as HttpAnswer;
          status = answer.statusCode;
          ({ type, field } = JSON.parse(answer.body).error);
        } else {
          try {
            await handler(broken.value as never, lambdaContext() as never);
            throw new Error(`accepted: ${broken.mutation}`);
          } catch (error) {
            const e = error as { name: string; status: number; details: { field?: string } };
            ({ name: type, status } = e);
            field = e.details?.field;
          }
        }
        expect({ mutation: broken.mutation, status, type, field }).toEqual({ mutation: broken.mutation, status: 400, type: 'KonaplateInvalidRequest', field: broken.field });
      }),
      { numRuns: RUNS_PER_OPERATION, seed, endOnFailure: true },
    );
    expect(runs).toBe(RUNS_PER_OPERATION);
    expect(platform.requests.size).toBe(before);
  });
});

describe('bodies no schema describes', () => {
  const op = memberInfo;
  const handler = gatewayHandler(op, { store: () => store, baseUrl: () => platform.url });
  const send = async (event: Record<string, unknown>) => (await handler(event as never, lambdaContext() as never)) as HttpAnswer;

  it('refuses huge, badly encoded, non-JSON and mistyped bodies before anything is sent', async () => {
    const before = platform.requests.size;
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [httpEvent(op.path, `{"userId":1,"pad":"${'x'.repeat(64 * 1024)}"}`), 413, 'maxBytes 16384'],
      [{ ...httpEvent(op.path, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64')), isBase64Encoded: true }, 400, 'UTF-8'],
      [httpEvent(op.path, '{"userId":1,}'), 400, 'valid JSON'],
      [httpEvent(op.path, '{"userId":1}{"userId":2}'), 400, 'valid JSON'],
      [httpEvent(op.path, '{"userId":1}', { 'content-type': 'text/plain' }), 400, 'content-type application/json'],
      [httpEvent(op.path, '   '), 400, 'body required (a JSON object)'],
      [httpEvent(op.path, '"\\ud800"'), 400, 'type object'],
    ];
    for (const [event, status, rule] of cases) {
      const answer = await send(event);
      expect({ status: answer.statusCode, rule: JSON.parse(answer.body).error.rule, field: JSON.parse(answer.body).error.field }).toEqual({ status, rule, field: '' });
    }
    expect(platform.requests.size).toBe(before);
  });

  it('refuses a key written twice in one object, naming the key and the object holding it, before anything is sent', async () => {
    const application = cardIssueApplication;
    const applicationHandler = gatewayHandler(application, { store: () => store, baseUrl: () => platform.url });
    const before = platform.requests.size;
    const cases: Array<[typeof handler, string, string, string, string]> = [
      // JSON.parse alone would send userId 2, or amount 100000: whichever the last parser picked.
      [handler, op.path, '{"userId":1,"userId":2}', '', 'duplicate key "userId"'],
      [handler, op.path, '{"userId":50000104652,"\\u0075serId":1}', '', 'duplicate key "userId"'],
      [applicationHandler, application.path, '{"userInfo":{"userId":1},"serviceId":"000170000002001","isDeliveryRequired":true,"addressInfo":{"address":"a","addressDetail":"b","zipCode":"04524","zipCode":"99999"}}', 'addressInfo', 'duplicate key "zipCode"'],
    ];
    for (const [send, path, body, field, rule] of cases) {
      const answer = (await send(httpEvent(path, body) as never, lambdaContext() as never)) as HttpAnswer;
      const { error } = JSON.parse(answer.body);
      expect({ status: answer.statusCode, type: error.type, field: error.field, rule: error.rule }).toEqual({ status: 400, type: 'KonaplateInvalidRequest', field, rule });
      expect(error.message).toContain(`the key "${rule.slice('duplicate key "'.length, -1)}" twice`);
    }
    expect(platform.requests.size).toBe(before);
  });

  it('never forwards the caller\'s headers upstream', async () => {
    const event = httpEvent(op.path, '{"userId":50000104652}', {
      'content-type': 'application/json', authorization: 'Bearer caller-token', 'x-km-access-key': 'caller-forged', 'x-forwarded-for': '10.0.0.1', cookie: 'session=1',
    });
    const answer = await send(event);
    expect(answer.statusCode).toBe(200);
    const sent = platform.requests.last()!.headers;
    expect(sent).not.toHaveProperty('authorization');
    expect(sent).not.toHaveProperty('cookie');
    expect(sent).not.toHaveProperty('x-forwarded-for');
    expect(sent['x-km-access-key']).not.toBe('caller-forged');
  });
});
