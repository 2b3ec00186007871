/**
 * The crypto floor: what one call costs in cryptography alone, with keys already imported —
 * HMAC over the body, RSA-OAEP-256 wrap + AES-128-GCM seal of the request (encrypted operations),
 * RSA-OAEP unwrap + AES-GCM open of the answer. No I/O, no JSON beyond the JWE header.
 */
import { createPublicKey } from 'node:crypto';
import { openJwe, prepare, sealJwe, tranMac, type SecretJson } from './kona';

/** A stand-in answer of the size the sandbox sends for memberInfo (its plaintext is ~0.5 KB). */
const ANSWER = JSON.stringify({
  response: { code: '000_000', description: 'Success.' },
  userInfo: {
    aspId: '000170000000000', userId: 50000104652, birthDate: '19900115', ci: 'x'.repeat(88), loginId: 'hong.gildong',
    nationality: 'Korean', gender: 'Male', mobileNumber: '01012345678', userName: '홍길동', email: 'gildong@example.com',
    joinChannel: 'OPENAPI', addressInfo: { address: '서울특별시 중구 세종대로 110', zipCode: '04524', addressDetail: '3층' },
  },
});

/** A function doing one call's cryptography for `op`, synchronously. */
export function cryptoFloor(op: 'memberInfo' | 'bankAccountInquiry', secret: SecretJson): () => void {
  const p = prepare(secret);
  const answerJwe = sealJwe(ANSWER, createPublicKey(p.clientKey));
  const plaintext = '{"userId":50000104652}';
  if (op === 'memberInfo') {
    return () => {
      const body = `{"encData":"${sealJwe(plaintext, p.platformKey)}"}`;
      tranMac(p.secretKey, body);
      openJwe(answerJwe, p.clientKey);
    };
  }
  return () => {
    tranMac(p.secretKey, plaintext);
    openJwe(answerJwe, p.clientKey);
  };
}
