/**
 * The platform's state, in memory: the members (with their cards and registered bank accounts)
 * keyed by userId, and the books of every other domain (sandbox/books/*.ts), each with its own
 * reset. userId is a bigint because real ids reach 19 digits; maps key it by its decimal string.
 * The record types live in sandbox/books/records.ts.
 */
import { BankAccountBook } from './bank-accounts';
import { CardApplications } from './card-applications';
import { BASIC_CARD_SERVICE_ID, cardNumber, connectingInformation, expiryDate, paymentAccountReference } from './card-numbers';
import { CorporateIdentifications } from './corporate-identifications';
import { hashPin, MemberSecurityBook } from './member-security';
import { PaymentsBook } from './payments';
import { DEFAULT_CARD_LIMITS, type AccountKind, type BankAccountRecord, type CardHolding, type CardRecord, type Member, type MemberProfile } from './records';
import { TaxDeductions } from './tax-deductions';
import { TerminalPayments } from './terminal-payments';
import { TermsBook } from './terms';
import { VirtualAccounts } from './virtual-accounts';

export interface Registration extends MemberProfile {
  aspId: string;
  ci?: string;
  loginPassword: string;
}

export type RegistrationResult = { ok: true; member: Member } | { ok: false; conflict: 'loginId' | 'ci' };

export interface SandboxStateOptions {
  /** First userId handed out; ids already taken (fixtures) are skipped. */
  userIdStart?: bigint;
  /** Puts the fixtures in, at construction and on every reset. */
  seed?: (state: SandboxState) => void;
  now?: () => number;
}

export const DEFAULT_USER_ID_START = 50000100001n;

export class SandboxState {
  /** Card applications, their delivery and the physical cards (card issuance). */
  readonly cardApplications = new CardApplications(() => this.now());
  /** One-time tokens, the charge ledger by sequenceId, card transactions (sandbox/books/payments.ts). */
  readonly payments = new PaymentsBook((par) => this.findCard({ par })?.card, (par) => this.cardApplications.replacementOf(par));
  /** Card payments at a merchant's terminal, simulated through the control API (sandbox/books/terminal-payments.ts). */
  readonly terminalPayments = new TerminalPayments(this.payments);
  readonly corporateIdentifications = new CorporateIdentifications();
  readonly taxDeductions = new TaxDeductions();
  readonly virtualAccounts = new VirtualAccounts();
  readonly bankAccounts = new BankAccountBook();
  readonly terms = new TermsBook();
  readonly security = new MemberSecurityBook();
  private readonly membersById = new Map<string, Member>();
  private readonly userIdByLoginId = new Map<string, string>();
  private readonly userIdByCi = new Map<string, string>();
  private nextUserId: bigint;
  private nextCardSequence = 1;
  private readonly userIdStart: bigint;
  private readonly seed: ((state: SandboxState) => void) | undefined;
  private readonly now: () => number;

  constructor(options: SandboxStateOptions = {}) {
    this.userIdStart = options.userIdStart ?? DEFAULT_USER_ID_START;
    this.nextUserId = this.userIdStart;
    this.seed = options.seed;
    this.now = options.now ?? Date.now;
    this.seed?.(this);
  }

  /** Back to the state right after start: fixtures only, id and card counters rewound. */
  reset(): void {
    this.membersById.clear();
    this.userIdByLoginId.clear();
    this.userIdByCi.clear();
    this.nextUserId = this.userIdStart;
    this.nextCardSequence = 1;
    this.cardApplications.reset();
    this.payments.reset();
    this.terminalPayments.reset();
    this.corporateIdentifications.reset();
    this.taxDeductions.reset();
    this.virtualAccounts.reset();
    this.bankAccounts.reset();
    this.terms.reset();
    this.security.reset();
    this.seed?.(this);
  }

  member(userId: bigint): Member | undefined {
    return this.membersById.get(userId.toString());
  }

  members(): Member[] {
    return [...this.membersById.values()];
  }

  /** The member holding that loginId (any status but UNREGISTERED, whose loginId is free again). */
  memberByLoginId(loginId: string): Member | undefined {
    const key = this.userIdByLoginId.get(loginId);
    return key === undefined ? undefined : this.membersById.get(key);
  }

  /** The member holding that CI (any status but UNREGISTERED). */
  memberByCi(ci: string): Member | undefined {
    const key = this.userIdByCi.get(ci);
    return key === undefined ? undefined : this.membersById.get(key);
  }

  /** Moves the member to a new loginId; false when another member holds it. */
  changeLoginId(member: Member, loginId: string): boolean {
    const holder = this.userIdByLoginId.get(loginId);
    if (holder !== undefined && holder !== member.userId.toString()) return false;
    this.userIdByLoginId.delete(member.loginId);
    member.loginId = loginId;
    this.userIdByLoginId.set(loginId, member.userId.toString());
    return true;
  }

  /**
   * Membership cancellation: the member stays on the books as UNREGISTERED (001_006 for every
   * operation), every card is terminated, and the loginId and CI are free to sign up again.
   */
  unregister(member: Member): void {
    member.status = 'UNREGISTERED';
    for (const card of member.cards) card.status = 'TERMINATED';
    if (this.userIdByLoginId.get(member.loginId) === member.userId.toString()) this.userIdByLoginId.delete(member.loginId);
    if (this.userIdByCi.get(member.ci) === member.userId.toString()) this.userIdByCi.delete(member.ci);
  }

  /**
   * The member an operation may act on: of this project (another project's member is as unknown
   * as a missing one) and ACTIVE. Most operations answer 001_006 when this is undefined.
   */
  activeMember(userId: bigint, aspId: string): Member | undefined {
    const member = this.member(userId);
    return member && member.aspId === aspId && member.status === 'ACTIVE' ? member : undefined;
  }

  /** Sign-up: loginId and CI are unique per platform; a member gets a mobile card at once. */
  register(registration: Registration): RegistrationResult {
    const { loginPassword, ci: givenCi, ...profile } = registration;
    if (this.userIdByLoginId.has(profile.loginId)) return { ok: false, conflict: 'loginId' };
    const ci = givenCi ?? connectingInformation(`${profile.aspId}:${profile.loginId}`);
    if (this.userIdByCi.has(ci)) return { ok: false, conflict: 'ci' };
    const member = this.insert({
      ...profile,
      userId: this.allocateUserId(),
      ci,
      pinHash: hashPin(loginPassword),
      registeredAt: this.now(),
      status: 'ACTIVE',
      cards: [],
      accounts: {},
    });
    member.cards.push({ ...this.issueBasicCard(), isMain: true });
    return { ok: true, member };
  }

  /** Puts a complete member in as is (fixtures); the caller owns uniqueness. */
  insert(member: Member): Member {
    const key = member.userId.toString();
    if (this.membersById.has(key) || this.userIdByLoginId.has(member.loginId) || this.userIdByCi.has(member.ci)) {
      throw new Error(`member ${key} collides with an existing userId, loginId or ci`);
    }
    this.membersById.set(key, member);
    this.userIdByLoginId.set(member.loginId, key);
    this.userIdByCi.set(member.ci, key);
    return member;
  }

  /** Registers (or replaces) the member's account of that kind; undefined when there is no such member. */
  setAccount(userId: bigint, kind: AccountKind, account: BankAccountRecord): Member | undefined {
    const member = this.member(userId);
    if (member) member.accounts[kind] = { ...account };
    return member;
  }

  issueBasicCard(): CardRecord {
    return this.newCard('basic', BASIC_CARD_SERVICE_ID);
  }

  /** A fresh active card with a new number (not yet given to any member). */
  newCard(kind: CardRecord['kind'], serviceId: string): CardRecord {
    const cardNo = cardNumber(this.nextCardSequence++);
    return {
      kind,
      par: paymentAccountReference(cardNo),
      cardNo,
      expiryDate: expiryDate(this.now()),
      serviceId,
      issuedAt: this.now(),
      status: 'ACTIVE',
      balance: 0,
      pendingAmount: 0,
      limits: { ...DEFAULT_CARD_LIMITS },
      isMain: false,
    };
  }

  /** The card with that PAR, mobile card number or linked physical card number, and its owner. */
  findCard(by: { par?: string; cardNo?: string }): CardHolding | undefined {
    for (const member of this.membersById.values()) {
      for (const card of member.cards) {
        if ((by.par !== undefined && card.par === by.par) || (by.cardNo !== undefined && (card.cardNo === by.cardNo || card.physicalCardNo === by.cardNo))) {
          return { member, card };
        }
      }
    }
    return undefined;
  }

  private allocateUserId(): bigint {
    while (this.membersById.has(this.nextUserId.toString())) this.nextUserId++;
    return this.nextUserId++;
  }
}
