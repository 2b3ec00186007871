/**
 * `konaplate-gateway/client`: the typed client of the gateway for the provider's own services.
 * How a service uses it: README.md § Calling from your service.
 */
export { KonaplateClient, DEFAULT_TIMEOUT_MS, type KonaplateClientOptions, type ChargeRequest, type CancelChargeRequest } from './client';
export * from './operations';
export * from './error-classes';
export { KonaplateError, KonaplateNetworkError, type KonaplateErrorFields } from './errors';
export { newSequenceId, SEQUENCE_ID_LENGTH, DEFAULT_MONEY_DEADLINE_MS, type MoneyOptions, type MoneyRetry } from './money';
export type { HttpTransportOptions } from './http-transport';
export type { InvokeTransportOptions, LambdaLike } from './invoke-transport';
export type { AwsCredentials, AwsCredentialsProvider, CallOptions, Int64, Int64Input, OperationInfo } from './transport';
