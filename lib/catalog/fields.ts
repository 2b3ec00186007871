/** Field shapes several operations share, declared once. */
import { Int64, StringEnum, Type, UNDOCUMENTED } from './schema';

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
