/**
 * The gateway is tolerant of what the platform answers (issue 12): fields the catalog does not
 * know reach the caller, fields it misses are not invented, and an encrypted answer is opened on
 * any operation, whatever the catalog says. The sandbox's drift switch makes those answers.
 */
import { bankAccountInquiry, memberInfo, termsAgreementUpdate, termsList, type GatewayOperation } from '../../lib/catalog';
import { CredentialStore } from '../../lib/credentials';
import { gatewayHandler } from '../../lib/gateway-handler';
import { parseJson, stringifyJson } from '../../lib/protocol/json';
import type { Drift } from '../../sandbox/platform/drift';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { startPlatform, type PlatformHandle } from '../../sandbox/platform/server';
import { httpEvent, lambdaContext } from '../support/lambda-context';
import { logLines } from '../support/log-lines';

const HONG = 50000104652;
let credentials: SandboxCredentials;
let platform: PlatformHandle;

beforeAll(async () => {
  credentials = await generateSandboxCredentials();
  platform = await startPlatform({ project: credentials.project });
});
afterAll(() => platform.close());
beforeEach(() => platform.reset());

function handlerFor(op: GatewayOperation<'read' | 'write'>) {
  const store = new CredentialStore({ secretId: 'konaplate/tolerance', fetchSecret: async () => stringifyJson(credentials.clientSecret) });
  return gatewayHandler(op, { store: () => store, baseUrl: () => platform.url });
}

const drift = (drifts: Drift[], operations: string[]) => drifts.forEach((d) => platform.drift.add({ drift: d, operations }));
const invoke = (op: GatewayOperation<'read' | 'write'>, payload: unknown): Promise<any> => handlerFor(op)(payload, lambdaContext(10_000) as never);
async function overHttp(op: GatewayOperation<'read' | 'write'>, payload: unknown): Promise<{ statusCode: number; body: any }> {
  const answer = (await handlerFor(op)(httpEvent(op.path, stringifyJson(payload)) as never, lambdaContext(10_000) as never)) as { statusCode: number; body: string };
  return { statusCode: answer.statusCode, body: parseJson(answer.body) };
}

describe('fields the catalog does not know reach the caller', () => {
  it('at the top and inside objects, by direct invoke and over HTTP, without a warning', async () => {
    drift([
      { kind: 'extra-field', field: 'loyaltyGrade', value: 'GOLD' },
      { kind: 'extra-field', field: 'userInfo/nickname', value: 'gildong' },
    ], ['memberInfo']);
    const { lines } = await logLines(async () => {
      const invoked = await invoke(memberInfo, { userId: HONG });
      expect(invoked.loyaltyGrade).toBe('GOLD');
      expect(invoked.userInfo.nickname).toBe('gildong');
      const http = await overHttp(memberInfo, { userId: HONG });
      expect(http.statusCode).toBe(200);
      expect(http.body).toMatchObject({ loyaltyGrade: 'GOLD', userInfo: { nickname: 'gildong', userId: HONG } });
    });
    expect(lines.filter((line) => line.message === 'answer differs from the catalog schema')).toEqual([]);
  });

  it('a renamed field arrives under its new name and is not invented under the old one; the difference is logged', async () => {
    drift([{ kind: 'renamed-field', field: 'userInfo/email', to: 'emailAddress' }], ['memberInfo']);
    const { lines } = await logLines(async () => {
      const invoked = await invoke(memberInfo, { userId: HONG });
      expect(invoked.userInfo.emailAddress).toBe('gildong@example.com');
      expect(invoked.userInfo).not.toHaveProperty('email');
    });
    const warning = lines.find((line) => line.message === 'answer differs from the catalog schema');
    expect(warning).toMatchObject({ operation: 'memberInfo', mismatches: expect.arrayContaining([{ field: 'userInfo/email', rule: 'required' }]) });
  });
});

describe('an encrypted answer is opened on any operation', () => {
  it('a read whose catalog answer is in clear (no key id was sent, the first key sealed it)', async () => {
    drift([{ kind: 'encrypted-answer' }], ['termsList']);
    const answer = await invoke(termsList, { userId: HONG });
    expect(answer.termsList.length).toBeGreaterThan(0);
    const recorded = platform.requests.last()!;
    expect(recorded.headers).not.toHaveProperty('x-km-crypto-key-id');
    expect(recorded.drift).toEqual(['encrypted-answer']);
  });

  it('a write whose catalog answer is in clear', async () => {
    drift([{ kind: 'encrypted-answer' }, { kind: 'extra-field' }], ['termsAgreementUpdate']);
    const answer = await overHttp(termsAgreementUpdate, { userId: HONG, tcList: [{ tcId: 601152, isAgree: true }] });
    expect(answer).toEqual({ statusCode: 200, body: { driftExtra: 'drift' } });
  });

  it('and an answer the catalog seals may come in clear', async () => {
    drift([{ kind: 'plain-answer' }], ['bankAccountInquiry']);
    const answer = await invoke(bankAccountInquiry, { userId: HONG });
    expect(answer.bankAccForNormalRcg.bankCode).toBe('004');
  });
});
