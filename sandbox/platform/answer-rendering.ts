/**
 * Rendering the platform's answer and sending it: `{"response":{"code","description"}, ...fields}`
 * (protocol.md §4.1), sealed as `{"encData":"<JWE>"}` to the client key when the operation
 * encrypts its answer. A scheduled fault may break the rendered answer on its way out (faults/).
 */
import type { ServerResponse } from 'node:http';
import { HEADER } from '../../lib/protocol/headers';
import { stringifyJson } from '../../lib/protocol/json';
import { sendJson } from '../http-io';
import { DEFAULT_RESPONSE_ENCRYPTION, type ResponseEncryption, type SandboxCryptoKey } from '../project/project';
import { sealJwe, type PemKeys } from './compact-jwe';

export interface Answer {
  status: number;
  code: string;
  description: string;
  fields?: Record<string, unknown>;
  /** Seal to this key's client public key; clear when absent. */
  sealTo?: SandboxCryptoKey;
  /** Headers beyond the correlation id and crypto key id (a drift's X-KM-Time-Zone). */
  headers?: Record<string, string>;
}

export function envelope(code: string, description: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { response: { code, description }, ...fields };
}

/** Per-key choice first, then the server's, then the platform's usual RSA-OAEP-256 + A128GCM. */
export function encryptionFor(key: SandboxCryptoKey, serverChoice: Partial<ResponseEncryption> = {}): ResponseEncryption {
  return { ...DEFAULT_RESPONSE_ENCRYPTION, ...serverChoice, ...key.responseEncryption };
}

export interface RenderedAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export async function renderAnswer(
  answer: Answer,
  correlationId: string | undefined,
  keys: PemKeys,
  serverEncryption: Partial<ResponseEncryption> = {},
): Promise<RenderedAnswer> {
  const headers: Record<string, string> = { ...answer.headers };
  if (correlationId !== undefined) headers[HEADER.correlationId] = correlationId;
  const body = envelope(answer.code, answer.description, answer.fields);
  if (!answer.sealTo) return { status: answer.status, headers, body };
  // Serialised once with stringifyJson so 19-digit ids are encrypted with every digit.
  const { alg, enc } = encryptionFor(answer.sealTo, serverEncryption);
  const encData = await sealJwe(stringifyJson(body), answer.sealTo.clientPublicKey, keys, alg, enc);
  headers[HEADER.cryptoKeyId] = answer.sealTo.id;
  return { status: answer.status, headers, body: { encData } };
}

export function sendAnswer(res: ServerResponse, rendered: RenderedAnswer): void {
  sendJson(res, rendered.status, rendered.body, rendered.headers);
}
