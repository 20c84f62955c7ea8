/**
 * The ground truth in DAMON's unit. DAMON checks one page per region per sample interval and
 * counts the samples in which it was accessed (nr_accesses, at most aggr / sample per
 * aggregation). An ideal sampler that sees every page exactly (no TLB hiding Accessed bits,
 * no one-page-per-region guess) would report, for a cell of the heatmap,
 *
 *   damonUnit = (sum over samples s of the cell's pages accessed in s) / (pages mapped)
 *               / (samples in the row) x (aggr_interval / sample_interval)
 *
 * that is, the mean share of the cell's pages accessed per sample, on DAMON's scale. This file
 * counts the numerator: every access marks its page "seen in this sample" (bit 15 of its
 * truth counter, page-table.ts / mmu.ts) and lists it the first time; at each sample boundary
 * the listed pages are added to their columns and unmarked. The samples are the scenario's DAMON sample_interval (also when
 * DAMON is off or auto-tunes its own), cut at row ends; a row that is a whole number of
 * samples (every preset) is exact.
 */
import type { Mm } from './mm/address-space';
import { TRUTH_SEEN, truthIdx } from './paging/page-table';
import type { AddressAxis } from './report';

/** Per process: its columns' page ranges, sorted, for vpn -> column. */
interface ColumnIndex {
  startVpn: Float64Array;
  endVpn: Float64Array;
  col: Int32Array;
  /** Per PTE table: the column holding all its 2 MiB, -1 if it straddles, -2 unknown. */
  slotCol: Int32Array;
  /** The PMD index slotCol[s] was found for (tables are reused). */
  slotColPmd: Int32Array;
}

export class TruthSampler {
  /** Pages seen summed over the samples of the current row, per column. */
  readonly touchedSamples: Float64Array;
  /** Samples flushed in the current row. */
  samples = 0;
  nextSampleUs: number;
  private readonly index: ColumnIndex[];

  constructor(
    private readonly axis: AddressAxis,
    mms: Mm[],
    readonly sampleUs: number,
  ) {
    this.touchedSamples = new Float64Array(axis.columns);
    this.nextSampleUs = sampleUs;
    this.index = mms.map((mm, p) => buildIndex(axis, mm, p));
  }

  /** End the current sample: count every page seen in it into its column, unmark them. */
  flush(mms: Mm[]): void {
    mms.forEach((mm, p) => this.flushMm(mm, this.index[p]!));
    this.samples++;
  }

  /** Start a new row. */
  resetRow(): void {
    this.touchedSamples.fill(0);
    this.samples = 0;
  }

  private flushMm(mm: Mm, ix: ColumnIndex): void {
    const pt = mm.pt;
    const truth = pt.truth;
    const acc = this.touchedSamples;
    if (pt.seenOverflow) {
      // more pages than the list holds: sweep every table's counters for the mark
      for (let s = 0; s < pt.ptTables; s++) {
        const live = pt.slotPmd[s]! >= 0;
        const whole = live ? columnOfSlot(pt, ix, s) : -1;
        for (let p = 0; p < 512; p++) {
          const ti = truthIdx((s << 9) | p);
          const x = truth[ti]!;
          if (x < TRUTH_SEEN) continue;
          truth[ti] = x & ~TRUTH_SEEN;
          if (!live) continue; // a table freed in this sample
          const c = whole >= 0 ? whole : columnOfVpn(ix, pt.slotVpn(s) + p);
          if (c >= 0) acc[c]!++;
        }
      }
    } else {
      const list = pt.seenList;
      for (let k = 0; k < pt.seenN; k++) {
        const gi = list[k]!;
        const s = gi >>> 9;
        const ti = truthIdx(gi);
        const x = truth[ti]!;
        // a table freed (and maybe reused) since: its marks went with it, and a page listed
        // twice after a reuse counts once
        if (pt.slotPmd[s]! < 0 || x < TRUTH_SEEN) continue;
        truth[ti] = x & ~TRUTH_SEEN;
        let c = columnOfSlot(pt, ix, s);
        if (c < 0) c = columnOfVpn(ix, pt.slotVpn(s) + (gi & 511));
        if (c >= 0) acc[c]!++;
      }
    }
    pt.seenN = 0;
    pt.seenOverflow = false;
  }
}

function buildIndex(axis: AddressAxis, mm: Mm, p: number): ColumnIndex {
  const cols: number[] = [];
  for (let c = 0; c < axis.columns; c++) if (axis.colRanges[c * 3 + 2] === p) cols.push(c);
  cols.sort((a, b) => axis.colRanges[a * 3]! - axis.colRanges[b * 3]!);
  return {
    startVpn: Float64Array.from(cols, (c) => mm.vpnOf(axis.colRanges[c * 3]!)),
    endVpn: Float64Array.from(cols, (c) => mm.vpnOf(axis.colRanges[c * 3 + 1]!)),
    col: Int32Array.from(cols),
    slotCol: new Int32Array(0),
    slotColPmd: new Int32Array(0),
  };
}

/** The column holding vpn, or -1 (binary search over the process's columns). */
function columnOfVpn(ix: ColumnIndex, vpn: number): number {
  let lo = 0;
  let hi = ix.col.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (vpn < ix.startVpn[mid]!) hi = mid - 1;
    else if (vpn >= ix.endVpn[mid]!) lo = mid + 1;
    else return ix.col[mid]!;
  }
  return -1;
}

/** The column holding all of PTE table s's 2 MiB, or -1 when it straddles (cached per table). */
function columnOfSlot(pt: Mm['pt'], ix: ColumnIndex, s: number): number {
  if (s >= ix.slotCol.length) {
    const n = Math.max(64, pt.ptTables * 2);
    const col = new Int32Array(n).fill(-2);
    col.set(ix.slotCol);
    const pmd = new Int32Array(n).fill(-1);
    pmd.set(ix.slotColPmd);
    ix.slotCol = col;
    ix.slotColPmd = pmd;
  }
  const pmdI = pt.slotPmd[s]!;
  if (ix.slotColPmd[s] === pmdI && ix.slotCol[s] !== -2) return ix.slotCol[s]!;
  const v0 = pt.slotVpn(s);
  const c0 = columnOfVpn(ix, v0);
  const whole = c0 >= 0 && columnOfVpn(ix, v0 + 511) === c0 ? c0 : -1;
  ix.slotCol[s] = whole;
  ix.slotColPmd[s] = pmdI;
  return whole;
}
