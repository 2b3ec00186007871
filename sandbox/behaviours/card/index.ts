import type { Behaviour } from '../behaviour';

export const CARD_BEHAVIOURS: readonly Behaviour[] = [];
