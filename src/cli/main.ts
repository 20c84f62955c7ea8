/**
 * The headless runner: the same engine as the app, in Node.
 *   npm run -s sim -- hotwin --until 20s --json
 */
import { advanceTo, createSim, EngineError } from '../engine';
import { toSimConfig } from '../scenario';
import { parseArgs } from './args';
import { loadScenario } from './load-scenario';
import { formatText, summarize } from './summary';

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write((e as Error).message + '\n');
    return 2;
  }
  try {
    const scenario = loadScenario(args.input);
    const sim = createSim(toSimConfig(scenario));
    advanceTo(sim, args.untilUs);
    const s = summarize(scenario, sim);
    process.stdout.write(args.json ? JSON.stringify(s) + '\n' : formatText(s) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof EngineError || e instanceof Error) {
      process.stderr.write(`mmscope: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
