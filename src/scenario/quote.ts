/**
 * How messages show what a user wrote. A scenario can hold a 10 MiB name or a version with
 * 262,144 digits, and a message quoting such a value whole is as long as the value: one error
 * line megabytes long, in the error panel, the editor and the CLI's output. Every message that
 * embeds user input goes through these helpers instead, which keep at most MAX_QUOTED_CHARS
 * characters of it and give the total length of the rest:
 *
 *     'aaaaaaaa…' (10,485,760 characters)
 *
 * Control and bidirectional-override characters are shown escaped (`\u000a`), so a quoted
 * value cannot break a message into lines or reorder the text around it.
 */
import { formatCount } from './units';

/** Longest part of one input value a message shows. */
export const MAX_QUOTED_CHARS = 80;

/**
 * C0/C1 controls, line and paragraph separators, bidi embeddings, overrides and isolates, and
 * lone surrogates (codePointAt gives those back as they are).
 */
function isUnsafe(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xd800 && cp <= 0xdfff)
  );
}

/**
 * The start of `text` that fits in `max` characters once escaped, and whether anything was
 * left out. Looks at no more than `max` characters of `text`, however long it is.
 */
function shorten(text: string, max: number): { shown: string; cut: boolean } {
  let shown = '';
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const piece = isUnsafe(cp) ? `\\u${cp.toString(16).padStart(4, '0')}` : ch;
    if (shown.length + piece.length > max) return { shown, cut: true };
    shown += piece;
    i += ch.length;
  }
  return { shown, cut: false };
}

/** `'text'`, or `'tex…' (10,485,760 characters)` when it is longer than `max`. */
export function quote(text: string, max = MAX_QUOTED_CHARS): string {
  const { shown, cut } = shorten(text, max);
  return cut ? `'${shown}…' (${formatCount(text.length)} characters)` : `'${shown}'`;
}

/**
 * `text` unquoted (a path key, a number's digits), or `tex… (262,144 digits)` when it is
 * longer than `max`; `unit` names what the length counts.
 */
export function clip(text: string, unit = 'characters', max = MAX_QUOTED_CHARS): string {
  const { shown, cut } = shorten(text, max);
  return cut ? `${shown}… (${formatCount(text.length)} ${unit})` : shown;
}

/**
 * Any input value as a message shows it, in a bounded time and length: strings quoted,
 * numbers, booleans and null as written, arrays and objects by their size only (serialising
 * them could cost as much as the whole scenario).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  // A number's text is at most 24 characters (`-1.7976931348623157e+308`).
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) {
    return value.length === 1
      ? 'an array of 1 item'
      : `an array of ${formatCount(value.length)} items`;
  }
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Longest part of one name in a list: half a value, so a list has room for more than one. */
const MAX_LISTED_CHARS = MAX_QUOTED_CHARS / 2;

/**
 * Names for a message such as "it has: 'heap', 'buf', 'lib'": each quoted (and shortened to
 * MAX_LISTED_CHARS), as many as fit in `budget` characters but at least one, then how many
 * were left out (`'heap', 'buf' and 998 more`). 'none' when there are no names. Reads only
 * the names it shows.
 */
export function quoteList(names: readonly string[], budget = MAX_QUOTED_CHARS): string {
  if (names.length === 0) return 'none';
  let out = '';
  let shown = 0;
  for (const name of names) {
    const next = (shown === 0 ? '' : ', ') + quote(name, MAX_LISTED_CHARS);
    if (shown > 0 && out.length + next.length > budget) break;
    out += next;
    shown++;
  }
  const rest = names.length - shown;
  return rest === 0 ? out : `${out} and ${formatCount(rest)} more`;
}
