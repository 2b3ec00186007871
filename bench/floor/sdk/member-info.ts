import { floorHandler } from '../handler';
import { MEMBER_INFO } from '../operations';
import { getSecretStringWithSdk } from './secret';

export const handler = floorHandler(MEMBER_INFO, getSecretStringWithSdk);
