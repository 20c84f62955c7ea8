/**
 * A second opinion on slow decodes. Children time decodes while the other child and the rest
 * of the machine are busy, so after the pool is done the parent re-times every slow one alone
 * (fastest of up to three tries) and keeps only those still over the limit.
 */
import { decodeHash, encodeScenario, readScenarioValue } from '../../src/scenario';
import type { Escape } from './report';

/** The link whose decode was slow: the input itself, or a scenario's own link. */
function linkOf(e: Escape): string | undefined {
  if (e.family === 'links') return e.input;
  const r = readScenarioValue(JSON.parse(e.input));
  return r.ok ? `#${encodeScenario(r.scenario)}` : undefined;
}

/** The fastest of up to three decodes, stopping as soon as the answer is clear. */
export function retimeDecode(e: Escape, limitMs: number): number {
  const link = linkOf(e);
  if (link === undefined) return 0;
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    decodeHash(link);
    const ms = performance.now() - t;
    best = Math.min(best, ms);
    if (best <= limitMs || ms > 3 * limitMs) break;
  }
  return best;
}
