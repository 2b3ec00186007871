/**
 * `npx tsx bench/json-parse.ts`: what the duplicate-key check (lib/protocol/json.ts findDuplicateKey)
 * adds to parsing a request body, per body, on bodies the gateway takes. Not part of `npm test` or
 * `npm run bench`; bench/README.md "Request bodies" has the last figures.
 */
import { findDuplicateKey, parseJson } from '../lib/protocol/json';

const BODIES: Array<[string, string]> = [
  ['memberInfo (22 B)', '{"userId":50000104652}'],
  ['charge, 19-digit id (150 B)', '{"sequenceId":"LIFE-C-1796111787613","userId":9223372036854775807,"amount":10000,"oneTimeToken":"1234567890123456","dcvv":"123","merchantId":"410195430033901"}'],
  ['card application (260 B)', JSON.stringify({ userInfo: { userId: 50000104652 }, serviceId: '000170000002001', isDeliveryRequired: true, addressInfo: { address: '서울특별시 중구 세종대로 110', addressDetail: '3층', zipCode: '04524' } })],
  ['16 KiB of terms (the largest body taken)', JSON.stringify({ userId: 50000104652, tcList: Array.from({ length: 560 }, (_, i) => ({ tcId: i, isAgree: i % 2 === 0 })) }).slice(0, 16 * 1024).replace(/,\{[^}]*$/, ']}')],
  ['one object of 2,000 keys in 16 KiB (worst case, refused later as unknown fields)', `{${Array.from({ length: 2000 }, (_, i) => `"k${i}":1`).join(',')}}`],
];

function nsPerCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < iterations / 10; i++) fn();
  const rounds: number[] = [];
  for (let round = 0; round < 7; round++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    rounds.push(Number(process.hrtime.bigint() - t0) / iterations);
  }
  return rounds.sort((a, b) => a - b)[3]!;
}

console.log(`node ${process.version}; median of 7 rounds, ns per body`);
console.log('body | parseJson | findDuplicateKey | added');
for (const [name, text] of BODIES) {
  parseJson(text);
  if (findDuplicateKey(text)) throw new Error(`${name} has a duplicate key`);
  const iterations = text.length > 4096 ? 2_000 : 200_000;
  const parse = nsPerCall(() => parseJson(text), iterations);
  const check = nsPerCall(() => findDuplicateKey(text), iterations);
  console.log(`${name} | ${parse.toFixed(0)} | ${check.toFixed(0)} | +${((check / parse) * 100).toFixed(0)} %`);
}
