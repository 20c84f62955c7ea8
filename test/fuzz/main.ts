/**
 * npm run fuzz — try to make accepted scenarios and links hang, crash or exhaust memory.
 *
 * Inputs (inputs.ts): (a) mutated presets, (b) generated scenarios, (c) mutated links. Each
 * runs in one of a few long-lived children (child.ts, this same bundle with --child) under a
 * wall-time and a memory cap (pool.ts), and ends refused (a clean error), ran, or escaped
 * (classify.ts). Every escape is written as a reproducer JSON under --out; the exit code is 1
 * when anything escaped. Same --seed, same inputs.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type FuzzArgs, USAGE } from './args';
import { childMain } from './child';
import { retimeDecode } from './confirm';
import { linkInput, scenarioFamily, scenarioInput } from './inputs';
import { runPool } from './pool';
import type { Job } from './protocol';
import { clearOut, summary, Tally, writeEscape } from './report';
import type { Report } from './classify';

const LINK_BATCH = 200;

function jobsOf(args: FuzzArgs): Job[] {
  const jobs: Job[] = [];
  for (let i = 0; i < args.scenarios; i++) jobs.push({ kind: 'scenario', index: i });
  for (let i = 0; i < args.links; i += LINK_BATCH)
    jobs.push({ kind: 'links', from: i, to: Math.min(args.links, i + LINK_BATCH) });
  return jobs;
}

function replayJobs(files: string[]): Job[] {
  return files.map((file) => {
    const r = JSON.parse(readFileSync(file, 'utf8')) as {
      link?: string;
      scenario?: unknown;
      scenarioText?: string;
    };
    if (typeof r.link === 'string') return { kind: 'text', family: 'link', text: r.link };
    return { kind: 'text', family: 'scenario', text: r.scenarioText ?? JSON.stringify(r.scenario) };
  });
}

function confirmSlowDecodes(tally: Tally, args: FuzzArgs): void {
  for (const e of tally.escapes.slice()) {
    if (e.report.kind !== 'slow-decode' || e.family === 'replay') continue;
    const ms = retimeDecode(e, args.slowDecodeMs);
    if (ms > args.slowDecodeMs) {
      e.report.message = `${e.report.message ?? ''} (alone: ${ms.toFixed(0)} ms)`;
      writeEscape(args.out, args.seed, e);
    } else {
      tally.escapes.splice(tally.escapes.indexOf(e), 1);
      tally.recount(e.family, 'escaped', e.report.ifNotSlow ?? 'refused');
      tally.notSlowAlone++;
    }
  }
}

async function fuzz(args: FuzzArgs): Promise<number> {
  const tally = new Tally();
  const replaying = args.replay.length > 0;
  const jobs = replaying ? replayJobs(args.replay) : jobsOf(args);
  if (!replaying) clearOut(args.out);
  const t0 = performance.now();
  let lastPrint = t0;
  const progress = () => {
    if (performance.now() - lastPrint < 10_000) return;
    lastPrint = performance.now();
    const c = tally.counts.all;
    process.stderr.write(
      `  ... ${c.tried} inputs, ${c.escaped} escaped, ${((lastPrint - t0) / 1000).toFixed(0)} s\n`,
    );
  };
  const escape = (family: 'mutated' | 'generated' | 'links', index: number, report: Report) => {
    let input = '';
    try {
      input =
        family === 'links' ? linkInput(args.seed, index) : scenarioInput(args.seed, index).text;
    } catch (e) {
      report.message = `${report.message ?? ''} (the fuzzer could not rebuild the input: ${String(e)})`;
    }
    const e = { family, index, report, input };
    tally.escapes.push(e);
    if (report.kind !== 'slow-decode') writeEscape(args.out, args.seed, e);
  };
  await runPool(
    jobs,
    {
      children: args.children,
      timeCapMs: args.timeCapS * 1000,
      memCapMib: args.memCapMib,
      seed: args.seed,
      script: process.argv[1]!,
      run: {
        simMs: args.simMs,
        slowDecodeMs: args.slowDecodeMs,
        limits: { maxLineChars: args.maxLineChars, maxLines: args.maxLines },
        runLinks: args.runLinks,
      },
    },
    {
      report(job, report, peakRssMib) {
        if (job.kind === 'text') {
          const what =
            report.outcome === 'escaped'
              ? `escaped: ${report.kind} in ${report.phase}`
              : report.outcome;
          const secs = (report.wallMs / 1000).toFixed(1);
          console.log(`${args.replay[jobs.indexOf(job)]}: ${what} (${secs} s)`);
          if (report.message) console.log(`  ${report.message}`);
          if (report.outcome === 'escaped')
            tally.escapes.push({ family: 'replay', index: 0, report, input: '' });
          return;
        }
        if (job.kind !== 'scenario') return;
        const family = scenarioFamily(job.index);
        tally.scenario(family, job.index, report, peakRssMib);
        if (report.outcome === 'escaped') escape(family, job.index, report);
        progress();
      },
      links(tallies, escapes) {
        for (const [index, outcome, ms] of tallies) {
          tally.count('links', outcome);
          tally.decode(index, ms, () => linkInput(args.seed, index).length);
        }
        for (const { index, report } of escapes) escape('links', index, report);
        progress();
      },
    },
  );
  if (replaying) return tally.escapes.length > 0 ? 1 : 0;
  confirmSlowDecodes(tally, args);
  const { text, classes } = summary(tally);
  const secs = ((performance.now() - t0) / 1000).toFixed(0);
  console.log(
    `mmscope fuzz: seed ${args.seed}, ${args.simMs} ms simulated per scenario, ${secs} s`,
  );
  console.log(text);
  if (tally.escapes.length > 0) console.log(`reproducers: ${args.out}/`);
  if (args.json) {
    const classList = [...classes].map(([key, list]) => ({
      key,
      count: list.length,
      file: list[0]!.file,
    }));
    console.log(JSON.stringify({ counts: tally.counts, classes: classList }));
  }
  return tally.escapes.length > 0 ? 1 : 0;
}

if (process.argv.includes('--child')) {
  childMain();
} else if (process.argv.includes('--help')) {
  console.log(USAGE);
} else {
  let args: FuzzArgs | undefined;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
  }
  if (args) {
    fuzz(args).then(
      (code) => (process.exitCode = code),
      (e: unknown) => {
        process.stderr.write(`mmscope fuzz: ${String(e)}\n`);
        process.exitCode = 2;
      },
    );
  }
}
