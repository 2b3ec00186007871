import { floorHandler } from './handler';
import { getSecretString } from './kona';
import { BANK_ACCOUNT_INQUIRY } from './operations';

export const handler = floorHandler(BANK_ACCOUNT_INQUIRY, getSecretString);
