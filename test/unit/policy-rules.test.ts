/**
 * The retry policy's rules, one by one (lib/upstream/policy.ts), against scripted stand-ins on
 * 127.0.0.1: how often a read is tried and after which failures, the backoff between tries, the
 * time each attempt gets, that a write is sent once and what its caller is told, the resend of a
 * request that surely never left, and the retry after a key rotation. Backoff is drawn from an
 * injected `random`; time limits are set with margins of 250 ms or more either side.
 */
import { bankAccountInquiry, chargeByBankAccount, userRegister } from '../../lib/catalog';
import { CredentialStore, parseCredentials } from '../../lib/credentials';
import { GatewayError } from '../../lib/errors';
import { KeyCache } from '../../lib/protocol';
import { callWithPolicy } from '../../lib/upstream/policy';
import { hex, testSecret } from '../support/keys';
import { logLines } from '../support/log-lines';
import { publishedMetrics } from '../support/published-metrics';
import { answer, brokenHandshakes, gatewayFailure, scriptedPlatforms, UNAVAILABLE } from '../support/scripted-platform';

const keys = new KeyCache();
const { secret } = testSecret();
const inquiry = { userId: 50000104652 };
const member = { loginId: 'rules@example.com', loginPassword: '480213', birthDate: '19900101', nationality: 'Korean', gender: 'Male', userName: '규칙', email: 'rules@example.com', mobileNumber: '01012345678' };
const charge = { sequenceId: 'RULES-0001', userId: 50000104652, amount: 1000, oneTimeToken: '9461442187322710', dcvv: '366', merchantId: '410195430033901' };
const found = answer('000_000', { isAutoRcgAccRegAllowed: true });
const registered = answer('000_000', { userId: 50000104653 });

const { platform } = scriptedPlatforms();

/** A policy context whose deadline is `ms` away; `secrets` are what each fetch of the secret returns. */
function context(url: string, ms: number, options: { random?: () => number; secrets?: Array<typeof secret>; fetched?: string[] } = {}) {
  const later = [...(options.secrets ?? [])];
  const store = new CredentialStore({ secretId: 'rules', fetchSecret: async (id) => {
    options.fetched?.push(id);
    return JSON.stringify(later.shift() ?? secret);
  } });
  return {
    baseUrl: url,
    credentials: parseCredentials(JSON.stringify(secret), 'rules'),
    store,
    deadline: Date.now() + ms,
    keys,
    random: options.random ?? (() => 0),
  };
}

const failure = gatewayFailure;

describe('a read', () => {
  it('is attempted at most 3 times while the platform answers 5xx, then answers "unavailable"; each retry is counted', async () => {
    const { url, received } = await platform([UNAVAILABLE]);
    let error: GatewayError | undefined;
    const metrics = await publishedMetrics(async () => (error = await failure(callWithPolicy(bankAccountInquiry, inquiry, context(url, 10_000)))));
    expect(error?.kind).toBe('platform_unavailable');
    expect(received).toHaveLength(3);
    expect(metrics).toMatchObject({ Retries: [1, 1], PlatformCalls: [1, 1, 1] });
  });

  it('is tried again after an attempt that got no answer, inside its deadline', async () => {
    const { url, received } = await platform(['hang', found]);
    const result = await callWithPolicy(bankAccountInquiry, inquiry, context(url, 2000));
    expect(result.data).toEqual({ isAutoRcgAccRegAllowed: true });
    expect(received).toHaveLength(2);
  });

  it.each([
    ['a refusal (HTTP 400, 001_006)', answer('001_006')],
    ['a refusal code on a 5xx (HTTP 500, 001_006)', answer('001_006', {}, 500)],
  ])('is not tried again after %s: the platform answered', async (_what, refusal) => {
    const { url, received } = await platform([refusal, found]);
    const error = await failure(callWithPolicy(bankAccountInquiry, inquiry, context(url, 10_000)));
    expect(error.kind).toBe('not_found');
    expect(received).toHaveLength(1);
  });

  it('waits a random backoff before each retry, up to 100 ms and then up to 200 ms, and logs it', async () => {
    const { url, arrivals } = await platform([UNAVAILABLE]);
    const { lines } = await logLines(() => callWithPolicy(bankAccountInquiry, inquiry, context(url, 10_000, { random: () => 0.999 })));
    expect(lines.filter((line) => line.message === 'retrying').map((line) => [line.attempt, line.backoffMs])).toEqual([[2, 99], [3, 199]]);
    expect(arrivals).toHaveLength(3);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(99);
    expect(arrivals[2]! - arrivals[1]!).toBeGreaterThanOrEqual(199);
  });

  it('starts no attempt with less than 250 ms left', async () => {
    // The first 5xx comes 400 ms into a 600 ms deadline: at most 200 ms are left.
    const { url, received } = await platform([{ ...UNAVAILABLE, delayMs: 400 }, found]);
    const error = await failure(callWithPolicy(bankAccountInquiry, inquiry, context(url, 600)));
    expect(error.kind).toBe('platform_unavailable');
    expect(received).toHaveLength(1);
  });

  it('counts the backoff against the time left: no attempt would start with less than 250 ms', async () => {
    // At most 320 ms are left after the first 5xx; with a 99 ms backoff, less than 250 ms would be.
    const { url, received } = await platform([{ ...UNAVAILABLE, delayMs: 200 }, found]);
    const error = await failure(callWithPolicy(bankAccountInquiry, inquiry, context(url, 520, { random: () => 0.999 })));
    expect(error.kind).toBe('platform_unavailable');
    expect(received).toHaveLength(1);
  });

  it('gives its first attempt at least 1 s when less than 2 s are left, all of it below 1 s', async () => {
    // 650 ms: inside the whole 1000 ms; beyond half of it.
    const { url, received } = await platform([{ ...found, delayMs: 650 }, 'hang']);
    const result = await callWithPolicy(bankAccountInquiry, inquiry, context(url, 1000));
    expect(result.data).toEqual({ isAutoRcgAccRegAllowed: true });
    expect(received).toHaveLength(1);
  });

  it('still starts an attempt with exactly 250 ms left (the clock held still)', async () => {
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      const { url, received } = await platform([UNAVAILABLE]);
      const error = await failure(callWithPolicy(bankAccountInquiry, inquiry, { ...context(url, 0), deadline: now + 250 }));
      expect(error.kind).toBe('platform_unavailable');
      expect(received).toHaveLength(3);
    } finally {
      clock.mockRestore();
    }
  });

  it('gives its last attempt all the time left, not half of it', async () => {
    // 1600 ms: inside the ~2400 ms left; beyond half of them (1200 ms).
    const { url, received } = await platform([UNAVAILABLE, UNAVAILABLE, { ...found, delayMs: 1600 }]);
    const result = await callWithPolicy(bankAccountInquiry, inquiry, context(url, 2400));
    expect(result.data).toEqual({ isAutoRcgAccRegAllowed: true });
    expect(received).toHaveLength(3);
  });
});

describe('a write', () => {
  it('gets the whole deadline for its one attempt, not a read\'s half', async () => {
    // 1500 ms: inside the whole 2400 ms; beyond a read's first attempt (1200 ms).
    const { url, received } = await platform([{ ...registered, delayMs: 1500 }, registered]);
    const result = await callWithPolicy(userRegister, member, context(url, 2400));
    expect(result.data).toEqual({ userId: 50000104653 });
    expect(received).toHaveLength(1);
  });

  it('is sent once: a 5xx becomes "outcome unknown" carrying the caller\'s sequenceId and the platform\'s answer', async () => {
    const { url, received } = await platform([UNAVAILABLE, answer('000_000')]);
    const error = await failure(callWithPolicy(chargeByBankAccount, charge, context(url, 10_000)));
    expect(error.kind).toBe('outcome_unknown');
    expect(error.delivery).toBe('maybe-sent');
    expect(error.details).toMatchObject({ sequenceId: 'RULES-0001', platformCode: '000_001', platformStatus: 503 });
    expect(error.message).toMatch(/^chargeByBankAccount may or may not have taken effect: 000_001 System error$/);
    expect(received).toHaveLength(1);
  });

  it('without a sequenceId gets an "outcome unknown" that names none', async () => {
    const { url, received } = await platform([UNAVAILABLE, registered]);
    const error = await failure(callWithPolicy(userRegister, member, context(url, 10_000)));
    expect(error.kind).toBe('outcome_unknown');
    expect(Object.keys(error.details)).not.toContain('sequenceId');
    expect(received).toHaveLength(1);
  });

  it('refused on a 5xx is "outcome unknown", sent once: the 5xx says it may have taken effect', async () => {
    const { url, received } = await platform([answer('001_001', {}, 500), registered]);
    const error = await failure(callWithPolicy(userRegister, member, context(url, 10_000)));
    expect(error).toMatchObject({ kind: 'outcome_unknown', delivery: 'maybe-sent' });
    expect(error.details).toMatchObject({ platformCode: '001_001', platformStatus: 500 });
    expect(received).toHaveLength(1);
  });

  it('refused by the platform stays that refusal, sent once', async () => {
    const { url, received } = await platform([answer('001_001'), registered]);
    const error = await failure(callWithPolicy(userRegister, member, context(url, 10_000)));
    expect(error.kind).toBe('conflict');
    expect(error.delivery).toBe('refused');
    expect(received).toHaveLength(1);
  });
});

describe('a request that surely never left (TLS handshake broken off)', () => {
  it.each([
    ['a read', bankAccountInquiry, inquiry],
    ['a write', userRegister, member],
  ] as const)('is sent again, 3 times at most, for %s, and answers "unavailable", never "outcome unknown"', async (_what, op, input) => {
    const broken = await brokenHandshakes();
    try {
      const error = await failure(callWithPolicy(op, input, context(broken.url, 10_000)));
      expect(error.kind).toBe('platform_unavailable');
      expect(error.delivery).toBe('not-sent');
      expect(broken.connections()).toBe(3);
    } finally {
      await broken.close();
    }
  });
});

describe('credentials refused by the platform (HTTP 401)', () => {
  const refused = { status: 401, body: '{"response":{"code":"000_104","description":"Invalid token"}}' };
  const rotations: Array<[string, typeof secret]> = [
    ['the access key', { ...secret, accessKey: `${hex(4).slice(0, 7)}-${hex(16)}` }],
    ['the secret key', { ...secret, secretKey: `rotated-${hex(12)}` }],
    ['the ASP id', { ...secret, aspId: '000170000000001' }],
    ['the crypto key id', { ...secret, cryptoKeys: [{ ...secret.cryptoKeys[0]!, id: hex(16) }] }],
  ];

  it.each(rotations)('are retried once, at once, when the secret fetched again changed only %s', async (_what, rotated) => {
    const { url, received } = await platform([refused, registered]);
    const { lines } = await logLines(() => callWithPolicy(userRegister, member, context(url, 10_000, { secrets: [rotated], random: () => 0.999 })));
    expect(received).toHaveLength(2);
    expect(received[1]!.headers['x-km-access-key']).toBe(rotated.accessKey);
    expect(received[1]!.headers['x-km-user-aspid']).toBe(rotated.aspId);
    expect(received[1]!.headers['x-km-crypto-key-id']).toBe(rotated.cryptoKeys[0]!.id);
    expect(lines.filter((line) => line.message === 'retrying')).toEqual([expect.objectContaining({ after: 'platform_auth', backoffMs: 0 })]);
    expect(lines.find((line) => line.message === 'platform refused the credentials; secret fetched again')).toMatchObject({ rotated: true });
  });

  it('fetch the secret again; no other refusal does, and a 5xx carrying an authentication code is no refusal', async () => {
    const fetched: string[] = [];
    const { url, received } = await platform([answer('001_006'), { status: 500, body: '{"response":{"code":"000_104","description":"Invalid token"}}' }, refused]);
    await failure(callWithPolicy(bankAccountInquiry, inquiry, context(url, 10_000, { fetched })));
    expect(fetched).toEqual([]);
    // A write whose answer was a 5xx may have taken effect, whatever its code: never resent, even under a rotated secret.
    const rotated = { ...secret, secretKey: `rotated-${hex(12)}` };
    const unknown = await failure(callWithPolicy(userRegister, member, context(url, 10_000, { fetched, secrets: [rotated] })));
    expect(unknown.kind).toBe('outcome_unknown');
    expect(fetched).toEqual([]);
    expect(received).toHaveLength(2);
    await failure(callWithPolicy(bankAccountInquiry, inquiry, context(url, 10_000, { fetched })));
    expect(fetched).toEqual(['rules']);
  });

  it('stay refused, sent once, when the secret fetched again is the same', async () => {
    const { url, received } = await platform([refused, registered]);
    const error = await failure(callWithPolicy(userRegister, member, context(url, 10_000, { secrets: [secret] })));
    expect(error.kind).toBe('platform_auth');
    expect(received).toHaveLength(1);
  });

  it('stay refused after one rotation: the secret is fetched again once per call', async () => {
    const { url, received } = await platform([refused, refused, registered]);
    const rotated = [{ ...secret, secretKey: `rotated-${hex(12)}` }, { ...secret, secretKey: `rotated-${hex(12)}` }];
    const error = await failure(callWithPolicy(bankAccountInquiry, inquiry, context(url, 10_000, { secrets: rotated })));
    expect(error.kind).toBe('platform_auth');
    expect(received).toHaveLength(2);
  });
});
