/**
 * The card rules, one definition for every group that meets a card (card, account, payment, tax):
 * the balance caps of the real-name rule and the smallest recharge, which card of a member a PAR
 * or a card number names, the main-card invariant, and a product's name.
 */
import { cardProduct } from '../books/card-products';
import type { CardLimits, CardRecord, Member } from '../books/records';
import type { SandboxState } from '../books/state';

/** Balance caps of the real-name rule, KRW: anonymous cards 500,000; named (기명) cards 2,000,000 (the policy maximum). */
export const BALANCE_CAP = { anonymous: 500_000, named: 2_000_000 } as const;

/** Smallest recharge the sandbox accepts, KRW (designed; shown on the card list). */
export const MIN_RECHARGE_AMOUNT = 1_000;

export function balanceCap(card: CardRecord): number {
  return card.named ? BALANCE_CAP.named : BALANCE_CAP.anonymous;
}

/**
 * Which of the card's limits (0 = none) an amount would break, given what already counts against
 * them on its Korean day and month: `once 30000`, `day …`, `month …`, or undefined.
 */
export function limitBroken(limits: CardLimits, amount: number, counted: { day: number; month: number }): string | undefined {
  if (limits.once > 0 && amount > limits.once) return `once ${limits.once}`;
  if (limits.day > 0 && counted.day + amount > limits.day) return `day ${limits.day}`;
  if (limits.month > 0 && counted.month + amount > limits.month) return `month ${limits.month}`;
  return undefined;
}

/**
 * The active member's card with that PAR that can still be acted on, or the platform's refusal:
 * 001_006 no such member, 003_021 no such card of theirs, 003_022 the card is terminated.
 */
export function liveMemberCard(state: SandboxState, aspId: string, userId: bigint, par: string):
  { member: Member; card: CardRecord } | { refusal: '001_006' | '003_021' | '003_022' } {
  const member = state.activeMember(userId, aspId);
  if (!member) return { refusal: '001_006' };
  const card = memberCard(member, par);
  if (!card) return { refusal: '003_021' };
  if (card.status === 'TERMINATED') return { refusal: '003_022' };
  return { member, card };
}

/** The member's card with that PAR, whatever its status (none when no PAR is given). */
export function memberCard(member: Member, par: string | undefined): CardRecord | undefined {
  return member.cards.find((card) => card.par === par);
}

/** The member's card with that mobile or linked physical card number, whatever its status. */
export function memberCardByNumber(member: Member, cardNo: string): CardRecord | undefined {
  return member.cards.find((card) => card.cardNo === cardNo || card.physicalCardNo === cardNo);
}

export function serviceNameOf(serviceId: string): string | undefined {
  return cardProduct(serviceId)?.serviceName;
}

/** Makes that card the member's one main card. */
export function makeMain(member: Member, card: CardRecord): void {
  for (const other of member.cards) other.isMain = false;
  card.isMain = true;
}

/**
 * Keeps "exactly one main card" after the main card left: the basic card takes over, else the
 * earliest-issued card still held that is not a sub card. A member with no card left has none.
 */
export function restoreMainCard(member: Member): void {
  if (member.cards.some((card) => card.isMain && card.status !== 'TERMINATED')) return;
  const held = member.cards.filter((card) => card.status !== 'TERMINATED' && card.subOf === undefined);
  const next = held.find((card) => card.kind === 'basic') ?? [...held].sort((a, b) => a.issuedAt - b.issuedAt)[0];
  if (next) makeMain(member, next);
}
