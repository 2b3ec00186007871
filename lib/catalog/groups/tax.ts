import type { Operation } from '../types';

/** Tax operations. Add an operation: import it, export it, list it. */
export const TAX_OPERATIONS: readonly Operation[] = [];
