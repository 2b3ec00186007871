import type { Behaviour } from '../behaviour';

export const PAYMENT_BEHAVIOURS: readonly Behaviour[] = [];
