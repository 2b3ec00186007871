import { bankAccountInquiry, userRegister } from '../../lib/catalog';
import { ERROR_TABLE, GatewayError } from '../../lib/errors';
import { interpretAnswer } from '../../lib/upstream/interpret-answer';

function failure(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error('expected a failure');
}

describe('platform answers become results or typed errors', () => {
  it('returns the business fields of a success without the envelope', () => {
    const answer = { response: { code: '000_000', description: 'Success.' }, isAutoRcgAccRegAllowed: false };
    expect(interpretAnswer(bankAccountInquiry, 200, answer, 'c')).toEqual({ isAutoRcgAccRegAllowed: false });
  });

  it.each([
    [userRegister, 400, '001_001', 'conflict', 409],
    [bankAccountInquiry, 400, '001_006', 'not_found', 404],
    [bankAccountInquiry, 400, '000_002', 'platform_invalid_input', 400],
    [bankAccountInquiry, 400, '099_999', 'rejected', 422],
    [bankAccountInquiry, 401, '000_104', 'platform_auth', 502],
    [bankAccountInquiry, 401, '000_999', 'platform_auth', 502],
    [bankAccountInquiry, 500, '000_001', 'platform_unavailable', 502],
    [bankAccountInquiry, 503, '123_456', 'platform_unavailable', 502],
  ] as const)('%#: HTTP %s code %s → %s (%s)', (op, status, code, kind, httpStatus) => {
    const error = failure(() => interpretAnswer(op, status, { response: { code, description: 'why' } }, '251125143005-abcdef0'));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(httpStatus);
    expect(error.name).toBe(ERROR_TABLE[kind].name);
    expect(error.message).toBe(`${code} why`);
    expect(error.details).toMatchObject({ platformCode: code, platformDescription: 'why', platformStatus: status, correlationId: '251125143005-abcdef0' });
  });

  it.each([
    [bankAccountInquiry, 401, '000_001'],
    [bankAccountInquiry, 403, '000_001'],
    [userRegister, 401, '001_001'],
    [bankAccountInquiry, 403, '000_002'],
    [bankAccountInquiry, 401, '000_000'],
  ] as const)('%#: HTTP %s refuses the credentials whatever its code (%s), so the secret is fetched again', (op, status, code) => {
    const error = failure(() => interpretAnswer(op, status, { response: { code, description: 'why' } }, 'c'));
    expect(error.kind).toBe('platform_auth');
    expect(error.delivery).toBe('refused');
    expect(error.details).toMatchObject({ platformCode: code, platformStatus: status });
  });

  it('takes a 401 or 403 without an envelope (a proxy page) as a refusal of the credentials too', () => {
    for (const status of [401, 403]) {
      const error = failure(() => interpretAnswer(userRegister, status, undefined, 'c'));
      expect(error).toMatchObject({ kind: 'platform_auth', delivery: 'refused', message: `platform refused the credentials with HTTP ${status}` });
    }
  });

  it('never turns an answer without an envelope into success', () => {
    expect(failure(() => interpretAnswer(bankAccountInquiry, 200, { isAutoRcgAccRegAllowed: true }, 'c')).kind).toBe('platform_unavailable');
    expect(failure(() => interpretAnswer(bankAccountInquiry, 502, 'Bad gateway', 'c')).status).toBe(502);
    expect(failure(() => interpretAnswer(bankAccountInquiry, 500, { response: { code: '000_000' } }, 'c')).status).toBe(502);
  });
});
