/**
 * What a zoom change costs the engine with 16 GiB resident: building the view axis and the
 * truth sampler's column index (done once, at the next row boundary), and binning one row over
 * the zoomed range, beside binning one row over the whole base axis.
 */
import type { Sim } from '../../src/engine';
import { buildViewAxis } from '../../src/engine/axis';
import { binTruthRow, newTruthRow } from '../../src/engine/truth';
import { TruthSampler } from '../../src/engine/truth-sample';

const ms = (f: () => void): number => {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
};

export function runZoomCost(sim: Sim): void {
  const base = sim.baseAxis;
  const columns = Math.max(base.columns, sim.config.truth.columns);
  const mms = sim.machine.mms;
  const cases: [string, number, number][] = [
    ['zoom to 4 MiB (a column per page)', 100, 100 + (4 * 2 ** 20 * base.columns) / 2 ** 34],
    ['zoom to a quarter of the axis', 0, base.columns / 4],
  ];
  console.log(`Zoom re-binning, ${(mms[0]!.pt.ptTables * 2) / 1024} GiB resident`);
  const whole = ms(() => binTruthRow(mms, newTruthRow(base)));
  for (const [name, c0, c1] of cases) {
    const build = ms(() => {
      const axis = buildViewAxis(base, c0, c1, columns);
      new TruthSampler(axis, mms, sim.sampler.sampleUs);
    });
    const axis = buildViewAxis(base, c0, c1, columns);
    const bin = ms(() => binTruthRow(mms, newTruthRow(axis)));
    console.log(
      `  ${name.padEnd(40)} switch ${build.toFixed(2)} ms, a row ${bin.toFixed(2)} ms ` +
        `(the whole axis: ${whole.toFixed(2)} ms)   target: switch < 50 ms`,
    );
  }
}
