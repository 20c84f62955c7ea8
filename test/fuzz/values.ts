/**
 * The values mutations put into a scenario: boundary numbers, each field's own limits and
 * one past them, strings that are long or odd, and number tokens JSON can hold but a JS value
 * cannot be written as (1e999 parses to Infinity, -0, 1e-400).
 */
import { FIELD_LIMITS } from './field-limits';
import type { FuzzRng } from './rng';

/** A number written verbatim into the JSON text (see toJsonText). */
export class RawNumber {
  constructor(readonly token: string) {}
}

const RAW_MARK = '\u0001raw:';

/** JSON text of a value that may hold RawNumber leaves. */
export function toJsonText(value: unknown): string {
  let raw = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawNumber) {
      raw = true;
      return RAW_MARK + v.token;
    }
    return v;
  });
  if (text === undefined) return 'null';
  return raw ? text.replace(/"\\u0001raw:([-+.\deE]+)"/g, '$1') : text;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** Numbers that break code everywhere: zero, one, signs, powers of two, floats, the edges. */
// prettier-ignore
export const BOUNDARY_NUMBERS: readonly unknown[] = [
  0, 1, -1, 2, 3, 0.5, -0.5, 1e-9, 4095, 4096, 4097, 65535, 65536, 65537, 2 ** 31 - 1, 2 ** 31,
  2 ** 32 - 1, 2 ** 32, 2 ** 40, 2 ** 40 - 4096, 2 ** 47, 2 ** 47 - 4096, 2 ** 53, 2 ** 53 - 1,
  2 ** 53 + 2, -(2 ** 53), 2 ** 64, 1e21, 1e308, Number.MAX_VALUE, Number.MIN_VALUE,
  new RawNumber('1e999'), new RawNumber('-1e999'), new RawNumber('-0'), new RawNumber('1e-400'),
  new RawNumber('4096.0000000000000001'), 'NaN', 'Infinity', '-Infinity', '1e3', '0x1000', '',
  ' 4096', '4096', null, true, false, [], {}, [4096],
];

/** A replacement for the number `n` at field `key`. */
export function mutateNumber(rng: FuzzRng, key: string, n: number): unknown {
  const own = FIELD_LIMITS[key];
  const roll = rng.int(10);
  if (own && roll < 4) return rng.pick(own);
  if (roll < 7) return rng.pick(BOUNDARY_NUMBERS);
  return rng.pick([n + 1, n - 1, n * 2, n * 1024, n / 2, -n, n + 0.5, n * 4096]);
}

/** Strings: empty, just past the name/description limits, huge, or odd. */
export function oddString(rng: FuzzRng): string {
  const r = rng.int(16);
  if (r === 0) return 'x'.repeat(rng.pick([10 * MiB, 1 * MiB]));
  if (r < 3) return 'n'.repeat(rng.pick([64, 65, 80, 81, 4000, 4001, 64 * KiB]));
  if (r < 5) return '\u{1F600}'.repeat(rng.pick([32, 33, 40, 41, 2000]));
  // prettier-ignore
  return rng.pick([
    '', ' ', '\u0000', '\ud800', '\u202e', '__proto__', 'constructor', 'toString',
    'hasOwnProperty', 'anon', 'file', 'rw', 'r', 'none', 'hugepage', 'nohugepage', 'always',
    'madvise', 'never', 'custom', 'skylake', 'zen2', 'sequential', 'uniform', 'zipf', 'hotwindow',
    'sparse', 'hotset', 'mmap', 'munmap', 'mprotect', 'madvise', 'stat', 'pageout', 'addr',
    'target', 'user_input', 'free_mem_rate', 'heap', 'stack', 'main', 'buf', '"quoted"',
    '<b>html</b>', '%00', 'a\nb',
  ]);
}

/** Key names to add, rename into, or typo: real ones from elsewhere in the schema and fakes. */
// prettier-ignore
export const KEY_NAMES: readonly string[] = [
  ...Object.keys(FIELD_LIMITS), 'name', 'description', 'machine', 'nodes', 'tlb', 'tlbPreset',
  'l1_4k', 'l1_2m', 'l2', 'holds2m', 'thp', 'enabled', 'sched', 'pcid', 'processes', 'vmas',
  'threads', 'workload', 'kind', 'vma', 'scatter', 'events', 'op', 'prot', 'advice', 'truth',
  'damon', 'targets', 'attrs', 'intervals_goal', 'flushOnMkold', 'schemes', 'action', 'pattern',
  'quota', 'goals', 'metric', 'wmarks', 'filters', 'type', 'matching', 'allow', 'populate',
  '__proto__', 'constructor', 'prototype', '', 'x'.repeat(1000),
];

/** A typo of `key`: case, a dropped or doubled letter, a plural, an added space. */
export function typo(rng: FuzzRng, key: string): string {
  if (key.length === 0) return 'x';
  const i = rng.int(key.length);
  switch (rng.int(6)) {
    case 0:
      return key.toUpperCase();
    case 1:
      return key.slice(0, i) + key.slice(i + 1);
    case 2:
      return key.slice(0, i) + key[i]! + key.slice(i);
    case 3:
      return key.endsWith('s') ? key.slice(0, -1) : key + 's';
    case 4:
      return ` ${key}`;
    default:
      return key.replace(/_/g, '') || key + '_';
  }
}
