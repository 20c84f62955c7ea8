/**
 * Random bytes, truncations and byte flips of real records: the importer returns or throws its
 * own DamoImportError, never anything else, and never takes long. (`npm run fuzz` is the place
 * for long runs; these keep the unit suite quick on two cores.)
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DamoImportError, parseDamoRecord } from '../../src/worker/damo-import';

const FIX = new URL('../fixtures/damo/', import.meta.url);
const guest = new Uint8Array(readFileSync(new URL('guest-6.12-vaddr-hotwin/damon.data', FIX)));
// the first two aggregations of the host perf-script (1545 + 1574 lines) and one more line
const perfText = gunzipSync(
  readFileSync(new URL('host-6.18-paddr-hotwin/damon.perf_script.gz', FIX)),
)
  .toString('utf8')
  .split('\n')
  .slice(0, 3120)
  .join('\n');
const perf = new TextEncoder().encode(perfText);
// a small JSON record: the guest's first five snapshots
const guestJson = JSON.parse(inflateSync(guest).toString('utf8')) as { snapshots: unknown[] }[];
guestJson[0]!.snapshots = guestJson[0]!.snapshots.slice(0, 5);
const json = new TextEncoder().encode(JSON.stringify(guestJson));
const jsonZ = zlibSync(json);

const MAX_MS = 1000;

/** Parse within MAX_MS; a throw other than DamoImportError fails the property. */
function survives(bytes: Uint8Array): void {
  const t0 = performance.now();
  try {
    parseDamoRecord(bytes);
  } catch (e) {
    if (!(e instanceof DamoImportError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
  }
  expect(performance.now() - t0).toBeLessThan(MAX_MS);
}

const flips = (base: Uint8Array) =>
  fc
    .array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 1, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((edits) => {
      const b = base.slice();
      for (const [at, x] of edits) b[at] = b[at]! ^ x;
      return b;
    });

describe('fuzz: the importer never escapes with anything but DamoImportError', () => {
  it("random bytes, also behind each form's first bytes", () => {
    const prefixes = [
      [],
      [0x78, 0x9c],
      [0x1f, 0x8b, 8, 0],
      [0x5b],
      [0x7b],
      [...new TextEncoder().encode('x 1.0: damon:damon_aggregated: ')],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 2048 }), (p, tail) => {
        const b = new Uint8Array(p.length + tail.length);
        b.set(p);
        b.set(tail, p.length);
        survives(b);
      }),
      { numRuns: 2000, seed: 13 },
    );
  });

  it('truncations of the real damon.data, the JSON and the perf-script', () => {
    for (const base of [guest, json, perf]) {
      fc.assert(
        fc.property(fc.nat({ max: base.length }), (n) => {
          const cut = base.subarray(0, n);
          survives(cut);
          // a cut-off JSON or zlib stream is always refused as truncated, never read half
          if (base !== perf && n < base.length) {
            expect(() => parseDamoRecord(cut)).toThrow(DamoImportError);
          }
        }),
        { numRuns: 60, seed: 13 },
      );
    }
  });

  it('byte flips of the JSON, the zlib-compressed JSON and the perf-script', () => {
    for (const base of [json, jsonZ, perf]) {
      fc.assert(fc.property(flips(base), survives), { numRuns: 300, seed: 13 });
    }
  });
});
