/**
 * A child of the fuzzer: a long-lived process that runs the inputs it is sent, one job at a
 * time, and reports each over IPC. It generates its inputs itself from (seed, index), so only
 * indices travel. For link batches it reports at least every FLUSH_MS, before the next link
 * starts: when a link hangs, the parent knows it is one of the few not reported yet.
 */
import { baseLink, linkInput, scenarioInput } from './inputs';
import type { FromChild, Job, LinkTally, ToChild } from './protocol';
import { escaped, type Report, type RunOptions } from './classify';
import { runLink, runScenarioText } from './run-input';

const FLUSH_MS = 25;

function send(msg: FromChild): void {
  process.send!(msg);
}

function rssMib(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return process.memoryUsage.rss() / 2 ** 20;
}

/** Build an input and run it; a generator that throws is the fuzzer's bug, reported as such. */
function built(make: () => string, run: (input: string) => Report): Report {
  let input: string;
  try {
    input = make();
  } catch (e) {
    return escaped('exception', 'parse', `the fuzzer could not build this input: ${String(e)}`, 0);
  }
  return run(input);
}

function runLinks(seed: number, from: number, to: number, opts: RunOptions): void {
  let tallies: LinkTally[] = [];
  let escapes: { index: number; report: Report }[] = [];
  let flushed = performance.now();
  const flush = () => {
    send({ type: 'links', tallies, escapes });
    tallies = [];
    escapes = [];
    flushed = performance.now();
  };
  for (let i = from; i < to; i++) {
    if (performance.now() - flushed >= FLUSH_MS) flush();
    const report = built(
      () => linkInput(seed, i),
      (link) => runLink(link, opts),
    );
    tallies.push([i, report.outcome, report.decodeMs ?? 0]);
    if (report.outcome === 'escaped') escapes.push({ index: i, report });
  }
  flush();
}

function runJob(seed: number, job: Job, opts: RunOptions): void {
  const phase = (p: Report['phase'] & string) => send({ type: 'phase', phase: p });
  if (job.kind === 'links') {
    runLinks(seed, job.from, job.to, opts);
  } else {
    const report =
      job.kind === 'scenario'
        ? built(
            () => scenarioInput(seed, job.index).text,
            (text) => runScenarioText(text, opts, phase),
          )
        : job.family === 'scenario'
          ? runScenarioText(job.text, opts, phase)
          : runLink(job.text, opts);
    send({ type: 'report', report });
  }
  send({ type: 'done', rssMib: rssMib() });
}

export function childMain(): void {
  let seed = 0;
  let opts: RunOptions | undefined;
  process.on('message', (msg: ToChild) => {
    if (msg.type === 'init') {
      seed = msg.seed;
      opts = msg.opts;
      // Warm the decoder up (JIT), so the first links timed are not slow for that reason.
      for (let k = 0; k < 20; k++) runLink(baseLink(seed, k % 4), opts);
      send({ type: 'ready' });
    } else if (opts) runJob(seed, msg.job, opts);
  });
  process.on('disconnect', () => process.exit(0));
}
