import type { Operation } from '../types';

/** Card operations. Add an operation: import it, export it, list it. */
export const CARD_OPERATIONS: readonly Operation[] = [];
