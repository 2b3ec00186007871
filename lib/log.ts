/**
 * Structured JSON logs through Powertools Logger. Its JSON replacer is the one place every log
 * line passes through, so masking there (lib/mask.ts) covers messages, attributes and errors.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config';
import { maskReplacer } from './mask';

export const logger = new Logger({
  serviceName: config().serviceName,
  jsonReplacerFn: maskReplacer,
});

export type { Logger };
