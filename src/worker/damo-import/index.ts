/**
 * Read a damo record from a file's bytes, in every form damo writes, told apart by content:
 * zlib (0x78: damon.data, "json_compressed"), gzip (0x1f 0x8b: a .json.gz or a gzipped
 * perf-script), JSON ('[' or '{'), and otherwise perf-script text of damon:damon_aggregated
 * events. Pure and bounded (see ./limits); it throws only DamoImportError.
 */
import { DamoImportError } from './errors';
import { inflateCapped } from './inflate';
import { readJsonRecords } from './json-record';
import { MAX_INFLATED_BYTES, MAX_INPUT_BYTES } from './limits';
import { readPerfScript } from './perf-script';
import type { DamoFormat, DamoImport } from './types';

export { DamoImportError } from './errors';
export type { DamoImportProblem } from './errors';
export * from './limits';
export type * from './types';

const MIB = 1024 * 1024;

/**
 * zlib's header: CM 8 (deflate) with a 32 KiB window (0x78), no preset dictionary, and the
 * 16-bit header a multiple of 31 (78 01, 78 5e, 78 9c, 78 da).
 */
function isZlib(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x78 && (b[1]! & 0x20) === 0 && ((b[0] << 8) | b[1]!) % 31 === 0;
}

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

function startsWith(b: Uint8Array, ascii: string): boolean {
  if (b.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (b[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** The first byte that is not whitespace (or a UTF-8 BOM), or -1. */
function firstByte(b: Uint8Array): number {
  let i = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
  for (; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
  }
  return -1;
}

export interface ImportOptions {
  /** Lower caps (for tests, or a smaller budget); the defaults are ./limits. */
  maxInputBytes?: number;
  maxInflatedBytes?: number;
}

export function parseDamoRecord(bytes: Uint8Array, options: ImportOptions = {}): DamoImport {
  const maxInput = options.maxInputBytes ?? MAX_INPUT_BYTES;
  const maxInflated = options.maxInflatedBytes ?? MAX_INFLATED_BYTES;
  if (bytes.length > maxInput) {
    throw new DamoImportError(
      'too-large',
      `the file is ${(bytes.length / MIB).toFixed(1)} MiB, more than the import's cap of ${maxInput / MIB} MiB`,
    );
  }
  if (bytes.length === 0) throw new DamoImportError('truncated', 'the file is empty');
  let body = bytes;
  let packed: 'zlib' | 'gzip' | null = null;
  if (isZlib(bytes)) packed = 'zlib';
  else if (isGzip(bytes)) packed = 'gzip';
  if (packed !== null) {
    try {
      body = inflateCapped(bytes, packed, maxInflated);
    } catch (e) {
      // "x^" or "xx" also pass zlib's header check: text that does not inflate is read as text
      const printable = bytes[1]! >= 0x20 && bytes[1]! < 0x7f;
      if (!(
        e instanceof DamoImportError &&
        e.problem === 'malformed' &&
        packed === 'zlib' &&
        printable
      ))
        throw e;
      packed = null;
    }
  }

  if (startsWith(body, 'PERFILE2')) {
    throw new DamoImportError(
      'malformed',
      'a perf.data file (damo\'s "perf_data" output): convert it first with `perf script -i damon.data > damon.txt`',
    );
  }
  if (startsWith(body, 'damon_recfmt_ver')) {
    throw new DamoImportError(
      'malformed',
      "damo's legacy binary record format (removed from damo in 2023; it has no age): not supported",
    );
  }
  const notes: string[] = [];
  const c = firstByte(body);
  if (c === -1) {
    throw new DamoImportError(
      'truncated',
      packed ? `the ${packed} data unpacks to nothing` : 'the file is blank',
    );
  }
  if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
    const format: DamoFormat =
      packed === 'zlib' ? 'json_compressed' : packed === 'gzip' ? 'json_gzip' : 'json';
    return { format, records: readJsonRecords(body, notes), notes };
  }
  const text = new TextDecoder().decode(body);
  const records = readPerfScript(text, notes);
  return { format: packed === null ? 'perf_script' : `perf_script_${packed}`, records, notes };
}
