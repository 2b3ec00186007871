/** The gateway through the sandbox's scheduled faults, for a read and a write. */
import { bankAccountInquiry, userRegister } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { stringifyJson } from '../../lib/protocol/json';
import { generateSandboxCredentials } from '../../sandbox/credentials';
import type { Fault } from '../../sandbox/faults';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform-server';
import { lambdaContext } from '../support/lambda-context';

let platform: PlatformHandle;
let read: ReturnType<typeof gatewayHandler>;
let write: ReturnType<typeof gatewayHandler>;

beforeAll(async () => {
  const credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
  const store = new CredentialStore({ secretId: 'faults', fetchSecret: async () => stringifyJson(credentials.clientSecret) });
  read = gatewayHandler(bankAccountInquiry, { store: () => store, baseUrl: () => platform.url });
  write = gatewayHandler(userRegister, { store: () => store, baseUrl: () => platform.url });
});
afterAll(() => platform.close());
beforeEach(() => platform.faults.clear());

async function settle(promise: Promise<unknown>): Promise<{ value?: any; error?: any }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

const member = (n: number) => ({ loginId: `fault${n}@example.com`, loginPassword: '480213', birthDate: '19900101', nationality: 'Korean', gender: 'Male', userName: '장애', email: `fault${n}@example.com`, mobileNumber: '01012345678' });

describe('a read', () => {
  it.each<[string, Fault]>([
    ['a connection dropped before any effect', { type: 'drop', commit: false }],
    ['a 503', { type: 'status', status: 503, commit: false }],
    ['an HTML 502 page', { type: 'status', status: 502, commit: true, html: true }],
    ['a malformed answer', { type: 'malformed' }],
    ['an answer sealed to a stranger key', { type: 'bad-encryption' }],
  ])('recovers from %s by asking again', async (_what, fault) => {
    platform.faults.schedule('bankAccountInquiry', fault, 1);
    const before = platform.requests.size;
    const result = await read({ userId: 50000104652 }, lambdaContext(8000) as never);
    expect(result).toMatchObject({ isAutoRcgAccRegAllowed: true });
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
  it('whose answer is lost after the effect is reported as outcome unknown, and the effect is there', async () => {
    platform.faults.schedule('userRegister', { type: 'drop', commit: true });
    const before = platform.state.members().length;
    const { error } = await settle(write(member(1), lambdaContext(8000) as never));
    expect(error.name).toBe('KonaplateOutcomeUnknown');
    expect(platform.state.members().length).toBe(before + 1);
    expect(platform.requests.list().filter((r) => r.path.endsWith('/user/registration'))).toHaveLength(1);
  });

  it('that met a 503 is never sent again', async () => {
    platform.faults.schedule('userRegister', { type: 'status', status: 503, commit: false });
    const before = platform.requests.size;
    const { error } = await settle(write(member(2), lambdaContext(8000) as never));
    expect(error.name).toBe('KonaplateOutcomeUnknown');
    expect(platform.requests.size - before).toBe(1);
  });

  it('that is answered too late gives up before the Lambda would, once', async () => {
    platform.faults.schedule('userRegister', { type: 'delay', ms: 4000 });
    const started = Date.now();
    const { error } = await settle(write(member(3), lambdaContext(2500) as never));
    expect(error.name).toBe('KonaplateOutcomeUnknown');
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
