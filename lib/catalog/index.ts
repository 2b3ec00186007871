/**
 * The whole catalog, for the sandbox, the OpenAPI generator and the tests. A function imports its
 * own operation module instead, so its bundle carries only its own schema.
 */
import { bankAccountInquiry } from './operations/bank-account-inquiry';
import { memberInfo } from './operations/member-info';
import { userRegister } from './operations/user-register';
import type { Operation } from './types';

export const OPERATIONS: readonly Operation[] = [userRegister, memberInfo, bankAccountInquiry];

export function operationByPath(path: string): Operation | undefined {
  return OPERATIONS.find((op) => op.path === path);
}

export * from './result-codes';
export * from './types';
export { bankAccountInquiry, memberInfo, userRegister };
