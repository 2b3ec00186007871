/** The sandbox's jose JWE and the gateway's node:crypto JWE read each other, in every accepted combination. */
import { decryptJwe, encryptJwe } from '../../lib/protocol/jwe';
import { KeyCache } from '../../lib/protocol/keys';
import { openJwe, PemKeys, sealJwe } from '../../sandbox/platform/compact-jwe';
import { certificatePair, rsaPair } from '../support/keys';

const combos = [['RSA-OAEP', 'A128GCM'], ['RSA-OAEP', 'A256GCM'], ['RSA-OAEP-256', 'A128GCM'], ['RSA-OAEP-256', 'A256GCM']] as const;
const pair = rsaPair();
const gatewayKeys = new KeyCache();
const sandboxKeys = new PemKeys();
const text = '{"userName":"홍길동","userId":9223372036854775807}';

it.each(combos)('gateway → sandbox and sandbox → gateway under %s + %s', async (alg, enc) => {
  expect(await openJwe(encryptJwe(text, pair.publicKey, gatewayKeys, { alg, enc }), pair.privateKey, sandboxKeys)).toBe(text);
  const sealed = await sealJwe(text, pair.publicKey, sandboxKeys, alg, enc);
  expect(JSON.parse(Buffer.from(sealed.split('.')[0]!, 'base64url').toString())).toEqual({ enc, alg });
  expect(decryptJwe(sealed, pair.privateKey, gatewayKeys)).toBe(text);
});

it('seals to a certificate and refuses tampered or foreign JWEs', async () => {
  const { certificate, privateKey } = certificatePair();
  const jwe = await sealJwe(text, certificate, sandboxKeys, 'RSA-OAEP-256', 'A128GCM');
  expect(await openJwe(jwe, privateKey, sandboxKeys)).toBe(text);
  expect(decryptJwe(encryptJwe(text, certificate, gatewayKeys), privateKey, gatewayKeys)).toBe(text);
  const parts = jwe.split('.');
  parts[3] = Buffer.from('tampered').toString('base64url');
  await expect(openJwe(parts.join('.'), privateKey, sandboxKeys)).rejects.toThrow();
  expect(() => decryptJwe(parts.join('.'), privateKey, gatewayKeys)).toThrow('does not authenticate');
  await expect(openJwe(jwe, pair.privateKey, sandboxKeys)).rejects.toThrow();
  expect(() => decryptJwe(jwe, pair.privateKey, gatewayKeys)).toThrow('cannot be unwrapped');
  await expect(openJwe('a.b.c', privateKey, sandboxKeys)).rejects.toThrow();
});

it('both refuse what the platform never uses: A192GCM, CBC-HMAC, RSA1_5, compression', async () => {
  const { CompactEncrypt, importSPKI } = await import('jose');
  const refused = [['RSA-OAEP-256', 'A192GCM'], ['RSA-OAEP-256', 'A128CBC-HS256'], ['RSA-OAEP', 'A256CBC-HS512']] as const;
  for (const [alg, enc] of refused) {
    const jwe = await new CompactEncrypt(new TextEncoder().encode(text)).setProtectedHeader({ alg, enc }).encrypt(await importSPKI(pair.publicKey, alg));
    expect(() => decryptJwe(jwe, pair.privateKey, gatewayKeys)).toThrow('unsupported content encryption');
    await expect(openJwe(jwe, pair.privateKey, sandboxKeys)).rejects.toThrow();
  }
  // RSA1_5 and dir are refused by name before any key is used.
  const valid = encryptJwe(text, pair.publicKey, gatewayKeys).split('.');
  for (const header of [{ alg: 'RSA1_5', enc: 'A128GCM' }, { alg: 'dir', enc: 'A128GCM' }, { alg: 'RSA-OAEP-256', enc: 'A128GCM', zip: 'DEF' }]) {
    const forged = [Buffer.from(JSON.stringify(header)).toString('base64url'), ...valid.slice(1)].join('.');
    expect(() => decryptJwe(forged, pair.privateKey, gatewayKeys)).toThrow(/unsupported/);
    await expect(openJwe(forged, pair.privateKey, sandboxKeys)).rejects.toThrow();
  }
});

it('the gateway refuses a plaintext that is not valid UTF-8', async () => {
  const { CompactEncrypt, importSPKI } = await import('jose');
  const jwe = await new CompactEncrypt(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])).setProtectedHeader({ enc: 'A128GCM', alg: 'RSA-OAEP-256' })
    .encrypt(await importSPKI(pair.publicKey, 'RSA-OAEP-256'));
  expect(() => decryptJwe(jwe, pair.privateKey, gatewayKeys)).toThrow('not valid UTF-8');
  await expect(openJwe(jwe, pair.privateKey, sandboxKeys)).rejects.toThrow();
});
