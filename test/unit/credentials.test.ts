import { CredentialStore, parseCredentials } from '../../lib/credentials';
import { GatewayError } from '../../lib/errors';
import { certificatePair, testSecret } from '../support/keys';

const ID = 'konaplate/test';

describe('secret shape', () => {
  const { secret } = testSecret();
  const text = (value: unknown) => JSON.stringify(value);

  it('accepts the documented shape, including a certificate as the platform key', () => {
    const { certificate } = certificatePair();
    const withCert = { ...secret, cryptoKeys: [{ ...secret.cryptoKeys[0], platformPublicKey: certificate }] };
    expect(parseCredentials(text(withCert), ID)).toMatchObject({ aspId: secret.aspId, timeZone: 'KST' });
  });

  it.each([
    [{ ...secret, aspId: undefined }, 'aspId is missing'],
    [{ ...secret, accessKey: 'short' }, 'accessKey must be 40 characters'],
    [{ ...secret, secretKey: '' }, 'secretKey must be a non-empty string'],
    [{ ...secret, timeZone: 'PST' }, 'timeZone must be one of UTC, GMT, KST'],
    [{ ...secret, cryptoKeys: {} }, 'cryptoKeys must be an array'],
    [{ ...secret, cryptoKeys: [{ ...secret.cryptoKeys[0], clientPrivateKey: undefined }] }, 'cryptoKeys[0].clientPrivateKey is missing'],
    [{ ...secret, cryptoKeys: [{ ...secret.cryptoKeys[0], platformPublicKey: 'garbage' }] }, 'cryptoKeys[0].platformPublicKey not a PEM'],
    [{ ...secret, cryptoKeys: [{ ...secret.cryptoKeys[0], id: 'x' }] }, 'cryptoKeys[0].id must be 32 characters'],
  ])('names the key at fault and never prints a value (%#)', (value, message) => {
    let error: unknown;
    try {
      parseCredentials(text(value), ID);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    const { message: text_, kind } = error as GatewayError;
    expect(kind).toBe('configuration');
    expect(text_).toContain(message);
    expect(text_).toContain(ID);
    for (const value_ of [secret.secretKey, secret.accessKey, 'BEGIN']) expect(text_).not.toContain(value_);
  });

  it('refuses a secret that is not JSON', () => {
    expect(() => parseCredentials('{oops', ID)).toThrow('SecretString is not JSON');
  });
});

describe('credential store', () => {
  const { secret } = testSecret();

  function counting(answers: Array<() => Promise<string>>) {
    let calls = 0;
    const fetchSecret = jest.fn(async () => {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls += 1;
      return answer();
    });
    return fetchSecret;
  }

  it('fetches once for 50 concurrent callers', async () => {
    const fetchSecret = counting([() => new Promise((resolve) => setTimeout(() => resolve(JSON.stringify(secret)), 20))]);
    const store = new CredentialStore({ secretId: ID, fetchSecret });
    store.prefetch();
    const all = await Promise.all(Array.from({ length: 50 }, () => store.get()));
    expect(fetchSecret).toHaveBeenCalledTimes(1);
    expect(new Set(all).size).toBe(1);
  });

  it('does not cache a failure', async () => {
    const fetchSecret = counting([async () => { throw new Error('down'); }, async () => JSON.stringify(secret)]);
    const store = new CredentialStore({ secretId: ID, fetchSecret });
    await expect(store.get()).rejects.toThrow('down');
    await expect(store.get()).resolves.toMatchObject({ aspId: secret.aspId });
    expect(fetchSecret).toHaveBeenCalledTimes(2);
  });

  it('refetches after the TTL and keeps serving the old value when that refetch fails', async () => {
    let now = 0;
    const fetchSecret = counting([async () => JSON.stringify(secret), async () => { throw new Error('down'); }]);
    const store = new CredentialStore({ secretId: ID, fetchSecret, ttlMs: 1000, now: () => now });
    const first = await store.get();
    now = 500;
    await store.get();
    expect(fetchSecret).toHaveBeenCalledTimes(1);
    now = 1500;
    await expect(store.get()).resolves.toBe(first);
    expect(fetchSecret).toHaveBeenCalledTimes(2);
  });

  it('refreshes once for many callers that saw the same authentication failure', async () => {
    const rotated = { ...secret, secretKey: 'rotated-secret-key' };
    const fetchSecret = counting([async () => JSON.stringify(secret), async () => JSON.stringify(rotated)]);
    const store = new CredentialStore({ secretId: ID, fetchSecret });
    const stale = await store.get();
    const refreshed = await Promise.all([store.refresh(stale), store.refresh(stale), store.refresh(stale)]);
    expect(fetchSecret).toHaveBeenCalledTimes(2);
    expect(refreshed.every((c) => c.secretKey === 'rotated-secret-key')).toBe(true);
  });
});
