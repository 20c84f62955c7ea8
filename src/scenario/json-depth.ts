/**
 * One pass over a JSON document's UTF-8 bytes before it is parsed: how deeply it nests, and
 * whether it stops inside a string, object or array (what a cut-off document looks like;
 * JSON.parse's own messages say that differently in every engine). A 2.6 KB link can unpack to
 * a million nested brackets, which JSON.parse takes half a second to build or reject; a
 * scenario nests a handful of levels, so anything deeper is refused before the parser sees it.
 * Brackets, quotes and backslashes are ASCII, so the bytes can be scanned as they are (which
 * is faster than the decoded string).
 */

/** Deeper than any scenario (the deepest field is about 7 levels down). */
export const MAX_JSON_DEPTH = 32;

export interface JsonShape {
  /** The deepest nesting of objects and arrays (the scan stops once past `maxDepth`). */
  depth: number;
  /** Whether the document ends inside a string, object or array. */
  endsInside: boolean;
}

/** Scan UTF-8 `bytes`, ignoring brackets inside strings; stops once deeper than `maxDepth`. */
export function scanJson(bytes: Uint8Array, maxDepth = Infinity): JsonShape {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > maxDepth) return { depth: deepest, endsInside: true };
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return { depth: deepest, endsInside: inString || depth > 0 };
}

/** The deepest nesting in a JSON text (see scanJson). */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  return scanJson(new TextEncoder().encode(text), stopAbove).depth;
}
