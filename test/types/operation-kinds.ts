/**
 * What the operation kinds forbid, checked by the compiler (`npm run typecheck`, the first step of
 * `npm test`): each line under `@ts-expect-error` must fail to compile, or the type check fails.
 * Nothing here runs.
 */
import { Type } from '@sinclair/typebox';
import { cardTransactionHistory, chargeByBankAccount, chargeResultInquiry, memberInfo, userRegister } from '../../lib/catalog';
import { defineOperation, type GatewayOperation } from '../../lib/catalog/types';
import { gatewayHandler } from '../../lib/gateway-handler';
import { moneyHandler } from '../../lib/money/handler';

const facts = {
  id: 'newCharge', n: 99, title: 'New charge', group: 'payment', path: '/api/v1/new-charge', version: 'v1',
  encrypted: { request: false, response: false }, request: Type.Object({ sequenceId: Type.String(), amount: Type.Integer() }), response: Type.Object({}), resultCodes: [],
  documented: { path: true, encryption: true, request: true, response: true }, sources: [],
} as const;

const rules = { key: 'sequenceId', outcome: { by: 'inquiry', inquiry: chargeResultInquiry }, keep: ['amount'], event: 'charge.settled' } as const;
const match = { trType: '00', authCancelType: 'AUTH', amountField: 'amount', answerFields: {} } as const;

export function kindsThatDoNotCompile(): unknown[] {
  return [
    // @ts-expect-error a money operation without its rules: no key, no way to learn what became of a lost charge
    defineOperation({ ...facts, kind: 'money' }),
    // @ts-expect-error its outcome inquiry must be a read, not a write
    defineOperation({ ...facts, kind: 'money', money: { ...rules, outcome: { by: 'inquiry', inquiry: userRegister } } }),
    // @ts-expect-error the history searched must be a read too
    defineOperation({ ...facts, kind: 'money', money: { ...rules, outcome: { by: 'history', history: userRegister, match } } }),
    // @ts-expect-error the key must be a field of the request
    defineOperation({ ...facts, kind: 'money', money: { ...rules, key: 'transactionId' } }),
    // @ts-expect-error so must every field the ledger keeps
    defineOperation({ ...facts, kind: 'money', money: { ...rules, keep: ['par'] } }),
    // @ts-expect-error a read has no money rules
    defineOperation({ ...facts, kind: 'read', money: rules }),
    // @ts-expect-error the compiled entry a function imports: the same rule
    ((compiled: Omit<GatewayOperation<'money'>, 'money'>): GatewayOperation<'money'> => compiled),
    // @ts-expect-error a money operation on the plain chain would have no ledger: a caller's retry could charge twice
    gatewayHandler(chargeByBankAccount),
    // @ts-expect-error the money chain is for money operations only
    moneyHandler(memberInfo),
  ];
}

export function kindsThatCompile(): unknown[] {
  return [
    defineOperation({ ...facts, kind: 'money', money: rules }),
    defineOperation({ ...facts, kind: 'money', money: { ...rules, outcome: { by: 'history', history: cardTransactionHistory, match } } }),
    gatewayHandler(memberInfo),
    moneyHandler(chargeByBankAccount),
  ];
}
