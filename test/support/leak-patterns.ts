/**
 * What must never appear in a log line: secrets, keys, full card and account numbers, CIs,
 * passwords and one-time tokens. Used by the scan at the end of `npm test` (test/support/leak-scan.ts).
 */
import { FIXTURE_MEMBERS } from '../../sandbox/books/fixtures';

export interface LeakPattern {
  name: string;
  pattern: RegExp;
}

const fixtureAccounts = FIXTURE_MEMBERS.flatMap((m) => [m.accounts.normal?.bankAccount, m.accounts.auto?.bankAccount]).filter((a): a is string => Boolean(a));

export const LEAK_PATTERNS: readonly LeakPattern[] = [
  { name: 'PEM key or certificate', pattern: /-----BEGIN [A-Z ]*(KEY|CERTIFICATE)-----/ },
  { name: 'access key', pattern: /\b[0-9a-f]{7}-[0-9a-f]{32}\b/ },
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { name: 'tran token', pattern: /KMV1:\d{17}:[A-Za-z0-9+/]{43}=/ },
  { name: 'full card number', pattern: /(?<![\d*-])(?:\d{16}|\d{4}([- ])\d{4}\1\d{4}\1\d{4})(?![\d-])/ },
  { name: 'CI (88-character identity value)', pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==/ },
  { name: 'JWE', pattern: /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/ },
  { name: 'password or PIN in clear', pattern: /"(loginPassword|newPassword|oldPassword|password|pin)"\s*:\s*"(?!\*\*\*)[^"]+"/i },
  { name: 'one-time token or dCVV in clear', pattern: /"(oneTimeToken|dcvv|cardCVC|mobileCardCVC|physicalCardCVC)"\s*:\s*"(?!\*\*\*)[^"]+"/i },
  { name: 'secret key in clear', pattern: /"(secretKey|accessKey|clientPrivateKey|SecretString)"\s*:\s*"(?!\*\*\*)[^"]+"/ },
  { name: 'CI field in clear', pattern: /"ci"\s*:\s*"(?!\*\*\*)[^"]+"/ },
  ...fixtureAccounts.map((account) => ({ name: 'fixture bank account number', pattern: new RegExp(`(?<!\\d)${account}(?!\\d)`) })),
];

export interface Leak {
  file: string;
  line: number;
  name: string;
}

/** Every leak in the text, by pattern name and line (never the value itself). */
export function findLeaks(text: string, file: string): Leak[] {
  const leaks: Leak[] = [];
  text.split('\n').forEach((line, index) => {
    for (const { name, pattern } of LEAK_PATTERNS) if (pattern.test(line)) leaks.push({ file, line: index + 1, name });
  });
  return leaks;
}
