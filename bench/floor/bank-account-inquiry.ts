import { floorHandler } from './handler';

export const handler = floorHandler({ path: '/api/v1/bankaccounts/inquiry', encryptRequest: false, maxUserId: 999_999_999_999_999 });
