/** What the account behaviours share: the member they act on, brought up to the sandbox clock. */
import type { Member, SandboxState } from '../../state';

/** The card caps are the card group's rule (one definition): anonymous 500,000, named 2,000,000 KRW. */
export { balanceCap, BALANCE_CAP } from '../card/card-rules';

/**
 * The active member of this project, with any ARS registration that completed by `now` applied
 * to their accounts (registration completes lazily, see sandbox/books/bank-accounts.ts).
 */
export function settledMember(state: SandboxState, userId: bigint, aspId: string, now: number): Member | undefined {
  const member = state.activeMember(userId, aspId);
  if (member) state.bankAccounts.settle(member, now);
  return member;
}

