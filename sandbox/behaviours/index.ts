/** Every operation the sandbox implements, by catalog op.id. Add a module to its group's index. */
import { ACCOUNT_BEHAVIOURS } from './account';
import type { Behaviour } from './behaviour';
import { CARD_BEHAVIOURS } from './card';
import { PAYMENT_BEHAVIOURS } from './payment';
import { TAX_BEHAVIOURS } from './tax';
import { USER_BEHAVIOURS } from './user';

const ALL: readonly Behaviour[] = [...USER_BEHAVIOURS, ...ACCOUNT_BEHAVIOURS, ...PAYMENT_BEHAVIOURS, ...CARD_BEHAVIOURS, ...TAX_BEHAVIOURS];

export const BEHAVIOURS: ReadonlyMap<string, Behaviour> = new Map(ALL.map((behaviour) => [behaviour.op.id, behaviour]));

export type { Behaviour, BehaviourContext, Outcome } from './behaviour';
