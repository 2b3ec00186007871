/**
 * Turns the platform's answer into a result or a typed error (protocol.md §4.1, §4.2): success is HTTP 200
 * with response.code 000_000; HTTP 401 or 403 refuses the gateway's credentials whatever code it
 * carries (the platform's authentication codes are not published); any other code is the
 * platform's refusal, classified by the catalog; 5xx and unreadable answers are the platform
 * being unavailable.
 */
import { findResultCode, SUCCESS_CODE } from '../catalog/result-codes';
import type { GatewayOperation } from '../catalog/types';
import { GatewayError, type ErrorKind } from '../errors';

export interface PlatformEnvelope {
  code: string;
  description: string;
}

export function envelopeOf(answer: unknown): PlatformEnvelope | undefined {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return undefined;
  const response = (answer as Record<string, unknown>).response;
  if (response === null || typeof response !== 'object') return undefined;
  const { code, description } = response as Record<string, unknown>;
  if (typeof code !== 'string') return undefined;
  return { code, description: typeof description === 'string' ? description : '' };
}

function kindForUnlistedCode(status: number): ErrorKind {
  return status >= 500 ? 'platform_unavailable' : 'rejected';
}

/** HTTP 401 and 403 refuse the credentials before anything is done, whatever the body says. */
export function refusesCredentials(status: number): boolean {
  return status === 401 || status === 403;
}

function credentialsRefused(status: number, envelope: PlatformEnvelope | undefined, correlationId: string | undefined): never {
  if (envelope) return throwPlatformError('platform_auth', status, envelope, correlationId);
  throw new GatewayError('platform_auth', `platform refused the credentials with HTTP ${status}`,
    { platformStatus: status, correlationId }, { delivery: 'refused' });
}

/** The business fields of a successful answer, or the error the answer means. */
export function interpretAnswer(op: GatewayOperation, status: number, answer: unknown, correlationId: string | undefined): Record<string, unknown> {
  const envelope = envelopeOf(answer);
  if (refusesCredentials(status)) return credentialsRefused(status, envelope, correlationId);
  if (!envelope) {
    throw new GatewayError('platform_unavailable', `platform answered HTTP ${status} without a result envelope`,
      { platformStatus: status, correlationId }, { delivery: 'maybe-sent' });
  }
  if (envelope.code === SUCCESS_CODE && status === 200) {
    const { response: _envelope, ...fields } = answer as Record<string, unknown>;
    return fields;
  }
  const row = findResultCode(op, envelope.code);
  const kind = envelope.code === SUCCESS_CODE ? 'platform_unavailable' : (row?.kind ?? kindForUnlistedCode(status));
  return throwPlatformError(kind, status, envelope, correlationId);
}

function throwPlatformError(kind: ErrorKind, status: number, envelope: PlatformEnvelope, correlationId: string | undefined): never {
  // A 5xx (or a 000_000 without HTTP 200) says nothing certain about whether the request took effect.
  const definitive = status < 500 && kind !== 'platform_unavailable';
  throw new GatewayError(kind, `${envelope.code} ${envelope.description}`.trim(), {
    platformCode: envelope.code,
    platformDescription: envelope.description,
    platformStatus: status,
    correlationId,
  }, { delivery: definitive ? 'refused' : 'maybe-sent' });
}
