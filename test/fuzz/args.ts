/** The fuzzer's command line: `npm run fuzz -- --seed 7 --scenarios 300 --links 20000`. */
export interface FuzzArgs {
  seed: number;
  scenarios: number;
  links: number;
  simMs: number;
  timeCapS: number;
  memCapMib: number;
  children: number;
  out: string;
  slowDecodeMs: number;
  maxLineChars: number;
  maxLines: number;
  runLinks: boolean;
  json: boolean;
  replay: string[];
}

export const USAGE = `npm run fuzz -- [options]
  --seed N          seed of every input (default 1)
  --scenarios N     mutated presets and generated scenarios to run (default 2000)
  --links N         links to decode (default 100000)
  --sim-ms N        simulated time per scenario, ms (default 50)
  --time-cap-s N    wall-time cap per input, s (default 10)
  --mem-cap-mib N   memory cap per child, MiB (default 2048)
  --children N      child processes (default 2)
  --out DIR         where reproducers go (default test/fuzz/escapes)
  --slow-decode-ms N  a decode slower than this is an escape (default 50)
  --max-line-chars N  a message line this long is an escape (default 300)
  --max-lines N     more detail lines than this is an escape (default 21)
  --run-links       also simulate the scenarios that links decode to
  --json            end with one JSON line of the counts
  --replay FILE...  run reproducer files again instead of fuzzing`;

export function parseArgs(argv: readonly string[]): FuzzArgs {
  const a: FuzzArgs = {
    seed: 1,
    scenarios: 2000,
    links: 100_000,
    simMs: 50,
    timeCapS: 10,
    memCapMib: 2048,
    children: 2,
    out: 'test/fuzz/escapes',
    slowDecodeMs: 50,
    maxLineChars: 300,
    maxLines: 21,
    runLinks: false,
    json: false,
    replay: [],
  };
  const numeric: Record<string, keyof FuzzArgs> = {
    '--seed': 'seed',
    '--scenarios': 'scenarios',
    '--links': 'links',
    '--sim-ms': 'simMs',
    '--time-cap-s': 'timeCapS',
    '--mem-cap-mib': 'memCapMib',
    '--children': 'children',
    '--slow-decode-ms': 'slowDecodeMs',
    '--max-line-chars': 'maxLineChars',
    '--max-lines': 'maxLines',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const key = numeric[flag];
    if (key) {
      const n = Number(argv[++i]);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number >= 0\n${USAGE}`);
      (a as unknown as Record<string, number>)[key] = n;
    } else if (flag === '--out') a.out = argv[++i] ?? a.out;
    else if (flag === '--run-links') a.runLinks = true;
    else if (flag === '--json') a.json = true;
    else if (flag === '--replay')
      while (argv[i + 1] && !argv[i + 1]!.startsWith('--')) a.replay.push(argv[++i]!);
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return a;
}
