/**
 * Scenarios in the URL fragment: `#s=<version>.<data>`, where data is the scenario's JSON,
 * raw-DEFLATE compressed (level 9) and base64url encoded without padding. The version sits
 * outside the compressed data so a build can refuse a newer link without unpacking it.
 *
 * decodeHash never throws. Whatever it is given, it returns a scenario or a problem with one
 * sentence for the user; an 'empty' problem means "no scenario in the link", and the app opens
 * the default scenario without showing an error.
 */
import { deflateSync } from 'fflate';
import { decodeBase64url, encodeBase64url } from './base64url';
import { fail, futureVersion, type DecodeProblem, type DecodeResult } from './decode-result';
import { inflateRawCapped } from './inflate';
import { MAX_JSON_DEPTH, scanJson } from './json-depth';
import { readScenarioValue } from './read-scenario';
import type { Scenario } from './schema';
import { formatBytes, KiB, MiB } from './units';
import { SCENARIO_VERSION } from './version';

export { readScenarioValue, type DecodeProblem, type DecodeResult };

/** Longest fragment decodeHash looks at, in characters. */
export const MAX_HASH_LENGTH = 256 * KiB;
/**
 * Largest scenario JSON accepted after decompression: about three times the largest valid
 * scenario (~350 KB: 1,000 VMAs and mmap events, 64 threads, 16 schemes of 16 filters, every
 * name at its limit), and small enough that the worst document decodes in well under 50 ms.
 */
export const MAX_INFLATED_BYTES = 1 * MiB;

/** `s=1.<data>`, ready to be put after '#'. */
export function encodeScenario(s: Scenario): string {
  const json = new TextEncoder().encode(JSON.stringify(s));
  return `s=${SCENARIO_VERSION}.${encodeBase64url(deflateSync(json, { level: 9 }))}`;
}

const CUT_OFF = 'This link seems to be cut off; copy the whole link and try again.';
const DAMAGED = 'This link does not contain a readable scenario; it may have been altered.';

/** Decode a location.hash (with or without '#'), or a whole URL ending in one. */
export function decodeHash(hash: string): DecodeResult {
  try {
    return decodeHashOrThrow(hash);
  } catch (e) {
    return fail('malformed', DAMAGED, [String(e)]);
  }
}

function decodeHashOrThrow(hash: unknown): DecodeResult {
  if (typeof hash !== 'string') return fail('empty', 'There is no scenario in this link.');
  if (hash.length > MAX_HASH_LENGTH) {
    return fail(
      'too-large',
      `This link is too long to open (${formatBytes(hash.length)}; the limit is ` +
        `${formatBytes(MAX_HASH_LENGTH)}).`,
    );
  }
  const param = findScenarioParam(hash);
  if (param === undefined || param === '') {
    return fail('empty', 'There is no scenario in this link.');
  }
  // `<digits>` then `.<data>`; a link cut right after the version has no dot or no data.
  const m = /^(\d+)(?:\.(.*))?$/s.exec(param);
  if (m === null) {
    return fail('malformed', DAMAGED, ['the scenario does not start with a version number']);
  }
  const versionDigits = (m[1] ?? '').replace(/^0+(?=\d)/, '');
  const version = Number(versionDigits);
  const data = m[2] ?? '';
  if (version > SCENARIO_VERSION) return futureVersion(versionDigits);
  if (version < 1) return fail('malformed', DAMAGED, [`there is no scenario version ${version}`]);
  if (data === '') return fail('truncated', CUT_OFF, ['nothing after the version']);

  const packed = decodeBase64url(data);
  if (!packed.ok) {
    return packed.problem === 'cut'
      ? fail('truncated', CUT_OFF, ['the data ends in the middle of a byte'])
      : fail('malformed', DAMAGED, [
          `unexpected character at position ${packed.index} of the data`,
        ]);
  }
  const inflated = inflateRawCapped(packed.bytes, MAX_INFLATED_BYTES);
  if (!inflated.ok) {
    if (inflated.problem === 'too-large') {
      return fail(
        'too-large',
        `This link's scenario unpacks to more than ${formatBytes(MAX_INFLATED_BYTES)}, far ` +
          'more than any real scenario; it was not opened.',
      );
    }
    return fail(inflated.problem, inflated.problem === 'truncated' ? CUT_OFF : DAMAGED, [
      `decompression failed: ${inflated.reason}`,
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return fail('malformed', DAMAGED, ['the data is not UTF-8 text']);
  }
  const shape = scanJson(inflated.bytes, MAX_JSON_DEPTH);
  if (shape.depth > MAX_JSON_DEPTH) {
    return fail('malformed', DAMAGED, [
      `the data nests deeper than ${MAX_JSON_DEPTH} levels; no scenario does`,
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const cut = shape.endsInside || text.trim() === '';
    return fail(cut ? 'truncated' : 'malformed', cut ? CUT_OFF : DAMAGED, [`not JSON: ${reason}`]);
  }
  return readScenarioValue(value, version);
}

/** The value of `s=` among `&`-separated parameters, percent-decoded if it was escaped. */
function findScenarioParam(hash: string): string | undefined {
  const at = hash.indexOf('#');
  const fragment = (at >= 0 ? hash.slice(at + 1) : hash).trim();
  for (const raw of fragment.split('&')) {
    let part = raw;
    if (part.includes('%')) {
      try {
        part = decodeURIComponent(part);
      } catch {
        // Leave it: the base64 check below will name the bad character.
      }
    }
    if (part.startsWith('s=')) return part.slice(2);
  }
  return undefined;
}
