import { maskReplacer, registerSecretValue, scrubString } from '../../lib/mask';

const masked = (value: unknown) => JSON.stringify(value, maskReplacer);

describe('log masking', () => {
  it('hides secret fields by name at any depth', () => {
    const line = masked({ a: { secretKey: 's3cr3t-value', accessKey: 'ak', loginPassword: '480213', ci: 'CI-VALUE', oneTimeToken: '9461442187322710', dcvv: '366', clientPrivateKey: 'pk' } });
    for (const value of ['s3cr3t-value', '480213', 'CI-VALUE', '9461442187322710', '366', '"pk"']) expect(line).not.toContain(value);
  });

  it('keeps only the last 4 of card and account numbers', () => {
    const line = masked({ cardNo: '9491339401250765', bankAccount: '110123456789', note: 'paid with 9491-3394-0125-0765' });
    expect(line).not.toMatch(/9491339401250765|110123456789|9491-3394-0125-0765/);
    expect(line).toContain('0765');
    expect(line).toContain('6789');
  });

  it('scrubs registered secret values, PEM blocks and JWEs from free text', () => {
    registerSecretValue('registered-secret-123');
    const text = scrubString('key registered-secret-123 -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- eyJlbmMiOiJBMTI4R0NNIn0.AAAA.BBBB.CCCC.DDDD');
    expect(text).not.toMatch(/registered-secret-123|MIIE|AAAA\.BBBB/);
  });

  it('leaves member ids and correlation ids readable', () => {
    expect(masked({ userId: 50000104652, correlationId: '251125143005-3fa9c1e' })).toBe('{"userId":50000104652,"correlationId":"251125143005-3fa9c1e"}');
    expect(masked({ correlationId: '251125143005-1234567' })).toBe('{"correlationId":"251125143005-1234567"}');
  });
});
