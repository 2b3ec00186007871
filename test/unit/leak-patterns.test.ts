/** The leak scan catches what it is for, and passes what masked logs contain. */
import { JSON_MASKED_EXAMPLE } from '../support/leak-fixtures';
import { findLeaks } from '../support/leak-patterns';

describe('leak patterns', () => {
  it.each([
    ['-----BEGIN PRIVATE KEY-----', 'PEM key or certificate'],
    ['key 1a2b3c4-00112233445566778899aabbccddeeff', 'access key'],
    ['{"accessKey":"masked","id":"ASIA' + 'Q3EXAMPLE7WXYZ12"}', 'AWS access key id'],
    ['KMV1:20251125143005123:ejn4n2D0g2wxvyJwQjalWIGSckOvNDYCT1NYn/Fcrw0=', 'tran token'],
    ['card 9491339401250765 paid', 'full card number'],
    ['card 9491-3394-0125-0765', 'full card number'],
    [`{"x":"${'A'.repeat(86)}=="}`, 'CI (88-character identity value)'],
    ['{"loginPassword":"480213"}', 'password or PIN in clear'],
    ['{"oneTimeToken":"9461442187322710"}', 'one-time token or dCVV in clear'],
    ['{"secretKey":"s3cr3t"}', 'secret key in clear'],
    ['{"ci":"abc"}', 'CI field in clear'],
    ['account 04070204123456', 'fixture bank account number'],
  ])('finds case %# (no planted value in the title: titles are scanned too)', (line, name) => {
    expect(findLeaks(line, 'f').map((l) => l.name)).toContain(name);
  });

  it('passes a masked log line, and correlation ids whose suffix is all digits', () => {
    expect(findLeaks(JSON_MASKED_EXAMPLE, 'f')).toEqual([]);
    expect(findLeaks('{"correlationId":"261125220041-7198123"}', 'f')).toEqual([]);
  });
});
