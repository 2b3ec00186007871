/** The member the account behaviours act on, brought up to the sandbox clock. */
import type { Member } from '../../books/records';
import type { SandboxState } from '../../books/state';

/**
 * The active member of this project, with any ARS registration that completed by `now` applied
 * to their accounts (registration completes lazily, see sandbox/books/bank-accounts.ts).
 */
export function settledMember(state: SandboxState, userId: bigint, aspId: string, now: number): Member | undefined {
  const member = state.activeMember(userId, aspId);
  if (member) state.bankAccounts.settle(member, now);
  return member;
}
