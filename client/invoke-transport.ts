/**
 * The gateway's functions by direct Lambda invoke (`RequestResponse`), through the AWS SDK's Lambda
 * client: the caller's own, or one made on first use. `@aws-sdk/client-lambda` is loaded only then,
 * and by a name no bundler follows, so a caller on HTTP needs neither the package nor its bytes.
 */
import { bigintsToStrings } from '../lib/json';
import { errorFromInvoke, moneyKeyOf } from './error-decoding';
import { KonaplateError, KonaplateNetworkError } from './errors';
import { restoreInt64 } from './int64';
import type { AwsCredentials, AwsCredentialsProvider, CallOptions, OperationInfo, Transport } from './transport';

/** What the client needs of a Lambda client: `@aws-sdk/client-lambda`'s `LambdaClient` is one. */
export interface LambdaLike {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

export interface InvokeTransportOptions {
  transport: 'invoke';
  /** Function names are this prefix + the operation's name: `konaplate-gateway-prod-` calls `konaplate-gateway-prod-memberInfo`. */
  functionPrefix: string;
  /** A Lambda client of your own (its region, credentials, endpoint, retries); else one is made on first use from the settings below. */
  lambda?: LambdaLike;
  /** For the client made on first use (default: the AWS SDK's, i.e. AWS_REGION). */
  region?: string;
  /** For the client made on first use, e.g. `http://127.0.0.1:3002` for `npm start`'s stack. */
  endpoint?: string;
  /** For the client made on first use (default: the AWS SDK's default credential chain). */
  credentials?: AwsCredentials | AwsCredentialsProvider;
}

interface InvokeOutput {
  Payload?: Uint8Array;
  FunctionError?: string;
}

interface LambdaModule {
  LambdaClient: new (config: object) => LambdaLike;
  InvokeCommand: new (input: { FunctionName: string; Payload: Uint8Array }) => object;
}

// A variable, so bundlers leave the import to run time: only invoke callers need the package.
const LAMBDA_PACKAGE = '@aws-sdk/client-lambda';
let lambdaModule: Promise<LambdaModule> | undefined;

function loadLambda(): Promise<LambdaModule> {
  lambdaModule ??= (import(LAMBDA_PACKAGE) as Promise<LambdaModule>).catch((error: unknown) => {
    lambdaModule = undefined;
    throw new Error(`the invoke transport needs ${LAMBDA_PACKAGE} (npm install ${LAMBDA_PACKAGE})`, { cause: error });
  });
  return lambdaModule;
}

/** An error the SDK threw: the service's answer (ResourceNotFound, throttling, 5xx) or no answer at all. */
function sdkFailure(operation: OperationInfo, request: object, error: unknown, signal: AbortSignal | undefined, timedOut: boolean): unknown {
  if (signal?.aborted) return signal.reason;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const name = (error as Error).name;
  const key = moneyKeyOf(operation, request);
  if (status !== undefined) return new KonaplateError(`${operation.id}: Lambda refused the invoke: ${name} ${(error as Error).message}`, { type: name, status, cause: error, ...key });
  const why = timedOut ? 'no answer within the client timeout' : `${name}: ${(error as Error).message}`;
  return new KonaplateNetworkError(`${operation.id}: no complete answer from Lambda (${why})`, { cause: error, ...key });
}

export function invokeTransport(options: InvokeTransportOptions, timeoutMs: number): Transport {
  let lambda: LambdaLike | undefined = options.lambda;
  const config = Object.fromEntries(Object.entries({ region: options.region, endpoint: options.endpoint, credentials: options.credentials }).filter(([, value]) => value !== undefined));
  return {
    async send(operation: OperationInfo, request: object, call: CallOptions) {
      const { LambdaClient, InvokeCommand } = await loadLambda();
      lambda ??= new LambdaClient(config);
      // The runtime's JSON.parse would round ids beyond 2^53: they go as decimal strings, which the gateway accepts.
      const payload = new TextEncoder().encode(JSON.stringify(bigintsToStrings(request)));
      const timeout = AbortSignal.timeout(call.timeoutMs ?? timeoutMs);
      const abortSignal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
      let output: InvokeOutput;
      try {
        output = (await lambda.send(new InvokeCommand({ FunctionName: `${options.functionPrefix}${operation.id}`, Payload: payload }), { abortSignal })) as InvokeOutput;
      } catch (error) {
        throw sdkFailure(operation, request, error, call.signal, timeout.aborted);
      }
      const text = new TextDecoder().decode(output.Payload ?? new Uint8Array());
      if (output.FunctionError) throw errorFromInvoke(text, output.FunctionError, operation, request);
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch (error) {
        throw new KonaplateNetworkError(`${operation.id}: the function answered an unreadable payload`, { cause: error, ...moneyKeyOf(operation, request) });
      }
      return restoreInt64(answer as Record<string, unknown>, operation.int64Answer);
    },
  };
}
