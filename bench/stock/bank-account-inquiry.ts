import { stockHandler } from './middleware';

export const handler = stockHandler({
  path: '/api/v1/bankaccounts/inquiry',
  encryptRequest: false,
  bodySchema: {
    type: 'object',
    required: ['userId'],
    additionalProperties: false,
    properties: { userId: { type: 'integer', minimum: 1, maximum: 999999999999999 } },
  },
});
