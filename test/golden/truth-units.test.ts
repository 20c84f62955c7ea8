/**
 * The truth's own measures on the thpsparse preset (thpsparse.c): both buffers are touched on
 * 16 of every 512 pages, so the truth must show the same sparse picture for `nothp` and `thp`,
 * 1/32 of the pages and 20/32 in DAMON's unit, whatever DAMON makes of the huge pages.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, createSim, getVmas, takeTruthRows } from '../../src/engine';
import { getPreset, toSimConfig } from '../../src/scenario';

describe('thpsparse in the truth', () => {
  const sim = createSim(toSimConfig(getPreset('thpsparse')));
  advanceTo(sim, 3_000_000);
  const rows = takeTruthRows(sim);
  const cr = sim.axis.colRanges;

  /** Coverage and page-weighted DAMON unit of one VMA over the rows after the first second. */
  function measure(name: string): { coverage: number; damonUnit: number } {
    const v = getVmas(sim).find((x) => x.name === name)!;
    let touched = 0;
    let mapped = 0;
    let unit = 0;
    for (let r = 10; r < rows.count; r++) {
      for (let c = 0; c < rows.columns; c++) {
        if (cr[c * 3]! < v.start || cr[c * 3 + 1]! > v.end) continue;
        const i = r * rows.columns + c;
        touched += rows.touchedPages[i]!;
        mapped += rows.mappedPages[i]!;
        unit += rows.damonUnit[i]! * rows.mappedPages[i]!;
      }
    }
    return { coverage: touched / mapped, damonUnit: unit / mapped };
  }

  it.each(['nothp', 'thp'])('shows %s at 1/32 coverage, 20/32 in DAMON units', (name) => {
    const m = measure(name);
    expect(Math.abs(m.coverage - 1 / 32)).toBeLessThan((0.5 / 100) * (1 / 32));
    expect(rows.maxNrAccesses).toBe(20);
    expect(m.damonUnit).toBeCloseTo(20 / 32, 3);
  });
});
