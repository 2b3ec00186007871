/**
 * Who called: every log line of an HTTP call carries the IAM caller API Gateway verified (HTTP API
 * and REST API), never the caller's access key id; a direct invoke, which carries no identity, logs
 * none, and a warm container does not pass one caller on to the next invocation.
 */
import { bankAccountInquiry } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { callerOf } from '../../lib/middleware/log-context';
import { stringifyJson } from '../../lib/protocol/json';
import { generateSandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { httpEvent, lambdaContext } from '../support/lambda-context';
import { logLines } from '../support/log-lines';

// Split so that this file's own text, should a failure print it, is no AWS access key id either.
const ACCESS_KEY_ID = ['ASIA', 'Q3EXAMPLE7WXYZ12'].join('');
const ROLE_ARN = 'arn:aws:sts::111122223333:assumed-role/payments-service/session-42';
const BODY = JSON.stringify({ userId: 50000104652 });

/** An HTTP API (v2) event signed by an IAM principal, as API Gateway passes it with an aws_iam authorizer. */
function iamHttpApiEvent() {
  const event = httpEvent(bankAccountInquiry.path, BODY);
  return {
    ...event,
    requestContext: {
      ...event.requestContext,
      authorizer: {
        iam: {
          accessKey: ACCESS_KEY_ID,
          accountId: '111122223333',
          callerId: 'AROAEXAMPLEROLEID1234:session-42',
          cognitoIdentity: null,
          principalOrgId: 'o-exampleorg1',
          userArn: ROLE_ARN,
          userId: 'AROAEXAMPLEROLEID1234:session-42',
        },
      },
    },
  };
}

/** A REST API (v1) event with IAM authorization. */
function iamRestApiEvent() {
  return {
    resource: bankAccountInquiry.path,
    path: bankAccountInquiry.path,
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    isBase64Encoded: false,
    requestContext: {
      httpMethod: 'POST',
      identity: {
        accessKey: ACCESS_KEY_ID, accountId: '111122223333', caller: 'AIDAEXAMPLEUSERID1234', user: 'AIDAEXAMPLEUSERID1234',
        userArn: 'arn:aws:iam::111122223333:user/ops', sourceIp: '10.0.0.1', userAgent: 'aws-sdk',
      },
    },
  };
}

let platform: PlatformHandle;
let inquiry: ReturnType<typeof gatewayHandler>;

beforeAll(async () => {
  const credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  const store = new CredentialStore({ secretId: 'identity', fetchSecret: async () => stringifyJson(credentials.clientSecret) });
  inquiry = gatewayHandler(bankAccountInquiry, { store: () => store, baseUrl: () => platform.url });
});
afterAll(() => platform.close());

it('puts the HTTP API caller on every line of the call, without its access key id', async () => {
  const { lines, raw } = await logLines(() => inquiry(iamHttpApiEvent() as never, lambdaContext() as never));
  const answered = lines.find((line) => line.message === 'platform answered');
  expect(answered).toBeDefined();
  for (const line of lines) {
    expect(line.caller).toEqual({ arn: ROLE_ARN, accountId: '111122223333', id: 'AROAEXAMPLEROLEID1234:session-42', orgId: 'o-exampleorg1' });
  }
  expect(raw).not.toContain(ACCESS_KEY_ID);
});

it('puts the REST API caller on a failure line too', async () => {
  const event = { ...iamRestApiEvent(), body: '{"userId":7}' };
  const { lines, raw } = await logLines(() => inquiry(event as never, lambdaContext() as never));
  const failed = lines.find((line) => line.message === 'request failed');
  expect(failed).toMatchObject({ kind: 'not_found', caller: { arn: 'arn:aws:iam::111122223333:user/ops', accountId: '111122223333', id: 'AIDAEXAMPLEUSERID1234' } });
  expect(raw).not.toContain(ACCESS_KEY_ID);
});

it('logs no caller for a direct invoke, even right after an HTTP call in the same container', async () => {
  await inquiry(iamHttpApiEvent() as never, lambdaContext() as never);
  const { lines } = await logLines(() => inquiry({ userId: 50000104652 }, lambdaContext() as never));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line).not.toHaveProperty('caller');
    expect(line.operation).toBe('bankAccountInquiry');
  }
});

describe('callerOf', () => {
  it('finds no identity where API Gateway gives none', () => {
    expect(callerOf({ userId: 1 })).toBeUndefined();
    expect(callerOf(httpEvent(bankAccountInquiry.path, BODY))).toBeUndefined();
    expect(callerOf({ ...iamRestApiEvent(), requestContext: { identity: { sourceIp: '10.0.0.1', userArn: null, caller: null } } })).toBeUndefined();
    expect(callerOf(null)).toBeUndefined();
  });

  it('keeps only the identity fields, never the access key', () => {
    expect(Object.keys(callerOf(iamHttpApiEvent())!).sort()).toEqual(['accountId', 'arn', 'id', 'orgId']);
    expect(JSON.stringify(callerOf(iamRestApiEvent()))).not.toContain(ACCESS_KEY_ID);
  });
});
