/**
 * The financial institutions the sandbox platform knows: what /api/v1/bankaccounts/bank/list answers
 * and what every account operation checks a bankCode against (an unknown code is 000_002).
 * Codes are the Korean interbank (금융결제원) codes; the first eleven are the ones the real-name
 * verification page lists (operations.json #15), the rest complete the common set. Names are the
 * short forms the platform's answers use (bankName is at most 10 characters, #21).
 */

export interface Bank {
  bankCode: string;
  bankName: string;
}

export const BANKS: readonly Bank[] = [
  { bankCode: '002', bankName: 'KDB산업' },
  { bankCode: '003', bankName: 'IBK기업' },
  { bankCode: '004', bankName: 'KB국민' },
  { bankCode: '007', bankName: '수협' },
  { bankCode: '011', bankName: 'NH농협' },
  { bankCode: '012', bankName: '지역농축협' },
  { bankCode: '020', bankName: '우리' },
  { bankCode: '023', bankName: 'SC제일' },
  { bankCode: '027', bankName: '씨티' },
  { bankCode: '031', bankName: 'iM뱅크' },
  { bankCode: '032', bankName: '부산' },
  { bankCode: '034', bankName: '광주' },
  { bankCode: '035', bankName: '제주' },
  { bankCode: '037', bankName: '전북' },
  { bankCode: '039', bankName: '경남' },
  { bankCode: '045', bankName: '새마을금고' },
  { bankCode: '048', bankName: '신협' },
  { bankCode: '050', bankName: '저축은행' },
  { bankCode: '064', bankName: '산림조합' },
  { bankCode: '071', bankName: '우체국' },
  { bankCode: '081', bankName: '하나' },
  { bankCode: '088', bankName: '신한' },
  { bankCode: '089', bankName: '케이뱅크' },
  { bankCode: '090', bankName: '카카오뱅크' },
  { bankCode: '092', bankName: '토스뱅크' },
];

const BY_CODE: ReadonlyMap<string, Bank> = new Map(BANKS.map((bank) => [bank.bankCode, bank]));

/** The bank with that code, or undefined when the platform does not deal with it. */
export function bankByCode(bankCode: string): Bank | undefined {
  return BY_CODE.get(bankCode);
}
