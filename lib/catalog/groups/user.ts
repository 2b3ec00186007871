import type { Operation } from '../types';
import { memberInfo } from '../operations/member-info';
import { userRegister } from '../operations/user-register';

export { memberInfo, userRegister };

/** Member operations (회원). Add an operation: import it, export it, list it. */
export const USER_OPERATIONS: readonly Operation[] = [userRegister, memberInfo];
