/** Every operation the sandbox implements, by catalog op.id. Add a module, add it here. */
import type { Behaviour } from './behaviour';
import { bankAccountInquiryBehaviour } from './bank-account-inquiry';
import { memberInfoBehaviour } from './member-info';
import { userRegisterBehaviour } from './user-register';

const ALL: readonly Behaviour[] = [userRegisterBehaviour, memberInfoBehaviour, bankAccountInquiryBehaviour];

export const BEHAVIOURS: ReadonlyMap<string, Behaviour> = new Map(ALL.map((behaviour) => [behaviour.op.id, behaviour]));

export type { Behaviour, BehaviourContext, Outcome } from './behaviour';
