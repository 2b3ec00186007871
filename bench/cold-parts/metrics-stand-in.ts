/**
 * Only for `npm run bench:cold-parts`: the least an EMF writer can do (one line a publish), put in
 * place of Powertools Metrics to see what Powertools costs a cold start. Never bundled into a function.
 */
export const MetricUnit = { Count: 'Count', Milliseconds: 'Milliseconds' } as const;

export class Metrics {
  private values: Record<string, number> = {};
  private dimensions: Record<string, string> = {};
  private coldStart = process.env.AWS_LAMBDA_INITIALIZATION_TYPE === 'on-demand';
  constructor(private readonly options: { namespace?: string }) {}
  clearDefaultDimensions(): void {}
  setDefaultDimensions(dimensions: Record<string, string>): void {
    Object.assign(this.dimensions, dimensions);
  }
  addDimension(name: string, value: string): void {
    this.dimensions[name] = value;
  }
  addDimensions(): void {}
  addMetric(name: string, _unit: string, value: number): void {
    this.values[name] = value;
  }
  publishStoredMetrics(): void {
    const names = Object.keys(this.values).map((Name) => ({ Name }));
    const emf = { _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: this.options.namespace, Dimensions: [Object.keys(this.dimensions)], Metrics: names }] } };
    process.stdout.write(`${JSON.stringify({ ...emf, ...this.dimensions, ...this.values })}\n`);
    this.values = {};
  }
  clearMetrics(): void {
    this.values = {};
  }
  clearDimensions(): void {}
  protected getColdStart(): boolean {
    const first = this.coldStart;
    this.coldStart = false;
    return first;
  }
}
