import { bankAccountRegistrationStatus } from '../../../lib/catalog/operations/bank-account-registration-status';
import { FAILURE_CODES } from '../../books/bank-accounts';
import { defineBehaviour, refuse, success } from '../behaviour';

/**
 * Where a registration stands, computed from the sandbox clock; a completed one is written to the
 * member's normal account here (if nothing else did first). A failed one answers its code.
 */
export const bankAccountRegistrationStatusBehaviour = defineBehaviour(bankAccountRegistrationStatus, (input, { state, project, now }) => {
  const at = now();
  const book = state.bankAccounts;
  const registration = book.registration(input.regNo);
  if (!registration || registration.aspId !== project.aspId) return refuse('002_019');
  const member = state.member(registration.userId);
  if (member) book.settle(member, at);
  const status = book.statusOf(registration, at);
  if ((status === 'ARS_AUTH_FAILED' || status === 'BANK_ACC_REG_FAILED') && registration.outcome !== 'REGISTERED') {
    return refuse(FAILURE_CODES[registration.outcome]);
  }
  return success({ status });
});
