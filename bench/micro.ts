/**
 * Costs of the gateway's parts, measured one by one in a fresh process (bench/profile.ts bundles
 * this file with the serverless settings and runs it): what each costs once per container (first
 * use) and per call once warm, next to the floor's way of doing the same. Imports lib/ read-only.
 * Reports one IPC message. BENCH_SECRET_FILE names the sandbox client secret (JSON).
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { bankAccountInquiry } from '../lib/catalog/compiled/bank-account-inquiry';
import { memberInfo } from '../lib/catalog/compiled/member-info';
import { logger } from '../lib/log';
import { parseJson, stringifyJson } from '../lib/protocol/json';
import { decryptJwe, encryptJwe } from '../lib/protocol/jwe';
import { KeyCache } from '../lib/protocol/keys';
import { readTranClock } from '../lib/protocol/clock';
import { requestHeaders } from '../lib/protocol/headers';
import { openJwe, prepare, sealJwe, signedHeaders, type SecretJson } from './floor/kona';

interface Cost {
  name: string;
  wallMs: number;
  cpuMs: number;
  iterations: number;
}

const ANSWER = {
  response: { code: '000_000', description: 'Success.' },
  userInfo: {
    aspId: '000170000000000', userId: 50000104652, birthDate: '19900115', ci: 'A'.repeat(88), loginId: 'hong.gildong',
    nationality: 'Korean', gender: 'Male', mobileNumber: '01012345678', userName: '홍길동', email: 'gildong@example.com',
    joinChannel: 'OPENAPI', addressInfo: { address: '서울특별시 중구 세종대로 110', zipCode: '04524', addressDetail: '3층' },
  },
};

async function once(name: string, fn: () => unknown): Promise<Cost> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { name, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, iterations: 1 };
}

async function perCall(name: string, fn: () => unknown, iterations = 2000): Promise<Cost> {
  for (let i = 0; i < Math.min(200, iterations); i++) await fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  const wallMs = (performance.now() - t0) / iterations;
  const cpu = process.cpuUsage(cpu0);
  return { name, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 / iterations, iterations };
}

async function main(): Promise<void> {
  const secret = JSON.parse(readFileSync(process.env.BENCH_SECRET_FILE ?? '', 'utf8')) as SecretJson;
  const pair = secret.cryptoKeys[0]!;
  const clientPublicPem = createPublicKey(pair.clientPrivateKey).export({ type: 'spki', format: 'pem' }).toString();
  const answerText = stringifyJson(ANSWER);
  const data = { userInfo: ANSWER.userInfo };
  const input = { userId: 50000104652 };
  const keys = new KeyCache();
  const floor = prepare(secret);
  const identity = { aspId: secret.aspId, accessKey: secret.accessKey, secretKey: secret.secretKey, timeZone: secret.timeZone };

  // Once per container, in the order a first invocation meets them.
  const first: Cost[] = [];
  first.push(await once('validate request, first use (compiled check)', () => memberInfo.checks.request.firstViolation(input)));
  first.push(await once('import platform public key (X.509 PEM → KeyObject)', () => keys.encryptionKey(pair.platformPublicKey)));
  first.push(await once('import client private key (PKCS#8 PEM → KeyObject)', () => keys.decryptionKey(pair.clientPrivateKey)));
  first.push(await once('floor: import both keys (KeyObject, node:crypto)', () => prepare(secret)));
  first.push(await once('first JWE encrypt (node:crypto, keys imported)', () => encryptJwe('{"userId":50000104652}', pair.platformPublicKey, keys)));
  const answerJwe = encryptJwe(answerText, clientPublicPem, new KeyCache());
  first.push(await once('first JWE decrypt (node:crypto, keys imported)', () => decryptJwe(answerJwe, pair.clientPrivateKey, keys)));
  first.push(await once('check answer, first use (compiled check)', () => memberInfo.checks.response.allViolations(data)));
  first.push(await once('first log line (Powertools Logger)', () => logger.info('platform answered', { operation: 'memberInfo', status: 200, correlationId: '251125120000-abcdef0', ms: 3 })));

  // Per call, warm.
  const warm: Cost[] = [];
  warm.push(await perCall('log line "platform answered" (Powertools + mask replacer, to stdout)', () => logger.info('platform answered', { operation: 'memberInfo', status: 200, correlationId: '251125120000-abcdef0', ms: 3 })));
  warm.push(await perCall('validate request (firstViolation + normalizeIntegers)', () => memberInfo.checks.request.normalizeIntegers(memberInfo.checks.request.firstViolation(input) ?? input)));
  warm.push(await perCall('check answer against the catalog (allViolations, memberInfo)', () => memberInfo.checks.response.allViolations(data)));
  warm.push(await perCall('check answer against the catalog (allViolations, bankAccountInquiry)', () => bankAccountInquiry.checks.response.allViolations({ isAutoRcgAccRegAllowed: true, bankAccForNormalRcg: { bankAccount: '04070204123456', bankCode: '004', bankName: 'KB국민' } })));
  warm.push(await perCall('parseJson of the answer (JSON.parse; the reviver only when a 16-digit run is in the text)', () => parseJson(answerText)));
  warm.push(await perCall('JSON.parse of the answer', () => JSON.parse(answerText)));
  warm.push(await perCall('stringifyJson of the answer (JSON.stringify; the bigint replacer only when it throws)', () => stringifyJson(data)));
  warm.push(await perCall('JSON.stringify of the answer', () => JSON.stringify(data)));
  warm.push(await perCall('clock + X-KM headers + HMAC (gateway)', () => requestHeaders(identity, '{"userId":50000104652}', readTranClock(secret.timeZone), pair.id)));
  warm.push(await perCall('clock + X-KM headers + HMAC (floor)', () => signedHeaders(floor, '{"userId":50000104652}')));
  warm.push(await perCall('JWE encrypt (gateway: node:crypto, cached KeyObject)', () => encryptJwe('{"userId":50000104652}', pair.platformPublicKey, keys), 500));
  warm.push(await perCall('JWE encrypt (floor: node:crypto KeyObject, sync)', () => sealJwe('{"userId":50000104652}', floor.platformKey), 500));
  warm.push(await perCall('JWE decrypt (gateway: node:crypto, cached KeyObject)', () => decryptJwe(answerJwe, pair.clientPrivateKey, keys), 300));
  warm.push(await perCall('JWE decrypt (floor: node:crypto KeyObject, sync)', () => openJwe(answerJwe, floor.clientKey), 300));

  const round = (c: Cost): Cost => ({ ...c, wallMs: Math.round(c.wallMs * 10000) / 10000, cpuMs: Math.round(c.cpuMs * 10000) / 10000 });
  process.send!({ first: first.map(round), warm: warm.map(round) }, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.send!({ error: String(error instanceof Error ? error.stack : error) }, () => process.exit(1));
});
