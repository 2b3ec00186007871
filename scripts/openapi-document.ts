/**
 * The OpenAPI 3.1 document of the gateway, built from the catalog: one POST per operation on the
 * platform's own path, request and answer schemas as the catalog declares them (they are JSON
 * Schema already), the error shape, the platform facts under `x-konaplate`, and what conformance
 * runs saw under `x-observed`.
 * `npm run generate` writes docs/openapi.json; test/unit/openapi.test.ts checks it is valid.
 */
import { Kind, type TSchema } from '@sinclair/typebox';
import { citationText, partSources, PARTS, type Citations } from '../lib/catalog/observations';
import { OBSERVED } from '../lib/catalog/observed';
import { COMMON_RESULT_CODES } from '../lib/catalog/result-codes';
import { isInt64Schema } from '../lib/catalog/schema';
import type { Operation } from '../lib/catalog/types';
import { firstViolation } from '../lib/catalog/validate';
import { ERROR_TABLE, type ErrorKind } from '../lib/errors';
import { stringifyJson } from '../lib/protocol/json';

/** A catalog schema as plain JSON Schema: TypeBox's symbol keys dropped, Int64 bounds exact. */
export function jsonSchema(schema: TSchema): Record<string, unknown> {
  if (isInt64Schema(schema)) {
    const { 'x-int64-minimum': min, 'x-int64-maximum': max, minimum: _min, maximum: _max, ...rest } = schema as unknown as Record<string, unknown>;
    return {
      ...rest,
      type: ['integer', 'string'],
      pattern: '^[0-9]{1,20}$',
      minimum: BigInt(min as string),
      maximum: BigInt(max as string),
      description: `${(rest.description as string | undefined) ?? 'Integer id'}. Up to ${String(max).length} digits: send a JSON number (kept exactly) or a decimal string.`,
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, TSchema>).map(([name, sub]) => [name, jsonSchema(sub)]));
    } else if (key === 'items' && value && typeof value === 'object' && !Array.isArray(value)) {
      out.items = jsonSchema(value as TSchema);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((sub) => jsonSchema(sub as TSchema));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A value meeting the schema, for examples; undefined when no simple one can be made. */
export function sampleOf(schema: TSchema): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (isInt64Schema(schema)) return 50000104652 >= Number(schema['x-int64-minimum']) && 50000104652 <= Number(schema['x-int64-maximum']) ? 50000104652 : Number(schema['x-int64-minimum']);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
        if (!required.has(name)) continue;
        const value = sampleOf(sub);
        if (value === undefined) return undefined;
        out[name] = value;
      }
      return out;
    }
    case 'array': {
      const item = schema.items ? sampleOf(schema.items as TSchema) : undefined;
      if (item === undefined) return [];
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 10000, 10000));
    case 'boolean':
      return true;
    case 'string': {
      const min = schema.minLength ?? 1;
      const max = schema.maxLength ?? Math.max(min, 10);
      if (schema.format === 'date8') return '19900101';
      if (schema.pattern) {
        const digits = '1'.repeat(Math.max(min, 1));
        if (new RegExp(schema.pattern).test(digits) && digits.length <= max) return digits;
        const email = 'member@example.com';
        if (new RegExp(schema.pattern).test(email) && email.length >= min && email.length <= max) return email;
        return undefined;
      }
      return 'a'.repeat(Math.max(min, Math.min(max, 8)));
    }
    default:
      return schema[Kind] === 'StringEnum' ? (schema.enum as string[])[0] : undefined;
  }
}

function example(schema: TSchema): unknown {
  const value = sampleOf(schema);
  return value !== undefined && firstViolation(schema, value) === undefined ? value : undefined;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['type', 'message'],
      properties: {
        type: { type: 'string', enum: Object.values(ERROR_TABLE).map((row) => row.name), description: 'The error kind; also the errorType of a direct invoke' },
        message: { type: 'string', description: 'Readable; starts with the platform code when the platform refused' },
        field: { type: 'string', description: 'The request field at fault, as a JSON pointer without the leading slash ("" = the body)' },
        rule: { type: 'string', description: 'The rule the field broke, e.g. "maximum 999999999999999"' },
        platformCode: { type: 'string', pattern: '^\\d{3}_\\d{3}$' },
        platformDescription: { type: 'string' },
        platformStatus: { type: 'integer' },
        correlationId: { type: 'string', description: 'X-KM-Correlation-Id of the platform call, for support' },
        sequenceId: { type: 'string', description: 'For an outcome-unknown write: ask again with it' },
      },
    },
  },
};

const ERROR_EXAMPLES: Partial<Record<ErrorKind, unknown>> = {
  invalid_request: { error: { type: 'KonaplateInvalidRequest', message: 'userId: maximum 999999999999999', field: 'userId', rule: 'maximum 999999999999999' } },
  not_found: { error: { type: 'KonaplateNotFound', message: '001_006 Wallet user not found.', platformCode: '001_006', platformDescription: 'Wallet user not found.', platformStatus: 400, correlationId: '251125143005-3fa9c1e' } },
  conflict: { error: { type: 'KonaplateConflict', message: '007_005 Account charge already in progress.', platformCode: '007_005', platformDescription: 'Account charge already in progress.', platformStatus: 400, correlationId: '251125143005-3fa9c1e' } },
  platform_unavailable: { error: { type: 'KonaplateUnavailable', message: 'platform answered HTTP 503 without a result envelope', platformStatus: 503 } },
  timeout: { error: { type: 'KonaplateTimeout', message: 'the platform did not answer in time', correlationId: '251125143005-3fa9c1e' } },
};

function errorResponses(op: Operation): Record<string, unknown> {
  const kinds = new Set<ErrorKind>(['invalid_request', 'payload_too_large', 'platform_invalid_input', 'platform_auth', 'platform_unavailable', 'timeout', 'configuration', 'credentials_unavailable']);
  for (const row of [...op.resultCodes, ...COMMON_RESULT_CODES]) kinds.add(row.kind);
  if (op.kind !== 'read') kinds.add('outcome_unknown');
  kinds.add('rejected');
  const byStatus = new Map<number, ErrorKind[]>();
  for (const kind of kinds) byStatus.set(ERROR_TABLE[kind].status, [...(byStatus.get(ERROR_TABLE[kind].status) ?? []), kind]);
  const out: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    const codes = op.resultCodes.filter((row) => list.includes(row.kind)).map((row) => `${row.code} ${row.meaning}`);
    const examples = Object.fromEntries(list.filter((kind) => ERROR_EXAMPLES[kind]).map((kind) => [kind, { value: ERROR_EXAMPLES[kind] }]));
    out[String(status)] = {
      description: list.map((kind) => `${ERROR_TABLE[kind].name}: ${ERROR_TABLE[kind].meaning}`).join(' ') + (codes.length ? ` Platform codes: ${codes.join('; ')}.` : ''),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, ...(Object.keys(examples).length ? { examples } : {}) } },
    };
  }
  return out;
}

/** `x-observed`: what conformance runs saw of the operation, cited by date and environment (lib/catalog/observations.ts). */
function observedExtension(op: Operation, citations: Citations): Record<string, unknown> {
  const cited = citations[op.id];
  if (!cited) return {};
  const sources = partSources(op, citations);
  const parts = PARTS.flatMap((part) => {
    const source = sources[part];
    if (source.source === 'observed') return [{ part, as: 'catalog', ...source.citation, text: citationText(source.citation) }];
    if (source.source === 'differs') return [{ part, as: 'differs', ...source.citation, text: citationText(source.citation) }];
    return [];
  });
  return parts.length ? { 'x-observed': parts } : {};
}

function operationObject(op: Operation, citations: Citations): Record<string, unknown> {
  const requestExample = example(op.request);
  const responseExample = example(op.response);
  return {
    operationId: op.id,
    summary: op.titleKo ? `${op.title} (${op.titleKo})` : op.title,
    description: [
      `KONA PLATE \`POST /open-api${op.path}\` (${op.version}).`,
      `Encryption: request ${op.encrypted.request ? 'JWE' : 'clear'}, answer ${op.encrypted.response ? 'JWE' : 'clear'} (the gateway handles both).`,
      op.kind === 'money' ? 'Moves money: never repeated blindly; an unknown outcome is asked of the platform by sequenceId.' : '',
      Object.values(op.documented).every(Boolean) ? '' : 'Parts of this operation are not in the public documentation and were designed (marked x-documented: false).',
      op.gaps ? `Gaps: ${op.gaps}` : '',
    ].filter(Boolean).join(' '),
    tags: [op.group],
    security: [{ sigv4: [] }],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: jsonSchema(op.request), ...(requestExample !== undefined ? { example: requestExample } : {}) } },
    },
    responses: {
      200: {
        description: 'The platform answered 000_000: its business fields, decrypted, without the result envelope.',
        headers: { 'X-KM-Correlation-Id': { description: 'The platform correlation id of the call', schema: { type: 'string', pattern: '^\\d{12}-[0-9a-f]{7}$' } } },
        content: { 'application/json': { schema: jsonSchema(op.response), ...(responseExample !== undefined ? { example: responseExample } : {}) } },
      },
      ...errorResponses(op),
    },
    'x-konaplate': {
      n: op.n,
      path: `/open-api${op.path}`,
      encrypted: op.encrypted,
      kind: op.kind,
      documented: op.documented,
      resultCodes: op.resultCodes,
      sources: op.sources,
    },
    ...observedExtension(op, citations),
  };
}

export function openApiDocument(operations: readonly Operation[], citations: Citations = OBSERVED): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'konaplate-gateway',
      version: '1.0.0',
      description: 'Plain JSON endpoints in front of the KONA PLATE Open API. Each operation is its own Lambda, reachable by this HTTP API (IAM-authorised) or by direct invoke with the same request object.',
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'npm start (serverless-offline)' }],
    tags: ['user', 'account', 'payment', 'card', 'tax'].map((name) => ({ name })),
    paths: Object.fromEntries(operations.map((op) => [op.path, { post: operationObject(op, citations) }])),
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: { sigv4: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'AWS SigV4 (API Gateway IAM authorization)' } },
    },
  };
}

/** The document as written to docs/openapi.json: 2-space JSON, ids beyond 2^53 exact. */
export function openApiText(operations: readonly Operation[], citations: Citations = OBSERVED): string {
  return `${stringifyJson(openApiDocument(operations, citations), 2)}\n`;
}
