/**
 * What an answer means (lib/upstream/interpret-answer.ts, protocol.md §4.1, §4.2), edge by edge: an
 * answer without a usable result envelope, a refusal code on HTTP 200, a 5xx whose code the catalog
 * does not list, a refusal without a description, a 401 whose body is not the platform's.
 */
import { bankAccountInquiry } from '../../lib/catalog';
import { GatewayError } from '../../lib/errors';
import { envelopeOf, interpretAnswer } from '../../lib/upstream/interpret-answer';

function failure(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('an answer without a result envelope', () => {
  it.each([
    ['null', null],
    ['a JSON array', [{ response: { code: '000_000' } }]],
    ['a string', 'OK'],
    ['a null response', { response: null }],
    ['a string response', { response: '000_000' }],
    ['a code that is a number', { response: { code: 0, description: 'Success' } }],
  ])('(%s) is "unavailable", maybe taken effect, naming the HTTP status', (_what, body) => {
    expect(envelopeOf(body)).toBeUndefined();
    const error = failure(() => interpretAnswer(bankAccountInquiry, 200, body, '251125143005-abcdef0'));
    expect(error).toMatchObject({ kind: 'platform_unavailable', delivery: 'maybe-sent', message: 'platform answered HTTP 200 without a result envelope' });
    expect(error.details).toEqual({ platformStatus: 200, correlationId: '251125143005-abcdef0' });
  });
});

describe('a result code', () => {
  it('of a refusal is a refusal even on HTTP 200', () => {
    const error = failure(() => interpretAnswer(bankAccountInquiry, 200, { response: { code: '001_006', description: 'No member' }, isAutoRcgAccRegAllowed: true }, 'c'));
    expect(error).toMatchObject({ kind: 'not_found', delivery: 'refused' });
  });

  it.each([201, 400])('of success (000_000) on HTTP %s is "unavailable", maybe taken effect: neither a success nor a refusal', (status) => {
    const error = failure(() => interpretAnswer(bankAccountInquiry, status, { response: { code: '000_000', description: 'Success' } }, 'c'));
    expect(error).toMatchObject({ kind: 'platform_unavailable', delivery: 'maybe-sent' });
  });

  it.each([500, 503])('of a refusal on HTTP %s keeps its kind but may have taken effect: a 5xx proves nothing', (status) => {
    const error = failure(() => interpretAnswer(bankAccountInquiry, status, { response: { code: '001_006', description: 'No member' } }, 'c'));
    expect(error).toMatchObject({ kind: 'not_found', delivery: 'maybe-sent' });
    expect(failure(() => interpretAnswer(bankAccountInquiry, 499, { response: { code: '001_006', description: 'No member' } }, 'c')).delivery).toBe('refused');
  });

  it('without a description is named by the code alone', () => {
    const error = failure(() => interpretAnswer(bankAccountInquiry, 400, { response: { code: '001_006' } }, 'c'));
    expect(error.message).toBe('001_006');
    expect(error.details.platformDescription).toBe('');
    expect(envelopeOf({ response: { code: '001_006', description: 7 } })).toEqual({ code: '001_006', description: '' });
  });

  it.each([
    [500, 'platform_unavailable', 'maybe-sent'],
    [502, 'platform_unavailable', 'maybe-sent'],
    [499, 'rejected', 'refused'],
  ] as const)('the catalog does not list, on HTTP %s, is %s (%s)', (status, kind, delivery) => {
    const error = failure(() => interpretAnswer(bankAccountInquiry, status, { response: { code: '987_654', description: 'Unlisted' } }, 'c'));
    expect(error).toMatchObject({ kind, delivery });
  });
});

describe('HTTP 401 with a body that is not the platform\'s', () => {
  it('refuses the credentials, naming the HTTP status and correlation id', () => {
    const error = failure(() => interpretAnswer(bankAccountInquiry, 401, undefined, '251125143005-abcdef0'));
    expect(error).toMatchObject({ kind: 'platform_auth', delivery: 'refused', message: 'platform refused the credentials with HTTP 401' });
    expect(error.details).toEqual({ platformStatus: 401, correlationId: '251125143005-abcdef0' });
  });
});
