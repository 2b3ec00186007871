import type { Behaviour } from '../behaviour';
import { dormantMemberActivateBehaviour } from './dormant-member-activate';
import { loginIdDuplicateCheckBehaviour } from './login-id-duplicate-check';
import { loginIdFindBehaviour } from './login-id-find';
import { memberAuthInfoBehaviour } from './member-auth-info';
import { memberInfoBehaviour } from './member-info';
import { memberInfoUpdateBehaviour } from './member-info-update';
import { memberLookupByCiBehaviour } from './member-lookup-by-ci';
import { memberPasswordResetBehaviour } from './member-password-reset';
import { memberPasswordVerifyBehaviour } from './member-password-verify';
import { memberUnregisterBehaviour } from './member-unregister';
import { termsAgreementUpdateBehaviour } from './terms-agreement-update';
import { termsListBehaviour } from './terms-list';
import { userRegisterBehaviour } from './user-register';

export const USER_BEHAVIOURS: readonly Behaviour[] = [
  userRegisterBehaviour,
  memberInfoBehaviour,
  memberPasswordResetBehaviour,
  memberInfoUpdateBehaviour,
  memberUnregisterBehaviour,
  loginIdFindBehaviour,
  dormantMemberActivateBehaviour,
  termsListBehaviour,
  termsAgreementUpdateBehaviour,
  memberLookupByCiBehaviour,
  loginIdDuplicateCheckBehaviour,
  memberPasswordVerifyBehaviour,
  memberAuthInfoBehaviour,
];
