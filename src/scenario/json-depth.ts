/**
 * How deeply a JSON text nests, found without parsing it. A 2.6 KB link can unpack to a million
 * nested brackets, which JSON.parse takes half a second to reject or build; a scenario nests
 * a handful of levels, so anything deeper is refused before the parser sees it.
 */

/** Deeper than any scenario (the deepest field is about 7 levels down). */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of objects and arrays in `text`, ignoring brackets inside strings; the
 * scan stops as soon as it passes `stopAbove`.
 */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return deepest;
}
