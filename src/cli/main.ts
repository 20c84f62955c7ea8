/**
 * The headless runner: the same engine as the app, in Node.
 *   npm run -s sim -- hotwin --until 20s --json --record damon.data
 *   npm run -s sim -- import damon.data --json
 *   npm run -s sim -- export addrpageout --format sysfs
 */
import { writeFileSync } from 'node:fs';
import { advanceTo, createSim, EngineError, takeDamonSnapshots } from '../engine';
import { buildDamoRecord, encodeDamoRecord } from '../worker/damo-record';
import { MAX_LOGGED_AGGREGATIONS, SnapshotLog } from '../worker/snapshot-log';
import { PRESET_SUMMARIES, presetIds, toSimConfig } from '../scenario';
import { parseArgs } from './args';
import { loadScenario } from './load-scenario';
import { formatText, summarize } from './summary';
import { lockLabMain } from './lock-lab';
import { importMain } from './import';
import { exportMain } from './export';

function main(argv: string[]): number {
  if (argv[0] === 'lock-lab') return lockLabMain(argv.slice(1));
  if (argv[0] === 'import') return importMain(argv.slice(1));
  if (argv[0] === 'export') return exportMain(argv.slice(1));
  if (argv[0] === '--list') {
    const w = Math.max(...presetIds.map((id) => id.length));
    for (const id of presetIds) process.stdout.write(`${id.padEnd(w)}  ${PRESET_SUMMARIES[id]}\n`);
    return 0;
  }
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
    // the newest aggregations only, as in the app: a long run must not grow without bound
    const log = new SnapshotLog();
    let aggregations = 0;
    // advance in 1 s steps so DAMON's snapshots never pile up in the engine
    for (let t = Math.min(args.untilUs, 1e6); ; t = Math.min(args.untilUs, t + 1e6)) {
      advanceTo(sim, t);
      if (args.record) {
        const taken = takeDamonSnapshots(sim);
        aggregations += new Set(taken.map((snap) => snap.tUs)).size;
        log.push(taken);
      }
      if (t >= args.untilUs) break;
    }
    const snapshots = log.all();
    if (args.record && log.size < aggregations) {
      process.stderr.write(
        `mmscope: --record keeps the newest ${log.size} of ${aggregations} aggregations ` +
          `(at most ${MAX_LOGGED_AGGREGATIONS}, and 2,000,000 regions in all)\n`,
      );
    }
    if (args.record) {
      if (!scenario.damon.enabled)
        throw new Error('--record: DAMON is not enabled in this scenario');
      const records = buildDamoRecord(snapshots, scenario.damon.attrs, scenario.damon.targets);
      writeFileSync(
        args.record,
        encodeDamoRecord(records, args.record.endsWith('.json') ? 'json' : 'json_compressed'),
      );
    }
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
