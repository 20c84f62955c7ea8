/**
 * Ground truth: what a perfect sampler (ARM SPE-like, bypassing TLB and page tables) would
 * see — the exact number of accesses to every 4 KiB page in each interval — binned into the
 * heatmap's address columns (axis.ts builds them).
 */
import type { Machine } from './machine';
import type { Mm } from './mm/address-space';
import { MAX_NUMNODES } from './numa/topology';
import { pteIdx, TRUTH_COUNT_MAX, truthIdx } from './paging/page-table';
import { PFN_MASK, PMD_HUGE, PTE_PRESENT } from './paging/pte';
import type { AddressAxis } from './report';

/** One row of the ground truth, one value per column of the axis it was binned on. */
export interface TruthRow {
  axis: AddressAxis;
  /** Mean accesses per mapped page (NaN where nothing is mapped now). */
  data: Float32Array;
  /** Pages with at least one access in the interval. */
  touched: Float32Array;
  /** Pages mapped now. */
  mapped: Float32Array;
  /** The truth in DAMON's unit (truth-sample.ts; NaN where nothing is mapped). */
  damonUnit: Float32Array;
  /**
   * On a machine of several NUMA nodes: the node most of the column's resident pages are on at
   * the row's end (NaN where none is resident); null on one node.
   */
  node: Float32Array | null;
}

export function newTruthRow(axis: AddressAxis, numaNodes = 1): TruthRow {
  const columns = axis.columns;
  return {
    axis,
    data: new Float32Array(columns),
    touched: new Float32Array(columns),
    mapped: new Float32Array(columns),
    damonUnit: new Float32Array(columns),
    node: numaNodes > 1 ? new Float32Array(columns) : null,
  };
}

const perNode = new Float64Array(MAX_NUMNODES);

/**
 * Fill row.node: per column, the node holding most of its resident pages (a PMD-mapped THP
 * counts 512 on its node; the zero page counts nowhere).
 */
export function binNodeRow(m: Machine, row: TruthRow): void {
  const out = row.node;
  if (!out) return;
  const axis = row.axis;
  const cr = axis.colRanges;
  const ph = m.phys;
  for (let c = 0; c < axis.columns; c++) {
    const mm = m.mms[cr[c * 3 + 2]!]!;
    const s = mm.vpnOf(cr[c * 3]!);
    const e = mm.vpnOf(cr[c * 3 + 1]!);
    perNode.fill(0);
    const pt = mm.pt;
    for (const v of mm.vmas) {
      const vs = Math.max(s, v.startVpn);
      const ve = Math.min(e, v.endVpn);
      for (let vpn = vs; vpn < ve;) {
        const next = Math.min(ve, (vpn | 511) + 1);
        const pmdI = pt.pmdIndex(vpn, false);
        if (pmdI >= 0) {
          const pe = pt.pmd[pmdI]!;
          if (pe & PMD_HUGE) {
            if (pe & PTE_PRESENT && !m.isZeroPfn(pe & PFN_MASK))
              perNode[ph.nodeOf(pe & PFN_MASK)]! += next - vpn;
          } else {
            const slot = pt.slot[pmdI]!;
            if (slot >= 0)
              for (let p = vpn; p < next; p++) {
                const q = pt.pte[pteIdx((slot << 9) | (p & 511))]!;
                if (q & PTE_PRESENT && !m.isZeroPfn(q & PFN_MASK))
                  perNode[ph.nodeOf(q & PFN_MASK)]!++;
              }
          }
        }
        vpn = next;
      }
    }
    let best = NaN;
    let most = 0;
    for (let n = 0; n < ph.nodes; n++)
      if (perNode[n]! > most) {
        most = perNode[n]!;
        best = n;
      }
    out[c] = best;
  }
}

/**
 * Bin the current interval's per-page counters into `row` (data, touched, mapped; the caller
 * fills damonUnit), then clear the counters. Returns the number of pages touched in the
 * interval (the true working set, in pages).
 */
export function binTruthRow(mms: Mm[], row: TruthRow): number {
  const axis = row.axis;
  let touched = 0;
  const cr = axis.colRanges;
  for (let c = 0; c < axis.columns; c++) {
    const mm = mms[cr[c * 3 + 2]!]!;
    const s = mm.vpnOf(cr[c * 3]!);
    const e = mm.vpnOf(cr[c * 3 + 1]!);
    let sum = 0;
    let mapped = 0;
    let touchedHere = 0;
    const pt = mm.pt;
    for (const v of mm.vmas) {
      const vs = Math.max(s, v.startVpn);
      const ve = Math.min(e, v.endVpn);
      if (vs >= ve) continue;
      mapped += ve - vs;
      for (let vpn = vs; vpn < ve;) {
        const next = Math.min(ve, (vpn | 511) + 1);
        const pmdI = pt.pmdIndex(vpn, false);
        const slot = pmdI >= 0 ? pt.slot[pmdI]! : -1;
        if (slot >= 0) {
          const t = pt.truth;
          const b = slot << 9;
          for (let p = vpn; p < next; p++) {
            const x = t[truthIdx(b + (p & 511))]! & TRUTH_COUNT_MAX;
            if (x !== 0) {
              sum += x;
              touchedHere++;
            }
          }
        }
        vpn = next;
      }
    }
    row.data[c] = mapped > 0 ? sum / mapped : NaN;
    row.touched[c] = touchedHere;
    row.mapped[c] = mapped;
    touched += touchedHere;
  }
  for (const mm of mms) mm.pt.clearTruth();
  return touched;
}
