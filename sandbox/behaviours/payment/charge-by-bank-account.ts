import { chargeByBankAccount } from '../../../lib/catalog/operations/charge-by-bank-account';
import { MAGIC_CHARGE_AMOUNTS } from '../../books/payments';
import type { CardRecord } from '../../books/records';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';
import { balanceCap, limitBroken, MIN_RECHARGE_AMOUNT } from '../card-rules';

/**
 * Withdraws from the member's normal account and credits the token's card. Checks in the order:
 * member (001_006), amount (007_007: ≤ 0 or below the 1,000 KRW minimum), sequenceId unused
 * (007_101), token and dCVV (000_002 naming the field). The token is spent from there on, and any
 * later refusal is booked as a FAILED charge under the sequenceId: account (007_001), charge in
 * progress (007_005), magic amounts (007_002, 007_004, 007_006), limits (007_003).
 * Magic amounts 5,005 / 5,004 (or a scheduled `pending` fault) answer isPending: true and settle
 * later (books/payments.ts).
 */
export const chargeByBankAccountBehaviour = defineBehaviour(chargeByBankAccount, (input, { state, project, now, forcedSettle }) => {
  const at = now();
  const book = state.payments;
  book.settleDue(at);
  const member = state.activeMember(userIdOf(input.userId), project.aspId);
  if (!member) return refuse('001_006');
  // The catalog refuses amount < 1 before it gets here; the platform's own rule still stands.
  if (input.amount <= 0) return refuse('007_007');
  // The smallest recharge the card list announces (sandbox/behaviours/card-rules.ts).
  if (input.amount < MIN_RECHARGE_AMOUNT) return refuse('007_007', `Charge amount must be at least ${MIN_RECHARGE_AMOUNT} KRW.`);
  if (book.hasSequenceId(input.sequenceId)) return refuse('007_101', `sequenceId already used: ${input.sequenceId}.`);
  const checked = book.checkToken(input.oneTimeToken, input.dcvv, member, at);
  if (!checked.ok) return refuse('000_002', `Invalid input parameter: ${checked.field}`);
  const { token, card } = checked;
  book.spendToken(token, input.sequenceId, at);

  const booking = {
    sequenceId: input.sequenceId, aspId: project.aspId, userId: member.userId, par: card.par,
    amount: input.amount, merchantId: input.merchantId, method: 'ACCOUNT' as const,
  };
  const fail = (code: string, description?: string) => {
    book.recordFailure({ type: 'charge', ...booking }, code, at);
    return refuse(code, description);
  };
  if (!member.accounts.normal) return fail('007_001');
  const pending = book.pendingChargeOf(member.userId, project.aspId);
  if (pending) return fail('007_005', `A bank-account charge of this member is already in progress (sequenceId ${pending.sequenceId}).`);
  const magic = MAGIC_CHARGE_AMOUNTS.refused[input.amount];
  if (magic) return fail(magic);
  const overLimit = chargeLimitBroken(card, input.amount, book.chargedOn(card.par, at));
  if (overLimit) return fail('007_003', `Limit exceeded: ${overLimit}.`);

  // A scheduled `pending` fault (sandbox/platform/faults/kinds.ts) makes any accepted charge pending, like the magic amounts.
  const settlesAs = forcedSettle
    ?? (input.amount === MAGIC_CHARGE_AMOUNTS.pendingThenCompleted ? 'COMPLETED'
      : input.amount === MAGIC_CHARGE_AMOUNTS.pendingThenFailed ? 'FAILED' : undefined);
  const charge = book.recordCharge({ ...booking, ...(settlesAs && { settlesAs }) }, at);
  return success({ nrNumber: charge.nrNumber, isPending: charge.result === 'PENDING' });
});

/** Which limit the charge would break: the card's once/day/month limits (0 = none) or its balance cap. */
function chargeLimitBroken(card: CardRecord, amount: number, charged: { day: number; month: number }): string | undefined {
  const broken = limitBroken(card.limits, amount, charged);
  if (broken) return broken;
  const cap = balanceCap(card);
  if (card.balance + card.pendingAmount + amount > cap) return `balance ${cap}`;
  return undefined;
}
