/**
 * From wire body to business fields (protocol.md §3.2): an encrypted operation takes exactly
 * `{"encData":"<JWE>"}` sealed to the platform key; a plain one takes the JSON object itself.
 */
import type { Operation } from '../../lib/catalog/types';
import { encDataOf } from '../../lib/protocol/envelope';
import { parseJson } from '../../lib/protocol/json';
import { openJwe, type PemKeys } from './compact-jwe';
import type { SandboxCryptoKey } from '../project/project';
import { breaks } from './rules';

export interface OpenedBody {
  fields: Record<string, unknown>;
  /** The business JSON text: the JWE plaintext, or the body itself when it came in clear. */
  plaintext: string;
  encrypted: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch {
    return breaks('jsonObject', `${what} is not valid JSON.`);
  }
  if (!isPlainObject(value)) return breaks('jsonObject', `${what} is not a JSON object.`);
  return value;
}

async function decrypt(jwe: string, key: SandboxCryptoKey | undefined, keys: PemKeys): Promise<string> {
  if (!key) return breaks('cryptoKeyId', 'No crypto key is issued to this project.');
  try {
    return await openJwe(jwe, key.platformPrivateKey, keys);
  } catch {
    return breaks('jwe', 'Encrypted body cannot be decrypted with the platform key of this crypto key id.');
  }
}

/**
 * Plain operations also accept an encData body (rules.ts `encDataOnPlainOperation`): client code
 * encrypts requests the pages mark plain, and a gateway that over-encrypts should not be told otherwise.
 */
export async function openRequestBody(bodyText: string, op: Operation, key: SandboxCryptoKey | undefined, keys: PemKeys): Promise<OpenedBody> {
  const body = parseObject(bodyText, 'Body');
  const jwe = encDataOf(body);
  if (op.encrypted.request && jwe === undefined) {
    return breaks('encryptedBody', 'This API takes an encrypted body: {"encData":"<JWE>"} only.');
  }
  if (jwe === undefined) return { fields: body, plaintext: bodyText, encrypted: false };
  const plaintext = await decrypt(jwe, key, keys);
  return { fields: parseObject(plaintext, 'Decrypted body'), plaintext, encrypted: true };
}
