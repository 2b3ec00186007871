import { floorHandler } from '../handler';
import { BANK_ACCOUNT_INQUIRY } from '../operations';
import { getSecretStringWithSdk } from './secret';

export const handler = floorHandler(BANK_ACCOUNT_INQUIRY, getSecretStringWithSdk);
