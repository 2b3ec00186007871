/**
 * A Stryker reporter (stryker.config.mjs `reporters`): each mutant that survives, or that no test
 * reaches, is appended to .local/mutation/<part>.survivors.txt as soon as it is tested, so a long
 * run's survivors can be read (and tests written) before it ends.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const FILE = path.resolve(import.meta.dirname, '../../.local/mutation', `${process.env.MUTATION_PART ?? 'all'}.survivors.txt`);

class LiveSurvivors {
  onMutationTestingPlanReady() {
    mkdirSync(path.dirname(FILE), { recursive: true });
    writeFileSync(FILE, '');
  }

  onMutantTested(result) {
    if (result.status !== 'Survived' && result.status !== 'NoCoverage') return;
    const { line, column } = result.location.start;
    const where = `${path.relative(process.cwd(), result.fileName)}:${line}:${column}`;
    appendFileSync(FILE, `${where} ${result.mutatorName} ${result.status} ${JSON.stringify(result.replacement ?? '')}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'live-survivors', LiveSurvivors)];
