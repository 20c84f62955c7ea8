/**
 * Raw-DEFLATE decompression with a ceiling. A 256 KiB link could otherwise unpack to a
 * quarter of a gigabyte (deflate reaches ~1000:1), so the input is fed in small steps and
 * decoding stops as soon as the output passes the limit.
 */
import { Inflate } from 'fflate';

/** Input bytes per step: one step can produce at most ~8 MiB (deflate's ~1032:1). */
const STEP_BYTES = 8192;

export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: 'too-large' | 'truncated' | 'malformed'; reason: string };

class OutputTooLarge extends Error {}

export function inflateRawCapped(data: Uint8Array, maxBytes: number): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new OutputTooLarge();
    chunks.push(chunk);
  });
  try {
    let offset = 0;
    do {
      const end = Math.min(offset + STEP_BYTES, data.length);
      inflater.push(data.subarray(offset, end), end === data.length);
      offset = end;
    } while (offset < data.length);
  } catch (e) {
    if (e instanceof OutputTooLarge) {
      return { ok: false, problem: 'too-large', reason: `unpacks to more than ${maxBytes} bytes` };
    }
    // fflate's error code 0 is 'unexpected EOF': the stream stops before its last block.
    const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, problem: code === 0 ? 'truncated' : 'malformed', reason };
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, bytes };
}
