/**
 * The whole catalog, for the sandbox, the OpenAPI generator, the serverless functions list and the
 * tests. A function imports its own compiled entry instead (lib/catalog/compiled/, `npm run
 * validators`), so its bundle carries only its own checks, and no TypeBox.
 */
import { ACCOUNT_OPERATIONS } from './groups/account';
import { CARD_OPERATIONS } from './groups/card';
import { PAYMENT_OPERATIONS } from './groups/payment';
import { TAX_OPERATIONS } from './groups/tax';
import { USER_OPERATIONS } from './groups/user';
import type { Operation } from './types';

/** In the platform documentation's order. */
export const OPERATIONS: readonly Operation[] = [
  ...USER_OPERATIONS, ...ACCOUNT_OPERATIONS, ...PAYMENT_OPERATIONS, ...CARD_OPERATIONS, ...TAX_OPERATIONS,
].sort((a, b) => a.n - b.n);

export function operationByPath(path: string): Operation | undefined {
  return OPERATIONS.find((op) => op.path === path);
}

export function operationById(id: string): Operation | undefined {
  return OPERATIONS.find((op) => op.id === id);
}

export * from './groups/account';
export * from './groups/card';
export * from './groups/payment';
export * from './groups/tax';
export * from './groups/user';
export * from './result-codes';
export * from './types';
