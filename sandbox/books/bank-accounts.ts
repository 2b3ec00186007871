/**
 * The account domain's books: real-name verifications, ARS auth numbers, ARS account registrations
 * (with their lazily computed progress), the ids and holder names of registered accounts, and the
 * threshold auto-recharge rules per card. The registered accounts themselves stay on the member
 * (`member.accounts.normal` / `.auto`), where the charge operations read them.
 *
 * Registration is asynchronous on the platform: /ars/register answers a regNo at once, the ARS call
 * and the bank registration then take a while. No timer runs here: a registration's status is a
 * function of the sandbox clock, and `settle` applies a completed one to the member whenever an
 * operation looks (every account operation settles the member first).
 */
import { randomInt } from 'node:crypto';
import { koreanDateTime } from './korean-time';
import type { BankAccountRecord, CardRecord, Member } from './records';

/** Sandbox-clock durations of the registration flow (ms). */
export interface RegistrationTiming {
  /** From /ars/register until the ARS call is over (authenticated or failed). */
  arsCallMs: number;
  /** From the end of the ARS call until the bank has registered (or refused) the account. */
  bankRegistrationMs: number;
  /** How long a real-name verification (/user/valid) stays good for a registration. */
  verificationTtlMs: number;
  /** How long an ARS auth number (/ars/auth) stays usable. */
  authNumberTtlMs: number;
}

/** About 500 ms from request to BANK_ACC_REGISTERED. */
export const DEFAULT_REGISTRATION_TIMING: Readonly<RegistrationTiming> = {
  arsCallMs: 300,
  bankRegistrationMs: 200,
  verificationTtlMs: 30 * 60_000,
  authNumberTtlMs: 5 * 60_000,
};

export const REGISTRATION_STATUSES = [
  'ARS_AUTH_IN_PROGRESS',
  'ARS_AUTH_DONE',
  'ARS_AUTH_FAILED',
  'BANK_ACC_REG_FAILED',
  'BANK_ACC_REGISTERED',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** How a registration ends, fixed when it starts (from the magic account numbers below). */
export type RegistrationOutcome = 'REGISTERED' | 'ARS_AUTH_FAILED' | 'LIFETIME_ACCOUNT' | 'RESTRICTED_ACCOUNT';

/** The result code a failed registration answers on /ars/register/inquiry. */
export const FAILURE_CODES: Readonly<Record<Exclude<RegistrationOutcome, 'REGISTERED'>, string>> = {
  ARS_AUTH_FAILED: '002_014',
  LIFETIME_ACCOUNT: '002_015',
  RESTRICTED_ACCOUNT: '002_016',
};

/**
 * Test account numbers, by their last four digits (documented in sandbox/README.md):
 * the bank names another holder (real-name verification fails), the member fails the ARS call,
 * the account is a lifetime account (평생계좌), or it is transaction-restricted.
 */
export const MAGIC_ACCOUNT_SUFFIXES = {
  holderMismatch: '0011',
  arsAuthFails: '0014',
  lifetimeAccount: '0015',
  restrictedAccount: '0016',
} as const;

export interface Verification {
  bankCode: string;
  bankAccount: string;
  verifiedAt: number;
}

export interface AuthNumber {
  authNumber: string;
  issuedAt: number;
}

export interface AccountRegistration {
  /** 22 characters: 'BAR' + yyyyMMddHHmmss (KST) + 5-digit sequence. */
  regNo: string;
  aspId: string;
  userId: bigint;
  account: BankAccountRecord;
  holderName: string;
  startedAt: number;
  outcome: RegistrationOutcome;
  /** Set once the completed registration was written to the member. */
  applied: boolean;
}

/** What /api/v1/bankaccounts/info answers besides the account itself. */
export interface AccountDetails {
  /** 5 digits, unique per registered account. */
  accountId: string;
  holderName: string;
}

/** A card's balance-threshold auto top-up (기준 하한 자동 충전). */
export interface ThresholdAutoRecharge {
  par: string;
  userId: bigint;
  /** KRW topped up each time. */
  amount: number;
  /** Balance at or below which the top-up fires. */
  thresholdBalance: number;
  updatedAt: number;
}

const endsWith = (bankAccount: string, suffix: string) => bankAccount.endsWith(suffix);

/** Whether the bank reports a holder other than the member for this account (magic 0011). */
export function holderMismatchAt(bankAccount: string): boolean {
  return endsWith(bankAccount, MAGIC_ACCOUNT_SUFFIXES.holderMismatch);
}

function outcomeOf(bankAccount: string, hasAuthNumber: boolean): RegistrationOutcome {
  // Without an auth number on screen the member cannot answer the ARS call.
  if (!hasAuthNumber || endsWith(bankAccount, MAGIC_ACCOUNT_SUFFIXES.arsAuthFails)) return 'ARS_AUTH_FAILED';
  if (endsWith(bankAccount, MAGIC_ACCOUNT_SUFFIXES.lifetimeAccount)) return 'LIFETIME_ACCOUNT';
  if (endsWith(bankAccount, MAGIC_ACCOUNT_SUFFIXES.restrictedAccount)) return 'RESTRICTED_ACCOUNT';
  return 'REGISTERED';
}

/** Names compare without spaces and case (foreign members' names are Latin). */
export function sameHolderName(a: string, b: string): boolean {
  const norm = (name: string) => name.replace(/\s+/g, '').toUpperCase();
  return norm(a) === norm(b);
}

const sameAccount = (a: Pick<BankAccountRecord, 'bankCode' | 'bankAccount'>, b: Pick<BankAccountRecord, 'bankCode' | 'bankAccount'>) =>
  a.bankCode === b.bankCode && a.bankAccount === b.bankAccount;

export class BankAccountBook {
  /** Mutable: tests and the sandbox operator may speed the flow up or slow it down. */
  timing: RegistrationTiming = { ...DEFAULT_REGISTRATION_TIMING };

  private readonly verifications = new Map<string, Verification>();
  private readonly authNumbers = new Map<string, AuthNumber>();
  private readonly registrations = new Map<string, AccountRegistration>();
  private readonly latestRegistration = new Map<string, string>();
  private readonly details = new Map<string, AccountDetails>();
  private readonly autoRecharges = new Map<string, ThresholdAutoRecharge>();
  private registrationSequence = 0;
  private accountIdSequence = 0;

  /** Forgets everything but the timing (configuration, not state). */
  reset(): void {
    this.verifications.clear();
    this.authNumbers.clear();
    this.registrations.clear();
    this.latestRegistration.clear();
    this.details.clear();
    this.autoRecharges.clear();
    this.registrationSequence = 0;
    this.accountIdSequence = 0;
  }

  configure(timing: Partial<RegistrationTiming>): RegistrationTiming {
    this.timing = { ...this.timing, ...timing };
    return this.timing;
  }

  // Real-name verification (/user/valid)

  recordVerification(userId: bigint, account: Pick<BankAccountRecord, 'bankCode' | 'bankAccount'>, now: number): void {
    this.verifications.set(userId.toString(), { bankCode: account.bankCode, bankAccount: account.bankAccount, verifiedAt: now });
  }

  /** Whether the member verified exactly this account recently enough. */
  isVerified(userId: bigint, account: Pick<BankAccountRecord, 'bankCode' | 'bankAccount'>, now: number): boolean {
    const verification = this.verifications.get(userId.toString());
    return verification !== undefined && sameAccount(verification, account) && now - verification.verifiedAt <= this.timing.verificationTtlMs;
  }

  // ARS auth number (/ars/auth)

  /** A new two-digit number for the member's next ARS call; replaces an earlier one. */
  issueAuthNumber(userId: bigint, now: number, draw: () => number = () => randomInt(100)): AuthNumber {
    const issued = { authNumber: String(draw() % 100).padStart(2, '0'), issuedAt: now };
    this.authNumbers.set(userId.toString(), issued);
    return issued;
  }

  /** The member's usable auth number, removed: one number serves one ARS call. */
  takeAuthNumber(userId: bigint, now: number): AuthNumber | undefined {
    const key = userId.toString();
    const issued = this.authNumbers.get(key);
    this.authNumbers.delete(key);
    return issued && now - issued.issuedAt <= this.timing.authNumberTtlMs ? issued : undefined;
  }

  // ARS registration (/ars/register, /ars/register/inquiry)

  startRegistration(
    input: { aspId: string; userId: bigint; account: BankAccountRecord; holderName: string; hasAuthNumber: boolean },
    now: number,
  ): AccountRegistration {
    this.registrationSequence++;
    const regNo = `BAR${koreanDateTime(now)}${String(this.registrationSequence % 100_000).padStart(5, '0')}`;
    const registration: AccountRegistration = {
      regNo,
      aspId: input.aspId,
      userId: input.userId,
      account: { ...input.account },
      holderName: input.holderName,
      startedAt: now,
      outcome: outcomeOf(input.account.bankAccount, input.hasAuthNumber),
      applied: false,
    };
    this.registrations.set(regNo, registration);
    this.latestRegistration.set(input.userId.toString(), regNo);
    return registration;
  }

  registration(regNo: string): AccountRegistration | undefined {
    return this.registrations.get(regNo);
  }

  /** Where a registration stands at `now`. */
  statusOf(registration: AccountRegistration, now: number): RegistrationStatus {
    const elapsed = now - registration.startedAt;
    const { arsCallMs, bankRegistrationMs } = this.timing;
    if (elapsed < arsCallMs) return 'ARS_AUTH_IN_PROGRESS';
    if (registration.outcome === 'ARS_AUTH_FAILED') return 'ARS_AUTH_FAILED';
    if (elapsed < arsCallMs + bankRegistrationMs) return 'ARS_AUTH_DONE';
    return registration.outcome === 'REGISTERED' ? 'BANK_ACC_REGISTERED' : 'BANK_ACC_REG_FAILED';
  }

  /** The member's registration still running at `now` (ARS call or bank registration), if any. */
  inProgress(userId: bigint, now: number): AccountRegistration | undefined {
    const regNo = this.latestRegistration.get(userId.toString());
    const registration = regNo === undefined ? undefined : this.registrations.get(regNo);
    if (!registration) return undefined;
    const status = this.statusOf(registration, now);
    return status === 'ARS_AUTH_IN_PROGRESS' || status === 'ARS_AUTH_DONE' ? registration : undefined;
  }

  /**
   * Brings the member's accounts up to `now`: a registration that completed since is written as
   * the member's normal (withdrawal) account, replacing an earlier one; the auto-recharge account
   * is left as it is. Every account operation calls this first; other domains may too.
   */
  settle(member: Member, now: number): void {
    const regNo = this.latestRegistration.get(member.userId.toString());
    const registration = regNo === undefined ? undefined : this.registrations.get(regNo);
    if (!registration || registration.applied || this.statusOf(registration, now) !== 'BANK_ACC_REGISTERED') return;
    registration.applied = true;
    member.accounts.normal = { ...registration.account };
    this.assignDetails(member.userId, registration.account, registration.holderName);
  }

  // Registered accounts (/bankaccounts/info, /delete)

  /** The id and holder name of a member's registered account; accounts put in by fixtures get them on first sight. */
  detailsOf(member: Member, account: BankAccountRecord): AccountDetails {
    return this.details.get(this.detailsKey(member.userId, account)) ?? this.assignDetails(member.userId, account, member.userName);
  }

  /** Removes both registered accounts and the auto top-up rules that needed them. */
  deleteAccounts(member: Member): void {
    for (const account of [member.accounts.normal, member.accounts.auto]) {
      if (account) this.details.delete(this.detailsKey(member.userId, account));
    }
    delete member.accounts.normal;
    delete member.accounts.auto;
    for (const card of member.cards) this.autoRecharges.delete(card.par);
  }

  // Threshold auto-recharge (/recharges/auto/lower-limit/update)

  setThresholdAutoRecharge(rule: ThresholdAutoRecharge): ThresholdAutoRecharge {
    const stored = { ...rule };
    this.autoRecharges.set(rule.par, stored);
    return stored;
  }

  /** The card's threshold auto top-up, for whoever debits a card (a payment may trigger it). */
  thresholdAutoRecharge(par: string): ThresholdAutoRecharge | undefined {
    return this.autoRecharges.get(par);
  }

  /** Whether the rule fires for this card now: it exists and the balance is at or below the threshold. */
  dueAutoRecharge(card: Pick<CardRecord, 'par' | 'balance'>): ThresholdAutoRecharge | undefined {
    const rule = this.autoRecharges.get(card.par);
    return rule && card.balance <= rule.thresholdBalance ? rule : undefined;
  }

  private detailsKey(userId: bigint, account: Pick<BankAccountRecord, 'bankCode' | 'bankAccount'>): string {
    return `${userId}:${account.bankCode}:${account.bankAccount}`;
  }

  private assignDetails(userId: bigint, account: BankAccountRecord, holderName: string): AccountDetails {
    this.accountIdSequence++;
    const details = { accountId: String(10_000 + (this.accountIdSequence % 90_000)), holderName };
    this.details.set(this.detailsKey(userId, account), details);
    return details;
  }
}
