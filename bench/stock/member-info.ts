import { stockHandler } from './middleware';

export const handler = stockHandler({
  path: '/api/v1/user/info',
  encryptRequest: true,
  bodySchema: {
    type: 'object',
    required: ['userId'],
    additionalProperties: false,
    properties: { userId: { type: 'integer', minimum: 1, maximum: 9999999999999999999 } },
  },
});
