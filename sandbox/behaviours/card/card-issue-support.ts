/**
 * What the card-issuance behaviours share beyond the card rules (sandbox/behaviours/card-rules.ts):
 * the reissue fee, issuing a mobile card, and handing a card's money and role over to its replacement.
 */
import { FEE_REFUSING_ACCOUNT_SUFFIX, type DeliveryAddress } from '../../books/card-applications';
import type { CardRecord, Member } from '../../books/records';
import type { SandboxState } from '../../books/state';
import { serviceNameOf } from '../card-rules';

/** The product's name, or its id when the product is unknown (issuance answers always carry a name). */
export const productName = (serviceId: string): string => serviceNameOf(serviceId) ?? serviceId;

export type FeeOutcome = 'paid' | 'no_account' | 'refused';

/** Withdraws a reissue fee from the member's normal recharge account (nothing to do when free). */
export function withdrawFee(member: Member, amount: number): FeeOutcome {
  if (amount <= 0) return 'paid';
  const account = member.accounts.normal;
  if (!account) return 'no_account';
  return account.bankAccount.endsWith(FEE_REFUSING_ACCOUNT_SUFFIX) ? 'refused' : 'paid';
}

/** A new active mobile card of the product, given to the member (not main). */
export function issueMobileCard(state: SandboxState, member: Member, serviceId: string, extra: Partial<CardRecord> = {}): CardRecord {
  const card: CardRecord = { ...state.newCard('issued', serviceId), ...extra };
  member.cards.push(card);
  return card;
}

/**
 * The replacement takes over: balance, pending amount, limits, the real-name registration, the
 * main-card role and any sub cards move to it, and the old card is terminated.
 */
export function handOver(member: Member, from: CardRecord, to: CardRecord): void {
  to.balance += from.balance;
  to.pendingAmount += from.pendingAmount;
  to.limits = { ...from.limits };
  if (from.named !== undefined) to.named = from.named;
  from.balance = 0;
  from.pendingAmount = 0;
  if (from.isMain) {
    from.isMain = false;
    to.isMain = true;
  }
  for (const sub of member.cards) if (sub.subOf === from.par) sub.subOf = to.par;
  from.status = 'TERMINATED';
}

/**
 * Discards a card with its sub cards; when it was the main card, the member's first active card
 * (basic first) becomes main.
 */
export function discard(member: Member, card: CardRecord): void {
  card.status = 'TERMINATED';
  for (const sub of member.cards) if (sub.subOf === card.par) sub.status = 'TERMINATED';
  if (!card.isMain) return;
  card.isMain = false;
  const next = member.cards.find((c) => c.status === 'ACTIVE' && c.kind === 'basic') ?? member.cards.find((c) => c.status === 'ACTIVE');
  if (next) next.isMain = true;
}

export const copyAddress = (address: DeliveryAddress): DeliveryAddress =>
  ({ address: address.address, addressDetail: address.addressDetail, zipCode: address.zipCode });
