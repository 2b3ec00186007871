import { Par, UserId } from '../fields';
import { Type } from '../schema';
import { defineOperation } from '../types';

export const thresholdAutoRechargeUpdate = defineOperation({
  id: 'thresholdAutoRechargeUpdate',
  n: 50,
  title: 'Threshold (Lower-Limit) Auto-Recharge Update',
  titleKo: '기준 하한 자동 충전 수정',
  group: 'account',
  path: '/api/v1/recharges/auto/lower-limit/update',
  version: 'v1',
  // No answer body is expected (like the sibling auto-recharge operations): nothing to seal.
  encrypted: { request: true, response: false },
  // Changes a rule; the top-up it may fire at once is the platform's own, and a repeat finds the balance above the threshold.
  kind: 'write',
  request: Type.Object(
    {
      userId: UserId(),
      par: Par(),
      amount: Type.Integer({ minimum: 1, maximum: 9_999_999, description: 'KRW topped up each time the rule fires' }),
      thresholdBalance: Type.Integer({ minimum: 1, maximum: 9_999_999, description: 'Card balance (KRW) at or below which the top-up fires' }),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({}),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found', documented: false },
    { code: '007_001', http: 400, kind: 'rejected', meaning: 'No registered auto-recharge bank account', documented: false },
    { code: '007_003', http: 400, kind: 'rejected', meaning: 'Limit exceeded: the immediate top-up would pass the card\'s balance cap', documented: false },
    { code: '003_021', http: 400, kind: 'not_found', meaning: 'PAR not found (no such card of this member)', documented: false },
    { code: '003_022', http: 400, kind: 'conflict', meaning: 'Card already terminated', documented: false },
  ],
  documented: { path: true, encryption: false, request: true, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/groups/33400776974340001/33500820864460001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400776974340001/33500776943250001 (sibling auto-recharge page: 000_002, 007_001..007_007)',
  ],
  gaps:
    'The response section and result codes are not visible: no answer body is assumed, and the codes are borrowed from the sibling auto-recharge pages (007_001, 007_003) and #38 (003_021, 003_022). The sandbox creates the rule when the card has none, and tops up at once when the balance already is at or below the new threshold.',
});
