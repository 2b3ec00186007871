/** What the operations do: register, member info, bank accounts; encrypted answers; big ids. */
import { bankAccountInquiry } from '../../lib/catalog/operations/bank-account-inquiry';
import { memberInfo } from '../../lib/catalog/operations/member-info';
import { defineBehaviour } from '../../sandbox/behaviours/behaviour';
import type { PlatformHandle } from '../../sandbox/platform/server';
import { startPlatform } from '../../sandbox/platform/server';
import { call, openAnswer, rawRequest, signedHeaders, type ClientIdentity } from './support/kona-client';
import { HONG, newMember, PATHS, startTestPlatform } from './support/fixtures';

let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform({}, { keyCount: 2 }));
});
afterAll(() => platform.close());

const encrypted = { encrypt: true } as const;

function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((char, index) => {
    let digit = Number(char);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  });
  return sum % 10 === 0;
}

describe('userRegister and memberInfo', () => {
  it('registers a member and returns the same member from info', async () => {
    const member = newMember({ addressInfo: { address: '부산광역시 해운대구', zipCode: '48094' }, joinChannel: 'OPENAPI' });
    const registered = await call(platform.url, identity, PATHS.register, member, encrypted);
    expect([registered.status, registered.json.response.code]).toEqual([200, '000_000']);
    const { userId, basicCardInfo } = registered.json as unknown as { userId: number; basicCardInfo: Record<string, string> };
    expect(Number.isSafeInteger(userId)).toBe(true);
    expect(basicCardInfo.par).toHaveLength(27);
    expect(basicCardInfo.cardNo).toMatch(/^\d{16}$/);
    expect(luhnValid(basicCardInfo.cardNo!)).toBe(true);
    expect(basicCardInfo.expiryDate).toMatch(/^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/);
    expect(basicCardInfo.serviceId).toMatch(/^\d{15}$/);

    const info = await call(platform.url, identity, PATHS.info, { userId }, encrypted);
    expect(info.json.response.code).toBe('000_000');
    const userInfo = info.json.userInfo as Record<string, unknown>;
    expect(userInfo).toEqual({
      aspId: identity.aspId,
      userId,
      birthDate: member.birthDate,
      ci: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
      loginId: member.loginId,
      nationality: member.nationality,
      gender: member.gender,
      mobileNumber: member.mobileNumber,
      userName: '박지민',
      email: member.email,
      joinChannel: 'OPENAPI',
      addressInfo: { address: '부산광역시 해운대구', zipCode: '48094' },
    });
    expect(userInfo).not.toHaveProperty('loginPassword');
  });

  it('allocates userIds in sequence', async () => {
    const first = await call(platform.url, identity, PATHS.register, newMember(), encrypted);
    const second = await call(platform.url, identity, PATHS.register, newMember(), encrypted);
    expect((second.json.userId as number) - (first.json.userId as number)).toBe(1);
  });

  it('keeps the ci the caller gave', async () => {
    const ci = `Q${'w'.repeat(85)}==`;
    const registered = await call(platform.url, identity, PATHS.register, newMember({ ci }), encrypted);
    const info = await call(platform.url, identity, PATHS.info, { userId: registered.json.userId }, encrypted);
    expect((info.json.userInfo as { ci: string }).ci).toBe(ci);
  });

  it('001_001 for a loginId or a ci already registered (HTTP 400)', async () => {
    const member = newMember({ ci: `R${'z'.repeat(85)}==` });
    expect((await call(platform.url, identity, PATHS.register, member, encrypted)).json.response.code).toBe('000_000');
    const sameLogin = await call(platform.url, identity, PATHS.register, { ...member, ci: `S${'z'.repeat(85)}==` }, encrypted);
    expect([sameLogin.status, sameLogin.json.response.code]).toEqual([400, '001_001']);
    const sameCi = await call(platform.url, identity, PATHS.register, { ...member, loginId: `${String(member.loginId)}x` }, encrypted);
    expect([sameCi.status, sameCi.json.response.code]).toEqual([400, '001_001']);
  });

  it('001_006 for an unknown member (HTTP 400)', async () => {
    const info = await call(platform.url, identity, PATHS.info, { userId: 1 }, encrypted);
    expect([info.status, info.json.response.code]).toEqual([400, '001_006']);
    const accounts = await call(platform.url, identity, PATHS.accounts, { userId: 1 });
    expect([accounts.status, accounts.json.response.code]).toEqual([400, '001_006']);
  });

  it('accepts a userId sent as a decimal string', async () => {
    const info = await call(platform.url, identity, PATHS.info, { userId: String(HONG) }, encrypted);
    expect((info.json.userInfo as { userName: string }).userName).toBe('홍길동');
  });
});

describe('bankAccountInquiry', () => {
  const inquire = (userId: number) => call(platform.url, identity, PATHS.accounts, { userId });

  it('answers the fixture members\' accounts', async () => {
    expect((await inquire(HONG)).json).toEqual({
      response: { code: '000_000', description: 'Success.' },
      bankAccForNormalRcg: { bankAccount: expect.stringMatching(/^\d+$/), bankCode: '004', bankName: 'KB국민' },
      isAutoRcgAccRegAllowed: true,
    });
    const both = (await inquire(HONG + 1)).json;
    expect(both).toMatchObject({ bankAccForNormalRcg: { bankCode: '088' }, bankAccForAutoRcg: { bankCode: '020' }, isAutoRcgAccRegAllowed: false });
    const none = (await inquire(HONG + 2)).json;
    expect(Object.keys(none).sort()).toEqual(['isAutoRcgAccRegAllowed', 'response']);
    expect(none.isAutoRcgAccRegAllowed).toBe(false);
  });

  it('sees accounts added through the control API', async () => {
    const userId = (await call(platform.url, identity, PATHS.register, newMember(), encrypted)).json.userId as number;
    expect((await inquire(userId)).json.isAutoRcgAccRegAllowed).toBe(false);
    const origin = platform.url.replace(/\/open-api$/, '');
    const added = await fetch(`${origin}/__sandbox/members/${userId}/accounts`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'normal', bankAccount: '3333012345678', bankCode: '090', bankName: '카카오뱅크' }),
    });
    expect(added.status).toBe(201);
    expect((await inquire(userId)).json).toMatchObject({
      bankAccForNormalRcg: { bankAccount: '3333012345678', bankCode: '090', bankName: '카카오뱅크' },
      isAutoRcgAccRegAllowed: true,
    });
  });
});

describe('encrypted answers', () => {
  it('seals success answers to the client key the request named, with X-KM-Crypto-Key-Id', async () => {
    for (const key of identity.cryptoKeys) {
      const body = JSON.stringify({ userId: HONG });
      const raw = await rawRequest(`${platform.url}${PATHS.accounts}`, body, signedHeaders(identity, body, { cryptoKeyId: key.id }));
      expect(Object.keys(JSON.parse(raw.text))).toEqual(['encData']);
      expect(raw.headers['x-km-crypto-key-id']).toBe(key.id);
      // Only this key's client private key opens it.
      const answer = await openAnswer({ ...identity, cryptoKeys: [key] }, raw);
      expect(answer.jwe).toEqual({ alg: 'RSA-OAEP-256', enc: 'A128GCM' });
      expect(answer.json.response.code).toBe('000_000');
    }
  });

  it('answers errors in clear by default', async () => {
    const raw = await call(platform.url, identity, PATHS.info, { userId: 1 }, encrypted);
    expect(JSON.parse(raw.text)).toEqual({ response: { code: '001_006', description: expect.any(String) } });
    expect(raw.headers['x-km-crypto-key-id']).toBeUndefined();
  });

  it('can seal errors too, and use RSA-OAEP / A256GCM, per server or per key', async () => {
    const { platform: other, identity: otherIdentity, credentials } = await startTestPlatform({ encryptErrors: true, responseEncryption: { alg: 'RSA-OAEP' } });
    try {
      const error = await call(other.url, otherIdentity, PATHS.info, { userId: 1 }, encrypted);
      expect(error.plaintext).toBeDefined();
      expect(error.json.response.code).toBe('001_006');
      expect(error.jwe).toEqual({ alg: 'RSA-OAEP', enc: 'A128GCM' });
      // A header error comes before the key is known: it stays in clear.
      const header = await call(other.url, otherIdentity, PATHS.info, { userId: HONG }, { ...encrypted, overrides: { 'X-KM-Time-Zone': 'XYZ' } });
      expect(header.plaintext).toBeUndefined();
      expect(header.json.response.code).toBe('000_101');
    } finally {
      await other.close();
    }
    const perKey = await startPlatform({
      port: 0,
      project: { ...credentials.project, cryptoKeys: credentials.project.cryptoKeys.map((key) => ({ ...key, responseEncryption: { enc: 'A256GCM' } })) },
    });
    try {
      const answer = await call(perKey.url, otherIdentity, PATHS.info, { userId: HONG }, encrypted);
      expect(answer.jwe).toEqual({ alg: 'RSA-OAEP-256', enc: 'A256GCM' });
    } finally {
      await perKey.close();
    }
  });
});

describe('19-digit userIds', () => {
  it('keeps every digit through register → info', async () => {
    const { platform: big, identity: bigIdentity } = await startTestPlatform({ userIdStart: 9223372036854775000n });
    try {
      const registered = await call(big.url, bigIdentity, PATHS.register, newMember(), encrypted);
      expect(registered.json.response.code).toBe('000_000');
      // JSON.parse would round the id; the plaintext must carry it as bare digits.
      expect(registered.plaintext).toContain('"userId":9223372036854775000,');
      const info = await call(big.url, bigIdentity, PATHS.info, '{"userId":9223372036854775000}', encrypted);
      expect(info.json.response.code).toBe('000_000');
      expect(info.plaintext).toContain('"userId":9223372036854775000,');
      expect(big.state.member(9223372036854775000n)?.loginId).toBeDefined();
      // The next id is exact too, and the inquiry API's 15-digit limit refuses it.
      const next = await call(big.url, bigIdentity, PATHS.register, newMember(), encrypted);
      expect(next.plaintext).toContain('"userId":9223372036854775001,');
      const accounts = await call(big.url, bigIdentity, PATHS.accounts, '{"userId":9223372036854775001}');
      expect(accounts.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: userId' });
    } finally {
      await big.close();
    }
  });
});

describe('sandbox bugs answer 500 000_001', () => {
  it('when a behaviour throws, breaks the catalog, or is missing', async () => {
    const errors: unknown[] = [];
    const { platform: broken, identity: brokenIdentity } = await startTestPlatform({
      onInternalError: (error) => errors.push(error),
      behaviours: new Map([
        ['memberInfo', defineBehaviour(memberInfo, () => { throw new Error('boom'); })],
        // An answer without the required isAutoRcgAccRegAllowed.
        ['bankAccountInquiry', { op: bankAccountInquiry, run: async () => ({ ok: true as const, body: {} }) }],
      ]),
    });
    try {
      for (const [path, options] of [[PATHS.info, encrypted], [PATHS.accounts, {}], [PATHS.register, encrypted]] as const) {
        const fields = path === PATHS.register ? newMember() : { userId: HONG };
        const answer = await call(broken.url, brokenIdentity, path, fields, options);
        expect([answer.status, answer.json.response.code]).toEqual([500, '000_001']);
        expect(answer.json.response.description).toBe('Internal system error.');
      }
      expect(errors).toHaveLength(3);
    } finally {
      await broken.close();
    }
  });
});
