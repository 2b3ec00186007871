/** The sandbox's node:crypto JWE and the gateway's jose JWE read each other, in every accepted combination. */
import { decryptJwe, encryptJwe } from '../../lib/protocol/jwe';
import { KeyCache } from '../../lib/protocol/keys';
import { openJwe, PemKeys, sealJwe } from '../../sandbox/compact-jwe';
import { certificatePair, rsaPair } from '../support/keys';

const combos = [['RSA-OAEP', 'A128GCM'], ['RSA-OAEP', 'A256GCM'], ['RSA-OAEP-256', 'A128GCM'], ['RSA-OAEP-256', 'A256GCM']] as const;
const pair = rsaPair();
const joseKeys = new KeyCache();
const sandboxKeys = new PemKeys();
const text = '{"userName":"홍길동","userId":9223372036854775807}';

it.each(combos)('jose → sandbox and sandbox → jose under %s + %s', async (alg, enc) => {
  expect(openJwe(await encryptJwe(text, pair.publicKey, joseKeys, { alg, enc }), pair.privateKey, sandboxKeys)).toBe(text);
  expect(await decryptJwe(sealJwe(text, pair.publicKey, sandboxKeys, alg, enc), pair.privateKey, joseKeys)).toBe(text);
});

it('seals to a certificate and refuses tampered or foreign JWEs', () => {
  const { certificate, privateKey } = certificatePair();
  const jwe = sealJwe(text, certificate, sandboxKeys, 'RSA-OAEP-256', 'A128GCM');
  expect(openJwe(jwe, privateKey, sandboxKeys)).toBe(text);
  const parts = jwe.split('.');
  parts[3] = Buffer.from('tampered').toString('base64url');
  expect(() => openJwe(parts.join('.'), privateKey, sandboxKeys)).toThrow();
  expect(() => openJwe(jwe, pair.privateKey, sandboxKeys)).toThrow();
  expect(() => openJwe('a.b.c', privateKey, sandboxKeys)).toThrow('not a compact JWE');
});
