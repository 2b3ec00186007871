/**
 * The gateway through the sandbox's scheduled faults, for a read and a write, over plain HTTP and
 * over TLS: every broken answer ends before the Lambda would time out, a read is asked again, a
 * write is sent once and reported as outcome unknown, whether or not the platform committed it.
 */
import { bankAccountInquiry, userRegister } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { stringifyJson } from '../../lib/protocol/json';
import { generateSandboxCredentials } from '../../sandbox/project/credentials';
import type { AnswerFault } from '../../sandbox/platform/faults/kinds';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { ANSWER_BREAKS } from '../support/answer-breaks';
import { lambdaContext } from '../support/lambda-context';
import { trustedTlsIdentity } from '../support/trust';

let plain: PlatformHandle;
let secure: PlatformHandle;
let store: CredentialStore;
const identity = trustedTlsIdentity();

beforeAll(async () => {
  const credentials = await generateSandboxCredentials();
  [plain, secure] = await Promise.all([
    startPlatform({ project: credentials.project }),
    startPlatform({ project: credentials.project, tls: identity }),
  ]);
  store = new CredentialStore({ secretId: 'faults', fetchSecret: async () => stringifyJson(credentials.clientSecret) });
});
afterAll(() => Promise.all([plain.close(), secure.close()]));

async function settle(promise: Promise<unknown>): Promise<{ value?: any; error?: any }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

let members = 0;
const member = () => {
  members += 1;
  return { loginId: `fault${members}@example.com`, loginPassword: '480213', birthDate: '19900101', nationality: 'Korean', gender: 'Male', userName: '장애', email: `fault${members}@example.com`, mobileNumber: '01012345678' };
};

describe.each([
  ['plain HTTP', () => plain],
  ['TLS', () => secure],
])('over %s', (_transport, platformOf) => {
  let platform: PlatformHandle;
  let read: ReturnType<typeof gatewayHandler>;
  let write: ReturnType<typeof gatewayHandler>;
  beforeAll(() => {
    platform = platformOf();
    read = gatewayHandler(bankAccountInquiry, { store: () => store, baseUrl: () => platform.url });
    write = gatewayHandler(userRegister, { store: () => store, baseUrl: () => platform.url });
  });
  beforeEach(() => platform.faults.clear());

  describe('a read', () => {
    it.each<AnswerFault>([
      ...ANSWER_BREAKS.map((fault) => fault(true)),
      { type: 'status', status: 503, commit: false },
      { type: 'status', status: 502, commit: true, html: true },
      { type: 'malformed' },
      { type: 'bad-encryption' },
    ])('recovers from $type by asking again, inside the deadline', async (fault) => {
      platform.faults.schedule('bankAccountInquiry', fault, 1);
      const before = platform.requests.size;
      const started = Date.now();
      const result = await read({ userId: 50000104652 }, lambdaContext(2500) as never);
      expect(result).toMatchObject({ isAutoRcgAccRegAllowed: true });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(platform.requests.size - before).toBe(2);
      expect(platform.requests.list().at(-2)!.fault).toBe(fault.type);
    });

    it('answers a scheduled platform code as the catalog maps it', async () => {
      platform.faults.schedule('bankAccountInquiry', { type: 'code', code: '001_006' });
      const { error } = await settle(read({ userId: 50000104652 }, lambdaContext(8000) as never));
      expect(error.name).toBe('KonaplateNotFound');
    });
  });

  describe('a write', () => {
    it.each(ANSWER_BREAKS.flatMap((fault) => [fault(true), fault(false)]))(
      'whose answer meets $type (commit $commit) is sent once and reported as outcome unknown before the Lambda would time out',
      async (fault) => {
        platform.faults.schedule('userRegister', fault);
        const membersBefore = platform.state.members().length;
        const requestsBefore = platform.requests.size;
        const started = Date.now();
        const { error } = await settle(write(member(), lambdaContext(1000) as never));
        expect(error.name).toBe('KonaplateOutcomeUnknown');
        expect(error.status).toBe(504);
        expect(Date.now() - started).toBeLessThan(1000);
        expect(platform.requests.size - requestsBefore).toBe(1);
        expect(platform.state.members().length - membersBefore).toBe('commit' in fault && fault.commit ? 1 : 0);
      },
    );

    it('that met a 503 is never sent again', async () => {
      platform.faults.schedule('userRegister', { type: 'status', status: 503, commit: false });
      const before = platform.requests.size;
      const { error } = await settle(write(member(), lambdaContext(8000) as never));
      expect(error.name).toBe('KonaplateOutcomeUnknown');
      expect(platform.requests.size - before).toBe(1);
    });

    it('that is answered too late gives up before the Lambda would, once', async () => {
      platform.faults.schedule('userRegister', { type: 'delay', ms: 4000 });
      const started = Date.now();
      const { error } = await settle(write(member(), lambdaContext(2500) as never));
      expect(error.name).toBe('KonaplateOutcomeUnknown');
      expect(Date.now() - started).toBeLessThan(2500);
    });
  });
});
