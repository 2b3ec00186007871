/**
 * The card-issuance domain's books: card applications (new issue, lost-card reissue, renewal),
 * their delivery progress, and the physical cards produced, plus a small retail stock of physical
 * cards sold unregistered (gift cards bought in a shop). Card facts (balance, status, main card,
 * the link to a physical card) stay on CardRecord (records.ts); this book knows which application a
 * card came from and where its plastic is.
 *
 * Delivery is not driven by a timer: its status is a function of the sandbox clock, computed when
 * someone looks (DELIVERY_TIMELINE), so a test moves a card along by moving the clock.
 */
import { createHash } from 'node:crypto';
import { luhnCheckDigit } from './card-numbers';
import { GIFT_CARD_SERVICE_ID, NORMAL_CARD_SERVICE_ID } from './card-products';
import { koreanDate, koreanDateTime } from './korean-time';

/** Delivery statuses as /api/v1/card/delivery/inquiry spells them. */
export const DELIVERY_STATUSES = ['READY', 'RECEIPT', 'PRE_SHIPPING', 'SHIPPING', 'ARRIVAL', 'LOST', 'RETURN', 'CANCEL', 'ETC'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Application statuses as /api/v1/issued-cards/pre-issue/waiting/physical spells them (the list is cut off after PHYSICAL_ISSUE…). */
export const APPLICATION_STATUSES = ['READY', 'COST_PAYING', 'COST_PAID', 'COST_PAY_FAILED', 'DIGITAL_ISSUED', 'PHYSICAL_ISSUED'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * ISSUE: a new card (29); REISSUE: a replacement of a lost card (31); RENEWAL: a card that is about
 * to expire (32). The pre-issue list answers RENEWAL as REISSUE, the only two values it documents.
 */
export type IssueType = 'ISSUE' | 'REISSUE' | 'RENEWAL';

const HOUR = 3_600_000;

/** Sandbox-clock offsets from the application at which each delivery step starts. */
export const DELIVERY_TIMELINE: ReadonlyArray<{ status: DeliveryStatus; fromMs: number }> = [
  { status: 'READY', fromMs: 0 },
  { status: 'RECEIPT', fromMs: 1 * HOUR },
  { status: 'PRE_SHIPPING', fromMs: 3 * HOUR },
  { status: 'SHIPPING', fromMs: 6 * HOUR },
  { status: 'ARRIVAL', fromMs: 48 * HOUR },
];

/** Sandbox convention: a card shipped to this postal code comes back (RETURN) instead of arriving. */
export const UNDELIVERABLE_ZIP_CODE = '99999';

/**
 * Sandbox convention, like the account books' magic account numbers: a member account whose number
 * ends in 0019 refuses the reissue-fee withdrawal (003_019 on a lost-card reissue, 003_010 on a renewal).
 */
export const FEE_REFUSING_ACCOUNT_SUFFIX = '0019';

export interface DeliveryAddress {
  address: string;
  addressDetail: string;
  zipCode: string;
}

/** A plastic card. Its expiry is kept as YYMMDD like CardRecord's; the plastic shows YYMM. */
export interface PhysicalCard {
  cardNo: string;
  expiryDate: string;
  cvc: string;
  serviceId: string;
  /** The application it was produced for; none for a retail stock card. */
  cardApplyNo?: string;
  /** KRW loaded on a retail stock card when it was sold; moves to the mobile card at registration. */
  balance: number;
  /** PAR of the mobile card it is linked to, once registered. */
  registeredPar?: string;
}

export interface CardApplication {
  /** 22 digits: yyyyMMddHHmmss (Korean time) + 8-digit sequence. */
  cardApplyNo: string;
  userId: bigint;
  issueType: IssueType;
  serviceId: string;
  appliedAt: number;
  /** Where the plastic goes; none for a mobile-only issue. */
  delivery?: DeliveryAddress;
  /** The mobile card issued with the application (ISSUE, REISSUE); a renewal issues it at registration. */
  mobileCardPar?: string;
  /** The card replaced (REISSUE) or renewed (RENEWAL). */
  oldCardPar?: string;
  physicalCardNo?: string;
  /** KRW withdrawn from the member's account for the reissue; 0 = free. */
  fee: number;
  canceledAt?: number;
  /** When the plastic was handed over ahead of DELIVERY_TIMELINE (POST /__sandbox/card-applications/:cardApplyNo/delivery). */
  deliveredAt?: number;
  /** When the physical card was registered (linked to its mobile card). */
  registeredAt?: number;
}

/** Physical cards carry their own BIN range, so their numbers never meet the mobile cards' (94913394…). */
const PHYSICAL_CARD_PREFIX = '94913395';

/** The 3-digit CVC of a card, derived from its number and expiry the way an HSM would: stable, not guessable from the number alone. */
export function cardVerificationCode(cardNo: string, expiryDate: string): string {
  const digest = createHash('sha256').update(`cvc:${cardNo}:${expiryDate}`).digest();
  return String(digest.readUInt32BE(0) % 1000).padStart(3, '0');
}

/** Retail stock at every reset: fixed numbers after a reset, expiring 3108 like the public sandbox's test cards. */
const RETAIL_STOCK: ReadonlyArray<{ serviceId: string; balance: number }> = [
  { serviceId: GIFT_CARD_SERVICE_ID, balance: 10_000 },
  { serviceId: GIFT_CARD_SERVICE_ID, balance: 30_000 },
  { serviceId: GIFT_CARD_SERVICE_ID, balance: 50_000 },
  { serviceId: NORMAL_CARD_SERVICE_ID, balance: 0 },
];
const RETAIL_EXPIRY = '310831';

export class CardApplications {
  private readonly applications = new Map<string, CardApplication>();
  private readonly physicalCards = new Map<string, PhysicalCard>();
  /** PAR of a card replaced by a reissue or renewal → PAR of its replacement. */
  private readonly replacements = new Map<string, string>();
  private nextApplication = 1;
  private nextPhysicalCard = 1;

  constructor(private readonly now: () => number) {
    this.restock();
  }

  reset(): void {
    this.applications.clear();
    this.physicalCards.clear();
    this.replacements.clear();
    this.nextApplication = 1;
    this.nextPhysicalCard = 1;
    this.restock();
  }

  /** Records an application; produces its plastic when it ships one (expiry YYMMDD of the card it pairs with). */
  create(application: Omit<CardApplication, 'cardApplyNo' | 'appliedAt' | 'physicalCardNo'>, physicalExpiry: string): CardApplication {
    const appliedAt = this.now();
    const cardApplyNo = koreanDateTime(appliedAt) + String(this.nextApplication++).padStart(8, '0');
    const record: CardApplication = { ...application, cardApplyNo, appliedAt };
    if (application.delivery) record.physicalCardNo = this.produce(application.serviceId, physicalExpiry, 0, cardApplyNo).cardNo;
    this.applications.set(cardApplyNo, record);
    return record;
  }

  get(cardApplyNo: string): CardApplication | undefined {
    return this.applications.get(cardApplyNo);
  }

  /** Every application, oldest first. */
  all(): CardApplication[] {
    return [...this.applications.values()];
  }

  /** The member's applications, oldest first. */
  ofMember(userId: bigint): CardApplication[] {
    return [...this.applications.values()].filter((application) => application.userId === userId);
  }

  /** Not canceled and its plastic not yet registered (a mobile-only issue is never pending). */
  isPending(application: CardApplication): boolean {
    return application.delivery !== undefined && application.canceledAt === undefined && application.registeredAt === undefined;
  }

  /** Where the plastic is, by the sandbox clock; undefined for a mobile-only issue. */
  deliveryStatus(application: CardApplication, at: number = this.now()): DeliveryStatus | undefined {
    if (!application.delivery) return undefined;
    if (application.canceledAt !== undefined) return 'CANCEL';
    if (application.registeredAt !== undefined) return 'ARRIVAL';
    const elapsed = at - application.appliedAt;
    let status: DeliveryStatus = 'READY';
    for (const step of DELIVERY_TIMELINE) if (elapsed >= step.fromMs) status = step.status;
    if (application.deliveredAt !== undefined && at >= application.deliveredAt) status = 'ARRIVAL';
    if (status === 'ARRIVAL' && application.delivery.zipCode === UNDELIVERABLE_ZIP_CODE) return 'RETURN';
    return status;
  }

  /** The plastic is in the member's hands. */
  isDelivered(application: CardApplication): boolean {
    return this.deliveryStatus(application) === 'ARRIVAL';
  }

  /** Application day (Korean calendar) is today on the sandbox clock. */
  isSameDay(application: CardApplication): boolean {
    return koreanDate(application.appliedAt) === koreanDate(this.now());
  }

  cancel(application: CardApplication): void {
    application.canceledAt = this.now();
  }

  /** The courier hands the plastic over now, whatever the timeline says. */
  deliver(application: CardApplication): void {
    application.deliveredAt = this.now();
  }

  /** Links the plastic to a mobile card; its stock balance is handed over once (the caller moves it). */
  register(physical: PhysicalCard, mobileCardPar: string): void {
    physical.registeredPar = mobileCardPar;
    physical.balance = 0;
    if (physical.cardApplyNo) {
      const application = this.applications.get(physical.cardApplyNo);
      if (application) application.registeredAt = this.now();
    }
  }

  physicalCard(cardNo: string): PhysicalCard | undefined {
    return this.physicalCards.get(cardNo);
  }

  /** The application's plastic. */
  physicalCardOf(application: CardApplication): PhysicalCard | undefined {
    return application.physicalCardNo === undefined ? undefined : this.physicalCards.get(application.physicalCardNo);
  }

  /** Retail stock cards, sold or not. */
  stock(): PhysicalCard[] {
    return [...this.physicalCards.values()].filter((card) => card.cardApplyNo === undefined);
  }

  /**
   * A plastic nobody has registered yet that its holder can have in hand: a stock card, or an
   * application's card that has arrived (and whose application was not canceled).
   */
  isUnregisteredInHand(physical: PhysicalCard): boolean {
    if (physical.registeredPar !== undefined) return false;
    if (physical.cardApplyNo === undefined) return true;
    const application = this.applications.get(physical.cardApplyNo);
    return application !== undefined && this.isDelivered(application);
  }

  markReplaced(oldPar: string, newPar: string): void {
    this.replacements.set(oldPar, newPar);
  }

  replacementOf(par: string): string | undefined {
    return this.replacements.get(par);
  }

  private produce(serviceId: string, expiryDate: string, balance: number, cardApplyNo?: string): PhysicalCard {
    const body = PHYSICAL_CARD_PREFIX + String(this.nextPhysicalCard++ % 10_000_000).padStart(7, '0');
    const cardNo = body + luhnCheckDigit(body);
    const card: PhysicalCard = { cardNo, expiryDate, cvc: cardVerificationCode(cardNo, expiryDate), serviceId, balance };
    if (cardApplyNo !== undefined) card.cardApplyNo = cardApplyNo;
    this.physicalCards.set(cardNo, card);
    return card;
  }

  private restock(): void {
    for (const { serviceId, balance } of RETAIL_STOCK) this.produce(serviceId, RETAIL_EXPIRY, balance);
  }
}

/** What the holder reads off the plastic, as registration takes it. */
export function printedOn(card: PhysicalCard): { physicalCardNo: string; physicalCardExpDate: string; physicalCardCVC: string } {
  return { physicalCardNo: card.cardNo, physicalCardExpDate: card.expiryDate.slice(0, 4), physicalCardCVC: card.cvc };
}

const APPLICATION_CARD_ROUTE = /^\/__sandbox\/card-applications\/([^/]+)\/physical-card$/;
const APPLICATION_DELIVERY_ROUTE = /^\/__sandbox\/card-applications\/([^/]+)\/delivery$/;

/**
 * The control API's card routes (no auth, loopback only), for tests and people who need what a
 * member would read off a plastic card:
 * - GET /__sandbox/card-applications/:cardApplyNo/physical-card: the delivered card of an
 *   application (200), 409 while it is still on its way (or was canceled, returned), 404 unknown.
 * - POST /__sandbox/card-applications/:cardApplyNo/delivery: the plastic arrives now (ARRIVAL, or RETURN
 *   for the undeliverable postal code) instead of 48 hours after the application; 409 when canceled.
 * - GET /__sandbox/physical-cards/stock: the retail stock (cards sold unregistered) and whether each is registered.
 * Undefined for any other route.
 */
export function cardApplicationsControl(book: CardApplications, method: string, pathname: string): [number, unknown] | undefined {
  const route = APPLICATION_CARD_ROUTE.exec(pathname);
  if (route && method === 'GET') {
    const cardApplyNo = decodeURIComponent(route[1]!);
    const application = book.get(cardApplyNo);
    const physical = application && book.physicalCardOf(application);
    if (!application || !physical) return [404, { error: { message: `no card application ${cardApplyNo} with a physical card` } }];
    const deliveryStatus = book.deliveryStatus(application);
    if (deliveryStatus !== 'ARRIVAL') {
      return [409, { error: { message: `the physical card of ${cardApplyNo} has not arrived (delivery status ${String(deliveryStatus)})` } }];
    }
    return [200, { cardApplyNo, deliveryStatus, ...printedOn(physical), registered: physical.registeredPar !== undefined }];
  }
  const delivery = APPLICATION_DELIVERY_ROUTE.exec(pathname);
  if (delivery && method === 'POST') {
    const cardApplyNo = decodeURIComponent(delivery[1]!);
    const application = book.get(cardApplyNo);
    if (!application?.delivery) return [404, { error: { message: `no card application ${cardApplyNo} with a physical card` } }];
    if (application.canceledAt !== undefined) return [409, { error: { message: `card application ${cardApplyNo} was canceled` } }];
    if (book.deliveryStatus(application) !== 'ARRIVAL') book.deliver(application);
    return [200, { cardApplyNo, deliveryStatus: book.deliveryStatus(application) }];
  }
  if (pathname === '/__sandbox/physical-cards/stock' && method === 'GET') {
    return [200, {
      physicalCards: book.stock().map((card) => ({ ...printedOn(card), serviceId: card.serviceId, balance: card.balance, registered: card.registeredPar !== undefined })),
    }];
  }
  return undefined;
}
