import { maskReplacer } from '../../lib/mask';

/** A log line as lib/log.ts writes it for sensitive values: must pass the leak scan. */
export const JSON_MASKED_EXAMPLE = JSON.stringify({
  message: 'request failed', userId: 50000104652, correlationId: '251125143005-3fa9c1e', aspId: '000170000000000',
  loginPassword: '480213', oneTimeToken: '9461442187322710', dcvv: '366', ci: 'A'.repeat(86) + '==',
  cardNo: '9491339401250765', bankAccount: '04070204123456', secretKey: 'x', accessKey: '1a2b3c4-00112233445566778899aabbccddeeff',
  at: '20251125143005123',
}, maskReplacer);
