/**
 * The record types of the platform's books: a member with their profile, cards and registered
 * bank accounts. In a file of their own so the books (sandbox/books/*.ts) and the state that holds
 * them can all name these types without importing each other.
 */

export type AccountKind = 'normal' | 'auto';
export const ACCOUNT_KINDS: readonly AccountKind[] = ['normal', 'auto'];

export interface BankAccountRecord {
  bankAccount: string;
  bankCode: string;
  bankName: string;
}

export type CardStatus = 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';

/** Payment limits in KRW; 0 = no limit (set by /api/v1/card/payment/limit/update). */
export interface CardLimits {
  once: number;
  day: number;
  month: number;
}

export const DEFAULT_CARD_LIMITS: CardLimits = { once: 2_000_000, day: 2_000_000, month: 5_000_000 };

/**
 * One prepaid card of a member. The balance lives on the card (the platform's own answers show
 * `balance` per card); `basic` is the mobile card issued at sign-up, `issued` one applied for later.
 * Card domains add fields here rather than keeping parallel maps, so a card is one record.
 */
export interface CardRecord {
  kind: 'basic' | 'issued';
  par: string;
  cardNo: string;
  expiryDate: string;
  serviceId: string;
  issuedAt: number;
  status: CardStatus;
  /** KRW available to spend. */
  balance: number;
  /** KRW charged but not yet settled (a pending bank withdrawal). */
  pendingAmount: number;
  limits: CardLimits;
  /** The member's main card (주카드); exactly one active card is main. */
  isMain: boolean;
  /** Linked physical card, once registered. */
  physicalCardNo?: string;
  /** The application this card came from, for cards applied for. */
  cardApplyNo?: string;
  /**
   * Real-name registration (기명): set by a balance-limit increase (individual or corporate);
   * unset = anonymous card, balance capped at 500,000 KRW instead of 2,000,000.
   */
  named?: 'individual' | 'corporate';
  /** A sub card (부카드) hangs off the card with this PAR: never terminated on its own, only with that card. */
  subOf?: string;
}

export interface CardHolding {
  member: Member;
  card: CardRecord;
}

export interface AddressRecord {
  address: string;
  zipCode: string;
  addressDetail?: string;
}

export interface MemberProfile {
  loginId: string;
  birthDate: string;
  nationality: 'Korean' | 'Foreigner';
  gender: 'Male' | 'Female';
  userName: string;
  email: string;
  mobileNumber: string;
  joinChannel?: 'OPENAPI' | 'KONA' | 'JADU' | 'PINO' | 'HEALTH';
  addressInfo?: AddressRecord;
  tcIdList?: string[];
}

/** DORMANT: inactive for a long time, reactivated by CI; UNREGISTERED: cancelled, gone for every operation. */
export type MemberStatus = 'ACTIVE' | 'DORMANT' | 'UNREGISTERED';

export interface Member extends MemberProfile {
  aspId: string;
  userId: bigint;
  status: MemberStatus;
  ci: string;
  /** Salted hash of the 6-digit PIN: the sandbox has no reason to keep the PIN itself. */
  pinHash: string;
  registeredAt: number;
  cards: CardRecord[];
  accounts: Partial<Record<AccountKind, BankAccountRecord>>;
  /** false: member authentication (회원 인증) not completed, so a lost-card reissue is refused (003_044); unset counts as done. */
  authenticated?: boolean;
}
