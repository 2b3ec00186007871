import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { KonaplateCredentials } from '../credentials/shape';

/** How the function was reached: an API Gateway route, or a direct Lambda invoke (SDK, Step Functions). */
export type CallMode = 'http' | 'invoke';

/** What the middlewares keep for themselves during one invocation. */
export interface GatewayState extends Record<string, unknown> {
  mode: CallMode;
  /** performance.now() when the invocation started, for its Latency metric. */
  startedAt: number;
}

/** The Lambda context as the handler sees it, with what the middlewares put on it (the middy idiom). */
export interface GatewayContext extends Context {
  credentials: KonaplateCredentials;
  /** Absolute epoch ms by which the platform must have answered. */
  deadline: number;
}

/** The handler's event, after eventInput: the request object. */
export type GatewayRequest = Request<unknown, unknown, Error, GatewayContext, GatewayState>;

/**
 * A middleware of the gateway's chain. Its hooks are named functions (`validateRequestBefore`):
 * middy's profiler hooks and stack traces read a hook's function name.
 */
export type GatewayMiddleware = MiddlewareObj<unknown, unknown, Error, GatewayContext, GatewayState>;
