/** PIN checks shared by the member operations: one attempt counter, one lock (sandbox/books/member-security.ts). */
import { pinMatches, type PinCheck } from '../../books/member-security';
import type { Member } from '../../books/records';
import type { SandboxState } from '../../books/state';

/** Checks the member's PIN and counts the attempt: five wrong in a row lock it until a reset. */
export function checkPin(state: SandboxState, member: Member, pin: string): PinCheck {
  return state.security.checkPin(member.userId, pinMatches(member.pinHash, pin));
}
