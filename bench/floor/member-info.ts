import { floorHandler } from './handler';

export const handler = floorHandler({ path: '/api/v1/user/info', encryptRequest: true, maxUserId: Number.MAX_SAFE_INTEGER });
