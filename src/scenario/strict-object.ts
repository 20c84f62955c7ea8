/**
 * Scenario objects reject keys they do not know: a misspelt field (`atrs` for `attrs`) would
 * otherwise be dropped and silently leave its default in place.
 *
 * zod's strictObject reports all of an object's unknown keys as one issue at the object's
 * path. A scenario wants one message per key, at the key's own path, with a suggestion from
 * that object's fields:
 *
 *     damon.atrs: unknown field; did you mean 'attrs'?
 *
 * Only the object knows its fields, so its error map words the keys, one line of the issue's
 * message per key, and parseScenario splits the issue into one error per key
 * (unknownFieldsOf). Only the first MAX_WORDED_KEYS keys are worded: an object with 200,000
 * unknown keys costs zod one issue and this file nothing more, and no list shows that many.
 */
import { z } from 'zod';
import { closestName } from './did-you-mean';

/** Keys of one object that get their own message; the rest are only counted. */
const MAX_WORDED_KEYS = 32;
/** Longest list of known fields an "unknown field" message includes. */
const MAX_FIELD_LIST_CHARS = 100;
const UNKNOWN_FIELD = 'unknown field';

/**
 * What an unknown `key` is told: the known field close to it, otherwise the known fields when
 * they make a short list.
 */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const guess = closestName(key, known);
  if (guess !== undefined) return `${UNKNOWN_FIELD}; did you mean '${guess}'?`;
  const list = known.join(', ');
  return list.length <= MAX_FIELD_LIST_CHARS
    ? `${UNKNOWN_FIELD} (fields here: ${list})`
    : UNKNOWN_FIELD;
}

/** z.object(shape), except that keys not in `shape` are refused (see the file comment). */
export function strictObject<const Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? iss.keys
            .slice(0, MAX_WORDED_KEYS)
            .map((key) => unknownFieldMessage(key, known))
            .join('\n')
        : undefined,
  });
}

/** The unknown keys one issue reports and the message of each; undefined for other issues. */
export function unknownFieldsOf(
  issue: z.core.$ZodIssue,
): { keys: readonly string[]; messageOf(i: number): string } | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const lines = issue.message.split('\n', MAX_WORDED_KEYS);
  return { keys: issue.keys, messageOf: (i) => lines[i] ?? UNKNOWN_FIELD };
}
