/**
 * Ground truth: what a perfect sampler (ARM SPE-like, bypassing TLB and page tables) would
 * see — the exact number of accesses to every 4 KiB page in each interval — binned into the
 * heatmap's address columns.
 *
 * The address axis is the union of every range the scenario ever maps, per process, with the
 * gaps between them collapsed; each contiguous span gets columns in proportion to its size
 * (at least one). It never changes during a run, so rows stay comparable.
 */
import { PAGE_SIZE, type SimConfig } from './config';
import type { Mm } from './mm/address-space';
import { truthIdx } from './paging/page-table';
import type { AddressAxis, AxisSegment } from './report';

export function buildAxis(cfg: SimConfig, columns: number): AddressAxis {
  const spans: { process: number; start: number; end: number }[] = [];
  cfg.processes.forEach((p, pi) => {
    const ranges = p.vmas.map((v) => [v.start, v.start + v.size] as [number, number]);
    for (const ev of cfg.events)
      if (ev.op === 'mmap' && ev.process === pi)
        ranges.push([ev.vma.start, ev.vma.start + ev.vma.size]);
    ranges.sort((a, b) => a[0] - b[0]);
    for (const [s, e] of ranges) {
      const last = spans[spans.length - 1];
      if (last && last.process === pi && s <= last.end) last.end = Math.max(last.end, e);
      else spans.push({ process: pi, start: s, end: e });
    }
  });
  const total = spans.reduce((a, s) => a + (s.end - s.start), 0);
  const cols = Math.max(columns, spans.length);
  // proportional shares, at least one column each, largest remainders get the rest
  const shares = spans.map((s) =>
    Math.max(1, Math.floor(((s.end - s.start) / Math.max(1, total)) * cols)),
  );
  let extra = cols - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; extra !== 0 && spans.length > 0; i = (i + 1) % spans.length) {
    if (extra > 0) {
      shares[i]!++;
      extra--;
    } else if (shares[i]! > 1) {
      shares[i]!--;
      extra++;
    }
  }
  const segments: AxisSegment[] = [];
  const colRanges = new Float64Array(cols * 3);
  let col = 0;
  spans.forEach((s, i) => {
    const k = shares[i]!;
    const pages = (s.end - s.start) / PAGE_SIZE;
    segments.push({ process: s.process, start: s.start, end: s.end, col0: col, col1: col + k });
    for (let j = 0; j < k; j++, col++) {
      colRanges[col * 3] = s.start + Math.floor((pages * j) / k) * PAGE_SIZE;
      colRanges[col * 3 + 1] = s.start + Math.floor((pages * (j + 1)) / k) * PAGE_SIZE;
      colRanges[col * 3 + 2] = s.process;
    }
  });
  return { columns: cols, segments, colRanges };
}

/** One row of the ground truth, one value per column. */
export interface TruthRow {
  /** Mean accesses per mapped page (NaN where nothing is mapped now). */
  data: Float32Array;
  /** Pages with at least one access in the interval. */
  touched: Float32Array;
  /** Pages mapped now. */
  mapped: Float32Array;
  /** The truth in DAMON's unit (truth-sample.ts; NaN where nothing is mapped). */
  damonUnit: Float32Array;
}

export function newTruthRow(columns: number): TruthRow {
  return {
    data: new Float32Array(columns),
    touched: new Float32Array(columns),
    mapped: new Float32Array(columns),
    damonUnit: new Float32Array(columns),
  };
}

/**
 * Bin the current interval's per-page counters into `row` (data, touched, mapped; the caller
 * fills damonUnit), then clear the counters. Returns the number of pages touched in the
 * interval (the true working set, in pages).
 */
export function binTruthRow(mms: Mm[], axis: AddressAxis, row: TruthRow): number {
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
            const x = t[truthIdx(b + (p & 511))]!;
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
