/**
 * Run one input in this process and say what happened: the code a child runs for every input
 * (child.ts), usable on its own. Scenarios are read like a file (readScenarioValue), checked to
 * survive their own link, built with createSim and run the way the worker runs them (bounded
 * advanceTo calls, simulate.ts). Links are decoded with decodeHash and timed.
 */
import { decodeHash, encodeScenario, readScenarioValue } from '../../src/scenario';
import type { DecodeResult } from '../../src/scenario';
import {
  clip,
  escaped,
  type Phase,
  refusalProblem,
  type Report,
  type RunOptions,
  thrown,
} from './classify';
import { simulate } from './simulate';

/** Re-time a slow decode up to 3 times and keep the fastest: a GC pause or a busy core is not a slow decoder. */
function timedDecode(link: string, opts: RunOptions): { result: DecodeResult; ms: number } {
  let t = performance.now();
  const result = decodeHash(link);
  let ms = performance.now() - t;
  for (let k = 0; k < 3 && ms > opts.slowDecodeMs; k++) {
    t = performance.now();
    decodeHash(link);
    const again = performance.now() - t;
    ms = Math.min(ms, again);
    if (again > 3 * opts.slowDecodeMs) break; // slow every time: no need to ask again
  }
  return { result, ms };
}

function refusal(
  result: Exclude<DecodeResult, { ok: true }>,
  phase: Phase,
  t0: number,
  opts: RunOptions,
): Report {
  const problem = refusalProblem(
    result.message,
    result.details,
    result.problem === 'invalid',
    opts.limits,
  );
  const text = [result.message, ...(result.details ?? [])].join('\n');
  if (problem) return escaped(problem.kind, phase, `${problem.why} | ${text}`, t0);
  return { outcome: 'refused', phase, message: clip(text, 500), wallMs: performance.now() - t0 };
}

export function runScenarioText(
  text: string,
  opts: RunOptions,
  phaseHook: (p: Phase) => void = () => {},
): Report {
  const t0 = performance.now();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return thrown(e, 'parse', t0);
  }
  let result: DecodeResult;
  try {
    result = readScenarioValue(value);
  } catch (e) {
    return thrown(e, 'parse', t0);
  }
  if (!result.ok) return refusal(result, 'parse', t0, opts);
  const scenario = result.scenario;
  phaseHook('roundtrip');
  let slow: string | undefined;
  try {
    const link = encodeScenario(scenario);
    const back = timedDecode(`#${link}`, opts);
    if (back.ms > opts.slowDecodeMs)
      slow = `own link (${link.length} chars) took ${back.ms.toFixed(0)} ms to decode`;
    if (!back.result.ok)
      return escaped(
        'roundtrip',
        'roundtrip',
        `own link (${link.length} chars) refused: ${back.result.message}`,
        t0,
      );
    if (JSON.stringify(back.result.scenario) !== JSON.stringify(scenario))
      return escaped('roundtrip', 'roundtrip', 'own link decodes to a different scenario', t0);
  } catch (e) {
    return thrown(e, 'roundtrip', t0);
  }
  return slowDecode(simulate(scenario, opts, t0, phaseHook), slow, 'roundtrip', t0);
}

/**
 * A slow decode is reported only when nothing else escaped, with the outcome the input would
 * have had otherwise (`ifNotSlow`): the parent re-times it alone and may take that instead.
 */
function slowDecode(report: Report, slow: string | undefined, phase: Phase, t0: number): Report {
  if (slow === undefined || report.outcome === 'escaped') return report;
  return {
    ...escaped('slow-decode', phase, slow, t0),
    ifNotSlow: report.outcome,
    decodeMs: report.decodeMs,
  };
}

/** What a decode answered, in a few words: `too-large`, `invalid: machine: expected ...`. */
function answer(result: DecodeResult): string {
  if (result.ok) return 'a scenario';
  return clip([result.problem, ...(result.details ?? []).slice(0, 1)].join(': '), 120);
}

export function runLink(link: string, opts: RunOptions): Report {
  const t0 = performance.now();
  let decoded;
  try {
    decoded = timedDecode(link, opts);
  } catch (e) {
    return thrown(e, 'decode', t0);
  }
  const { result, ms } = decoded;
  const slow =
    ms > opts.slowDecodeMs
      ? `decodeHash took ${ms.toFixed(0)} ms on ${link.length} characters: ${answer(result)}`
      : undefined;
  let report: Report;
  if (!result.ok) report = refusal(result, 'decode', t0, opts);
  else if (!opts.runLinks) report = { outcome: 'ran', wallMs: performance.now() - t0 };
  else report = simulate(result.scenario, opts, t0, () => {});
  return slowDecode({ ...report, decodeMs: ms }, slow, 'decode', t0);
}
