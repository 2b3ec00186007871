/**
 * Whether a callback is the platform's (lib/callbacks/verify.ts) and what it reports
 * (lib/callbacks/classify.ts), without any I/O: callbacks written by an independent sender
 * (test/support/callback-requests.ts) — good, forged, for another ASP, stale, from the future,
 * unsigned, encrypted under the first key or another, in clear, of a kind the catalog does not know.
 */
import * as crypto from 'node:crypto';
import { classifyCallback } from '../../lib/callbacks/classify';
import { CallbackRefusal, type RefusalReason } from '../../lib/callbacks/refusals';
import {
  authenticateCallback, CALLBACK_WINDOW_MS, lowerCaseHeaders, openCallbackBody, readCallbackHeaders, readEnvelope,
} from '../../lib/callbacks/verify';
import { parseCredentials, type KonaplateCredentials } from '../../lib/credentials/shape';
import { KeyCache } from '../../lib/protocol/keys';
import { generateSandboxCredentials, type SandboxCredentials } from '../../sandbox/project/credentials';
import { callbackRequest, cardDeliveredBody, chargeSettledBody, paymentApprovedBody, type CallbackRequestOptions } from '../support/callback-requests';

let credentials: SandboxCredentials;
let held: KonaplateCredentials;
const keys = new KeyCache();

beforeAll(async () => {
  // Two crypto keys: callbacks must come under the first.
  credentials = await generateSandboxCredentials({ keyCount: 2 });
  held = parseCredentials(JSON.stringify(credentials.clientSecret), 'test');
});

/** Runs every check the receiver runs before the replay guard, then opens the body. */
async function verify(fields: Record<string, unknown> | string, options: CallbackRequestOptions = {}, now = options.epochMs ?? Date.now(), tamper?: (body: Buffer) => Buffer) {
  const request = await callbackRequest(credentials, fields, options);
  const raw = tamper ? tamper(Buffer.from(request.body)) : Buffer.from(request.body);
  const h = readCallbackHeaders(lowerCaseHeaders(request.headers));
  authenticateCallback(h, raw, held, now);
  return { h, opened: openCallbackBody(readEnvelope(h, raw, held), held, keys) };
}

async function refusal(run: () => Promise<unknown>): Promise<RefusalReason> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CallbackRefusal) return error.reason;
    throw error;
  }
  throw new Error('the callback was accepted');
}

describe('a callback the platform signed', () => {
  it('passes in clear, and the body is the bytes sent', async () => {
    const body = chargeSettledBody();
    const { opened, h } = await verify(body);
    expect(opened.body).toEqual(body);
    expect(h.correlationId).toMatch(/^\d{12}-[0-9a-f]{7}$/);
  });

  it('passes encrypted under the project\'s first crypto key, and opens with its client private key', async () => {
    const body = paymentApprovedBody();
    const { opened } = await verify(body, { sealWith: 0 });
    expect(opened.body).toEqual(body);
  });

  it('is verified over the raw bytes, never a re-serialised copy', async () => {
    // Spaces and a number JSON.stringify would rewrite: the token is over these exact bytes.
    const text = '{ "eventType" : "SOMETHING_NEW", "amount" : 1.50 }';
    const { opened } = await verify(text);
    expect(opened.text).toBe(text);
    // Bytes that are not UTF-8: the token still matches them; only then is the body refused.
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    expect(await refusal(() => verify(bytes.toString('latin1'), {}, undefined, () => bytes))).toBe('signature');
  });

  it('compares the token in constant time', async () => {
    // The module object itself (the namespace import above is a copy), as lib/protocol/tran-token.ts reads it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const spy = jest.spyOn(require('node:crypto') as typeof crypto, 'timingSafeEqual');
    try {
      await verify(chargeSettledBody());
      expect(spy).toHaveBeenCalledTimes(1);
      const [expected, given] = spy.mock.calls[0]!;
      // The 43 characters that carry the whole MAC, on both sides (the padding is read either way).
      expect([Buffer.byteLength(expected as Buffer), Buffer.byteLength(given as Buffer)]).toEqual([43, 43]);
    } finally {
      spy.mockRestore();
    }
  });

  it('accepts X-KM-Tran-Time up to 5 minutes either side of the receiver clock', async () => {
    const sent = Date.now();
    await expect(verify(chargeSettledBody(), { epochMs: sent }, sent + CALLBACK_WINDOW_MS - 1000)).resolves.toBeDefined();
    await expect(verify(chargeSettledBody(), { epochMs: sent }, sent - CALLBACK_WINDOW_MS + 1000)).resolves.toBeDefined();
  });
});

describe('a callback that is refused', () => {
  it('forged: signed with another secret key', async () => {
    expect(await refusal(() => verify(chargeSettledBody(), { secretKey: 'not-the-project-secret' }))).toBe('signature');
  });

  it('tampered: one byte of the body changed after signing', async () => {
    const tamper = (body: Buffer) => Buffer.from(body.toString().replace('"amount":5005', '"amount":9005'));
    expect(await refusal(() => verify(chargeSettledBody(), {}, undefined, tamper))).toBe('signature');
  });

  it('unsigned: no X-KM-Tran-Token', async () => {
    expect(await refusal(() => verify(chargeSettledBody(), { overrides: { 'X-KM-Tran-Token': undefined } }))).toBe('missing_token');
  });

  it('a token that is not shaped like one (unpadded MAC)', async () => {
    const request = await callbackRequest(credentials, chargeSettledBody());
    const unpadded = request.headers['X-KM-Tran-Token']!.replace(/=$/, '');
    expect(await refusal(() => verify(chargeSettledBody(), { overrides: { 'X-KM-Tran-Token': unpadded } }))).toBe('signature');
  });

  it('for another ASP', async () => {
    expect(await refusal(() => verify(chargeSettledBody(), { overrides: { 'X-KM-User-AspId': '000170000000001' } }))).toBe('asp_id');
  });

  it('stale: more than 5 minutes old', async () => {
    const sent = Date.now() - CALLBACK_WINDOW_MS - 2000;
    expect(await refusal(() => verify(chargeSettledBody(), { epochMs: sent }, Date.now()))).toBe('stale');
  });

  it('from the future: more than 5 minutes ahead', async () => {
    const sent = Date.now() + CALLBACK_WINDOW_MS + 2000;
    expect(await refusal(() => verify(chargeSettledBody(), { epochMs: sent }, Date.now()))).toBe('future');
  });

  it('headers whose times disagree, or missing, or misshaped', async () => {
    expect(await refusal(() => verify(chargeSettledBody(), { overrides: { 'X-KM-Tran-Time': '20200101000000' } }))).toBe('header');
    expect(await refusal(() => verify(chargeSettledBody(), { overrides: { 'X-KM-Correlation-Id': '200101000000-abcdef0' } }))).toBe('header');
    expect(await refusal(() => verify(chargeSettledBody(), { overrides: { 'X-KM-Time-Zone': 'PST' } }))).toBe('header');
    expect(await refusal(() => verify(chargeSettledBody(), { overrides: { 'X-KM-User-AspId': undefined } }))).toBe('header');
  });

  it('encrypted under the second crypto key, which callbacks never use', async () => {
    expect(await refusal(() => verify(paymentApprovedBody(), { sealWith: 1 }))).toBe('crypto_key');
  });

  it('naming the first key but sealed to another', async () => {
    expect(await refusal(() => verify(paymentApprovedBody(), { sealWith: 1, keyId: credentials.project.cryptoKeys[0]!.id }))).toBe('decryption');
  });

  it('encrypted without naming its key', async () => {
    expect(await refusal(() => verify(paymentApprovedBody(), { sealWith: 0, keyId: null }))).toBe('header');
  });

  it('encData beside other fields', async () => {
    const sealed = await callbackRequest(credentials, paymentApprovedBody(), { sealWith: 0 });
    const mixed = JSON.stringify({ ...JSON.parse(sealed.body), eventType: 'PAYMENT_APPROVED' });
    expect(await refusal(() => verify(mixed, { keyId: credentials.project.cryptoKeys[0]!.id }))).toBe('envelope');
  });

  it('not a JSON object', async () => {
    expect(await refusal(() => verify('[1,2]'))).toBe('body');
    expect(await refusal(() => verify('{"eventType":'))).toBe('body');
  });
});

describe('what a verified callback reports', () => {
  const meta = () => ({ correlationId: '251125143005-3fa9c1e', timeZone: 'KST', receivedAt: new Date('2025-11-25T05:30:06.000Z') });

  it('a settled charge: charge.settled keyed by operation, sequenceId and outcome, at the platform\'s time', () => {
    const body = chargeSettledBody({ sequenceId: 'GW20251125000001', eventDateTime: '20251125143005', result: 'FAILED', failureCode: '007_004' });
    const { event, eventType } = classifyCallback(JSON.stringify(body), body, meta());
    expect(eventType).toBe('CHARGE_SETTLED');
    expect(event).toEqual({
      eventKey: 'charge.settled#chargeByBankAccount#GW20251125000001#FAILED',
      kind: 'charge.settled',
      origin: 'callback',
      occurredAt: '2025-11-25T05:30:05.000Z',
      receivedAt: '2025-11-25T05:30:06.000Z',
      correlationId: '251125143005-3fa9c1e',
      designed: true,
      data: {
        operation: 'chargeByBankAccount', sequenceId: 'GW20251125000001', outcome: 'FAILED', amount: 5005, userId: '50000104652',
        nrNumber: body.nrNumber, failureCode: '007_004',
      },
    });
  });

  it('a 19-digit userId keeps every digit', () => {
    const text = JSON.stringify(chargeSettledBody()).replace('50000104652', '9223372036854775807');
    const { event } = classifyCallback(text, JSON.parse(text, (_key, value, context?: { source: string }) =>
      typeof value === 'number' && !Number.isSafeInteger(value) ? BigInt(context!.source) : value), meta());
    expect((event.data as { userId: string }).userId).toBe('9223372036854775807');
  });

  it('a delivered card: the card number only as its last 4', () => {
    const body = cardDeliveredBody();
    const { event } = classifyCallback(JSON.stringify(body), body, meta());
    expect(event.kind).toBe('card.delivered');
    expect(event.eventKey).toBe(`card.delivered#${body.cardApplyNo as string}`);
    expect(event.data).toEqual({ userId: '50000104652', cardApplicationId: body.cardApplyNo, par: body.par, physicalCardLast4: (body.physicalCardNo as string).slice(-4) });
  });

  it('a kind the catalog does not know: passed on as unknown, masked, keyed by the body\'s hash', () => {
    const body = { eventType: 'POINTS_EARNED', userId: 50000104652, cardNo: '9491339401250765', points: 120 };
    const text = JSON.stringify(body);
    const { event, unrecognised } = classifyCallback(text, body, meta());
    expect(event.kind).toBe('unknown');
    expect(event.eventKey).toBe(`unknown#${crypto.createHash('sha256').update(text).digest('hex')}`);
    expect(event.data).toEqual({ eventType: 'POINTS_EARNED', userId: 50000104652, cardNo: '************0765', points: 120 });
    expect(unrecognised).toBe('eventType "POINTS_EARNED" is not in the callback catalog');
  });

  it('a known kind that breaks its designed schema: passed on as unknown, saying where', () => {
    const body = chargeSettledBody();
    delete body.sequenceId;
    const { event, unrecognised } = classifyCallback(JSON.stringify(body), body, meta());
    expect(event.kind).toBe('unknown');
    expect(unrecognised).toBe('CHARGE_SETTLED breaks its designed schema at sequenceId: required');
  });

  it('the same body encrypted twice is one event: the key is over the plaintext', async () => {
    const body = { eventType: 'SOMETHING_NEW', value: 1 };
    const first = await verify(body, { sealWith: 0 });
    const second = await verify(body, { sealWith: 0 });
    const key = (opened: typeof first.opened) => classifyCallback(opened.text, opened.body, meta()).event.eventKey;
    expect(key(first.opened)).toBe(key(second.opened));
  });
});
