/**
 * The usual middy stack for a KONA PLATE operation: JSON body parser, validator (ajv through
 * transpileSchema, as middy documents it), the secret through @middy/secrets-manager (prefetched,
 * cached, on the context), http-error-handler.
 */
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import secretsManager from '@middy/secrets-manager';
import validator from '@middy/validator';
import { transpileSchema } from '@middy/validator/transpile';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { callKonaplate, type KonaSecret } from './konaplate';

export interface StockOperation {
  path: string;
  encryptRequest: boolean;
  /** JSON Schema of the request body. */
  bodySchema: Record<string, unknown>;
}

type ParsedEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: Record<string, unknown> };
type WithSecret = Context & { konaplate: KonaSecret };

export function stockHandler(op: StockOperation) {
  return middy<ParsedEvent, APIGatewayProxyStructuredResultV2, Error, WithSecret>()
    .use(httpJsonBodyParser())
    .use(validator({ eventSchema: transpileSchema({ type: 'object', required: ['body'], properties: { body: op.bodySchema } }) }))
    .use(secretsManager({ fetchData: { konaplate: process.env.KONAPLATE_SECRET_ID ?? '' }, setToContext: true, cacheExpiry: 15 * 60_000 }))
    .use(httpErrorHandler())
    .handler(async (event, context) => {
      const fields = await callKonaplate(op.path, event.body, { encryptRequest: op.encryptRequest }, context.konaplate);
      return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields) };
    });
}
