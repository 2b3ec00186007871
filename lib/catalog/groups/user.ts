import type { Operation } from '../types';
import { dormantMemberActivate } from '../operations/dormant-member-activate';
import { loginIdDuplicateCheck } from '../operations/login-id-duplicate-check';
import { loginIdFind } from '../operations/login-id-find';
import { memberAuthInfo } from '../operations/member-auth-info';
import { memberInfo } from '../operations/member-info';
import { memberInfoUpdate } from '../operations/member-info-update';
import { memberLookupByCi } from '../operations/member-lookup-by-ci';
import { memberPasswordReset } from '../operations/member-password-reset';
import { memberPasswordVerify } from '../operations/member-password-verify';
import { memberUnregister } from '../operations/member-unregister';
import { termsAgreementUpdate } from '../operations/terms-agreement-update';
import { termsList } from '../operations/terms-list';
import { userRegister } from '../operations/user-register';

export {
  dormantMemberActivate,
  loginIdDuplicateCheck,
  loginIdFind,
  memberAuthInfo,
  memberInfo,
  memberInfoUpdate,
  memberLookupByCi,
  memberPasswordReset,
  memberPasswordVerify,
  memberUnregister,
  termsAgreementUpdate,
  termsList,
  userRegister,
};

/** Member operations (회원). Add an operation: import it, export it, list it. */
export const USER_OPERATIONS: readonly Operation[] = [
  userRegister,
  memberInfo,
  memberPasswordReset,
  memberInfoUpdate,
  memberUnregister,
  loginIdFind,
  dormantMemberActivate,
  termsList,
  termsAgreementUpdate,
  memberLookupByCi,
  loginIdDuplicateCheck,
  memberPasswordVerify,
  memberAuthInfo,
];
