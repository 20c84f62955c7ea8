/**
 * `npm run -s sim -- lock-lab ...`: the lock lab's explorer in Node.
 *   lock-lab --list [--json]                      the levels: id, title, expected verdict
 *   lock-lab <level-id | scenario.json> [--json]  every interleaving; verdict and counterexample
 * Options: --no-por (turn the sleep-set reduction off), --max-states <n>.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { compileModel, explore, findLevel, LEVELS, type LockScenario } from '../engine/vma-lock';

export const LOCK_LAB_USAGE = `usage: npm run -s sim -- lock-lab --list [--json]
       npm run -s sim -- lock-lab <level-id | scenario.json> [--json] [--no-por] [--max-states <n>]`;

export function lockLabMain(argv: string[]): number {
  let json = false;
  let list = false;
  let por = true;
  let maxStates: number | undefined;
  let input: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--list') list = true;
    else if (a === '--no-por') por = false;
    else if (a === '--max-states') {
      maxStates = Number(argv[++i]);
      if (!Number.isInteger(maxStates) || maxStates < 1)
        return usage('--max-states needs a positive integer');
    } else if (a.startsWith('--')) return usage(`unknown option ${a}`);
    else if (input === undefined) input = a;
    else return usage(`unexpected argument ${a}`);
  }
  if (list) {
    const levels = LEVELS.map((l) => ({ id: l.id, title: l.title, expected: l.expected }));
    const text = levels
      .map((l) => `${l.id.padEnd(26)} ${l.expected.padEnd(9)} ${l.title}`)
      .join('\n');
    process.stdout.write((json ? JSON.stringify(levels) : text) + '\n');
    return 0;
  }
  if (input === undefined) return usage('a level id or a scenario file is needed');
  let scenario: LockScenario;
  let level: string;
  try {
    const found = findLevel(input);
    if (found) {
      scenario = found.scenario;
      level = found.id;
    } else if (input.endsWith('.json')) {
      const parsed = JSON.parse(readFileSync(input, 'utf8')) as
        LockScenario | { scenario: LockScenario };
      scenario = 'scenario' in parsed ? parsed.scenario : parsed;
      level = basename(input, '.json');
    } else return usage(`no level "${input}" (see --list)`);
    const r = explore(compileModel(scenario), { por, maxStates });
    if (r.kind !== 'verdict') {
      process.stderr.write(`mmscope lock-lab: ${r.kind === 'refused' ? r.message : 'cancelled'}\n`);
      return 1;
    }
    const out = {
      level,
      states: r.states,
      endStates: r.endStates,
      violations: r.positive,
      verdict: r.verdict,
      counterexample: r.counterexample
        ? { invariant: r.counterexample.invariant, steps: r.counterexample.steps }
        : null,
    };
    if (json) process.stdout.write(JSON.stringify(out) + '\n');
    else {
      const cx = r.counterexample;
      process.stdout.write(
        `Test ${level}\nStates ${r.states} (transitions ${r.transitions}${por ? ', sleep sets' : ''})\n` +
          `Positive ${r.positive}, Negative ${r.negative}\n${r.verdict}\n` +
          (cx
            ? `Counterexample (${cx.steps.length} steps) ${cx.steps.join('')}: ${cx.invariant}: ${cx.message}\n`
            : '') +
          r.outcomes.map((o) => `  ${o}\n`).join(''),
      );
    }
    return 0;
  } catch (e) {
    process.stderr.write(`mmscope lock-lab: ${(e as Error).message}\n`);
    return 1;
  }
}

function usage(why: string): number {
  process.stderr.write(`${why}\n${LOCK_LAB_USAGE}\n`);
  return 2;
}
