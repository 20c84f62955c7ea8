/**
 * Link edits below the base64 (links.ts does the string-level ones): flipped compressed bytes,
 * the scenario JSON cut or damaged and deflated again, deep nesting, other JSON values, and
 * documents just under and over MAX_INFLATED_BYTES.
 */
import { deflateSync, inflateSync } from 'fflate';
import { SCENARIO_VERSION } from '../../src/scenario';
import { decodeBase64url, encodeBase64url } from '../../src/scenario/base64url';
import type { FuzzRng } from './rng';

/** `s=<version>.<data>` for a JSON text, as encodeScenario writes it for a scenario object. */
export function encodeText(text: string, level: 1 | 9 = 9): string {
  const packed = deflateSync(new TextEncoder().encode(text), { level });
  return `s=${SCENARIO_VERSION}.${encodeBase64url(packed)}`;
}

export function splitLink(link: string): { head: string; data: string } {
  const dot = link.indexOf('.');
  return dot < 0
    ? { head: link, data: '' }
    : { head: link.slice(0, dot + 1), data: link.slice(dot + 1) };
}

const heavy = new Map<string, string>();

/** Large documents are deflated once per process: they are the same every time. */
function encodeOnce(key: string, make: () => string): string {
  let link = heavy.get(key);
  if (link === undefined) heavy.set(key, (link = encodeText(make(), 1)));
  return link;
}

function insertAt(s: string, at: number, text: string): string {
  return s.slice(0, at) + text + s.slice(at);
}

/** Up to 2 MiB of nesting (past MAX_INFLATED_BYTES too), which deflate shrinks 1000-fold. */
function deepNesting(rng: FuzzRng): string {
  const n = rng.pick([1000, 100_000, 1_000_000]);
  const open = rng.pick(['[', '{"a":']);
  const inMachine = rng.chance(0.5);
  return encodeOnce(`nest ${n} ${open} ${inMachine}`, () => {
    const close = open === '[' ? ']' : '}';
    const nested = `${open.repeat(n)}0${close.repeat(n)}`;
    return inMachine ? `{"machine":${nested}}` : nested;
  });
}

export function belowBase64(rng: FuzzRng, link: string): string {
  const { data } = splitLink(link);
  const packed = decodeBase64url(data);
  const bytes = packed.ok ? packed.bytes.slice() : new Uint8Array(0);
  // Deep nesting and 4 MiB documents are slow to decode by design: one in 40 each.
  const roll = rng.int(40);
  const r = roll < 13 ? 0 : roll < 25 ? 1 : roll < 36 ? 2 : roll < 38 ? 4 : roll === 38 ? 3 : 5;
  if (r === 0 && bytes.length > 0) {
    for (let k = rng.range(1, 4); k > 0; k--) bytes[rng.int(bytes.length)]! ^= 1 << rng.int(8);
    return `s=${SCENARIO_VERSION}.${encodeBase64url(bytes)}`;
  }
  let text = '{}';
  try {
    text = new TextDecoder().decode(inflateSync(bytes));
  } catch {
    // a base that does not inflate: use {} instead
  }
  if (r === 1) return encodeText(text.slice(0, rng.int(text.length + 1)));
  if (r === 2) {
    const at = rng.int(text.length + 1);
    return encodeText(
      insertAt(text, at, rng.pick(['"', '}', ',', '1e999', '-', '\\', 'null', '\ud800'])),
    );
  }
  if (r === 3) return deepNesting(rng);
  if (r === 4) {
    return encodeText(
      rng.pick([
        'null',
        '[]',
        '"s"',
        '1',
        '{"v":1e999}',
        '{"v":"1"}',
        '{"v":2}',
        '{"v":0}',
        '{"v":-1}',
        '{"v":1.5}',
        '{"v":null}',
        '{"__proto__":{"v":2}}',
      ]),
    );
  }
  const spaces = rng.pick([4 * 2 ** 20 - 2, 4 * 2 ** 20 - 1, 4 * 2 ** 20 + 1]);
  return encodeOnce(`spaces ${spaces}`, () => ' '.repeat(spaces) + '{}');
}
