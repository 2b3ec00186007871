/**
 * The caller client is generated from the catalog and the error table and cannot drift from them
 * (test/unit/generated-files.test.ts checks the files are current): every operation has its method
 * with the catalog's route and kind, every designed field is marked so in its JSDoc, and each money
 * operation has a method that retries it safely.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, type TSchema } from '@sinclair/typebox';
import { KonaplateClient } from '../../client';
import { OPERATIONS as CLIENT_OPERATIONS } from '../../client/operations';
import { OPERATIONS } from '../../lib/catalog';
import { CLIENT_OPERATIONS_FILE, DESIGNED_REMARK, int64Paths } from '../../scripts/client-source';

const ROOT = path.resolve(__dirname, '../..');
const source = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

it.each(OPERATIONS.map((op) => [op.id, op] as const))('%s: a method named as the function, with the catalog\'s route, kind and ids', (id, op) => {
  expect(typeof (KonaplateClient.prototype as unknown as Record<string, unknown>)[id]).toBe('function');
  expect(CLIENT_OPERATIONS[id as keyof typeof CLIENT_OPERATIONS]).toEqual({ id, path: op.path, kind: op.kind, int64Answer: int64Paths(op.response), ...(op.money ? { moneyKey: op.money.key } : {}) });
});

it('has no method, and no route, the catalog does not', () => {
  expect(Object.keys(CLIENT_OPERATIONS).sort()).toEqual(OPERATIONS.map((op) => op.id).sort());
});

/** How many schemas under `schema` (itself included) the documentation does not show. */
function designedSchemas(schema: TSchema): number {
  let count = schema['x-documented'] === false ? 1 : 0;
  if (String(schema[Kind]) === 'Object') for (const sub of Object.values((schema.properties ?? {}) as Record<string, TSchema>)) count += designedSchemas(sub);
  if (String(schema[Kind]) === 'Array') count += designedSchemas(schema.items as TSchema);
  return count;
}

it('marks every designed field, and every operation with designed parts, as designed in its JSDoc', () => {
  const fields = OPERATIONS.reduce((sum, op) => sum + designedSchemas(op.request) + designedSchemas(op.response), 0);
  const operations = OPERATIONS.filter((op) => Object.values(op.documented).includes(false)).length;
  expect(fields).toBeGreaterThan(50);
  expect(source(CLIENT_OPERATIONS_FILE).split(DESIGNED_REMARK).length - 1).toBe(fields + operations);
  // One example: the sign-up's email is designed, its loginId documented.
  const register = source(CLIENT_OPERATIONS_FILE).split('export interface UserRegisterRequest {')[1]!.split('\n}\n')[0]!;
  expect(register.split('email: string;')[0]!.split(';').at(-1)).toContain(DESIGNED_REMARK);
  expect(register.split('loginId: string;')[0]!.split(';').at(-1)).not.toContain(DESIGNED_REMARK);
});

it('has a retrying method for each money operation of the catalog', () => {
  const RETRYING: Record<string, keyof KonaplateClient> = {
    chargeByBankAccount: 'charge', cancelChargeByBankAccount: 'cancelCharge', paymentApprove: 'pay', paymentCancel: 'cancelPayment', cardBalanceRefund: 'refund',
  };
  const money = OPERATIONS.filter((op) => op.kind === 'money').map((op) => op.id);
  // A new money operation needs its own method like charge() (client/client.ts) before it ships.
  expect(money.sort()).toEqual(Object.keys(RETRYING).sort());
  for (const method of Object.values(RETRYING)) expect(typeof KonaplateClient.prototype[method]).toBe('function');
});
