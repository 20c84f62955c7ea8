/** Command-line parsing for `npm run -s sim -- <preset | scenario.json> [options]`. */

export interface CliArgs {
  input: string;
  untilUs: number;
  json: boolean;
  /** Write DAMON's snapshots as a damo record here (.json plain, else zlib like damon.data). */
  record: string | null;
}

export const USAGE = `usage: npm run -s sim -- <preset-name | scenario.json> [--until <duration>] [--json] [--record <file>]
       npm run -s sim -- --list          the preset names, one per line, with what each shows
       npm run -s sim -- import <file> [--json]   read a damo record (damon.data, JSON, perf script)
       npm run -s sim -- export <preset-name | scenario.json> --format damo|sysfs|perfetto|csv
                         [--until <duration>] [--what series|regions] [-o <file>]   (export --help)
  <duration>       e.g. 20s, 500ms, 1.5s, 2m, 250us (default 10s)
  --json           print one JSON object: scenario, stateHash, vmas, metrics, thp, numa,
                   faultRouting, damon
  --record <file>  write DAMON's results as \`damo record\` does: <file>.json plain JSON,
                   any other name zlib-compressed (like damon.data); read it with damo report`;

const UNITS: Record<string, number> = { us: 1, ms: 1e3, s: 1e6, m: 60e6 };

/** Parse "20s", "500ms", "2m", "250us" (a bare number means seconds) into microseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(us|ms|s|m)?$/.exec(text.trim());
  if (!m) throw new Error(`bad duration "${text}" (expected e.g. 20s, 500ms, 250us)`);
  const us = Math.round(Number(m[1]) * UNITS[m[2] ?? 's']!);
  if (!Number.isSafeInteger(us) || us <= 0) throw new Error(`duration "${text}" is out of range`);
  return us;
}

export function parseArgs(argv: string[]): CliArgs {
  let input: string | undefined;
  let untilUs = 10e6;
  let json = false;
  let record: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--record') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('-')) throw new Error('--record needs a file name');
      record = v;
    } else if (a.startsWith('--record=')) record = a.slice(9);
    else if (a === '--until') {
      const v = argv[++i];
      if (v === undefined) throw new Error('--until needs a duration');
      untilUs = parseDuration(v);
    } else if (a.startsWith('--until=')) untilUs = parseDuration(a.slice(8));
    else if (a === '-h' || a === '--help') throw new Error(USAGE);
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else if (input === undefined) input = a;
    else throw new Error(`unexpected argument ${a}\n${USAGE}`);
  }
  if (input === undefined) throw new Error(USAGE);
  return { input, untilUs, json, record };
}
