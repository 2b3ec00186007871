import { cancelChargeByBankAccount } from '../../../lib/catalog/operations/cancel-charge-by-bank-account';
import { FOREIGN_HOLDER_ACCOUNT_SUFFIX } from '../../books/payments';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';

/**
 * Reverses a bank-account charge of the member: debits the charged card (the money goes back to the
 * account the next day). Checks: member (001_006), sequenceId unused (007_101), token, dCVV and
 * cardExpiry of the charged card (000_002 naming the field); the token is spent from there on and any
 * later refusal is booked as a FAILED cancel: account (007_001), unknown nrNumber (007_030), not a
 * bank-account charge (007_040), account held by someone else (007_043), and not COMPLETED, already
 * cancelled or balance already spent (007_030).
 */
export const cancelChargeByBankAccountBehaviour = defineBehaviour(cancelChargeByBankAccount, (input, { state, project, now }) => {
  const at = now();
  const book = state.payments;
  book.settleDue(at);
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  if (book.hasSequenceId(input.sequenceId)) return refuse('007_101', `sequenceId already used: ${input.sequenceId}.`);
  const checked = book.checkToken(input.oneTimeToken, input.dcvv, member, at);
  if (!checked.ok) return refuse('000_002', `Invalid input parameter: ${checked.field}`);
  const { token, card } = checked;
  const found = book.entryByNrNumber(input.nrNumber);
  const original = found?.type === 'charge' && found.aspId === project.aspId && found.userId === member.userId ? found : undefined;
  // The cancel debits the charged card (or its replacement): its token and expiry must be that card's.
  if (original && book.currentPar(original.par) !== card.par) return refuse('000_002', 'Invalid input parameter: oneTimeToken');
  if (input.cardExpiry !== card.expiryDate.slice(0, 4)) return refuse('000_002', 'Invalid input parameter: cardExpiry');
  book.spendToken(token, input.sequenceId, at);

  const fail = (code: string, description?: string) => {
    book.recordFailure(
      { type: 'cancel', sequenceId: input.sequenceId, aspId: project.aspId, userId: member.userId, par: card.par, amount: original?.amount ?? 0, originalNrNumber: input.nrNumber },
      code,
      at,
    );
    return refuse(code, description);
  };
  const account = member.accounts.normal;
  if (!account) return fail('007_001');
  if (!original) return fail('007_030', 'No charge of this member with this nrNumber.');
  if (original.method !== 'ACCOUNT') return fail('007_040');
  if (account.bankAccount.endsWith(FOREIGN_HOLDER_ACCOUNT_SUFFIX)) return fail('007_043');
  if (original.cancelledBy) return fail('007_030', 'The charge is already cancelled.');
  if (original.result !== 'COMPLETED') return fail('007_030', `The charge is ${original.result}.`);
  if (card.balance < original.amount) return fail('007_030', 'The charged amount has already been spent.');

  book.recordCancel({ sequenceId: input.sequenceId, aspId: project.aspId, userId: member.userId }, original, at);
  return success({ isPending: false });
});
