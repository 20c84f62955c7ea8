/**
 * zlib (damo's json_compressed damon.data) and gzip (a .json.gz) decompression with a ceiling,
 * the way src/scenario/inflate.ts guards a scenario link: the input is fed in small steps and
 * decoding stops as soon as the output passes the cap, so a bomb never gets to allocate.
 */
import { Gunzip, Unzlib } from 'fflate';
import { DamoImportError } from './errors';

/** Input bytes per step: one step can produce at most ~8 MiB (deflate's ~1032:1). */
const STEP_BYTES = 8192;

class OutputTooLarge extends Error {}

const MIB = 1024 * 1024;

/** Unpack zlib or gzip `data` to at most `maxBytes`, or throw a DamoImportError saying why not. */
export function inflateCapped(
  data: Uint8Array,
  kind: 'zlib' | 'gzip',
  maxBytes: number,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const onData = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > maxBytes) throw new OutputTooLarge();
    chunks.push(chunk);
  };
  const stream = kind === 'zlib' ? new Unzlib(onData) : new Gunzip(onData);
  try {
    let offset = 0;
    do {
      const end = Math.min(offset + STEP_BYTES, data.length);
      stream.push(data.subarray(offset, end), end === data.length);
      offset = end;
    } while (offset < data.length);
  } catch (e) {
    if (e instanceof OutputTooLarge) {
      throw new DamoImportError(
        'too-large',
        `the ${kind} data unpacks to more than ${maxBytes / MIB} MiB (the import's cap)`,
      );
    }
    // fflate's error code 0 is 'unexpected EOF': the stream stops before its last block.
    const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
    const reason = e instanceof Error ? e.message : String(e);
    if (code === 0) {
      throw new DamoImportError(
        'truncated',
        `the file ends early (truncated?): the ${kind} stream stops after ${total} unpacked bytes`,
      );
    }
    throw new DamoImportError('malformed', `the ${kind} data does not decompress (${reason})`);
  }
  if (kind === 'gzip' && total === 0 && data.length < 18) {
    throw new DamoImportError('truncated', 'the file ends early (truncated?): a gzip header alone');
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
