import type { Behaviour } from '../behaviour';

export const TAX_BEHAVIOURS: readonly Behaviour[] = [];
