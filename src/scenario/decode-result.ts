/**
 * What decoding a scenario (from a link or a file) answers: the scenario, or the problem with
 * one sentence a user can act on.
 */
import { SCENARIO_VERSION } from './version';
import { clip } from './quote';
import type { Scenario } from './schema';

export type DecodeProblem =
  'empty' | 'malformed' | 'truncated' | 'future-version' | 'too-large' | 'invalid';

export type DecodeResult =
  | { ok: true; scenario: Scenario }
  | {
      ok: false;
      problem: DecodeProblem;
      /** One sentence for the user, naming the problem. */
      message: string;
      /** Specifics, e.g. every schema error as `path: problem`. */
      details?: string[];
    };

export function fail(problem: DecodeProblem, message: string, details?: string[]): DecodeResult {
  return details === undefined
    ? { ok: false, problem, message }
    : { ok: false, problem, message, details };
}

/**
 * The sentence for a link or file written by a newer build. A link's version is its digits as
 * written, which may be thousands of them; the sentence shows at most ~80.
 */
export function futureVersion(version: number | string): DecodeResult {
  const shown = typeof version === 'string' ? clip(version, 'digits') : String(version);
  return fail(
    'future-version',
    `This link was made by a newer mmscope (scenario version ${shown}; this build reads up ` +
      `to ${SCENARIO_VERSION}).`,
  );
}
