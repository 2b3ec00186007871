/**
 * The test data a conformance run uses (`--test-data file.json`): who to sign up, the bank account
 * and cards the portal publishes for the public sandbox, a merchant. Every key is optional: each
 * unlocks the steps that need it. Checked with the catalog's own
 * validator, so a mistake is named by field and rule before anything is sent. `--local` builds it
 * from the sandbox's fixtures instead (localTestData).
 */
import { readFileSync } from 'node:fs';
import { AddressInfo, BankCode, BankName, CardCvc, CardNo, Ci, ExpiryYymm, Gender, MerchantId, MobileNumber, Nationality, Par, ServiceId, UserId } from '../../lib/catalog/fields';
import { Date8, Digits, Type, type Static } from '../../lib/catalog/schema';
import { firstViolation } from '../../lib/catalog/validate';
import { parseJson } from '../../lib/protocol/json';

const Person = {
  userName: Type.String({ minLength: 1, maxLength: 100 }),
  birthDate: Date8(),
  gender: Gender(),
};

export const TEST_DATA_SCHEMA = Type.Object(
  {
    /** The member the run signs up (a portal test member's name and birth date) and its bank account. */
    member: Type.Optional(Type.Object(
      {
        ...Person,
        nationality: Type.Optional(Nationality()),
        mobileNumber: Type.Optional(MobileNumber()),
        loginPassword: Type.Optional(Digits(6)),
        addressInfo: Type.Optional(AddressInfo()),
        tcIdList: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]+$' }))),
        account: Type.Optional(Type.Object({ bankCode: BankCode(), bankAccount: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9]+$' }), bankName: BankName() }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    )),
    /** An existing member to read instead, when sign-up is refused (the public sandbox has answered 500 to sign-ups). */
    userId: Type.Optional(UserId()),
    /** A physical card from the portal, not yet registered: unregistered-card inquiry and physical card registration. */
    physicalCard: Type.Optional(Type.Object({ cardNo: CardNo(), expiryDate: ExpiryYymm(), cvc: CardCvc(), par: Type.Optional(Par()) }, { additionalProperties: false })),
    merchantId: Type.Optional(MerchantId()),
    /** A card product members may apply for (issuance); default: the product of the member's basic card. */
    serviceId: Type.Optional(ServiceId()),
    /** A dormant member of the portal, for reactivation. */
    dormantMember: Type.Optional(Type.Object({ ci: Ci(), ...Person }, { additionalProperties: false })),
    /** A corporation, for naming a card to it (corporate balance limit). */
    corporation: Type.Optional(Type.Object({
      corporationName: Type.String({ minLength: 1, maxLength: 100 }),
      bizLicenseNo: Digits(10),
      registrationNumber: Digits(13),
    }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export type TestData = Static<typeof TEST_DATA_SCHEMA>;

/** The test data in `text`, or an error naming the field and rule. */
export function parseTestData(text: string, source: string): TestData {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch {
    throw new Error(`${source}: not JSON`);
  }
  const violation = firstViolation(TEST_DATA_SCHEMA, value);
  if (violation) throw new Error(`${source}: ${violation.field || 'body'}: ${violation.rule}`);
  return value as TestData;
}

export function readTestData(file: string): TestData {
  return parseTestData(readFileSync(file, 'utf8'), file);
}
