/**
 * Card identifiers the sandbox issues. Shapes follow the catalog and the public sandbox's test
 * cards (protocol.md §6.3: 9491 3394 0125 xxxx, serviceId 000170000002000); values are made up.
 */
import { createHash } from 'node:crypto';

export const BASIC_CARD_SERVICE_ID = '000170000002000';
const CARD_PREFIX = '94913394';

/** Luhn check digit, so issued numbers pass the checks a card library would run. */
export function luhnCheckDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** 16 digits: prefix + 7-digit sequence + Luhn digit. */
export function cardNumber(sequence: number): string {
  const body = CARD_PREFIX + String(sequence % 10_000_000).padStart(7, '0');
  return body + luhnCheckDigit(body);
}

/** 27 characters, derived from the card number the way a token vault would: stable, not reversible. */
export function paymentAccountReference(cardNo: string): string {
  const digest = createHash('sha256').update(`par:${cardNo}`).digest('hex').toUpperCase();
  return `V001${digest.slice(0, 23)}`;
}

/** YYMMDD of the last day of the month five years after `epochMs`, as prepaid cards expire at month end. */
export function expiryDate(epochMs: number): string {
  const issued = new Date(epochMs);
  const lastDay = new Date(Date.UTC(issued.getUTCFullYear() + 5, issued.getUTCMonth() + 1, 0));
  const yy = String(lastDay.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(lastDay.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(lastDay.getUTCDate()).padStart(2, '0');
  return yy + mm + dd;
}

/** A Korean CI is the Base64 of a 64-byte value: 88 characters ending in "==". */
export function connectingInformation(seed: string): string {
  return createHash('sha512').update(`ci:${seed}`).digest('base64');
}
