/**
 * The conformance run's steps, one per catalog operation, in the order a member's life needs
 * them: sign up a member from the test data, read everything about it, register its bank account,
 * apply for cards, and at the end cancel the membership. Each step builds its input from the test
 * data and from what earlier answers said; a step that lacks something says what instead of running.
 *
 * By default only reads and member-life writes run; money (charges, their cancel, a threshold
 * top-up) runs with --money. An operation the catalog gains without a step here is reported as
 * "no step planned" (scripts/conformance/run.ts).
 */
import {
  arsAuthNumberGeneration, autoRechargeAccountRegistration, bankAccountArsRegistration, bankAccountDeletion, bankAccountHolderVerification,
  bankAccountInquiry, bankAccountRegistrationStatus, cancelChargeByBankAccount, cardApplicationCancel, cardDeliveryStatus, cardIssueApplication,
  cardLimitUpdate, cardList, cardProductInquiry, cardStatusChange, cardTerminate, cardTransactionHistory, cardUserMapping, cardVirtualAccountInquiry,
  chargeByBankAccount, chargeResultInquiry, corporateBalanceLimitIncrease, corporateIdentificationStatus, dormantMemberActivate, expiringCardRenewal,
  financialInstitutionList, individualBalanceLimitIncrease, issueOneTimeToken, linkableMobileCardApplications, loginIdDuplicateCheck, loginIdFind,
  lostCardReissue, memberAuthInfo, memberInfo, memberInfoUpdate, memberLookupByCi, memberPasswordReset, memberPasswordVerify, memberUnregister,
  physicalCardRegister, registeredBankAccountInfo, setMainCard, taxDeductionApply, taxDeductionStatus, termsAgreementUpdate, termsList,
  thresholdAutoRechargeUpdate, unregisteredCardInquiry, userRegister,
} from '../../lib/catalog';
import type { Operation } from '../../lib/catalog/types';
import type { TestData } from './test-data';

type Fields = Record<string, unknown>;

/** Cards the run holds: the member's basic card, and the ones it applies for. */
export interface HeldCard {
  cardNo: string;
  par: string;
  /** YYMMDD or YYMM as issued. */
  expiryDate?: string;
  serviceId?: string;
}

/** What the run has learnt so far. */
export interface RunState {
  data: TestData;
  /** Makes login ids and sequence ids of this run unique. */
  stamp: string;
  /** Today in Korea, yyyyMMdd. */
  today: string;
  pin: string;
  userId?: number | bigint;
  loginId?: string;
  ci?: string;
  card?: HeldCard;
  optionalTermToAgree?: unknown;
  bankAccRegNo?: string;
  token?: { oneTimeToken: string; dcvv: string };
  charge?: { sequenceId: string; nrNumber?: string };
  applied?: { cardApplyNo: string; card?: HeldCard };
  replacement?: HeldCard;
}

/** A call made to set a step up or tidy after it (a fresh token, a card to report lost): not reported. */
export type HelperCall = (op: Operation, input: Fields) => Promise<Fields | undefined>;

export type When = 'read' | 'member-life' | 'money';

export interface Step {
  op: Operation;
  /** Writes that move money run only with --money, whatever their catalog kind. */
  when: When;
  /** The input, or why the step cannot run. */
  input(state: RunState): Fields | string;
  prepare?(state: RunState, helper: HelperCall): Promise<void>;
  /** Learns from a success. */
  learn?(state: RunState, data: Fields): void;
  /** Tidies after a success (a suspended card resumed). */
  tidy?(state: RunState, helper: HelperCall): Promise<void>;
  /** Asks again while the answer says the platform is still working, up to `attempts` times. */
  again?: { while: (data: Fields) => boolean; attempts: number; everyMs: number };
}

const when = (op: Operation): When => (op.kind === 'read' ? 'read' : op.kind === 'money' ? 'money' : 'member-life');
const step = (op: Operation, rest: Omit<Step, 'op' | 'when'> & { when?: When }): Step => ({ op, when: rest.when ?? when(op), ...rest });

const DEFAULT_ADDRESS = { address: '서울특별시 중구 세종대로 110', zipCode: '04524', addressDetail: '1층' };

function member(state: RunState): Fields | string {
  return state.userId === undefined ? 'no member: sign-up was refused and the test data gives no userId' : { userId: state.userId };
}
function card(state: RunState): HeldCard | string {
  return state.card ?? 'no card of the member is known (sign-up and the card list gave none)';
}
function withMember(state: RunState, build: (userId: number | bigint) => Fields | string): Fields | string {
  return state.userId === undefined ? (member(state) as string) : build(state.userId);
}
function withCard(state: RunState, build: (card: HeldCard, userId: number | bigint) => Fields | string): Fields | string {
  const held = card(state);
  if (typeof held === 'string') return held;
  return withMember(state, (userId) => build(held, userId));
}
type Member = NonNullable<TestData['member']>;
type Account = NonNullable<Member['account']>;

/** The member's bank account with the member it belongs to, or why there is none. */
function account(state: RunState): { member: Member; account: Account } | string {
  const data = state.data.member;
  return data?.account ? { member: data, account: data.account } : 'the test data gives the member no bank account (member.account)';
}
const deliveryAddress = (state: RunState) => {
  const address = state.data.member?.addressInfo ?? DEFAULT_ADDRESS;
  return { address: address.address, addressDetail: address.addressDetail || '1층', zipCode: address.zipCode.slice(0, 5) };
};
const isRecord = (value: unknown): value is Fields => value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function heldCard(value: unknown, keys: { cardNo: string; par: string }): HeldCard | undefined {
  if (!isRecord(value)) return undefined;
  const cardNo = text(value[keys.cardNo]);
  const par = text(value[keys.par]);
  return cardNo && par ? { cardNo, par, ...(text(value.expiryDate) && { expiryDate: text(value.expiryDate)! }), ...(text(value.serviceId) && { serviceId: text(value.serviceId)! }) } : undefined;
}

/** Another PIN than `pin` (the reset must change it). */
const otherPin = (pin: string) => (pin === '246802' ? '135791' : '246802');

/** Applies for a mobile-only card (helper), for the steps that need one more card. */
async function applyForCard(state: RunState, helper: HelperCall, serviceId: string | undefined): Promise<HeldCard | undefined> {
  if (state.userId === undefined || !serviceId) return undefined;
  const answer = await helper(cardIssueApplication, { userInfo: { userId: state.userId }, serviceId, isDeliveryRequired: false });
  return heldCard(answer, { cardNo: 'mobileCardNo', par: 'mobileCardPar' });
}
const serviceIdOf = (state: RunState) => state.data.serviceId ?? state.card?.serviceId;

export const STEPS: readonly Step[] = [
  step(financialInstitutionList, { input: () => ({}) }),
  step(userRegister, {
    input: (state) => {
      const m = state.data.member;
      if (!m) return 'the test data gives no member to sign up';
      state.loginId = `conformance.${state.stamp}@example.com`;
      return {
        loginId: state.loginId, loginPassword: state.pin, birthDate: m.birthDate, nationality: m.nationality ?? 'Korean', gender: m.gender,
        userName: m.userName, email: state.loginId, mobileNumber: m.mobileNumber ?? '01012341234',
        addressInfo: m.addressInfo ?? DEFAULT_ADDRESS, joinChannel: 'OPENAPI', ...(m.tcIdList && { tcIdList: m.tcIdList }),
      };
    },
    learn: (state, data) => {
      state.userId = data.userId as number | bigint;
      const basic = heldCard(data.basicCardInfo, { cardNo: 'cardNo', par: 'par' });
      if (basic) state.card = basic;
    },
  }),
  step(memberInfo, {
    input: member,
    learn: (state, data) => {
      const info = isRecord(data.userInfo) ? data.userInfo : {};
      if (text(info.ci)) state.ci = text(info.ci);
      state.loginId ??= text(info.loginId);
    },
  }),
  step(memberAuthInfo, { input: member }),
  step(loginIdFind, { input: (state) => (state.ci ? { ci: state.ci } : 'no CI: member info did not answer one') }),
  step(memberLookupByCi, { input: (state) => (state.ci ? { ci: state.ci } : 'no CI: member info did not answer one') }),
  step(loginIdDuplicateCheck, { input: (state) => withMember(state, (userId) => (state.loginId ? { userId, loginId: state.loginId } : 'no login id known')) }),
  step(memberPasswordVerify, { input: (state) => (state.loginId ? { loginId: state.loginId, loginPassword: state.pin } : 'no login id known') }),
  step(termsList, {
    input: (state) => (state.userId === undefined ? {} : { userId: state.userId }),
    learn: (state, data) => {
      const terms = Array.isArray(data.termsList) ? data.termsList.filter(isRecord) : [];
      const optional = terms.find((term) => term.required === 'OPTIONAL' && term.isAgree !== true) ?? terms[0];
      if (optional) state.optionalTermToAgree = optional.tcId;
    },
  }),
  step(termsAgreementUpdate, {
    input: (state) => withMember(state, (userId) => (state.optionalTermToAgree === undefined ? 'the terms list named no terms' : { userId, tcList: [{ tcId: state.optionalTermToAgree, isAgree: true }] })),
  }),
  step(memberInfoUpdate, { input: (state) => withMember(state, (userId) => ({ userId, loginPassword: state.pin, email: `conformance.${state.stamp}.b@example.com` })) }),
  step(memberPasswordReset, {
    input: (state) => (state.loginId ? { loginId: state.loginId, oldPassword: state.pin, newPassword: otherPin(state.pin) } : 'no login id known'),
    learn: (state) => {
      state.pin = otherPin(state.pin);
    },
  }),
  step(cardList, {
    input: member,
    learn: (state, data) => {
      const first = Array.isArray(data.cardDataInfo) ? data.cardDataInfo.find(isRecord) : undefined;
      state.card ??= heldCard(first, { cardNo: 'mobileCardNo', par: 'par' });
    },
  }),
  step(cardProductInquiry, { input: (state) => (serviceIdOf(state) ? { serviceIdList: [serviceIdOf(state)] } : 'no card product known (test data serviceId)') }),
  step(cardUserMapping, { input: (state) => withCard(state, (held) => ({ cardNo: held.cardNo })) }),
  step(cardVirtualAccountInquiry, { input: (state) => withCard(state, (held) => ({ cardNo: held.cardNo })) }),
  step(bankAccountInquiry, { input: member }),
  step(bankAccountHolderVerification, {
    input: (state) => {
      const held = account(state);
      if (typeof held === 'string') return held;
      return withMember(state, (userId) => ({ userId, bankCode: held.account.bankCode, bankAccount: held.account.bankAccount, userName: held.member.userName, birthDate: held.member.birthDate }));
    },
  }),
  step(arsAuthNumberGeneration, { input: member }),
  step(bankAccountArsRegistration, {
    input: (state) => {
      const held = account(state);
      if (typeof held === 'string') return held;
      return withMember(state, (userId) => ({ userId, ...held.account, userName: held.member.userName, birthDate: held.member.birthDate }));
    },
    learn: (state, data) => {
      state.bankAccRegNo = text(data.bankAccRegNo);
    },
  }),
  step(bankAccountRegistrationStatus, {
    input: (state) => (state.bankAccRegNo ? { regNo: state.bankAccRegNo } : 'no account registration was started'),
    again: { while: (data) => data.status === 'ARS_AUTH_IN_PROGRESS' || data.status === 'ARS_AUTH_DONE', attempts: 30, everyMs: 500 },
  }),
  step(registeredBankAccountInfo, { input: member }),
  step(autoRechargeAccountRegistration, { input: member }),
  step(cardTransactionHistory, { input: (state) => withCard(state, (held, userId) => ({ userId, par: held.par, startDate: state.today, endDate: state.today })) }),
  step(issueOneTimeToken, {
    input: (state) => withCard(state, (held) => ({ cardNo: held.cardNo })),
    learn: (state, data) => {
      if (text(data.oneTimeToken) && text(data.dcvv)) state.token = { oneTimeToken: text(data.oneTimeToken)!, dcvv: text(data.dcvv)! };
    },
  }),
  step(chargeByBankAccount, {
    input: (state) => {
      if (!state.token) return 'no one-time token was issued';
      if (!state.data.merchantId) return 'the test data gives no merchantId';
      const sequenceId = `CF${state.stamp}C`;
      state.charge = { sequenceId };
      return withMember(state, (userId) => ({ sequenceId, userId, amount: 1000, oneTimeToken: state.token!.oneTimeToken, dcvv: state.token!.dcvv, merchantId: state.data.merchantId! }));
    },
    learn: (state, data) => {
      if (state.charge && text(data.nrNumber)) state.charge.nrNumber = text(data.nrNumber);
    },
  }),
  // Without a charge, asks for one that never was: the not-found answer is worth seeing too.
  step(chargeResultInquiry, { input: (state) => ({ sequenceId: state.charge?.sequenceId ?? `CF${state.stamp}N` }) }),
  step(cancelChargeByBankAccount, {
    prepare: async (state, helper) => {
      if (!state.charge?.nrNumber || !state.card) return;
      const answer = await helper(issueOneTimeToken, { cardNo: state.card.cardNo });
      state.token = answer && text(answer.oneTimeToken) && text(answer.dcvv) ? { oneTimeToken: text(answer.oneTimeToken)!, dcvv: text(answer.dcvv)! } : undefined;
    },
    input: (state) => {
      if (!state.charge?.nrNumber) return 'no completed charge to cancel';
      if (!state.token) return 'no fresh one-time token for the cancel';
      return withCard(state, (held, userId) => (held.expiryDate
        ? { sequenceId: `CF${state.stamp}X`, userId, nrNumber: state.charge!.nrNumber, oneTimeToken: state.token!.oneTimeToken, dcvv: state.token!.dcvv, cardExpiry: held.expiryDate.slice(0, 4) }
        : 'the card\'s expiry is not known'));
    },
  }),
  step(cardLimitUpdate, { input: (state) => withCard(state, (held, userId) => ({ userId, par: held.par, limits: { once: 500_000, day: 1_000_000, month: 2_000_000 } })) }),
  step(cardStatusChange, {
    input: (state) => withCard(state, (held, userId) => ({ userId, par: held.par, status: 'SUSPEND' })),
    tidy: async (state, helper) => {
      if (state.card && state.userId !== undefined) await helper(cardStatusChange, { userId: state.userId, par: state.card.par, status: 'RESUME' });
    },
  }),
  step(setMainCard, { input: (state) => withCard(state, (held, userId) => ({ userId, par: held.par })) }),
  step(taxDeductionApply, { input: (state) => withCard(state, (held, userId) => ({ userId, par: held.par })) }),
  step(taxDeductionStatus, { input: (state) => withCard(state, (held) => ({ par: held.par })) }),
  step(individualBalanceLimitIncrease, { input: (state) => withCard(state, (held, userId) => ({ userId, par: held.par })) }),
  step(cardIssueApplication, {
    input: (state) => withMember(state, (userId) => (serviceIdOf(state)
      ? { userInfo: { userId }, serviceId: serviceIdOf(state), isDeliveryRequired: true, addressInfo: deliveryAddress(state) }
      : 'no card product to apply for (test data serviceId)')),
    learn: (state, data) => {
      const applied = heldCard(data, { cardNo: 'mobileCardNo', par: 'mobileCardPar' });
      if (text(data.cardApplyNo)) state.applied = { cardApplyNo: text(data.cardApplyNo)!, ...(applied && { card: applied }) };
    },
  }),
  step(cardDeliveryStatus, { input: (state) => withMember(state, (userId) => (state.applied ? { userId, cardApplyNo: state.applied.cardApplyNo } : 'no card application was made')) }),
  step(linkableMobileCardApplications, { input: member }),
  step(cardApplicationCancel, { input: (state) => withMember(state, (userId) => (state.applied ? { userId, cardApplyNo: state.applied.cardApplyNo } : 'no card application was made')) }),
  step(lostCardReissue, {
    // A card to lose: one more mobile card, suspended as lost (reissue takes only a suspended card).
    prepare: async (state, helper) => {
      const lost = await applyForCard(state, helper, serviceIdOf(state));
      if (!lost || state.userId === undefined) return;
      if (await helper(cardStatusChange, { userId: state.userId, par: lost.par, status: 'SUSPEND' })) state.replacement = lost;
    },
    input: (state) => withMember(state, (userId) => (state.replacement
      ? { userInfo: { userId }, cardInfo: { oldCardNo: state.replacement.cardNo }, isDeliveryRequired: false }
      : 'no card could be applied for and reported lost')),
    learn: (state, data) => {
      state.replacement = heldCard(data, { cardNo: 'mobileCardNo', par: 'mobileCardPar' });
    },
  }),
  step(expiringCardRenewal, { input: (state) => withCard(state, (held, userId) => ({ userInfo: { userId }, addressInfo: deliveryAddress(state), cardInfo: { oldCardNo: held.cardNo } })) }),
  step(corporateBalanceLimitIncrease, {
    input: (state) => {
      if (!state.data.corporation) return 'the test data gives no corporation';
      if (!state.replacement) return 'no card of the run to name to a corporation (the reissue gave none)';
      return withMember(state, (userId) => ({ userId, par: state.replacement!.par, ...state.data.corporation }));
    },
  }),
  step(corporateIdentificationStatus, {
    input: (state) => withMember(state, (userId) => {
      const held = state.replacement ?? state.card;
      return held ? { userId, par: held.par } : 'no card of the member is known';
    }),
  }),
  step(cardTerminate, { input: (state) => withMember(state, (userId) => (state.replacement ? { userId, par: state.replacement.par } : 'no card of the run to discard')) }),
  step(unregisteredCardInquiry, {
    input: (state) => (state.data.physicalCard ? { cardNo: state.data.physicalCard.cardNo, expiryDate: state.data.physicalCard.expiryDate, cardCVC: state.data.physicalCard.cvc } : 'the test data gives no physicalCard'),
  }),
  step(physicalCardRegister, {
    input: (state) => withMember(state, (userId) => (state.data.physicalCard
      ? { userId, physicalCardNo: state.data.physicalCard.cardNo, physicalCardExpDate: state.data.physicalCard.expiryDate, physicalCardCVC: state.data.physicalCard.cvc }
      : 'the test data gives no physicalCard')),
  }),
  step(dormantMemberActivate, { input: (state) => state.data.dormantMember ?? 'the test data gives no dormantMember' }),
  // Tops the card up at once when its balance is at or below the threshold: money.
  step(thresholdAutoRechargeUpdate, { when: 'money', input: (state) => withCard(state, (held, userId) => ({ userId, par: held.par, amount: 10_000, thresholdBalance: 1_000 })) }),
  step(bankAccountDeletion, { input: member }),
  step(memberUnregister, { input: member }),
];
