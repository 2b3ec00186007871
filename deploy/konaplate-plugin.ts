/**
 * The project's Framework plugin (listed first in serverless.yml's plugins, loaded through
 * deploy/konaplate-plugin.js):
 *
 * - before `package` or `deploy` does anything, checks the stage's settings and fails with one line
 *   naming the first one missing or wrong (deploy/settings.ts);
 * - offers the `${konaplate:…}` variables serverless.yml uses for the parts computed from the
 *   settings and the function list: the secret's IAM statements, the alarms and the dashboard;
 * - for `serverless offline`, bundles every function in one esbuild build (deploy/offline-bundle.ts);
 * - once serverless-esbuild has zipped the functions, removes the staging folders it leaves in the
 *   temp directory (deploy/zip-staging.ts).
 */
import type { DeploySettings } from './settings';
import { alarmActions, secretStatements, settingsProblem } from './settings';
import { monitoringResources } from './monitoring';
import { bundleForOffline, type OfflineServerless } from './offline-bundle';
import { removeZipStaging } from './zip-staging';

// The Framework's own error class: its message is printed as is, without a stack.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ServerlessError = require('serverless/lib/serverless-error') as new (message: string, code: string) => Error;

interface Serverless {
  processedInput: { commands: string[] };
  service: {
    custom: { konaplate: DeploySettings };
    provider: { stage: string };
    getAllFunctionsNames(): string[];
  };
  getProvider(name: 'aws'): { naming: { getLambdaLogicalId(functionKey: string): string } };
}

interface ResolverArgs {
  address: string;
  resolveConfigurationProperty(path: string[]): Promise<unknown>;
  resolveVariable(variable: string): Promise<unknown>;
}

/** Logical ids of resources serverless.yml declares or the Framework generates, that monitoring watches. */
const WATCHED = { ledgerTable: 'IdempotencyTable', failureQueue: 'FailureQueue', httpApi: 'HttpApi' };

class KonaplatePlugin {
  readonly hooks: Record<string, () => void | Promise<void>>;
  readonly configurationVariablesSources: Record<string, { resolve: (args: ResolverArgs) => Promise<{ value: unknown }> }>;

  constructor(private readonly serverless: Serverless) {
    // Listed before serverless-esbuild in serverless.yml, so these hooks run before its own.
    const offline = async () => {
      await bundleForOffline(this.serverless as unknown as OfflineServerless);
    };
    // serverless-esbuild zips in the `before:` step of these two, so its staging folders exist by their `after:`.
    const zipped = () => {
      removeZipStaging();
    };
    this.hooks = {
      initialize: () => this.checkSettings(),
      'before:offline:start:init': offline,
      'before:offline:start': offline,
      'after:package:createDeploymentArtifacts': zipped,
      'after:deploy:function:packageFunction': zipped,
    };
    this.configurationVariablesSources = { konaplate: { resolve: (args) => this.resolve(args) } };
  }

  private checkSettings(): void {
    const { service, processedInput } = this.serverless;
    const problem = settingsProblem(service.custom.konaplate, {
      commands: processedInput.commands,
      stage: service.provider.stage,
      functionNames: service.getAllFunctionsNames(),
    });
    if (problem) throw new ServerlessError(problem, 'KONAPLATE_SETTINGS');
  }

  /**
   * Never throws for a bad setting: the values are only used once checkSettings passed, and its
   * one-line message is the one an operator should see.
   */
  private async resolve({ address, resolveConfigurationProperty, resolveVariable }: ResolverArgs): Promise<{ value: unknown }> {
    const settings = (await resolveConfigurationProperty(['custom', 'konaplate'])) as DeploySettings;
    switch (address) {
      case 'secretStatements':
        return { value: secretStatements(settings) };
      case 'monitoring': {
        const functions = Object.keys(((await resolveConfigurationProperty(['functions'])) ?? {}) as object);
        const naming = this.serverless.getProvider('aws').naming;
        const threshold = Number(settings.lambdaErrorsThreshold);
        return {
          value: {
            Resources: monitoringResources({
              service: String(await resolveConfigurationProperty(['service'])),
              stage: String(await resolveVariable('sls:stage')),
              functions: functions.map((key) => ({ key, logicalId: naming.getLambdaLogicalId(key) })),
              actions: alarmActions(settings),
              lambdaErrorsThreshold: Number.isInteger(threshold) && threshold > 0 ? threshold : 1,
              ...WATCHED,
            }),
          },
        };
      }
      default:
        throw new ServerlessError(`\${konaplate:${address}} is not a variable deploy/konaplate-plugin.ts offers`, 'KONAPLATE_VARIABLE');
    }
  }
}

export = KonaplatePlugin;
