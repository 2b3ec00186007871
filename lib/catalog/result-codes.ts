/**
 * Result codes shared by every operation (protocol.md §4.3, §4.4). The documentation shows only the
 * success and input-validation codes; the authentication and envelope codes below are designed
 * (documented: false) and are what the sandbox answers, so the gateway can tell them apart.
 */
import type { GatewayOperation, ResultCode } from './types';

export const SUCCESS_CODE = '000_000';

const designed = (code: string, http: number, kind: ResultCode['kind'], meaning: string): ResultCode =>
  ({ code, http, kind, meaning, documented: false });

export const COMMON_RESULT_CODES: readonly ResultCode[] = [
  { code: '000_002', http: 400, kind: 'platform_invalid_input', meaning: 'Invalid input value', documented: true },
  { code: '000_003', http: 400, kind: 'platform_invalid_input', meaning: 'Missing required value', documented: true },
  { code: '000_015', http: 400, kind: 'platform_invalid_input', meaning: 'Value length mismatch', documented: true },
  designed('000_001', 500, 'platform_unavailable', 'Internal system error'),
  designed('000_101', 400, 'platform_auth', 'Missing or malformed common header'),
  designed('000_102', 401, 'platform_auth', 'Unknown or inactive access key'),
  designed('000_103', 401, 'platform_auth', 'ASP ID does not match the access key'),
  designed('000_104', 401, 'platform_auth', 'X-KM-Tran-Token does not match the body'),
  designed('000_105', 401, 'platform_auth', 'X-KM-Tran-Time outside the allowed clock skew'),
  designed('000_106', 401, 'platform_auth', 'Unknown crypto key id'),
  designed('000_107', 400, 'platform_auth', 'Encrypted body cannot be decrypted'),
  designed('000_108', 400, 'platform_auth', 'Body must be encrypted for this API'),
  designed('000_109', 400, 'platform_invalid_input', 'Body is not a JSON object'),
  designed('000_110', 404, 'platform_auth', 'No such API'),
];

/** The meaning of a code for an operation: its own table first, then the common one. */
export function findResultCode(op: Pick<GatewayOperation, 'resultCodes'>, code: string): ResultCode | undefined {
  return op.resultCodes.find((row) => row.code === code) ?? COMMON_RESULT_CODES.find((row) => row.code === code);
}

/** A code row the sandbox must use; throws on a typo so sandbox and catalog cannot drift. */
export function resultCode(op: Pick<GatewayOperation, 'resultCodes'>, code: string): ResultCode {
  const row = findResultCode(op, code);
  if (!row) throw new Error(`result code ${code} is not in the catalog`);
  return row;
}
