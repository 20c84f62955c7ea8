/**
 * "Did you mean 'attrs'?" for a misspelt field: the known name nearest to what was written,
 * by edit distance (insertions, deletions, substitutions and swaps of neighbours, ignoring
 * case), offered only when it is near enough to be a typo:
 *
 * - one edit for words of up to 4 characters ('pcd' → 'pcid', 'hihg' → 'high', but 'rate'
 *   is not 'name'), otherwise 2 edits or a third of the word's length, whichever is more;
 * - fewer edits than either word has characters, so 'x' does not suggest 'v'.
 */

function allowedEdits(length: number): number {
  return length <= 4 ? 1 : Math.max(2, Math.floor(length / 3));
}

/**
 * Optimal-string-alignment distance of `a` and `b`, or `limit + 1` when the lengths alone
 * show it exceeds `limit`. closestName only passes words shorter than twice a known name, so
 * the table is small.
 */
function distanceUpTo(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

/** The name in `known` nearest to `word` if one is near enough, else undefined. */
export function closestName(word: string, known: readonly string[]): string | undefined {
  // Fewer edits than the name is long means the word is shorter than twice the name.
  if (!known.some((name) => word.length < 2 * name.length)) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const limit = Math.min(allowedEdits(word.length), word.length - 1, name.length - 1);
    if (limit < 0) continue;
    const d = distanceUpTo(w, name.toLowerCase(), limit);
    if (d <= limit && d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
