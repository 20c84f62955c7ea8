/**
 * Numbers as damo writes them, after damo's own `_damo_fmt_str.text_to_*` rules: a JSON number
 * or a string; commas are thousands separators ("4,194,304"); sizes take binary units
 * ("0 B", "1.5 GiB", "4K"); times take ns/us/ms/s/m/h/d and several parts are summed
 * ("2 m 21 s 108 ms 936 us 146 ns"); "min" is 0 and "max" is 2^64 - 1.
 *
 * Every result is a plain number. Sizes, addresses and counts must be exact, so anything at or
 * above 2^53 (including "max") is refused; times may exceed it and are then rounded (the
 * caller notes it).
 */
import { DamoImportError, show } from './errors';

/** damo's "max": ULONG_MAX. */
export const DAMO_MAX = 2n ** 64n - 1n;

/** The longest number text read (the longest damo prints, a multi-part time, is ~40). */
const MAX_TEXT = 100;

const SIZE_UNITS: Record<string, number> = { b: 1 };
['k', 'm', 'g', 't', 'p', 'e'].forEach((p, i) => {
  const f = 1024 ** (i + 1);
  SIZE_UNITS[p] = f;
  SIZE_UNITS[`${p}b`] = f;
  SIZE_UNITS[`${p}ib`] = f;
});

/** Time units in nanoseconds. */
const TIME_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
};

function fail(path: string, expected: string, got: unknown): never {
  throw new DamoImportError('schema', `expected ${expected}, got ${show(got)}`, path);
}

/** The value as trimmed text without commas, or a finite JSON number; else an error. */
function textOf(value: unknown, path: string, expected: string): string | number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, expected, value);
    return value;
  }
  if (typeof value !== 'string' || value.length > MAX_TEXT) fail(path, expected, value);
  return value.trim().replace(/,/g, '');
}

/** An exact non-negative integer below 2^53 from a digit string or a number. */
function exactInteger(text: string | number, path: string, expected: string, got: unknown): number {
  if (typeof text === 'number') {
    if (!Number.isSafeInteger(text) || text < 0) fail(path, expected, got);
    return text;
  }
  if (!/^\d+$/.test(text)) fail(path, expected, got);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    throw new DamoImportError(
      'schema',
      `${show(got)} is 2^53 or more, beyond what this importer keeps exactly`,
      path,
    );
  }
  return n;
}

function tooBig(path: string, got: unknown): never {
  throw new DamoImportError(
    'schema',
    `${show(got)} is 2^53 or more (damo's "max" is 2^64 - 1), beyond what this importer keeps exactly`,
    path,
  );
}

/** A count or index: "1,000", 1000, "min" (0). */
export function parseCount(value: unknown, path: string): number {
  const expected = 'a whole number like "1,000"';
  const text = textOf(value, path, expected);
  if (text === 'min') return 0;
  if (text === 'max') tooBig(path, value);
  return exactInteger(text, path, expected, value);
}

/** A size or address in bytes: "4,194,304", "0 B", "1.5 GiB", "4K", "min". */
export function parseBytes(value: unknown, path: string): number {
  const expected = 'a number like "4,194,304" or "1.5 GiB"';
  const text = textOf(value, path, expected);
  if (typeof text === 'number' || /^\d+$/.test(text))
    return exactInteger(text, path, expected, value);
  if (text === 'min') return 0;
  if (text === 'max') tooBig(path, value);
  const m = /^(\d+(?:\.\d+)?)\s*([A-Za-z]+)$/.exec(text);
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) fail(path, expected, value);
  // damo: int(float(number) * unit); the units are binary, so "1.5 GiB" is exact.
  const n = Math.trunc(Number(m[1]) * unit);
  if (!Number.isSafeInteger(n)) tooBig(path, value);
  return n;
}

/**
 * A time: a bare number is in `bareUnit` ("ns" for snapshot times, "us" for intervals),
 * otherwise "100 ms", "1.5 s", "2 m 21 s 108 ms 936 us 146 ns" (parts summed). The result is
 * in `resultUnit`; finite, non-negative, and not necessarily exact above 2^53.
 */
export function parseTime(
  value: unknown,
  path: string,
  bareUnit: 'ns' | 'us',
  resultUnit: 'ns' | 'us' = bareUnit,
): number {
  const expected = `a time like "100 ms" or a number of ${bareUnit}`;
  const text = textOf(value, path, expected);
  const scale = TIME_NS[resultUnit]!;
  if (text === 'min') return 0;
  if (text === 'max') tooBig(path, value);
  let ns: number;
  if (typeof text === 'number' || /^\d+(?:\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (!(n >= 0)) fail(path, expected, value);
    if (bareUnit === resultUnit) return n;
    ns = n * TIME_NS[bareUnit]!;
  } else {
    ns = 0;
    const part = /\s*(\d+(?:\.\d+)?)\s*([a-zµ]+)/y;
    let at = 0;
    let parts = 0;
    while (at < text.length) {
      part.lastIndex = at;
      const m = part.exec(text);
      const unit = m ? TIME_NS[m[2]!] : undefined;
      if (!m || unit === undefined) fail(path, expected, value);
      ns += Number(m[1]) * unit;
      at = part.lastIndex;
      parts++;
    }
    if (parts === 0) fail(path, expected, value);
  }
  const out = ns / scale;
  if (!Number.isFinite(out)) fail(path, expected, value);
  return resultUnit === 'ns' ? Math.round(out) : out;
}

/** A percentage: "0 %", "12.5%", 12.5. */
export function parsePercent(value: unknown, path: string): number {
  const expected = 'a percentage like "12.5 %"';
  const text = textOf(value, path, expected);
  if (typeof text === 'number') return text;
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text);
  if (!m) fail(path, expected, value);
  return Number(m[1]);
}

/** A target id: an integer of any size, kept as its decimal string; null stays null. */
export function parseTargetId(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) fail(path, 'a whole number', value);
    // A JSON number beyond 2^53 was already rounded by JSON.parse: keep what it says.
    return BigInt(value).toString();
  }
  const text = textOf(value, path, 'a whole number');
  if (text === 'max') return DAMO_MAX.toString();
  if (typeof text !== 'string' || !/^\d+$/.test(text)) fail(path, 'a whole number', value);
  return BigInt(text).toString();
}
