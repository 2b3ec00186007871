import type { FloorOperation } from './handler';

export const MEMBER_INFO: FloorOperation = { path: '/api/v1/user/info', encryptRequest: true, maxUserId: Number.MAX_SAFE_INTEGER };
export const BANK_ACCOUNT_INQUIRY: FloorOperation = { path: '/api/v1/bankaccounts/inquiry', encryptRequest: false, maxUserId: 999_999_999_999_999 };
