/**
 * `npm run -s sim -- export <preset | scenario.json> --format damo|sysfs|perfetto|csv ...`:
 * the scenario's DAMON configuration as a `damo start` line or a sysfs script, or a run's
 * counters as a Perfetto trace or CSV (src/worker/exports/).
 */
import { writeFileSync } from 'node:fs';
import { damoStart } from '../worker/exports/damo-start';
import { sysfsScript } from '../worker/exports/sysfs-script';
import { MAX_SAMPLES, sampleCounters } from '../worker/exports/counter-series';
import { perfettoTrace } from '../worker/exports/perfetto-trace';
import { regionsCsv, seriesCsv } from '../worker/exports/csv';
import { parseDuration } from './args';
import { loadScenario } from './load-scenario';

const FORMATS = ['damo', 'sysfs', 'perfetto', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export const EXPORT_USAGE = `usage: npm run -s sim -- export <preset-name | scenario.json> --format <format> [options]
  --format damo      the scenario's DAMON/DAMOS configuration as a \`damo start\` command line
                     (damo v3.3 option names; pids are placeholders; # lines say what damo
                     cannot express)
  --format sysfs     a shell script writing /sys/kernel/mm/damon/admin/kdamonds/... in the
                     kernel's order, \`state\` on last (run as root, PID0=<pid> ...)
  --format perfetto  run to --until and write Chrome Trace Event JSON (open in ui.perfetto.dev):
                     counter tracks per sample, DAMOS applications as slices
  --format csv       run to --until and write the counters per sample (--what series, the
                     default) or DAMON's newest regions (--what regions: start, end, nr_accesses, age)
  --until <duration> how long to run for perfetto and csv (default 10s); one sample per
                     ground-truth interval, at most ${MAX_SAMPLES} (longer runs sample less often)
  -o <file>          write there instead of stdout`;

interface ExportArgs {
  input: string;
  format: Format;
  untilUs: number;
  what: 'series' | 'regions';
  out: string | null;
}

export function parseExportArgs(argv: string[]): ExportArgs {
  let input: string | undefined;
  let format: Format | undefined;
  let untilUs = 10e6;
  let what: 'series' | 'regions' = 'series';
  let out: string | null = null;
  const value = (i: number, opt: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith('-'))
      throw new Error(`${opt} needs a value\n${EXPORT_USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') throw new Error(EXPORT_USAGE);
    else if (a === '--format') {
      const v = value(++i, a);
      if (!(FORMATS as readonly string[]).includes(v))
        throw new Error(`--format must be one of ${FORMATS.join(', ')}, not "${v}"`);
      format = v as Format;
    } else if (a === '--until') untilUs = parseDuration(value(++i, a));
    else if (a === '--what') {
      const v = value(++i, a);
      if (v !== 'series' && v !== 'regions')
        throw new Error(`--what must be series or regions, not "${v}"`);
      what = v;
    } else if (a === '-o' || a === '--out') out = value(++i, a);
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}\n${EXPORT_USAGE}`);
    else if (input === undefined) input = a;
    else throw new Error(`unexpected argument ${a}\n${EXPORT_USAGE}`);
  }
  if (input === undefined || format === undefined) throw new Error(EXPORT_USAGE);
  if (what === 'regions' && format !== 'csv')
    throw new Error('--what applies to --format csv only');
  return { input, format, untilUs, what, out };
}

function render(args: ExportArgs): string {
  const scenario = loadScenario(args.input);
  if (args.format === 'damo') return damoStart(scenario).text;
  if (args.format === 'sysfs') return sysfsScript(scenario);
  const series = sampleCounters(scenario, args.untilUs);
  if (series.rows.length < series.wantedSamples)
    process.stderr.write(
      `mmscope: ${series.rows.length} samples, one every ${series.stepUs} µs ` +
        `(at most ${MAX_SAMPLES}; one per truth interval would be ${series.wantedSamples})\n`,
    );
  if (args.format === 'perfetto')
    return (
      JSON.stringify(
        perfettoTrace(
          series,
          scenario.damon.schemes.map((s) => s.action),
        ),
      ) + '\n'
    );
  if (args.what === 'regions') {
    if (!scenario.damon.enabled)
      throw new Error('--what regions: DAMON is not enabled in this scenario');
    return regionsCsv(series.lastSnapshots, scenario.damon.targets);
  }
  return seriesCsv(series);
}

export function exportMain(argv: string[]): number {
  let args;
  try {
    args = parseExportArgs(argv);
  } catch (e) {
    const help = argv.includes('--help') || argv.includes('-h');
    (help ? process.stdout : process.stderr).write((e as Error).message + '\n');
    return help ? 0 : 2;
  }
  try {
    const text = render(args);
    if (args.out) writeFileSync(args.out, text);
    else process.stdout.write(text);
    return 0;
  } catch (e) {
    process.stderr.write(`mmscope: ${(e as Error).message}\n`);
    return 1;
  }
}
