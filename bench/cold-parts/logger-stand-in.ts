/**
 * Only for `npm run bench:cold-parts`: the least a JSON logger can do (one `process.stdout.write` a
 * line, the same masking replacer), put in place of Powertools Logger to see what Powertools costs
 * a cold start. Never bundled into a function.
 */
type Replacer = (this: unknown, key: string, value: unknown) => unknown;

export class Logger {
  private keys: Record<string, unknown> = {};
  constructor(private readonly options: { serviceName?: string; jsonReplacerFn?: Replacer }) {}
  addContext(context: { awsRequestId: string; functionName: string }): void {
    Object.assign(this.keys, { function_request_id: context.awsRequestId, function_name: context.functionName });
  }
  appendKeys(keys: Record<string, unknown>): void {
    Object.assign(this.keys, keys);
  }
  removeKeys(names: string[]): void {
    for (const name of names) delete this.keys[name];
  }
  resetKeys(): void {
    this.keys = {};
  }
  getLevelName(): string {
    return 'INFO';
  }
  debug(): void {}
  info(message: string, ...extra: object[]): void {
    this.write('INFO', message, extra);
  }
  warn(message: string, ...extra: object[]): void {
    this.write('WARN', message, extra);
  }
  error(message: string, ...extra: object[]): void {
    this.write('ERROR', message, extra);
  }
  private write(level: string, message: string, extra: object[]): void {
    const line = { level, message, timestamp: new Date().toISOString(), service: this.options.serviceName, ...this.keys, ...Object.assign({}, ...extra) };
    process.stdout.write(`${JSON.stringify(line, this.options.jsonReplacerFn)}\n`);
  }
}
