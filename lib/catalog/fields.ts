/** Field shapes several operations share, declared once. */
import { Digits, Int64, StringEnum, Type, UNDOCUMENTED } from './schema';

/** Member id; documented as number 1..9999999999999999999 (19 digits, beyond 2^53). */
export const UserId = (maximum: bigint = 9999999999999999999n) =>
  Int64({ minimum: 1n, maximum, description: 'Member id assigned at registration' });

export const Nationality = () => StringEnum(['Korean', 'Foreigner']);
export const Gender = () => StringEnum(['Male', 'Female']);
export const JoinChannel = () =>
  StringEnum(['OPENAPI', 'KONA', 'JADU', 'PINO', 'HEALTH'], { description: 'Service the member signed up through' });

export const AddressInfo = () =>
  Type.Object(
    {
      address: Type.String({ minLength: 1, maxLength: 200, ...UNDOCUMENTED }),
      zipCode: Type.String({ minLength: 5, maxLength: 6, pattern: '^[0-9]{5,6}$', ...UNDOCUMENTED }),
      addressDetail: Type.Optional(Type.String({ maxLength: 200, ...UNDOCUMENTED })),
    },
    { additionalProperties: false, ...UNDOCUMENTED, description: 'Member address (sub-fields from client code)' },
  );

export const BankAccount = (description: string) =>
  Type.Object(
    {
      bankAccount: Type.String({ minLength: 1, maxLength: 20, description: 'Account number' }),
      bankCode: Type.String({ minLength: 3, maxLength: 3, description: 'Bank code' }),
      bankName: Type.String({ minLength: 1, maxLength: 10 }),
    },
    { description },
  );

/** Amount in KRW: whole won, positive. */
export const Amount = (description = 'Amount in KRW') => Type.Integer({ minimum: 1, maximum: 99_999_999, description });

/** Payment Account Reference: the 27-character replacement of a card number. */
export const Par = () => Type.String({ minLength: 27, maxLength: 27, description: 'PAN replacement value (PAR)' });

/** A 16-digit card number (PAN). Masked in logs. */
export const CardNo = (description = 'Card number (16 digits)') => Digits(16, { description });

/** Card product id. */
export const ServiceId = () => Digits(15, { description: 'Card product id' });

/** Korean identity-verification CI: 88 characters (base64 of a 64-byte value). */
export const Ci = () => Type.String({ minLength: 88, maxLength: 88, description: 'Identity-verification CI' });

/** Provider-side control number of a money-moving request (protocol.md §7.1): unique, 1..max chars. */
export const SequenceId = (max = 30) =>
  Type.String({ minLength: 1, maxLength: max, pattern: '^[A-Za-z0-9_-]+$', description: 'Unique provider control number; the key for result inquiry' });

/** Merchant id: 15 digits. */
export const MerchantId = () => Digits(15, { description: 'Merchant id' });

/** Bank code: 3 digits (e.g. 004 KB국민). */
export const BankCode = () => Digits(3, { description: 'Bank code' });

/** Bank account number as the bank writes it, digits only. Masked in logs. */
export const BankAccountNo = () => Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9]+$', description: 'Bank account number' });

/** A card balance in KRW, as the card answers show it (0..9999999999). */
export const CardBalance = (description = 'Card balance in KRW') => Type.Integer({ minimum: 0, maximum: 9_999_999_999, description });

/** A card payment limit in KRW (0..9999999999); 0 = no limit. */
export const CardLimitAmount = (description: string) =>
  Type.Integer({ minimum: 0, maximum: 9_999_999_999, description: `${description}; 0 = no limit` });

/** A card's state as the card answers spell it (ACTIVE, SUSPENDED, TERMINATED in the sandbox; client code also shows INACTIVE). */
export const CardStatusName = (description = 'Card status') =>
  Type.String({ minLength: 1, maxLength: 20, description, ...UNDOCUMENTED });

/**
 * Marks a wall-clock time field with the zone it is written in (protocol.md §6.4): the sandbox's
 * drift rewrites such fields, the conformance report checks them against the request's time.
 */
export const KOREAN_TIME = { 'x-time-zone': 'KST' } as const;

/** yyyyMMddHHmmss in Korean time. */
export const KoreanDateTime = (options: Parameters<typeof Type.String>[0] = {}) =>
  Digits(14, { description: 'yyyyMMddHHmmss, Korean time', ...options, ...KOREAN_TIME });

/** Income tax deduction start date: yyyyMMdd (Korean date) carried as a JSON number, as the status page types it. */
export const DeductionDate = (options: Parameters<typeof Type.Integer>[0] = {}) =>
  Type.Integer({ minimum: 19000101, maximum: 99991231, description: 'Income deduction start date, yyyyMMdd as a number', ...options });

/** Card application number (카드 신청 번호): 22 characters, from an issuance, reissue or renewal application. */
export const CardApplyNo = (description = 'Card application number') => Type.String({ minLength: 22, maxLength: 22, description });

/** Where an applied-for card is shipped: road-name address, its detail and the 5-character postal code, all required. */
export const DeliveryAddressInfo = (description = 'Card delivery address') =>
  Type.Object(
    {
      address: Type.String({ minLength: 1, maxLength: 255, description: 'Road-name address' }),
      addressDetail: Type.String({ minLength: 1, maxLength: 255, description: 'Address detail' }),
      zipCode: Type.String({ minLength: 5, maxLength: 5, description: 'Postal code' }),
    },
    { additionalProperties: false, description },
  );

/** Card verification code printed on a card: 3 digits. */
export const CardCvc = (description = 'Card verification code (CVC)') => Digits(3, { description });

/** Card expiry as printed on the plastic: YYMM (e.g. 3108). */
export const ExpiryYymm = (description = 'Card expiry, YYMM') =>
  Type.String({ minLength: 4, maxLength: 4, pattern: '^[0-9]{2}(0[1-9]|1[0-2])$', description });

/** Bank display name as the platform writes it (e.g. KB국민): 1..10 characters (#21). */
export const BankName = (description = 'Bank name') => Type.String({ minLength: 1, maxLength: 10, description });

/** Member login ID (an e-mail address in practice): 1..80 characters, unique on the platform. */
export const LoginId = (options: Parameters<typeof Type.String>[0] = {}) =>
  Type.String({ minLength: 1, maxLength: 80, description: 'Member login ID', ...options });

/** The member's 6-digit PIN (login, payment, charge, info change). Masked in logs by its field name. */
export const LoginPassword = (description = '6-digit PIN', options: Parameters<typeof Type.String>[0] = {}) =>
  Digits(6, { description, ...options });

/** Mobile phone number, digits only (010XXXXXXXX); 10..20 as member info answers it. */
export const MobileNumber = (options: Parameters<typeof Type.String>[0] = {}) =>
  Type.String({ minLength: 10, maxLength: 20, pattern: '^[0-9]{10,20}$', description: 'Mobile phone number, digits only', ...options });

/** Terms-and-conditions id (약관 id), a number on the terms APIs (e.g. 29184 on the public sandbox). */
export const TcId = () => Int64({ minimum: 1n, maximum: 9999999999999999999n, description: 'Terms and conditions id' });

/** `userInfo: { userId }`, how the card applications name the member. */
export const MemberRef = () => Type.Object({ userId: UserId() }, { additionalProperties: false, description: 'Member info' });
