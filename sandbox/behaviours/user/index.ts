import type { Behaviour } from '../behaviour';
import { memberInfoBehaviour } from './member-info';
import { userRegisterBehaviour } from './user-register';

export const USER_BEHAVIOURS: readonly Behaviour[] = [userRegisterBehaviour, memberInfoBehaviour];
