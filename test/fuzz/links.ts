/**
 * Family (c), links: a base link (encodeScenario of a preset or of a scenario input), then one
 * to three edits at the string level: truncation, bit flips, inserted and deleted characters,
 * '=' runs, '%' escapes, runs up to MAX_HASH_LENGTH, versions with many digits, other
 * parameters around `s=`, and edits below the base64 (flipped compressed bytes, damaged JSON
 * re-deflated, deep nesting, an oversized document).
 */
import { MAX_HASH_LENGTH } from '../../src/scenario';
import { belowBase64, splitLink } from './link-payload';
import type { FuzzRng } from './rng';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ODD_CHARS = [
  '=',
  '%',
  '&',
  '#',
  '.',
  '+',
  '/',
  ' ',
  '\n',
  '\t',
  '\u00e9',
  '\ud83d',
  '\u0000',
  '?',
  's',
];

function insertAt(s: string, at: number, text: string): string {
  return s.slice(0, at) + text + s.slice(at);
}

function version(rng: FuzzRng, link: string): string {
  const { data } = splitLink(link);
  const n = rng.pick([2, 20, 400, 5000, 200_000]);
  const digits = rng.pick([
    '1'.repeat(n),
    '0'.repeat(n) + '1',
    '9'.repeat(n),
    '0'.repeat(n),
    '2',
    '0',
    '',
    '-1',
    '1e0',
    '1.5',
    ' 1',
    '٣',
    '1\u0000',
  ]);
  return `s=${digits}.${data}`;
}

function longRun(rng: FuzzRng, link: string): string {
  const c = rng.pick(['A', '=', '0', '%', '-', '_', '&', '.', '%41', '1']);
  const total = rng.pick([
    MAX_HASH_LENGTH - 1,
    MAX_HASH_LENGTH,
    MAX_HASH_LENGTH + 1,
    rng.int(MAX_HASH_LENGTH),
  ]);
  const room = Math.max(0, total - link.length);
  const run = c.repeat(Math.ceil(room / c.length)).slice(0, room);
  return rng.chance(0.5) ? link + run : insertAt(link, rng.int(link.length + 1), run);
}

function equalsRun(rng: FuzzRng, link: string): string {
  const n = rng.logInt(1, MAX_HASH_LENGTH - 6);
  const tail = rng.pick(['', 'A', 'AA', '=A', '%3D', '&']);
  if (rng.chance(0.3)) return `#s=1.${'='.repeat(n)}${tail}`;
  return rng.chance(0.5)
    ? link + '='.repeat(n) + tail
    : insertAt(link, rng.int(link.length + 1), '='.repeat(n));
}

function percent(rng: FuzzRng, link: string): string {
  const r = rng.int(4);
  if (r === 0)
    return link.replace(/[A-Za-z0-9=.]/g, (ch) =>
      rng.chance(0.2) ? '%' + ch.charCodeAt(0).toString(16) : ch,
    );
  if (r === 1) return encodeURIComponent(link.replace(/[\ud800-\udfff]/g, '\ufffd'));
  const bad = rng.pick([
    '%',
    '%G1',
    '%E0%A4%A',
    '%25',
    '%00',
    '%ZZ',
    '%C0%AF',
    '%ED%A0%80',
    '%'.repeat(1000),
  ]);
  return insertAt(link, rng.int(link.length + 1), bad);
}

function params(rng: FuzzRng, link: string): string {
  const before = rng.pick([
    '#',
    'https://mmscope.example/#',
    'x=1&',
    's=&',
    '#s=2.abc&',
    '&&&',
    '#&s',
    'S=1.A&',
    ' ',
    '#'.repeat(3),
  ]);
  const after = rng.pick(['', '&s=1.AAAA', '&x=', '&', '#s=1.', '&'.repeat(10_000)]);
  return before + link + after;
}

/** One string-level edit. `other` is a second base link, for splices. */
export function mutateLinkOnce(rng: FuzzRng, link: string, other: string): string {
  const at = rng.int(link.length + 1);
  switch (rng.int(13)) {
    case 0:
      return link.slice(0, at);
    case 1: {
      if (link.length === 0) return link;
      const i = Math.min(at, link.length - 1);
      const flipped = link.charCodeAt(i) ^ (1 << rng.int(rng.chance(0.9) ? 7 : 16));
      return link.slice(0, i) + String.fromCharCode(flipped) + link.slice(i + 1);
    }
    case 2: {
      const pool = rng.chance(0.5) ? ALPHABET.split('') : ODD_CHARS;
      let s = '';
      for (let k = rng.range(1, 8); k > 0; k--) s += rng.pick(pool);
      return insertAt(link, at, s);
    }
    case 3:
      return link.slice(0, at) + link.slice(at + rng.logInt(1, Math.max(1, link.length)));
    case 4:
      return equalsRun(rng, link);
    case 5:
      return percent(rng, link);
    case 6:
      return longRun(rng, link);
    case 7:
      return version(rng, link);
    case 8:
      return params(rng, link);
    case 9:
      return splitLink(link).head + splitLink(other).data.slice(rng.int(8));
    case 10:
      return link + splitLink(other).data;
    default:
      return belowBase64(rng, link);
  }
}

export function mutateLink(rng: FuzzRng, base: string, other: string): string {
  let link = base;
  for (let n = rng.chance(0.7) ? 1 : rng.range(2, 3); n > 0; n--) {
    link = mutateLinkOnce(rng, link, other);
  }
  return link;
}
