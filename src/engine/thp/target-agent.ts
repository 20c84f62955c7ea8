/**
 * Seed 002's user-space target selection, run as a simulated program beside kdamond: every
 * `interval_ms` it rewrites the `addr` filters of one DAMOS scheme (as a sysfs commit would,
 * damos_commit_filters) with the 2 MiB ranges it chose.
 *
 *  - spe: the series' pipeline. An SPE-like sampler takes one access in `sample_period`, by
 *    physical address, past the TLB and page tables (so T1 and T2 do not blind it); samples
 *    are binned per 2 MiB into a hot fraction (sub-pages sampled / 512); PA -> VA goes through
 *    the page tables, as /proc/<pid>/pagemap would; a THP-backed range with a hot fraction
 *    below `sparse_pct` becomes a target.
 *  - smaps: the fallback without SPE. Every THP-backed 2 MiB range (AnonHugePages in smaps)
 *    becomes a target.
 *
 * Simplified: the samples are drawn from the ground truth's per-page counts of each finished
 * truth interval (each access is sampled with probability 1 / sample_period, from the run's
 * seeded generator), not from a per-access hook, and the PA -> VA step is exact. Adjacent
 * targets are merged into one filter; a scheme holds at most 16 filters, so past 16 runs the
 * largest 16 are kept.
 */
import {
  HPAGE_PMD_NR,
  HPAGE_PMD_ORDER,
  PAGE_SIZE,
  type DamosFilter,
  type TargetAgentConfig,
} from '../config';
import type { DamosScheme } from '../damon/damos';
import { damosSetFiltersDefaultReject } from '../damon/damos-filter';
import type { Machine } from '../machine';
import { forEachAlignedBlock, mappedThpPmd } from '../mm/walk';
import { TRUTH_COUNT_MAX, truthIdx } from '../paging/page-table';
import { createRng, nextU32, type Rng, STREAM_AGENT } from '../rng';

const MAX_FILTERS = 16;

export class TargetAgent {
  readonly cfg: TargetAgentConfig;
  readonly rng: Rng;
  nextRunUs: number;
  runs = 0;
  /** Samples taken in the current window, and per 2 MiB range the sub-pages they hit. */
  samples = 0;
  private readonly hit = new Map<number, Uint32Array>();
  /** The ranges of the last commit, as [process, start, end) byte ranges. */
  lastTargets: { process: number; start: number; end: number }[] = [];

  constructor(cfg: TargetAgentConfig, seed: number) {
    this.cfg = cfg;
    this.rng = createRng(seed, STREAM_AGENT);
    this.nextRunUs = Math.max(1, cfg.interval_ms) * 1000;
  }

  /** Before its first run the program has chosen nothing: the scheme applies nowhere. */
  init(scheme: DamosScheme): void {
    commitAddrFilters(scheme, []);
  }

  /** At a truth interval's end (before its counters are cleared): the SPE samples of it. */
  sampleInterval(m: Machine): void {
    if (this.cfg.kind !== 'spe') return;
    const p = 1 / this.cfg.sample_period;
    m.mms.forEach((mm, proc) => {
      const pt = mm.pt;
      for (let s = 0; s < pt.ptTables; s++) {
        const vpn0 = pt.slotVpn(s);
        if (vpn0 < 0) continue;
        for (let i = 0; i < HPAGE_PMD_NR; i++) {
          const c = pt.truth[truthIdx((s << 9) | i)]! & TRUTH_COUNT_MAX;
          if (c === 0) continue;
          // P(at least one of c accesses sampled)
          const q = c * p >= 1 ? 1 : 1 - Math.pow(1 - p, c);
          if (nextU32(this.rng) / 2 ** 32 >= q) continue;
          this.samples++;
          const key = proc * 2 ** 19 + vpn0 / HPAGE_PMD_NR;
          let bits = this.hit.get(key);
          if (!bits) this.hit.set(key, (bits = new Uint32Array(HPAGE_PMD_NR / 32)));
          bits[i >>> 5]! |= 1 << (i & 31);
        }
      }
    });
  }

  /** Choose the targets and commit them as the scheme's addr filters. */
  run(m: Machine, scheme: DamosScheme, nowUs: number): void {
    this.runs++;
    this.nextRunUs = nowUs + Math.max(1, this.cfg.interval_ms) * 1000;
    const targets: { process: number; start: number; end: number }[] = [];
    m.mms.forEach((mm, proc) => {
      forEachAlignedBlock(mm, HPAGE_PMD_ORDER, (_v, a) => {
        if (mappedThpPmd(m, mm, a) < 0) return; // not THP-backed
        if (this.cfg.kind === 'spe') {
          const bits = this.hit.get(proc * 2 ** 19 + a / HPAGE_PMD_NR);
          let n = 0;
          if (bits) for (const w of bits) n += popcount(w);
          if ((n * 100) / HPAGE_PMD_NR >= this.cfg.sparse_pct) return; // dense: keep it
        }
        const start = mm.addrOf(a);
        const last = targets[targets.length - 1];
        if (last && last.process === proc && last.end === start)
          last.end += HPAGE_PMD_NR * PAGE_SIZE;
        else targets.push({ process: proc, start, end: start + HPAGE_PMD_NR * PAGE_SIZE });
      });
    });
    this.hit.clear();
    this.samples = 0;
    const kept = [...targets]
      .sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start)
      .slice(0, MAX_FILTERS)
      .sort((x, y) => x.process - y.process || x.start - y.start);
    this.lastTargets = kept;
    commitAddrFilters(scheme, kept);
  }
}

function popcount(w: number): number {
  let x = w - ((w >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Replace the scheme's addr filters by allow filters on `ranges` (its other filters stay).
 * No range: the scheme gets no addr filter at all, and an allow-only filter list would then
 * let every region through; so an empty choice commits one filter that matches nothing
 * instead, and the scheme applies nowhere, as the program means.
 */
function commitAddrFilters(s: DamosScheme, ranges: { start: number; end: number }[]): void {
  const addr = (start: number, end: number, allow: boolean): DamosFilter => ({
    type: 'addr',
    matching: true,
    allow,
    addr_start: start,
    addr_end: end,
    target_idx: 0,
    min: 0,
    max: 0,
  });
  const keep = s.coreFilters.filter((f) => f.type !== 'addr');
  const next =
    ranges.length > 0 ? ranges.map((r) => addr(r.start, r.end, true)) : [addr(0, 1, true)];
  s.coreFilters.splice(0, s.coreFilters.length, ...next, ...keep);
  [s.coreDefaultReject, s.opsDefaultReject] = damosSetFiltersDefaultReject(
    s.coreFilters,
    s.opsFilters,
  );
}
