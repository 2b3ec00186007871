/**
 * A public client written against the real KONA PLATE sandbox (protocol.md's source KMO:
 * `src/lib/konaplate/client.ts`, `cards.ts` and its two scenario scripts), its requests rebuilt
 * here the way it builds them on the wire — not its code — and replayed against the sandbox:
 * - headers: Content-Type, the X-KM-* set, no Accept; X-KM-Crypto-Key-Id only on encrypted
 *   requests, after the others; `X-KM-Time-Zone: KST`;
 * - one clock reading per header (correlation id, token time, X-KM-Tran-Time), so the three may
 *   straddle a second;
 * - the body `JSON.stringify`-ed once, signed as is; encrypted requests a hand-built compact JWE
 *   (RSA-OAEP-256 + A128GCM, header `{"enc":"A128GCM","alg":"RSA-OAEP-256"}`) in `{"encData"}`;
 * - sent with `fetch`; an `encData` answer opened with the client private key.
 * Every request of a shape the documentation allows must be accepted, its answer encrypted where
 * the catalog says so (to the first key when the request named none); what the documentation
 * forbids stays refused.
 */
import { constants, createCipheriv, createDecipheriv, createHmac, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { operationByPath } from '../../lib/catalog';
import { printedOn } from '../../sandbox/books/card-applications';
import type { PlatformHandle } from '../../sandbox/platform/server';
import type { ClientIdentity } from './support/kona-client';
import { startTestPlatform } from './support/fixtures';

let platform: PlatformHandle;
let identity: ClientIdentity;

beforeAll(async () => {
  ({ platform, identity } = await startTestPlatform());
  platform.state.bankAccounts.configure({ arsCallMs: 0, bankRegistrationMs: 0 });
});
afterAll(() => platform.close());

// ---- the client's wire behaviour

/** Its clock: Date.now, read once per header. A test may hand it a clock that moves between reads. */
let clock: () => number = Date.now;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
function nowKst17(): string {
  const kst = new Date(clock() + 9 * 3600_000);
  return pad(kst.getUTCFullYear(), 4) + pad(kst.getUTCMonth() + 1, 2) + pad(kst.getUTCDate(), 2) +
    pad(kst.getUTCHours(), 2) + pad(kst.getUTCMinutes(), 2) + pad(kst.getUTCSeconds(), 2) + pad(kst.getUTCMilliseconds(), 3);
}

function baseHeaders(body: string, correlationId = `${nowKst17().slice(2, 14)}-${randomBytes(4).toString('hex').slice(0, 7)}`): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-KM-User-AspId': identity.aspId,
    'X-KM-Correlation-Id': correlationId,
    'X-KM-Access-Key': identity.accessKey,
    'X-KM-Tran-Token': `KMV1:${nowKst17()}:${createHmac('sha256', identity.secretKey).update(body).digest('base64')}`,
    'X-KM-Tran-Time': nowKst17().slice(0, 14),
    'X-KM-Time-Zone': 'KST',
  };
}

const b64url = (buffer: Buffer) => buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '');
const fromB64url = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

function encryptJwe(plaintext: string): string {
  const encodedHeader = b64url(Buffer.from(JSON.stringify({ enc: 'A128GCM', alg: 'RSA-OAEP-256' })));
  const cek = randomBytes(16);
  const encryptedKey = publicEncrypt({ key: identity.cryptoKeys[0]!.platformPublicKey, oaepHash: 'sha256', padding: constants.RSA_PKCS1_OAEP_PADDING }, cek);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-128-gcm', cek, iv);
  cipher.setAAD(Buffer.from(encodedHeader));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [encodedHeader, b64url(encryptedKey), b64url(iv), b64url(ciphertext), b64url(cipher.getAuthTag())].join('.');
}

function decryptJwe(jwe: string): string {
  const [encodedHeader, encryptedKey, iv, ciphertext, tag] = jwe.split('.') as [string, string, string, string, string];
  const header = JSON.parse(fromB64url(encodedHeader).toString('utf8')) as { enc: string };
  const cek = privateDecrypt({ key: identity.cryptoKeys[0]!.clientPrivateKey, oaepHash: 'sha256', padding: constants.RSA_PKCS1_OAEP_PADDING }, fromB64url(encryptedKey));
  const decipher = createDecipheriv(header.enc === 'A256GCM' ? 'aes-256-gcm' : 'aes-128-gcm', cek, fromB64url(iv));
  decipher.setAuthTag(fromB64url(tag));
  decipher.setAAD(Buffer.from(encodedHeader));
  return Buffer.concat([decipher.update(fromB64url(ciphertext)), decipher.final()]).toString('utf8');
}

interface Answer {
  status: number;
  json: { response: { code: string; description: string } } & Record<string, any>;
  encrypted: boolean;
  keyId: string | null;
  headers: Record<string, string>;
}

async function post(path: string, body: unknown, options: { encrypted?: boolean; correlationId?: string } = {}): Promise<Answer> {
  const bodyString = options.encrypted ? JSON.stringify({ encData: encryptJwe(JSON.stringify(body)) }) : JSON.stringify(body);
  const headers = { ...baseHeaders(bodyString, options.correlationId), ...(options.encrypted && { 'X-KM-Crypto-Key-Id': identity.cryptoKeys[0]!.id }) };
  const res = await fetch(`${platform.url}${path}`, { method: 'POST', headers, body: bodyString });
  const parsed = JSON.parse(await res.text()) as Record<string, any>;
  const encrypted = typeof parsed.encData === 'string';
  return {
    status: res.status,
    json: (encrypted ? JSON.parse(decryptJwe(parsed.encData)) : parsed) as Answer['json'],
    encrypted,
    keyId: res.headers.get('x-km-crypto-key-id'),
    headers: headers as Record<string, string>,
  };
}

/** Accepted, and the answer sealed exactly when the catalog seals it, to the key the client holds. */
function expectAccepted(path: string, answer: Answer): void {
  expect([answer.status, answer.json.response.code, answer.json.response.description]).toEqual([200, '000_000', 'Success.']);
  const op = operationByPath(path)!;
  expect(answer.encrypted).toBe(op.encrypted.response);
  if (answer.encrypted) expect(answer.keyId).toBe(identity.cryptoKeys[0]!.id);
}

// ---- the replay, in the order its scenario scripts call

const PATH = {
  registration: '/api/v1/user/registration',
  cards: '/api/v1/user/card/list',
  cardInfo: '/api/v1/user/card/info',
  transactions: '/api/v1/transaction/card',
  accountValid: '/api/v1/bankaccounts/user/valid',
  arsAuth: '/api/v1/bankaccounts/ars/auth',
  arsRegister: '/api/v1/bankaccounts/ars/register',
  arsInquiry: '/api/v1/bankaccounts/ars/register/inquiry',
  physical: '/api/v1/prepay-card/physical/register',
  token: '/api/v2/payment/generate/onetimetoken',
  recharge: '/api/v1/recharges/by-bank-accounts/no-hce',
  rechargeCancel: '/api/v1/recharges/by-bank-accounts/no-hce/cancel',
  rechargeResult: '/api/v1/recharges/by-bank-account/result/inquiry',
  cardStatus: '/api/v1/card/status',
} as const;

const TC_IDS = ['29184', '29186', '29187', '29188', '601151', '601152', '604150', '606153'];
const MEMBER = { userName: '김적합', birthDate: '19751112', bankCode: '003', bankAccount: '333015559999', bankName: 'IBK기업' };
const uid = Date.now().toString().slice(-9);
const today = () => nowKst17().slice(0, 8);
const run: { userId?: number; cardNo?: string; par?: string; expiryDate?: string; regNo?: string; token?: { dcvv: string; oneTimeToken: string }; nrNumber?: string } = {};

describe('its requests, replayed', () => {
  it('sign-up, encrypted, terms ids as strings, no CI', async () => {
    const answer = await post(PATH.registration, {
      loginId: `km${uid}@kona.test`, loginPassword: '111111', birthDate: MEMBER.birthDate, userName: MEMBER.userName, email: `km${uid}@kona.test`,
      nationality: 'Korean', gender: 'Male', mobileNumber: '01012341234',
      addressInfo: { address: '서울특별시 강남구 테헤란로 1', zipCode: '06234' }, joinChannel: 'OPENAPI', tcIdList: TC_IDS,
    }, { encrypted: true });
    expectAccepted(PATH.registration, answer);
    run.userId = answer.json.userId;
    ({ cardNo: run.cardNo, par: run.par, expiryDate: run.expiryDate } = answer.json.basicCardInfo);
  });

  it('the card list: a request in clear without X-KM-Crypto-Key-Id, its answer sealed to the first key', async () => {
    const answer = await post(PATH.cards, { userId: run.userId });
    expect(answer.headers).not.toHaveProperty('X-KM-Crypto-Key-Id');
    expect(answer.headers).not.toHaveProperty('Accept');
    expectAccepted(PATH.cards, answer);
    expect(answer.json.cardDataInfo[0].par).toBe(run.par);
  });

  it('the card-user mapping, encrypted', async () => {
    const answer = await post(PATH.cardInfo, { cardNo: run.cardNo }, { encrypted: true });
    expectAccepted(PATH.cardInfo, answer);
    expect(String(answer.json.userId)).toBe(String(run.userId));
  });

  it('account holder verification, encrypted', async () => {
    expectAccepted(PATH.accountValid, await post(PATH.accountValid, {
      userId: run.userId, userName: MEMBER.userName, birthDate: MEMBER.birthDate, bankCode: MEMBER.bankCode, bankAccount: MEMBER.bankAccount,
    }, { encrypted: true }));
  });

  it('the ARS auth number: encrypted though its page marks it plain, with fields the request does not take', async () => {
    const answer = await post(PATH.arsAuth, { userId: run.userId, bankCode: MEMBER.bankCode, bankAccount: MEMBER.bankAccount, mobileNumber: '01012341234' }, { encrypted: true });
    expectAccepted(PATH.arsAuth, answer);
    expect(answer.json.authNumber).toMatch(/^\d{2}$/);
  });

  it('ARS registration, encrypted, then its status in clear', async () => {
    const registered = await post(PATH.arsRegister, {
      userId: run.userId, bankCode: MEMBER.bankCode, bankAccount: MEMBER.bankAccount, bankName: MEMBER.bankName, userName: MEMBER.userName, birthDate: MEMBER.birthDate,
    }, { encrypted: true });
    expectAccepted(PATH.arsRegister, registered);
    const status = await post(PATH.arsInquiry, { regNo: registered.json.bankAccRegNo });
    expectAccepted(PATH.arsInquiry, status);
    expect(status.json.status).toBe('BANK_ACC_REGISTERED');
  });

  it('physical card registration, encrypted, expiry as YYMM', async () => {
    const stock = platform.state.cardApplications.stock().find((card) => card.balance === 0 && card.registeredPar === undefined)!;
    const printed = printedOn(stock);
    expectAccepted(PATH.physical, await post(PATH.physical, {
      userId: run.userId, physicalCardNo: printed.physicalCardNo, physicalCardExpDate: printed.physicalCardExpDate, physicalCardCVC: printed.physicalCardCVC,
    }, { encrypted: true }));
  });

  it.each([['no type', {}], ['type CREDIT', { type: 'CREDIT' }]])('a one-time token, encrypted, %s', async (_case, extra) => {
    const answer = await post(PATH.token, { cardNo: run.cardNo, ...extra }, { encrypted: true });
    expectAccepted(PATH.token, answer);
    run.token = { dcvv: answer.json.dcvv, oneTimeToken: answer.json.oneTimeToken };
  });

  it('a charge in clear, then its result', async () => {
    const sequenceId = `MNR${uid}CR`;
    const charged = await post(PATH.recharge, { dcvv: run.token!.dcvv, oneTimeToken: run.token!.oneTimeToken, userId: run.userId, merchantId: '410195430033901', amount: 10000, sequenceId });
    expectAccepted(PATH.recharge, charged);
    run.nrNumber = charged.json.nrNumber;
    const result = await post(PATH.rechargeResult, { sequenceId });
    expectAccepted(PATH.rechargeResult, result);
    expect(result.json.result).toBe('COMPLETED');
  });

  it('the card history in clear, its page request with a sort', async () => {
    const answer = await post(PATH.transactions, {
      userId: run.userId, par: run.par, startDate: today(), endDate: today(),
      pageRequest: { page: 0, pageSize: 10, sort: 'approvalDateTime', orderByDirection: 'DESC' },
    });
    expectAccepted(PATH.transactions, answer);
    expect(answer.json.transactionInfo[0].nrNumber).toBe(run.nrNumber);
  });

  it('the charge cancelled in clear, with a fresh token and the card expiry as YYMM', async () => {
    const token = await post(PATH.token, { cardNo: run.cardNo }, { encrypted: true });
    expectAccepted(PATH.rechargeCancel, await post(PATH.rechargeCancel, {
      dcvv: token.json.dcvv, userId: run.userId, nrNumber: run.nrNumber, cardExpiry: run.expiryDate!.slice(0, 4), sequenceId: `monari-${Date.now()}`, oneTimeToken: token.json.oneTimeToken,
    }));
  });

  it('the card suspended in clear, naming it by PAR and number', async () => {
    expectAccepted(PATH.cardStatus, await post(PATH.cardStatus, { userId: run.userId, par: run.par, cardNo: run.cardNo, status: 'SUSPEND' }));
  });
});

describe('how it reads the clock', () => {
  afterEach(() => {
    clock = Date.now;
  });

  it('accepts a request whose correlation id, token time and X-KM-Tran-Time straddle seconds', async () => {
    const start = Date.now();
    let reads = 0;
    clock = () => start + 1000 * reads++;
    const answer = await post(PATH.cards, { userId: run.userId });
    const times = [answer.headers['X-KM-Correlation-Id']!.slice(0, 12), answer.headers['X-KM-Tran-Token']!.slice(7, 19), answer.headers['X-KM-Tran-Time']!.slice(2, 14)];
    expect(new Set(times).size).toBe(3);
    expectAccepted(PATH.cards, answer);
  });
});

describe('what the documentation forbids stays refused', () => {
  it('a 21-character correlation id (one of its scripts kept the milliseconds): 000_101 naming the header', async () => {
    const stamp = nowKst17();
    const answer = await post(PATH.cards, { userId: run.userId }, { correlationId: `${stamp.slice(2)}-${randomBytes(3).toString('hex').slice(0, 5)}` });
    expect([answer.status, answer.json.response.code]).toEqual([400, '000_101']);
    expect(answer.json.response.description).toContain('X-KM-Correlation-Id');
  });

  it('sign-up values outside the documented ones: a CI of 0 characters (000_015), nationality KOR (000_002)', async () => {
    const member = { loginId: `kona${uid}`, loginPassword: '751112', birthDate: MEMBER.birthDate, userName: MEMBER.userName, email: `kona${uid}@monari.card`, gender: 'Male', mobileNumber: '01000000000', joinChannel: 'OPENAPI', tcIdList: TC_IDS };
    const emptyCi = await post(PATH.registration, { ci: '', ...member, nationality: 'Korean' }, { encrypted: true });
    expect(emptyCi.json.response).toEqual({ code: '000_015', description: 'Invalid parameter length: ci' });
    const nationality = await post(PATH.registration, { ...member, nationality: 'KOR' }, { encrypted: true });
    expect(nationality.json.response).toEqual({ code: '000_002', description: 'Invalid input parameter: nationality' });
  });
});
