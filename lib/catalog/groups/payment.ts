import type { Operation } from '../types';

/** Payment operations. Add an operation: import it, export it, list it. */
export const PAYMENT_OPERATIONS: readonly Operation[] = [];
