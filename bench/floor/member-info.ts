import { floorHandler } from './handler';
import { getSecretString } from './kona';
import { MEMBER_INFO } from './operations';

export const handler = floorHandler(MEMBER_INFO, getSecretString);
