/**
 * From wire body to business fields (protocol.md §3.2): an encrypted operation takes exactly
 * `{"encData":"<JWE>"}` sealed to the platform key; a plain one takes the JSON object itself.
 */
import type { Operation } from '../../lib/catalog/types';
import { encDataOf } from '../../lib/protocol/envelope';
import { parseJson } from '../../lib/protocol/json';
import { openJwe, type PemKeys } from './compact-jwe';
import type { SandboxCryptoKey } from '../project/project';
import { reject } from './rejection';

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
    return reject('000_109', `${what} is not valid JSON.`);
  }
  if (!isPlainObject(value)) return reject('000_109', `${what} is not a JSON object.`);
  return value;
}

async function decrypt(jwe: string, key: SandboxCryptoKey | undefined, keys: PemKeys): Promise<string> {
  if (!key) return reject('000_106', 'No crypto key is issued to this project.');
  try {
    return await openJwe(jwe, key.platformPrivateKey, keys);
  } catch {
    return reject('000_107', 'Encrypted body cannot be decrypted with the platform key of this crypto key id.');
  }
}

/**
 * Plain operations also accept an encData body: client code reports the platform decrypting
 * whatever arrives as encData, and a gateway that over-encrypts should not be told otherwise.
 */
export async function openRequestBody(bodyText: string, op: Operation, key: SandboxCryptoKey | undefined, keys: PemKeys): Promise<OpenedBody> {
  const body = parseObject(bodyText, 'Body');
  const jwe = encDataOf(body);
  if (op.encrypted.request && jwe === undefined) {
    return reject('000_108', 'This API takes an encrypted body: {"encData":"<JWE>"} only.');
  }
  if (jwe === undefined) return { fields: body, plaintext: bodyText, encrypted: false };
  const plaintext = await decrypt(jwe, key, keys);
  return { fields: parseObject(plaintext, 'Decrypted body'), plaintext, encrypted: true };
}
